#!/usr/bin/env bash
# nginx harness (issue 21): does `rxlog receive` count, from nginx's `access_log syslog:`, exactly what nginx wrote to
# its file log at the same time?
#   tools/nginx-harness.sh [BINARY]     BINARY defaults to dist/rxlog; needs python3, curl and nginx (Debian:
#                                       apt-get install -y nginx-light curl)
# `BINARY receive udp://127.0.0.1:0 --json -i 1 --top 1000`, then nginx with a config and prefix of its own in a temp dir,
# on 127.0.0.1 only, logging every request twice: `access_log syslog:server=127.0.0.1:PORT,tag=nginx combined` and a
# file. 400 requests by curl over a small site (pages, API calls, 404s, a redirect, a hostile path). Passes when rxlog's
# hits equal the file log's lines, none invalid, its per-section and per-status-class sums equal those of
# `BINARY check` over the file log, and the host is nginx's hostname. Every process is stopped by its PID.
set -uo pipefail
harness=nginx-harness
. "$(dirname "$0")/harness-common.sh"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "$harness: nginx is needed" >&2; exit 2; }
command -v curl >/dev/null || { echo "$harness: curl is needed" >&2; exit 2; }

"$bin" receive udp://127.0.0.1:0 --json -i 1 --top 1000 -t 1000000 >"$work/out" 2>"$work/err" &
rxlog=$!; pids+=($rxlog)
for _ in $(seq 100); do port=$(sed -n 's|.*receiving on udp://127.0.0.1:\([0-9]*\).*|\1|p' "$work/err"); [ -n "$port" ] && break; sleep 0.1; done
[ -n "$port" ] || fail "rxlog receive never said where it listens: $(head -3 "$work/err")"

http=$(free_port)
mkdir -p "$work/site/pages" "$work/site/api" "$work/logs"
echo '<h1>home</h1>' >"$work/site/index.html"
for p in create edit list; do echo "$p" >"$work/site/pages/$p"; done
echo '{"users":[]}' >"$work/site/api/users"
chmod 755 "$work"; chmod -R a+rX "$work/site"   # nginx's workers run as nobody when started by root
cat >"$work/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 64; }
http {
    access_log $work/logs/access.log combined;
    access_log syslog:server=127.0.0.1:$port,tag=nginx combined;
    server {
        listen 127.0.0.1:$http;
        root $work/site;
        location = /old { return 301 /pages/list; }
    }
}
CONF
"$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/logs/error.log" &
pids+=($!)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$http/" && break; sleep 0.1; done
paths=(/ /pages/create /pages/edit /pages/list /api/users /api/missing /old /nope /pages/../api/users "/%3Cimg%20src=x%3E" /pages/create?x=1)
urls=()
for i in $(seq 399); do urls+=(-o /dev/null "http://127.0.0.1:$http${paths[$((i % ${#paths[@]}))]}"); done
curl -s "${urls[@]}" || true

want=$(wc -l <"$work/logs/access.log")
[ "$want" -ge 400 ] || fail "nginx logged only $want requests to its file"
counted() { python3 -c 'import json,sys; print(sum(json.loads(l)["hits"] for l in open(sys.argv[1]) if l.startswith("{\"type\":\"report\"")))' "$work/out"; }
got=0
for _ in $(seq 100); do got=$(counted); [ "$got" -ge "$want" ] && break; sleep 0.1; done
kill -TERM "$rxlog"; wait "$rxlog" 2>/dev/null
"$bin" check "$work/logs/access.log" --json --top 1000 -t 1000000 >"$work/check.out" 2>/dev/null
python3 - "$work/out" "$work/check.out" "$want" "$(hostname)" "$work/err" <<'PY' || exit 1
import json, sys
from collections import Counter
hosts = Counter()
def sums(path):
    sections, status, hits, summary = Counter(), Counter(), 0, None
    for line in open(path):
        event = json.loads(line)
        if event["type"] == "report":
            hits += event["hits"]
            for h in event.get("hosts", []): hosts[h["host"]] += h["hits"]
            for s in event["sections"]: sections[s["section"]] += s["hits"]
            for k, v in event["status"].items(): status[k] += v
        elif event["type"] == "summary":
            summary = event
    return sections, status, hits, summary
received, checked, want, host = sums(sys.argv[1]), sums(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
summary = received[3]
def fail(why): print("FAIL: " + why); sys.exit(1)
if summary is None: fail("rxlog receive wrote no summary")
if summary["hits"] != want or summary["invalid"] != 0:
    fail(f"rxlog receive counted {summary['hits']} hits, {summary['invalid']} invalid; nginx's file log has {want} lines")
if received[0] != checked[0]: fail(f"sections differ: received {dict(received[0])}, file {dict(checked[0])}")
if received[1] != checked[1]: fail(f"status classes differ: received {dict(received[1])}, file {dict(checked[1])}")
if not all(received[1][c] > 0 for c in ("2xx", "3xx", "4xx")): fail(f"the site did not answer 2xx, 3xx and 4xx: {dict(received[1])}")
if dict(hosts) != {host: want}: fail(f"the reports' hosts add up to {dict(hosts)}, not {{{host!r}: {want}}}")
said = open(sys.argv[5]).read()
if f"receiving from {host} (via 127.0.0.1)" not in said: fail(f"rxlog did not name nginx's host {host}: {said}")
print(f"PASS: nginx {want} requests: rxlog receive (syslog over UDP) counted {summary['hits']} hits, 0 invalid, "
      f"{len(received[0])} sections and status {dict(sorted(received[1].items()))} as check of nginx's file log; reports' hosts {dict(hosts)}")
PY
