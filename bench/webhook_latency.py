#!/usr/bin/env python3
"""Delivery latency of --webhook on loopback (issue 20); run by bench/webhook-latency.sh, which says what it measures.

    webhook_latency.py BINARY TMPDIR BURST_SOURCE CYCLES BURST_LINES

A receiver on 127.0.0.1 (HTTP/1.1, keep-alive, 200 to every POST) stamps each POST when its body has been read;
`BINARY watch LOG -t 5 -w 2 -i 1 --webhook http://127.0.0.1:PORT/hook --json` runs with its stdout on a pipe that a
thread reads, stamping each line when it is read. Each cycle appends BURST_LINES lines of BURST_SOURCE to LOG in one
write(2), waits for the alert (stdout line and POST), then for the recovery (both), then a pause of 0-1 s (seeded) so
the bursts fall at different points of rxlog's second. All stamps are time.monotonic() in this one process.
rxlog's PID is written to TMPDIR/rxlog.pid so the shell's trap can stop it too.
"""
import json, os, random, signal, statistics, subprocess, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

binary, tmp, source, cycles, burst_lines = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
WAIT_S = 15.0  # the most to wait for one stdout line or one POST

cond = threading.Condition()
posts = []    # (monotonic, path, content-type, body bytes)
events = []   # (monotonic, type, line bytes without its newline) for alert / recovered lines
reports = 0   # report lines seen (the first one says watch is following the file)


class Hook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep the connection, as rxlog's HttpClient does

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        now = time.monotonic()
        with cond:
            posts.append((now, self.path, self.headers.get("Content-Type", ""), body))
            cond.notify_all()
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def read_stdout(pipe):
    global reports
    for line in iter(pipe.readline, b""):
        now = time.monotonic()
        line = line.rstrip(b"\n")
        try:
            kind = json.loads(line).get("type")
        except ValueError:
            kind = "unparsed"
        with cond:
            if kind in ("alert", "recovered"):
                events.append((now, kind, line))
            elif kind == "report":
                reports += 1
            cond.notify_all()


def wait_for(pred, what):
    deadline = time.monotonic() + WAIT_S
    with cond:
        while not pred():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            cond.wait(left)
    return True


def dist(xs):
    if not xs:
        return "none"
    s = sorted(xs)
    p90 = s[min(len(s) - 1, max(0, -(-len(s) * 90 // 100) - 1))]  # nearest rank
    return "n=%-3d min %8.2f  median %8.2f  p90 %8.2f  max %8.2f" % (len(s), s[0], statistics.median(s), p90, s[-1])


server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
port = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()

log = os.path.join(tmp, "access.log")
open(log, "wb").close()
cmd = [binary, "watch", log, "-t", "5", "-w", "2", "-i", "1", "--webhook", "http://127.0.0.1:%d/hook" % port, "--json"]
err = open(os.path.join(tmp, "watch.err"), "wb")
proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
with open(os.path.join(tmp, "rxlog.pid"), "w") as f:
    f.write(str(proc.pid))
threading.Thread(target=read_stdout, args=(proc.stdout,), daemon=True).start()
print("# command: %s" % " ".join(cmd).replace(tmp + "/", "$TMP/"))
print("# %d cycles of %d lines of %s appended in one write(2), then the alert and the recovery awaited"
      % (cycles, burst_lines, os.path.basename(source)))

lines = open(source, "rb").read().splitlines(keepends=True)
rng = random.Random(1)
problems = []
bursts = []   # (monotonic after the write returned, index of the first event expected)
rc = 1
try:
    if not wait_for(lambda: reports >= 1, "the first report"):
        sys.exit("webhook_latency.py: no report from rxlog watch in %.0f s" % WAIT_S)
    time.sleep(0.5)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    for c in range(cycles):
        start = (c * burst_lines) % len(lines)
        chunk = b"".join((lines + lines)[start:start + burst_lines])
        n_events, n_posts = len(events), len(posts)
        os.write(fd, chunk)
        t_burst = time.monotonic()
        bursts.append((t_burst, n_events))
        for k, kind in ((1, "alert"), (2, "recovered")):
            if not wait_for(lambda: len(events) >= n_events + k, kind):
                problems.append("cycle %d: no %s line on stdout within %.0f s" % (c + 1, kind, WAIT_S))
                break
            if events[n_events + k - 1][1] != kind:
                problems.append("cycle %d: stdout event %d is %s, expected %s" % (c + 1, k, events[n_events + k - 1][1], kind))
            if not wait_for(lambda: len(posts) >= n_posts + k, kind + " POST"):
                problems.append("cycle %d: no POST for the %s within %.0f s" % (c + 1, kind, WAIT_S))
                break
        time.sleep(rng.uniform(0, 1))
    os.close(fd)
    time.sleep(1.0)  # a late or duplicate POST would arrive here
    rc = 0
finally:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    server.shutdown()
    err.close()

with cond:
    ev, ps = list(events), list(posts)

# Pair the i-th event line with the i-th POST; the body must equal the line byte for byte.
mismatch = 0
for i, ((_, kind, line), (_, path, ctype, body)) in enumerate(zip(ev, ps)):
    if body != line:
        mismatch += 1
        problems.append("event %d (%s): body differs\n  stdout %s\n  POST   %s" % (i + 1, kind, line.decode(), body.decode()))
    if path != "/hook" or not ctype.startswith("application/json"):
        problems.append("event %d: POST %s, Content-Type %r" % (i + 1, path, ctype))
if len(ev) != len(ps):
    problems.append("%d alert/recovered lines on stdout, %d POSTs" % (len(ev), len(ps)))

lag = {"alert": [], "recovered": []}
since_burst = {"alert": [], "recovered": []}
for i, ((t_line, kind, _), (t_post, _, _, _)) in enumerate(zip(ev, ps)):
    lag[kind].append((t_post - t_line) * 1000)
for t_burst, first in bursts:
    for k in (0, 1):
        if first + k < min(len(ev), len(ps)):
            since_burst[ev[first + k][1]].append((ps[first + k][0] - t_burst) * 1000)

print("# %d stdout events (%d alert, %d recovered), %d POSTs, %d bodies different from their stdout line, rxlog exit %s"
      % (len(ev), sum(1 for e in ev if e[1] == "alert"), sum(1 for e in ev if e[1] == "recovered"), len(ps), mismatch,
         proc.returncode))
print("POST arrival - stdout line read (ms)")
print("  all        " + dist(lag["alert"] + lag["recovered"]))
print("  alert      " + dist(lag["alert"]))
print("  recovered  " + dist(lag["recovered"]))
print("  in order   " + " ".join("%.1f" % ((p[0] - e[0]) * 1000) for e, p in zip(ev, ps)))
print("POST arrival - burst written (ms)")
print("  alert      " + dist(since_burst["alert"]))
print("  recovered  " + dist(since_burst["recovered"]) + "   (includes the 2 s window draining)")
print("stdout line read - burst written (ms)")
print("  alert      " + dist([(ev[f][0] - t) * 1000 for t, f in bursts if f < len(ev)]))
with open(os.path.join(tmp, "watch.err"), "rb") as f:
    for l in f.read().decode("utf-8", "replace").splitlines():
        if "notifications:" in l or "not delivered" in l:
            print("watch stderr: " + l)
for p in problems:
    print("PROBLEM: " + p)
sys.exit(rc if not problems else 1)
