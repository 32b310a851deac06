#!/usr/bin/env bash
# Alertmanager harness (issue 20): does a real Alertmanager receive rxlog's alert, show it firing, then resolved?
#   tools/alertmanager-harness.sh [BINARY]   BINARY defaults to dist/rxlog; needs python3, curl, amtool and
#                                            prometheus-alertmanager (Debian: apt-get install -y prometheus-alertmanager curl)
# Starts `prometheus-alertmanager` with a config and storage of its own in a temp dir, on 127.0.0.1 only, clustering
# off; then `BINARY watch LOG -t 5 -w 10 -i 1 --alertmanager URL --json` while a writer appends a burst of 200 lines.
# Passes when `amtool alert query` shows high_traffic firing (with rxlog's instance label and its line as the
# description) within 10 s of the burst, then nothing once rxlog has recovered, and rxlog's summary says
# "2 delivered, 0 failed, 0 dropped". Every process is stopped by its PID.
set -uo pipefail
harness=alertmanager-harness
. "$(dirname "$0")/harness-common.sh"
am=$(command -v prometheus-alertmanager || command -v alertmanager)
for tool in curl amtool; do command -v "$tool" >/dev/null || { echo "$harness: $tool is needed" >&2; exit 2; }; done
[ -n "$am" ] || { echo "$harness: prometheus-alertmanager is needed" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)

port=$(free_port)
url="http://127.0.0.1:$port"
cat >"$work/alertmanager.yml" <<YAML
route: {receiver: nobody, group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
receivers: [{name: nobody}]
YAML
"$am" --config.file="$work/alertmanager.yml" --storage.path="$work/data" --web.listen-address="127.0.0.1:$port" \
  --cluster.listen-address= >"$work/alertmanager.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "$url/-/ready" >/dev/null && break; sleep 0.1; done
curl -sf "$url/-/ready" >/dev/null || fail "Alertmanager did not start: $(tail -3 "$work/alertmanager.log")"

log="$work/access.log"; : >"$log"
"$bin" watch "$log" -t 5 -w 10 -i 1 --alertmanager "$url" --json >"$work/out" 2>"$work/err" &
rxlog=$!; pids+=($rxlog)
for _ in $(seq 100); do grep -q '"type":"report"' "$work/out" && break; sleep 0.1; done
head -200 "$root/examples/burst.log" >>"$log"   # 200 hits in a second: 20/s over the 10 s window > 5

# amtool's view: the alerts Alertmanager holds as active, one JSON array.
firing() { amtool alert query --alertmanager.url="$url" -o json 2>/dev/null; }
fired=""
for _ in $(seq 100); do fired=$(firing); grep -q '"alertname":"high_traffic"' <<<"$fired" && break; sleep 0.1; done
grep -q '"alertname":"high_traffic"' <<<"$fired" \
  || fail "amtool shows no high_traffic alert 10 s after the burst: '$fired'; rxlog said: $(tail -3 "$work/err")"
python3 - "$fired" "$(hostname)" <<'PY' || fail "the alert Alertmanager holds is not rxlog's: $fired"
import json, sys
alert = [a for a in json.loads(sys.argv[1]) if a["labels"]["alertname"] == "high_traffic"][0]
assert alert["labels"]["instance"] == sys.argv[2], alert["labels"]
assert alert["annotations"]["description"].startswith("High traffic generated an alert - hits = "), alert["annotations"]
assert alert["status"]["state"] == "active", alert["status"]
PY
for _ in $(seq 300); do grep -q '"type":"recovered"' "$work/out" && break; sleep 0.1; done
grep -q '"type":"recovered"' "$work/out" || fail "rxlog never recovered: $(tail -2 "$work/out")"
gone=""
for _ in $(seq 100); do gone=$(firing); grep -q high_traffic <<<"$gone" || break; sleep 0.1; done
grep -q high_traffic <<<"$gone" && fail "Alertmanager still shows the alert 10 s after rxlog recovered: $gone"
kill -TERM "$rxlog"; wait "$rxlog" 2>/dev/null
summary=$(grep "notifications: alertmanager" "$work/err")
[[ $summary == *": 2 delivered, 0 failed, 0 dropped"* ]] || fail "rxlog's summary says '$summary' ($(tail -3 "$work/err"))"
echo "PASS: a real Alertmanager ($("$am" --version 2>&1 | head -1 | cut -d' ' -f3)) showed rxlog's high_traffic alert firing, then resolved; rxlog: ${summary#rxlog: }"
