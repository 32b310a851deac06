#!/usr/bin/env bash
# rxlog check (default threads, --threads 1, --threads 2) vs wc -l vs mawk, and goaccess and lnav when installed,
# on the same file, in one batch.
#   bench/compare.sh [LINES]           (default 1000000)
# Env: RXLOG (binary, default dist/rxlog of this checkout, built with ./publish.sh when missing),
#      BENCH_DIR (where logs are generated and kept for reuse, default ${TMPDIR:-/tmp}/rxlog-bench),
#      RUNS (timed runs per tool, default 5), NO_HYPERFINE=1 (use the /usr/bin/time loop even if hyperfine is there),
#      NO_PEERS=1 (leave out goaccess and lnav even when installed: on 5,000,000 lines GoAccess alone takes minutes).
# Needs bash, python3, mawk, /usr/bin/time (Debian package `time`); uses hyperfine when installed.
# Prints a table (median seconds, lines/s, ratios to wc -l and mawk, peak RSS) and checks that rxlog's counts
# equal mawk's (hits, bytes, status classes, sections); exits 1 on a mismatch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lines=${1:-1000000}
rxlog=${RXLOG:-$here/../dist/rxlog}
if [ ! -x "$rxlog" ] && [ -z "${RXLOG:-}" ]; then "$here/../publish.sh" "$here/../dist" >&2; fi
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/rxlog-bench}
runs=${RUNS:-5}
awkprog=$here/sections.awk

for tool in "$rxlog" mawk python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare.sh: missing $tool" >&2; exit 2; }
done
mkdir -p "$dir"
file=$dir/combined-$lines.log
out=$dir/out-$lines
mkdir -p "$out"

# Generate (or reuse). `generate -o` appends, so write to a fresh .part and rename.
if [ ! -s "$file" ] || [ "$(wc -l < "$file")" -ne "$lines" ]; then
  rm -f "$file" "$file.part"
  echo "generating $file ($lines lines, rate 200, combined)" >&2
  "$rxlog" generate --lines "$lines" --rate 200 --output-format combined -o "$file.part"
  mv "$file.part" "$file"
fi
cat "$file" > /dev/null   # warm the page cache

size=$(stat -c %s "$file")
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uname -srm)  nproc=$(nproc)  mem=$(free -g | awk '/^Mem:/{print $2}')G"
echo "# rxlog $("$rxlog" --version)  mawk $(mawk -W version 2>&1 | head -1 | awk '{print $2}')  hyperfine $(hyperfine --version 2>/dev/null | awk '{print $2}' || echo none)"
echo "# file $file: $lines lines, $size bytes"

names=("wc -l" "mawk" "rxlog check" "rxlog --threads 1" "rxlog --threads 2")
cmds=(
  "wc -l '$file'"
  "mawk -f '$awkprog' '$file'"
  "'$rxlog' check '$file' --threshold 1000000 --json"
  "'$rxlog' check '$file' --threshold 1000000 --json --threads 1"
  "'$rxlog' check '$file' --threshold 1000000 --json --threads 2"
)
# Other log analysers, only where installed (Debian: apt-get install goaccess lnav). Neither is checked for counts.
# goaccess: its whole report as JSON (a file, so nothing is drawn); it counts a line whose client is a host name
# (about 6 % of generated lines) as invalid, and its totals are printed after the table. lnav: headless, one SQL
# count over its access_log table, so it indexes and parses every line.
rm -f "$out/goaccess.json"
if [ -n "${NO_PEERS:-}" ]; then
  echo "# goaccess, lnav: NO_PEERS set, rows skipped"
else
  if command -v goaccess >/dev/null; then
    names+=("goaccess")
    cmds+=("goaccess '$file' --log-format=COMBINED --no-global-config --no-progress -o '$out/goaccess.json'")
  else
    echo "# goaccess: not installed, row skipped (apt-get install goaccess)"
  fi
  if command -v lnav >/dev/null; then
    names+=("lnav")
    cmds+=("lnav -n -c ';SELECT count(*) FROM access_log' '$file'")
  else
    echo "# lnav: not installed, row skipped (apt-get install lnav)"
  fi
fi

# Times: one hyperfine batch (all tools, same file, interleaved in one run), else a bash loop.
times_json=$out/times.json
if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
  hf=()
  for i in "${!cmds[@]}"; do hf+=(-n "${names[$i]}" "${cmds[$i]} > /dev/null"); done
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$times_json" "${hf[@]}" >&2
else
  echo "no hyperfine (or NO_HYPERFINE set): timing with /usr/bin/time in a loop, 10 ms resolution" >&2
  python3 - "$times_json" "$runs" "${names[@]}" -- "${cmds[@]}" <<'EOF'
import json, subprocess, sys
path, runs = sys.argv[1], int(sys.argv[2])
sep = sys.argv.index("--")
names, cmds = sys.argv[3:sep], sys.argv[sep + 1:]
res = {n: [] for n in names}
for n, c in zip(names, cmds):
    subprocess.run(c + " > /dev/null", shell=True, check=True)          # warmup
for _ in range(runs):                                                   # round-robin: tools see the same noise
    for n, c in zip(names, cmds):
        p = subprocess.run(["/usr/bin/time", "-f", "%e,%M", "sh", "-c", c + " > /dev/null"],
                           stderr=subprocess.PIPE, text=True, check=True)
        res[n].append(float(p.stderr.strip().splitlines()[-1].split(",")[0]))
json.dump({"results": [{"command": n, "times": t} for n, t in res.items()]}, open(path, "w"))
EOF
fi

# Peak RSS (KiB): three runs each under /usr/bin/time, the median.
rss_file=$out/rss.txt
: > "$rss_file"
for i in "${!cmds[@]}"; do
  for _ in 1 2 3; do
    /usr/bin/time -f "${names[$i]}|%M" -a -o "$rss_file" sh -c "exec ${cmds[$i]} > /dev/null"
  done
done

python3 - "$times_json" "$rss_file" "$lines" <<'EOF'
import json, statistics, sys
res = json.load(open(sys.argv[1]))["results"]
times = {r["command"]: r["times"] for r in res}
cpu = {r["command"]: r["user"] + r["system"] for r in res if "user" in r}   # hyperfine only
rss = {}
for line in open(sys.argv[2]):
    if "|" in line:
        n, k = line.rstrip("\n").rsplit("|", 1)
        rss.setdefault(n, []).append(int(k))
lines = int(sys.argv[3])
med = {n: statistics.median(t) for n, t in times.items()}
wc, mk = med["wc -l"], med["mawk"]
w = max(12, *(len(n) for n in med))
print(f"{'tool':<{w}} {'median s':>9} {'min s':>7} {'max s':>7} {'lines/s':>12} {'x wc -l':>8} {'x mawk':>7}"
      f" {'cpu s':>7} {'cpu x mawk':>10} {'peak RSS':>9}")
for n, m in med.items():
    r = statistics.median(rss[n]) / 1024
    c = f"{cpu[n]:>7.3f} {cpu[n] / cpu['mawk']:>10.2f}" if cpu else f"{'-':>7} {'-':>10}"
    print(f"{n:<{w}} {m:>9.3f} {min(times[n]):>7.3f} {max(times[n]):>7.3f} {lines / m:>12,.0f} "
          f"{m / wc:>8.1f} {m / mk:>7.2f} {c} {r:>7.1f}MB")
print(f"(wall-clock medians of {len(times['mawk'])} runs; cpu = hyperfine's mean user+sys; peak RSS = median of 3)")
EOF

# Correctness: the same counts from both (a --top that lists every section, so section totals are exact).
echo "# counts: rxlog check --top 100000 --json vs mawk"
mawk -f "$awkprog" "$file" > "$out/mawk.txt"
"$rxlog" check "$file" --threshold 1000000 --top 100000 --json > "$out/rxlog.jsonl"
python3 "$here/verify.py" "$out/mawk.txt" "$out/rxlog.jsonl"
if [ -s "$out/goaccess.json" ]; then
  python3 - "$out/goaccess.json" <<'EOF'
import json, sys
g = json.load(open(sys.argv[1]))["general"]
print(f"# goaccess (counts not verified): total {g['total_requests']}, valid {g['valid_requests']}, failed {g['failed_requests']}")
EOF
fi
