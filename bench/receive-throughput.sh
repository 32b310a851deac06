#!/usr/bin/env bash
# rxlog receive over loopback (issue 21): how many lines a second one TCP connection delivers into rxlog, beside
# socat | wc -l and wc -l on the same file, and what UDP loses, as rxlog and as the kernel count it.
#   bench/receive-throughput.sh [BINARY] [LINES]      (default dist/rxlog, built by publish.sh when missing; 2000000)
# What runs (receive_throughput.py beside this script; every process it starts is waited for or stopped by PID):
#   the log: BENCH_DIR/combined-LINES.log from `rxlog generate --lines LINES --rate 200 --output-format combined`
#     (written to a fresh .part file and renamed: -o appends), as compare.sh makes it; read once to warm the cache.
#   1. ROUNDS (5) rounds, one run of each row per round, the order rotated each round:
#      - rxlog receive tcp://127.0.0.1:0 --json -i 1 -t 100000000 --listen 127.0.0.1:0, a fresh process each run,
#        started before the clock (which waits for its first, idle, report); `socat -u FILE:LOG TCP:127.0.0.1:PORT`
#        (SENDER=socat) sends the file on one connection; the clock stops when rxlog_lines_read_total{source=
#        "127.0.0.1"} on /metrics (one kept-alive connection, polled every POLL s, 0.005) reaches LINES. That counter
#        is added per chunk (<= 256 KiB) on the receiving thread just before the chunk is parsed there, so it leads
#        the counted lines by one chunk at most. Then rxlog is stopped with SIGTERM once its per-second reports have
#        summed to LINES; its summary's hits + invalid must be LINES (exit 143). CPU: /proc/PID/stat of rxlog over the timed span.
#      - the peer: `socat -u TCP-LISTEN:PORT,reuseaddr STDOUT | wc -l` listening first, the same sender; the
#        clock stops when wc exits (its count must be LINES).
#      - wc -l LOG; and, for where the time goes, the same binary on the same file without a network: `cat LOG |
#        rxlog --json -t 100000000` (stdin: the live pipeline, wall clock, as receive) and `rxlog check LOG -t
#        100000000 --json` with the default threads and with --threads 1 (start-up included in these three).
#   2. UDP: UDP_LINES (200000) lines of the log, one per datagram without its newline, from one Python socket into
#      rxlog receive udp://127.0.0.1:0 --json -i 1 (a fresh rxlog each). Three floods, as fast as Python sends, each
#      rxlog kept up for UDP_HOLD = 11 s so its 10 s drop check speaks: sent as soon as rxlog says `receiving on` (the
#      socket is bound, not yet read), after rxlog's first (idle) report (the pipeline runs), and after that report
#      with the first UDP_WARM (10000) lines paced at 20,000/s; then paced at each of UDP_RATES lines/s
#      ("50000 100000 150000"), sent after the first report.
#      Reported: sent, counted by rxlog (summary hits + invalid), the drops column of /proc/net/udp for the port (what
#      rxlog reads) and Udp RcvbufErrors of /proc/net/snmp (what nstat and netstat -su show, all sockets), and what
#      rxlog said on stderr about drops. Nothing changes net.core.rmem_max: the figures are for this machine's value.
# Exits 1 when a count is wrong. Env: ROUNDS (5), UDP_LINES (200000; 0 skips part 2), UDP_RATES, UDP_WARM, POLL,
# UDP_HOLD, SENDER (socat; sendfile: Python's os.sendfile in a process of its own), BENCH_DIR (/tmp/rxlog-bench).
# Needs socat (apt-get install -y socat) and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rxlog=${1:-$here/../dist/rxlog}
lines=${2:-2000000}
if [ ! -x "$rxlog" ] && [ $# -eq 0 ]; then "$here/../publish.sh" "$here/../dist" >&2; fi
[ -x "$rxlog" ] || { echo "receive-throughput.sh: no binary at $rxlog" >&2; exit 2; }
rxlog=$(cd "$(dirname "$rxlog")" && pwd)/$(basename "$rxlog")
for tool in socat python3; do
  command -v $tool >/dev/null || { echo "receive-throughput.sh: needs $tool (apt-get install -y socat)" >&2; exit 2; }
done
bench=${BENCH_DIR:-/tmp/rxlog-bench}
mkdir -p "$bench"
log=$bench/combined-$lines.log
if [ ! -s "$log" ]; then
  rm -f "$log.part"
  "$rxlog" generate --lines "$lines" --rate 200 --output-format combined -o "$log.part"
  mv "$log.part" "$log"
fi
[ "$(wc -l < "$log")" -eq "$lines" ] || { echo "receive-throughput.sh: $log does not hold $lines lines" >&2; exit 2; }
cat "$log" > /dev/null

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uname -srm)  nproc=$(nproc)  load average $(cut -d' ' -f1-3 /proc/loadavg)"
socat_version=$(socat -V | sed -n 's/^socat version \([^ ]*\).*/socat \1/p')
echo "# $("$rxlog" --version)  log: $log, $lines lines, $(( $(stat -c %s "$log") / 1000000 )) MB  $socat_version"
rc=0
python3 "$here/receive_throughput.py" "$rxlog" "$log" "$lines" "${ROUNDS:-5}" "${UDP_LINES:-200000}" \
  "${UDP_RATES-50000 100000 150000}" || rc=$?
echo "# end $(date -u +%H:%M:%SZ)  load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit $rc
