#!/usr/bin/env bash
# Prometheus harness (issue 19): does a real Prometheus scrape two rxlog instances, each following its own log, and
# see in them what one `rxlog check` of both logs counts?
#   tools/prometheus-harness.sh [BINARY]     BINARY defaults to dist/rxlog; needs python3, curl and prometheus (Debian:
#                                             apt-get install -y prometheus curl)
# Two `BINARY watch LOG --from-start -i 1 --listen 127.0.0.1:0` (examples/normal.log and examples/burst.log), then
# `prometheus` with a config and a TSDB of its own in a temp dir, on 127.0.0.1 only, scraping both every second. Passes
# when Prometheus reports up == 1 for both targets and sum(rxlog_requests_total) equals the hits of
# `BINARY check` over the two logs written one after the other, within 30 s. Every process is stopped by its PID.
set -uo pipefail
harness=prometheus-harness
. "$(dirname "$0")/harness-common.sh"
for tool in curl prometheus; do command -v "$tool" >/dev/null || { echo "$harness: $tool is needed" >&2; exit 2; }; done
root=$(cd "$(dirname "$0")/.." && pwd)

targets=()
for name in normal burst; do
  cp "$root/examples/$name.log" "$work/$name.log"
  "$bin" watch "$work/$name.log" --from-start -i 1 --listen 127.0.0.1:0 --json >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 100); do url=$(grep -o 'http://[^ ]*/metrics' "$work/$name.err" | head -1); [ -n "$url" ] && break; sleep 0.1; done
  [ -n "$url" ] || fail "rxlog watch $name.log never said where it serves: $(head -3 "$work/$name.err")"
  hostport=${url#http://}; targets+=("\"${hostport%/metrics}\"")
done
cat "$work/normal.log" "$work/burst.log" >"$work/both.log"
want=$("$bin" check "$work/both.log" --json 2>/dev/null | tail -1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"])')

port=$(free_port)
cat >"$work/prometheus.yml" <<YAML
global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: rxlog
    static_configs:
      - targets: [$(IFS=,; echo "${targets[*]}")]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --web.listen-address="127.0.0.1:$port" \
  >"$work/prometheus.log" 2>&1 &
pids+=($!)
query() { curl -sf --get "http://127.0.0.1:$port/api/v1/query" --data-urlencode "query=$1" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(" ".join(x["value"][1] for x in r))'; }
up="" got=""
for _ in $(seq 300); do
  up=$(query 'up{job="rxlog"}' 2>/dev/null); got=$(query 'sum(rxlog_requests_total)' 2>/dev/null)
  [ "$up" = "1 1" ] && [ "$got" = "$want" ] && break; sleep 0.1
done
[ "$up" = "1 1" ] || fail "Prometheus reports up = '$up' for the two rxlog targets ($(tail -3 "$work/prometheus.log"))"
[ "$got" = "$want" ] || fail "Prometheus sums rxlog_requests_total to '$got'; check of both logs counts $want hits"
echo "PASS: a real Prometheus scraped two rxlog watch instances (up == 1 for both); sum(rxlog_requests_total) = $got = check's hits over both logs"
