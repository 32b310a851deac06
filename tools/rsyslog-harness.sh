#!/usr/bin/env bash
# rsyslog harness (issue 21): does `rxlog receive` count every line a real rsyslog forwards from an access-log file over
# TCP exactly once, with either framing, and keep three sending hosts apart?
#   tools/rsyslog-harness.sh [BINARY]     BINARY defaults to dist/rxlog; needs python3 and rsyslog (Debian:
#                                         apt-get install -y rsyslog; the system service is not used)
# Each rsyslogd runs in the foreground (`rsyslogd -n -f CONF -i PIDFILE`) with a config and work directory of its own in
# a temp dir, no imklog or imuxsock, sending to 127.0.0.1 only: `imfile` reads a copy of an access log from its start
# (tag nginx:) and `omfwd` forwards it over TCP to `BINARY receive tcp://127.0.0.1:0 --json -i 1 --top 1000`.
#   octet:       examples/burst.log, RSYSLOG_ForwardFormat, TCP_Framing="octet-counted", host rsyslog-octet
#   traditional: examples/burst.log, RSYSLOG_ForwardFormat, newline framing, host rsyslog-traditional
#   three hosts: three rsyslogd at once to one rxlog, burst.log's first 500 lines from web1 (octet-counted), the next
#                500 from web2 (newline framing), the last 506 from web3 (RFC 5424, RSYSLOG_SyslogProtocol23Format,
#                octet-counted, the count including its trailing LF)
# Each passes when rxlog's summary counts as many hits as `BINARY check` of the same file, 0 invalid; its reports'
# sections, status classes and bytes add up to check's; its reports' hosts give each host exactly its file's hits; and
# stderr names each host (`receiving from web1 (via 127.0.0.1)`). rsyslogd is stopped (it sends what it holds) before
# rxlog, which gets SIGTERM after two more reports and must exit 143. Every process is stopped by its PID.
set -uo pipefail
harness=rsyslog-harness
. "$(dirname "$0")/harness-common.sh"
rsyslogd=$(command -v rsyslogd || echo /usr/sbin/rsyslogd)
[ -x "$rsyslogd" ] || { echo "$harness: rsyslogd is needed (apt-get install -y rsyslog)" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
deadline=$((SECONDS + 60))

# receive NAME: starts rxlog receive on a free TCP port, writing $work/NAME.out and .err; sets $rxlog and $port.
receive() {
  "$bin" receive tcp://127.0.0.1:0 --json -i 1 --top 1000 --top-clients 0 -t 1000000 >"$work/$1.out" 2>"$work/$1.err" &
  rxlog=$!; pids+=($rxlog); port=""
  for _ in $(seq 100); do port=$(sed -n 's|.*receiving on tcp://127.0.0.1:\([0-9]*\).*|\1|p' "$work/$1.err"); [ -n "$port" ] && break; sleep 0.1; done
  [ -n "$port" ] || fail "rxlog receive never said where it listens: $(head -3 "$work/$1.err" | tr '\n' ' ')"
}
# sender NAME HOST LOG ACTION-PARAMETERS: a foreground rsyslogd calling itself HOST, forwarding LOG from its first line
# to rxlog's $port; its PID is appended to $senders.
sender() {
  local dir="$work/rsyslog-$1"
  mkdir -p "$dir/work"
  cat >"$dir/rsyslog.conf" <<CONF
global(workDirectory="$dir/work" localHostname="$2" maxMessageSize="64k")
module(load="imfile")
input(type="imfile" file="$3" tag="nginx:" freshStartTail="off" readMode="0" ruleset="forward")
ruleset(name="forward") {
  action(type="omfwd" target="127.0.0.1" port="$port" protocol="tcp" $4)
}
CONF
  "$rsyslogd" -n -f "$dir/rsyslog.conf" -i "$dir/rsyslog.pid" >"$dir/rsyslog.log" 2>&1 &
  pids+=($!); senders+=($!)
}
# counted NAME: the hits + invalid of rxlog's reports so far, and how many reports it wrote.
counted() {
  python3 - "$work/$1.out" <<'PY'
import json, sys
n = reports = 0
for line in open(sys.argv[1]):
    try: event = json.loads(line)
    except ValueError: continue   # a line being written
    if event.get("type") == "report": n += event["hits"] + event["invalid"]; reports += 1
print(n, reports)
PY
}
# settle NAME WANT: waits until rxlog has counted WANT lines, stops the rsyslogds, waits for two more reports (so
# anything still in flight, a line sent twice included, is counted), then stops rxlog, which must exit 143.
settle() {
  local got=0 reports=0 rc
  while [ $SECONDS -lt $deadline ]; do read -r got reports < <(counted "$1"); [ "$got" -ge "$2" ] && break; sleep 0.1; done
  for p in "${senders[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${senders[@]}"; do wait "$p" 2>/dev/null; done
  [ "$got" -ge "$2" ] || fail "$1: rxlog counted $got of $2 lines in 60 s; rxlog said: $(tail -3 "$work/$1.err" | tr '\n' ' ')rsyslog said: $(cat "$work"/rsyslog-*/rsyslog.log | tail -3 | tr '\n' ' ')"
  local until=$((reports + 2)) now
  while [ $SECONDS -lt $deadline ]; do read -r _ now < <(counted "$1"); [ "$now" -ge "$until" ] && break; sleep 0.1; done
  kill -TERM "$rxlog"; wait "$rxlog" 2>/dev/null; rc=$?
  [ "$rc" = 143 ] || fail "$1: rxlog receive exited $rc on SIGTERM, not 143: $(tail -3 "$work/$1.err" | tr '\n' ' ')"
}
# judge NAME WHOLE HOST=LOG...: rxlog's output for NAME against `check` of WHOLE (all the lines sent) and of each host's
# LOG; prints the numbers it compared.
judge() {
  local name=$1 whole=$2; shift 2
  "$bin" check "$whole" --json --top 1000 --top-clients 0 -t 1000000 >"$work/$name.check" 2>/dev/null
  local pair hosts=()
  for pair in "$@"; do
    hosts+=("${pair%%=*}=$("$bin" check "${pair#*=}" --json -t 1000000 2>/dev/null | tail -1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"])')")
  done
  python3 - "$name" "$work/$name.out" "$work/$name.err" "$work/$name.check" "${hosts[@]}" <<'PY'
import json, sys
from collections import Counter
name, out, err, check, hosts = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], dict(h.split("=") for h in sys.argv[5:])
hosts = {h: int(n) for h, n in hosts.items()}
def fail(why): print(f"FAIL: {name}: {why}"); sys.exit(1)
def sums(path):
    t = {"sections": Counter(), "status": Counter(), "bytes": 0, "hosts": Counter(), "summary": None}
    for line in open(path):
        event = json.loads(line)
        if event["type"] == "report":
            t["bytes"] += event["bytes"]
            for s in event["sections"]: t["sections"][s["section"]] += s["hits"]
            for k, v in event["status"].items(): t["status"][k] += v
            for h in event.get("hosts", []): t["hosts"][h["host"]] += h["hits"]
        elif event["type"] == "summary":
            t["summary"] = event
    return t
got, want = sums(out), sums(check)
if got["summary"] is None: fail("rxlog receive wrote no summary")
if want["summary"] is None: fail("rxlog check wrote no summary")
hits, invalid, expected = got["summary"]["hits"], got["summary"]["invalid"], want["summary"]["hits"]
if hits + invalid != expected or invalid != 0:
    fail(f"rxlog receive counted {hits} hits + {invalid} invalid; check of the file(s) rsyslog read counts {expected} hits")
if sum(hosts.values()) != expected: fail(f"the hosts' files count {hosts}, not {expected} together")
if got["sections"] != want["sections"]: fail(f"sections differ: received {dict(got['sections'])}, check {dict(want['sections'])}")
if got["status"] != want["status"]: fail(f"status classes differ: received {dict(got['status'])}, check {dict(want['status'])}")
if got["bytes"] != want["bytes"]: fail(f"bytes differ: received {got['bytes']}, check {want['bytes']}")
if dict(got["hosts"]) != hosts: fail(f"the reports' hosts add up to {dict(got['hosts'])}, not {hosts}")
said = open(err).read()
for h in hosts:
    if f"receiving from {h} (via 127.0.0.1)" not in said: fail(f"rxlog did not name the host {h}: {' | '.join(said.splitlines())}")
print(f"{hits} hits, 0 invalid = check's {expected}, sections/status/bytes equal, hosts {dict(sorted(got['hosts'].items()))}")
PY
}

burst="$work/burst.log"
cp "$root/examples/burst.log" "$burst"
results=()

# 1 and 2: one rsyslogd forwarding all of burst.log, octet-counted, then newline-framed.
for framing in octet-counted traditional; do
  name=${framing%-counted}
  receive "$name"; senders=()
  sender "$name" "rsyslog-$name" "$burst" "TCP_Framing=\"$framing\" template=\"RSYSLOG_ForwardFormat\""
  settle "$name" "$(wc -l <"$burst")"
  result=$(judge "$name" "$burst" "rsyslog-$name=$burst") || { echo "$result"; exit 1; }
  results+=("$name: $result")
done

# 3: three rsyslogds at once, each its own host, part of burst.log and way of sending, to one rxlog.
head -n 500 "$burst" >"$work/web1.log"
sed -n '501,1000p' "$burst" >"$work/web2.log"
tail -n +1001 "$burst" >"$work/web3.log"
receive hosts; senders=()
sender web1 web1 "$work/web1.log" 'TCP_Framing="octet-counted" template="RSYSLOG_ForwardFormat"'
sender web2 web2 "$work/web2.log" 'template="RSYSLOG_ForwardFormat"'
sender web3 web3 "$work/web3.log" 'TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format"'
settle hosts "$(wc -l <"$burst")"
result=$(judge hosts "$burst" "web1=$work/web1.log" "web2=$work/web2.log" "web3=$work/web3.log") || { echo "$result"; exit 1; }
results+=("three hosts: $result")

version=$("$rsyslogd" -v | head -1 | cut -d' ' -f3)
echo "PASS: a real rsyslog $version (imfile -> omfwd over TCP) to rxlog receive, every line once: $(IFS=';'; echo "${results[*]}" | sed 's/;/; /g')"
