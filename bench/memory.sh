#!/usr/bin/env bash
# Peak RSS of `rxlog check` when every line brings a new client and a new section (issue 5 "bounded memory"):
# 300k and 1.5M such lines at 200 lines/s (2,000 new sections per 10-s report), and 1.5M at 5,000 lines/s
# (50,000 per report: past the 10,000 exact cap, Space-Saving). Prints peak RSS and the 1.5M/300k ratio.
#   bench/memory.sh            (RXLOG=path/to/rxlog, BENCH_DIR=/tmp/rxlog-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
rxlog=${RXLOG:-dist/rxlog}
dir=${BENCH_DIR:-/tmp/rxlog-bench}
mkdir -p "$dir"
[ -x "$rxlog" ] || ./publish.sh >/dev/null
command -v /usr/bin/time >/dev/null || { echo "memory.sh: needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
command -v bc >/dev/null || { echo "memory.sh: needs bc (apt-get install -y bc)" >&2; exit 2; }

make_log() {  # make_log LINES LINES_PER_SECOND FILE
  [ -s "$3" ] && return
  awk -v n="$1" -v rate="$2" 'BEGIN {
    t = 1767225600
    for (i = 0; i < n; i++)
      printf "10.%d.%d.%d - - [%s] \"GET /s%d/x HTTP/1.1\" 200 %d\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256,
        strftime("%d/%b/%Y:%H:%M:%S +0000", t + int(i / rate), 1), i, i % 5000
  }' >"$3.part" && mv "$3.part" "$3"
}

# Peak RSS in KiB, the median of three runs: the garbage collector's timing moves a single run by up to 15 %.
peak() {
  for _ in 1 2 3; do /usr/bin/time -f %M "$rxlog" check "$1" --json --threshold 1000000 2>&1 >/dev/null | tail -1; done |
    sort -n | sed -n 2p
}

make_log 300000 200 "$dir/unique-300k.log"
make_log 1500000 200 "$dir/unique-1500k.log"
make_log 1500000 5000 "$dir/unique-1500k-dense.log"
small=$(peak "$dir/unique-300k.log"); big=$(peak "$dir/unique-1500k.log"); dense=$(peak "$dir/unique-1500k-dense.log")
echo "# $(date -u +%FT%TZ)  $("$rxlog" --version)"
printf '%-44s %10s\n' "log (every line a new client and section)" "peak RSS"
printf '%-44s %8.1f MiB\n' "300k lines, 2,000 new sections per report" "$(echo "$small / 1024" | bc -l)"
printf '%-44s %8.1f MiB\n' "1.5M lines, 2,000 new sections per report" "$(echo "$big / 1024" | bc -l)"
printf '%-44s %8.1f MiB\n' "1.5M lines, 50,000 new sections per report" "$(echo "$dense / 1024" | bc -l)"
printf 'ratio 1.5M / 300k: %.2f (issue 5 bar: under 1.3, and under 256 MiB)\n' "$(echo "$big / $small" | bc -l)"
# The verdict, last, for CI: the ratio in integer arithmetic (big * 10 < small * 13).
if [ "$big" -lt $((256 * 1024)) ] && [ "$dense" -lt $((256 * 1024)) ] && [ $((big * 10)) -lt $((small * 13)) ]; then
  echo "PASS peak RSS bounded: $((small / 1024)) MiB at 300k, $((big / 1024)) MiB at 1.5M, $((dense / 1024)) MiB dense"
else
  echo "FAIL peak RSS: $((small / 1024)) MiB at 300k, $((big / 1024)) MiB at 1.5M, $((dense / 1024)) MiB dense"
  exit 1
fi
