#!/usr/bin/env bash
# Delivery latency of --webhook on loopback (issue 20): how long after rxlog decides does the POST arrive, and is its
# body the --json line byte for byte?
#   bench/webhook-latency.sh [BINARY]      (default dist/rxlog; built by publish.sh when missing)
# What runs, in a temp dir, every process stopped by PID on exit (webhook_latency.py beside this script):
#   a receiver on 127.0.0.1 (Python ThreadingHTTPServer, HTTP/1.1 keep-alive, 200 to every POST), stamping each POST
#     when its body has been read;
#   rxlog watch LOG -t 5 -w 2 -i 1 --webhook http://127.0.0.1:PORT/hook --json, its stdout on a pipe read by a thread
#     that stamps each line when it is read;
#   CYCLES (15) times: BURST (100) lines of examples/burst.log appended to LOG in one write(2) (wall clock: 50 hits/s
#     over the 2 s window, over the threshold of 5), wait for the alert line and its POST, then for the recovery line
#     and its POST, then a pause of 0-1 s (seeded) so the bursts land at different points of rxlog's second.
# All stamps are time.monotonic() in the one Python process. Reported: POST arrival - stdout line read (may be
# negative: rxlog enqueues the event to each sink before it writes the line), POST arrival - burst written, and every
# body that differs from its stdout line, every POST that never came. The receiver, the reader and rxlog share the
# machine's CPUs, so every figure includes waiting for one.
# Env: CYCLES (15), BURST (100), KEEP=1 keeps the temp dir (watch.err) and prints its path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rxlog=${1:-$here/../dist/rxlog}
if [ ! -x "$rxlog" ] && [ $# -eq 0 ]; then "$here/../publish.sh" "$here/../dist" >&2; fi
[ -x "$rxlog" ] || { echo "webhook-latency.sh: no binary at $rxlog" >&2; exit 2; }
rxlog=$(cd "$(dirname "$rxlog")" && pwd)/$(basename "$rxlog")
command -v python3 >/dev/null || { echo "webhook-latency.sh: needs python3" >&2; exit 2; }
cycles=${CYCLES:-15} burst=${BURST:-100}

bench=webhook-latency
. "$here/scratch.sh"

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uname -srm)  nproc=$(nproc)  load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $("$rxlog" --version)"
python3 "$here/webhook_latency.py" "$rxlog" "$tmp" "$here/../examples/burst.log" "$cycles" "$burst" & py=$!; pids+=($py)
rc=0; wait $py || rc=$?
echo "# end $(date -u +%H:%M:%SZ)  load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit $rc
