#!/usr/bin/env bash
# Startup, binary size, "idle time costs nothing" (dense vs sparse log of the same lines), peak RSS.
#   bench/extras.sh [SPARSE_LINES] [RSS_LINES]     (defaults 200000 and 1000000)
# Env: RXLOG, BENCH_DIR as in compare.sh; IDLE_RUNS (runs per command in the dense/sparse batch, default 15). Needs hyperfine, python3, /usr/bin/time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-200000}
big=${2:-1000000}
rxlog=${RXLOG:-$(cd "$(dirname "$0")" && pwd)/../dist/rxlog}
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/rxlog-bench}
mkdir -p "$dir"
for tool in "$rxlog" hyperfine python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "extras.sh: missing $tool" >&2; exit 2; }
done

gen() {  # gen LINES FILE: `generate -o` appends, so write a fresh .part and rename
  if [ ! -s "$2" ] || [ "$(wc -l < "$2")" -ne "$1" ]; then
    rm -f "$2" "$2.part"
    "$rxlog" generate --lines "$1" --rate 200 --output-format combined -o "$2.part"
    mv "$2.part" "$2"
  fi
}

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uname -srm)  nproc=$(nproc)  mem=$(free -g | awk '/^Mem:/{print $2}')G"
echo "# rxlog $("$rxlog" --version)"

echo "## startup (hyperfine -N --warmup 3 --runs 30)"
tiny=$dir/tiny-10.log
gen 10 "$tiny"
hyperfine --style basic -N --warmup 3 --runs 30 --export-json "$dir/startup.json" \
  -n 'rxlog --version' "$rxlog --version" -n 'rxlog check 10 lines' "$rxlog check $tiny --json" \
  -n 'mawk BEGIN{}' "mawk 'BEGIN{}'" -n 'mawk sections.awk 10 lines' "mawk -f $here/sections.awk $tiny" >&2
python3 - "$dir/startup.json" <<'EOF'
import json, statistics, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
m = {k: statistics.median(v["times"]) * 1000 for k, v in r.items()}
for k, v in m.items():
    print(f"  {k:<26} median {v:7.2f} ms  (min {min(r[k]['times'])*1000:.2f}, max {max(r[k]['times'])*1000:.2f})")
print(f"  rxlog --version / mawk BEGIN{{}}: {m['rxlog --version'] / m['mawk BEGIN{}']:.1f}x;"
      f"  check / awk on 10 lines: {m['rxlog check 10 lines'] / m['mawk sections.awk 10 lines']:.1f}x")
EOF

echo "## binary size"
bytes=$(stat -L -c %s "$rxlog")
echo "  $rxlog: $bytes bytes ($(( bytes / 1024 / 1024 )) MiB)"

echo "## idle time: dense vs sparse, $n lines each (sparse: +30 days every 1000 lines)"
dense=$dir/dense-$n.log
sparse=$dir/sparse-$n.log
gen "$n" "$dense"
[ -s "$sparse" ] && [ "$sparse" -nt "$dense" ] || python3 "$here/make_sparse.py" "$dense" "$sparse"
cat "$dense" "$sparse" > /dev/null
echo "  dense:  $(head -c 60 "$dense" | sed -n 's/.*\[\(.*\)\].*/\1/p' | head -1) .. $(tail -n1 "$dense" | sed -n 's/.*\[\([^]]*\)\].*/\1/p')"
echo "  sparse: $(head -c 60 "$sparse" | sed -n 's/.*\[\(.*\)\].*/\1/p' | head -1) .. $(tail -n1 "$sparse" | sed -n 's/.*\[\([^]]*\)\].*/\1/p')"
# Two pairs: a threshold never reached, and --threshold 5 (a 1000-line block averages 8.3 hits/s over the
# 120 s window, so an alert fires in every block and must recover inside every 30-day gap; exit 1, hence -i).
hyperfine --style basic -i --warmup 1 --runs "${IDLE_RUNS:-15}" --export-json "$dir/idle.json" \
  -n 'wc -l dense' "wc -l '$dense'" \
  -n 'wc -l sparse' "wc -l '$sparse'" \
  -n 'check dense' "'$rxlog' check '$dense' --threshold 1000000 --json > /dev/null" \
  -n 'check sparse' "'$rxlog' check '$sparse' --threshold 1000000 --json > /dev/null" \
  -n 'check dense, alerts' "'$rxlog' check '$dense' --threshold 5 --json > /dev/null" \
  -n 'check sparse, alerts' "'$rxlog' check '$sparse' --threshold 5 --json > /dev/null" >&2
python3 - "$dir/idle.json" <<'EOF'
import json, statistics, sys
res = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
med = {k: statistics.median(x["times"]) for k, x in res.items()}
mn = {k: min(x["times"]) for k, x in res.items()}
cpu = {k: x["user"] + x["system"] for k, x in res.items()}
print(f"  {'':<22} {'median s':>9} {'min s':>7} {'cpu s':>7}   (cpu = mean user+sys)")
for k in res:
    print(f"  {k:<22} {med[k]:>9.3f} {mn[k]:>7.3f} {cpu[k]:>7.3f}")
for label, a, b in (("threshold never reached", "check sparse", "check dense"),
                    ("--threshold 5, alerts", "check sparse, alerts", "check dense, alerts")):
    print(f"  sparse / dense ({label}): median {med[a] / med[b]:.2f}x, min {mn[a] / mn[b]:.2f}x, cpu {cpu[a] / cpu[b]:.2f}x")
EOF
summ() { "$rxlog" check "$1" --threshold 5 --json | python3 "$here/summarize.py"; }
echo "  dense  (--threshold 5): $(summ "$dense" || true)"
echo "  sparse (--threshold 5): $(summ "$sparse" || true)"

echo "## peak RSS of rxlog check (median of 3, /usr/bin/time %M)"
gen "$big" "$dir/combined-$big.log"
for f in "$dense" "$sparse" "$dir/combined-$big.log"; do
  k=$(for _ in 1 2 3; do /usr/bin/time -f %M "$rxlog" check "$f" --threshold 1000000 --json 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 2p)
  echo "  $(basename "$f") ($(wc -l < "$f") lines): $(( k / 1024 )) MB"
done

echo "## JIT tiering on the $big-line log (a diagnosis for the owner: runtime knobs, same binary)"
f=$dir/combined-$big.log
hyperfine --style basic -N --warmup 1 --runs "${IDLE_RUNS:-15}" --export-json "$dir/tiering.json" \
  -n 'default' "$rxlog check $f --threshold 1000000 --json" \
  -n 'DOTNET_TieredPGO=0' "env DOTNET_TieredPGO=0 $rxlog check $f --threshold 1000000 --json" \
  -n 'DOTNET_TieredCompilation=0' "env DOTNET_TieredCompilation=0 $rxlog check $f --threshold 1000000 --json" >&2
python3 - "$dir/tiering.json" <<'EOF'
import json, statistics, sys
res = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
d = res["default"]
for k, x in res.items():
    med, cpu = statistics.median(x["times"]), x["user"] + x["system"]
    print(f"  {k:<28} median {med:6.3f} s  cpu {cpu:6.3f} s   x default: median "
          f"{med / statistics.median(d['times']):.2f}, cpu {cpu / (d['user'] + d['system']):.2f}")
EOF
