#!/usr/bin/env bash
# Metrics harness (issue 19): is what `--listen` serves taken by Prometheus's own checker, during a live run over a
# hostile log, and after a check?
#   tools/metrics-harness.sh [BINARY]     BINARY defaults to dist/rxlog; needs python3, curl and promtool (Debian:
#                                          apt-get install -y prometheus curl)
# 1. `BINARY watch LOG --from-start -i 1 --listen 127.0.0.1:0 --json` while a writer appends Combined lines whose
#    sections hold a double quote, a backslash, invalid UTF-8 bytes, a terminal escape and non-ASCII text; once a scrape
#    counts every line written, `promtool check metrics` must exit 0 with no finding, `rxlog_lines_read_total` and
#    `/api/status` must count the same lines for the log (state `reading`, mode `watch`), then SIGTERM (143).
# 2. `BINARY check LOG --listen 127.0.0.1:0` on the same log: once `rxlog_run_finished 1`, the scrape's requests must sum
#    to the log's lines and promtool must accept it; then SIGTERM, and the exit code is the check's verdict (0).
# Every process is started here, on 127.0.0.1 only, and stopped by its PID. Prints PASS or FAIL on its last line.
set -uo pipefail
harness=metrics-harness
. "$(dirname "$0")/harness-common.sh"
for tool in curl promtool; do command -v "$tool" >/dev/null || { echo "$harness: $tool is needed" >&2; exit 2; }; done

log=$work/access.log
line() {  # line SECTION-BYTES: one Combined line at the current second
  printf '%s - - [%s] "GET %s/x HTTP/1.1" 200 12 "-" "harness"\n' 192.0.2.7 "$(date -u '+%d/%b/%Y:%H:%M:%S +0000')" "$1"
}
write_batch() {
  line '/q\"uote' >>"$log"; line '/back\\slash' >>"$log"; line "$(printf '/bad\xff\xfeutf8')" >>"$log"
  line "$(printf '/esc\x1b[2J')" >>"$log"; line '/caf%C3%A9-é' >>"$log"; line '/api' >>"$log"
}
url_of() {  # url_of ERRFILE: the URL the run says it serves, once it has said it
  for _ in $(seq 100); do
    u=$(grep -o 'http://[^ ]*/metrics' "$1" | head -1); [ -n "$u" ] && { echo "$u"; return 0; }; sleep 0.1
  done; return 1
}
requests() { grep '^rxlog_requests_total{' | awk '{s += $2} END {print s + 0}'; }

: >"$log"; write_batch
"$bin" watch "$log" --from-start -i 1 --listen 127.0.0.1:0 --json >"$work/watch.out" 2>"$work/watch.err" & pid=$!
url=$(url_of "$work/watch.err") || { kill -KILL $pid; fail "watch never said where it serves: $(head -3 "$work/watch.err")"; }
write_batch; write_batch
want=$(wc -l <"$log"); got=0
for _ in $(seq 100); do
  curl -sf "$url" >"$work/scrape.txt" && got=$(requests <"$work/scrape.txt"); [ "$got" = "$want" ] && break; sleep 0.1
done
[ "$got" = "$want" ] || { kill -KILL $pid; fail "live scrape counts $got requests, the log has $want lines"; }
if ! findings=$(promtool check metrics <"$work/scrape.txt" 2>&1); then kill -KILL $pid; fail "promtool on the live scrape: $findings"; fi
[ -z "$findings" ] || { kill -KILL $pid; fail "promtool findings on the live scrape: $findings"; }
grep -qF 'section="/q\\\"uote"' "$work/scrape.txt" || { kill -KILL $pid; fail "the quoted section is not escaped as the format says"; }
grep -qxF "rxlog_lines_read_total{source=\"$log\"} $want" "$work/scrape.txt" || { kill -KILL $pid; fail "lines_read_total is not the log's $want lines"; }
curl -sf "${url%/metrics}/api/status" >"$work/status.json" || { kill -KILL $pid; fail "no /api/status"; }
status_says=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); s = d["sources"][0]
print(d["running"], d["options"]["mode"], s["source"] == sys.argv[2], s["state"], s["lines"], d["rules"][0]["rule"])' "$work/status.json" "$log" 2>&1)
[ "$status_says" = "True watch True reading $want high_traffic" ] || { kill -KILL $pid; fail "/api/status during the run says: $status_says"; }
kill -TERM $pid; wait $pid; code=$?
[ "$code" = 143 ] || fail "watch exited $code after SIGTERM, expected 143"

"$bin" check "$log" --listen 127.0.0.1:0 >"$work/check.out" 2>"$work/check.err" & pid=$!
url=$(url_of "$work/check.err") || { kill -KILL $pid; fail "check never said where it serves: $(head -3 "$work/check.err")"; }
curl -sf "$url" >"$work/final.txt"
grep -q '^rxlog_run_finished 1$' "$work/final.txt" || { kill -KILL $pid; fail "check serves, but its run is not finished"; }
got=$(requests <"$work/final.txt"); [ "$got" = "$want" ] || { kill -KILL $pid; fail "check's scrape counts $got requests, the log has $want"; }
if ! findings=$(promtool check metrics <"$work/final.txt" 2>&1) || [ -n "$findings" ]; then kill -KILL $pid; fail "promtool on check's scrape: $findings"; fi
kill -TERM $pid; wait $pid; code=$?
[ "$code" = 0 ] || fail "check exited $code after serving, expected its verdict 0"
echo "PASS: live scrape of $want hostile lines and check's final scrape pass promtool check metrics; /api/status live; exits 143 and 0"
