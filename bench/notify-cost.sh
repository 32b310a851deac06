#!/usr/bin/env bash
# The cost of an idle notification sink (issue 20): sinks configured, no event to send.
#   bench/notify-cost.sh [BINARY]          (default dist/rxlog; built by publish.sh when missing)
# In a temp dir (removed on exit):
#   rxlog generate --lines LINES --rate 200 -o LOG.part, renamed to LOG (LINES default 2000000; as compare.sh's file)
#   1. one hyperfine batch (-i --warmup 2 --runs RUNS):
#        BINARY check LOG -t 1000000
#        BINARY check LOG -t 1000000 --notify --webhook http://127.0.0.1:9/ --on-alert true
#      The threshold is never reached, so no alert fires: the webhook (port 9, nothing listening) and the hook are
#      built, their queues and workers started, and they only wait, then report "0 delivered" at the end.
#   2. one hyperfine batch (-i --warmup 3 --runs START_RUNS), start-up alone (stdin empty: a summary, exit 0):
#        BINARY --json < /dev/null
#        BINARY --json --webhook http://127.0.0.1:9/ < /dev/null
#   3. peak RSS of both check commands: /usr/bin/time -v ("Maximum resident set size"), RSS_RUNS runs each,
#      alternating, median.
#   4. the same two pairs again with bench/interleave.py INTERLEAVE (A, B, A, B, ...: hyperfine runs all of A before
#      all of B, which can straddle a change of the machine's speed).
#   5. a long-running idle watch: two `rxlog watch EMPTY -t 5 -w 2 -i 1 --json` side by side, the second with
#      `--webhook http://127.0.0.1:9/ --on-alert true`; nothing is written, so no event; after 3 s, their CPU ticks
#      (/proc/PID/stat utime+stime) over IDLE_S seconds and their thread counts. Both stopped by PID.
# Ratios are B/A of the median wall time and of the mean user+sys CPU, from hyperfine's JSON export. Every command's
# exit code is checked once before timing (-i only keeps hyperfine going).
# Env: LINES (2000000), RUNS (10), START_RUNS (30), RSS_RUNS (3), INTERLEAVE (15 rounds; 0 skips 4), IDLE_S (30; 0 skips 5),
# KEEP=1 keeps the temp dir.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rxlog=${1:-$here/../dist/rxlog}
if [ ! -x "$rxlog" ] && [ $# -eq 0 ]; then "$here/../publish.sh" "$here/../dist" >&2; fi
[ -x "$rxlog" ] || { echo "notify-cost.sh: no binary at $rxlog" >&2; exit 2; }
rxlog=$(cd "$(dirname "$rxlog")" && pwd)/$(basename "$rxlog")
command -v hyperfine >/dev/null || { echo "notify-cost.sh: needs hyperfine (apt-get install -y hyperfine)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "notify-cost.sh: needs GNU time (apt-get install -y time)" >&2; exit 2; }
lines=${LINES:-2000000} runs=${RUNS:-10} start_runs=${START_RUNS:-30} rss_runs=${RSS_RUNS:-3}
interleave=${INTERLEAVE:-15} idle_s=${IDLE_S:-30}

bench=notify-cost
. "$here/scratch.sh"

log=$tmp/combined-$lines.log
"$rxlog" generate --lines "$lines" --rate 200 -o "$log.part" && mv "$log.part" "$log"
cat "$log" > /dev/null   # page cache

hook="--notify --webhook http://127.0.0.1:9/ --on-alert true"
a="$rxlog check $log -t 1000000"
b="$a $hook"
sa="$rxlog --json < /dev/null"
sb="$rxlog --json --webhook http://127.0.0.1:9/ < /dev/null"
short() { echo "$1" | sed "s|$rxlog|rxlog|; s|$tmp/|\$TMP/|"; }

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uname -srm)  nproc=$(nproc)  load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $("$rxlog" --version)  log: $lines lines, $(du -m "$log" | cut -f1) MB (generate --rate 200)"
for c in "$a" "$b" "$sa" "$sb"; do
  rc=0; bash -c "$c" > /dev/null 2> "$tmp/err" || rc=$?
  echo "# exit $rc: $(short "$c")"
  grep -h 'notifications:' "$tmp/err" | sed 's/^/#   stderr: /' || true
done

ratios() {  # hyperfine JSON -> B/A of median wall and of mean user+sys
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
cpu = lambda x: x["user"] + x["system"]
for x in r:
    print("  %s  median %8.1f ms  user+sys (mean) %8.1f ms" % (x["command"], x["median"] * 1000, cpu(x) * 1000))
print("  ratio B/A: wall (median) %.3f, CPU (user+sys) %.3f" % (r[1]["median"] / r[0]["median"], cpu(r[1]) / cpu(r[0])))
PY
}

echo
echo "## 1. check, sinks idle: A = $(short "$a"), B = A + $hook"
hyperfine -i --warmup 2 --runs "$runs" --export-json "$tmp/check.json" -n A "$a" -n B "$b" 2>&1
ratios "$tmp/check.json"

echo
echo "## 2. start-up: A = $(short "$sa"), B = $(short "$sb")"
hyperfine -i --warmup 3 --runs "$start_runs" --export-json "$tmp/start.json" -n A "$sa" -n B "$sb" 2>&1
ratios "$tmp/start.json"

echo
echo "## 3. peak RSS, /usr/bin/time -v, $rss_runs runs each, alternating"
: > "$tmp/rss"
for _ in $(seq "$rss_runs"); do
  for n in A B; do
    if [ $n = A ]; then c=$a; else c=$b; fi
    /usr/bin/time -v -o "$tmp/time" bash -c "exec $c" > /dev/null 2>&1 || true
    echo "$n $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")" >> "$tmp/rss"
  done
done
python3 - "$tmp/rss" <<'PY'
import statistics, sys
rss = {}
for l in open(sys.argv[1]):
    n, kb = l.split(); rss.setdefault(n, []).append(int(kb))
for n in "AB":
    print("  %s  %s KiB  median %.1f MiB" % (n, " ".join(map(str, rss[n])), statistics.median(rss[n]) / 1024))
print("  ratio B/A: %.3f (+%.1f MiB)" % (statistics.median(rss["B"]) / statistics.median(rss["A"]),
                                       (statistics.median(rss["B"]) - statistics.median(rss["A"])) / 1024))
PY
if [ "$interleave" -gt 0 ]; then
  echo
  echo "## 4. interleaved, $interleave rounds: check A/B, then start-up A/B (bench/interleave.py)"
  for pair in check start; do
    if [ $pair = check ]; then x=$a y=$b; else x=$sa y=$sb; fi
    python3 "$here/interleave.py" "$interleave" "$x" "$y" | sed "s|$rxlog|rxlog|g; s|$tmp/|\$TMP/|g" \
      | awk '{ print "  " $0; w[NR] = $2; c[NR] = $7 }
             END { printf "  ratio B/A: wall (median) %.3f, CPU (median user+sys) %.3f\n", w[2] / w[1], c[2] / c[1] }'
  done
fi
if [ "$idle_s" -gt 0 ]; then
  echo
  echo "## 5. idle watch for ${idle_s}s: A = rxlog watch EMPTY -t 5 -w 2 -i 1 --json, B = A + --webhook http://127.0.0.1:9/ --on-alert true"
  : > "$tmp/empty.log"
  "$rxlog" watch "$tmp/empty.log" -t 5 -w 2 -i 1 --json > /dev/null 2> "$tmp/idle-a.err" & wa=$!; pids+=($wa)
  "$rxlog" watch "$tmp/empty.log" -t 5 -w 2 -i 1 --json --webhook http://127.0.0.1:9/ --on-alert true \
    > /dev/null 2> "$tmp/idle-b.err" & wb=$!; pids+=($wb)
  sleep 3
  ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
  a0=$(ticks $wa) b0=$(ticks $wb)
  sleep "$idle_s"
  a1=$(ticks $wa) b1=$(ticks $wb)
  hz=$(getconf CLK_TCK)
  echo "  A  CPU $(( (a1 - a0) * 1000 / hz )) ms in ${idle_s}s, $(ls /proc/$wa/task | wc -l) threads"
  echo "  B  CPU $(( (b1 - b0) * 1000 / hz )) ms in ${idle_s}s, $(ls /proc/$wb/task | wc -l) threads"
  kill $wa $wb; wait $wa $wb 2>/dev/null || true
  grep -h 'notifications:' "$tmp/idle-b.err" | sed 's/^/  B stderr: /' || true
fi
echo "# end $(date -u +%H:%M:%SZ)  load average $(cut -d' ' -f1-3 /proc/loadavg)"
