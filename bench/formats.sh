#!/usr/bin/env bash
# Speed of each parser on the same traffic: one generated log written in every format rxlog reads, timed in one batch.
#   bench/formats.sh [LINES]           (default 1000000)
# Env: RXLOG (binary, default dist/rxlog of this checkout, built with ./publish.sh when missing),
#      BENCH_DIR (where logs are generated and kept for reuse, default ${TMPDIR:-/tmp}/rxlog-bench),
#      RUNS (timed runs per command, default 5).
# Needs bash, python3, mawk, hyperfine.
# Files (in BENCH_DIR, reused when present): combined-N.log (the same file compare.sh uses: --rate 200, --seed 1),
# w3c-N.log and json-N.log (`rxlog generate`, same arguments, so the same hits), and from the combined file, by
# formats.awk: vhost-N.log (vhost_combined), nginx-N.log and apache-N.log (custom formats, below). The regex row reads
# the combined file with --regex.
# Before timing, every rxlog command runs once: its summary must say hits == LINES and invalid == 0, and its report
# events must equal those of the combined run (ignoring response_time, which only the nginx and Apache files carry);
# exits 1 otherwise. Then one hyperfine batch (-N --warmup 1 --runs RUNS) and a table of ratios.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lines=${1:-1000000}
rxlog=${RXLOG:-$here/../dist/rxlog}
if [ ! -x "$rxlog" ] && [ -z "${RXLOG:-}" ]; then "$here/../publish.sh" "$here/../dist" >&2; fi
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/rxlog-bench}
runs=${RUNS:-5}

for tool in "$rxlog" mawk python3 hyperfine; do
  command -v "$tool" >/dev/null || { echo "formats.sh: missing $tool" >&2; exit 2; }
done
case "$dir$rxlog" in *[[:space:]\'\"]*) echo "formats.sh: BENCH_DIR and RXLOG must not contain spaces or quotes" >&2; exit 2;; esac
mkdir -p "$dir"
out=$dir/formats-out-$lines
mkdir -p "$out"

nginx_format='$time_iso8601 $status "$request" rt=$request_time $body_bytes_sent "$http_user_agent" $remote_addr'
apache_format='%h %u [%{%Y-%m-%d %H:%M:%S}t] %D "%r" %>s %B'
regex='^(?<client>\S+) \S+ \S+ \[(?<time>[^\]]+)\] "(?<request>[^"]*)" (?<status>\d{3}) (?<bytes>\d+|-)'

combined=$dir/combined-$lines.log
w3c=$dir/w3c-$lines.log
json=$dir/json-$lines.log
vhost=$dir/vhost-$lines.log
nginx=$dir/nginx-$lines.log
apache=$dir/apache-$lines.log

# Generate (or reuse). Each file is written to a .part and renamed, so a file that exists is complete.
generate() {   # FORMAT FILE
  [ -s "$2" ] && return 0
  echo "generating $2 ($lines lines, rate 200, seed 1, $1)" >&2
  rm -f "$2.part"
  "$rxlog" generate --lines "$lines" --rate 200 --seed 1 --output-format "$1" -o "$2.part"
  mv "$2.part" "$2"
}
if [ -s "$combined" ] && [ "$(wc -l < "$combined")" -ne "$lines" ]; then rm -f "$combined"; fi
if [ ! -s "$combined" ]; then rm -f "$vhost" "$nginx" "$apache"; fi   # derived from it
generate combined "$combined"
generate w3c "$w3c"
generate json "$json"
if [ ! -s "$vhost" ] || [ ! -s "$nginx" ] || [ ! -s "$apache" ]; then
  echo "deriving $vhost, $nginx, $apache from $combined (formats.awk)" >&2
  mawk -v vhost="$vhost.part" -v nginx="$nginx.part" -v apache="$apache.part" -f "$here/formats.awk" "$combined"
  mv "$vhost.part" "$vhost"; mv "$nginx.part" "$nginx"; mv "$apache.part" "$apache"
fi

# Single quotes for hyperfine -N (which splits like a POSIX shell and expands nothing) and for eval below.
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
check="$rxlog check"
opts="--threshold 1000000 --json"
names=(); files=(); cmds=()
add() { names+=("$1"); files+=("$2"); cmds+=("$3"); }
add "wc -l"                "$combined" "wc -l $combined"
add "combined"             "$combined" "$check $combined $opts --threads 1"
add "combined --threads 2" "$combined" "$check $combined $opts --threads 2"
add "vhost_combined"       "$vhost"    "$check $vhost $opts --threads 1"
add "w3c"                  "$w3c"      "$check $w3c $opts --threads 1"
add "json"                 "$json"     "$check $json $opts --threads 1"
add "json --threads 2"     "$json"     "$check $json $opts --threads 2"
add "nginx log_format"     "$nginx"    "$check $nginx $opts --threads 1 --log-format $(q "$nginx_format")"
add "apache LogFormat"     "$apache"   "$check $apache $opts --threads 1 --log-format $(q "$apache_format")"
add "regex (combined)"     "$combined" "$check $combined $opts --threads 1 --regex $(q "$regex")"

for f in "${files[@]}"; do cat "$f" > /dev/null; done   # warm the page cache

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uname -srm)  nproc=$(nproc)  mem=$(free -g | awk '/^Mem:/{print $2}')G"
echo "# rxlog $("$rxlog" --version)  hyperfine $(hyperfine --version | awk '{print $2}')  $lines lines"

# Correctness first: each rxlog command once, the same way the batch runs it.
echo "# check: every rxlog run gives hits = $lines, invalid = 0, and the combined run's reports" >&2
for i in "${!cmds[@]}"; do
  [ "${names[$i]}" = "wc -l" ] && continue
  rc=0
  eval "${cmds[$i]}" > "$out/$i.jsonl" 2> "$out/$i.err" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "formats.sh: '${names[$i]}' exited $rc: $(tail -1 "$out/$i.err")" >&2; exit 1
  fi
done
python3 - "$out" "$lines" "${names[@]}" <<'EOF'
import json, sys
out, lines, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def load(i):
    ev = [json.loads(l) for l in open(f"{out}/{i}.jsonl")]
    reports = [{k: v for k, v in e.items() if k != "response_time"} for e in ev if e["type"] == "report"]
    return ev[-1], reports
base = load(names.index("combined"))[1]
bad = False
for i, n in enumerate(names):
    if n == "wc -l":
        continue
    s, reports = load(i)
    ok = s["type"] == "summary" and s["hits"] == lines and s["invalid"] == 0 and reports == base
    bad |= not ok
    print(f"  {'ok' if ok else 'MISMATCH':<8} {n:<22} hits={s.get('hits')} invalid={s.get('invalid')} "
          f"reports={len(reports)} same-as-combined={reports == base}  ({s.get('format')})", file=sys.stderr)
if bad:
    sys.exit("formats.sh: a format did not read the same traffic; not timing")
EOF

times_json=$out/times.json
hf=()
for i in "${!cmds[@]}"; do hf+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine -N --style basic --warmup 1 --runs "$runs" --export-json "$times_json" "${hf[@]}" >&2

sizes=()
for f in "${files[@]}"; do sizes+=("$(stat -c %s "$f")"); done
python3 - "$times_json" "$lines" "${sizes[*]}" <<'EOF'
import json, statistics, sys
res = json.load(open(sys.argv[1]))["results"]
lines, sizes = int(sys.argv[2]), [int(s) for s in sys.argv[3].split()]
med = {r["command"]: statistics.median(r["times"]) for r in res}
base, wc = med["combined"], med["wc -l"]
cpu0 = next(r["user"] + r["system"] for r in res if r["command"] == "combined")
print(f"{'format':<22} {'MB':>5} {'median s':>9} {'min s':>7} {'max s':>7} {'lines/s':>11} {'x Common':>8} {'x wc -l':>8}"
      f" {'cpu s':>7} {'cpu x Common':>12}")
for r, size in zip(res, sizes):
    n, m, c = r["command"], med[r["command"]], r["user"] + r["system"]
    print(f"{n:<22} {size / 1e6:>5.0f} {m:>9.3f} {min(r['times']):>7.3f} {max(r['times']):>7.3f} {lines / m:>11,.0f}"
          f" {m / base:>8.2f} {m / wc:>8.1f} {c:>7.3f} {c / cpu0:>12.2f}")
print(f"(wall-clock medians of {len(res[0]['times'])} runs; x Common = / combined --threads 1; "
      f"cpu = hyperfine's mean user+sys; MB = file size)")
EOF
