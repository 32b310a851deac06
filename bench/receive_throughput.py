#!/usr/bin/env python3
"""rxlog receive over loopback (issue 21): TCP lines/s beside socat | wc -l and wc -l, UDP loss as rxlog and the
kernel count it. Driven by receive-throughput.sh, which says what runs; usage:
    receive_throughput.py RXLOG FILE LINES ROUNDS UDP_LINES UDP_RATES
FILE holds exactly LINES newline-terminated lines. UDP_RATES: paced sends in lines/s, space-separated ("" for none).
Exit 1 when a count is wrong (rxlog's hits + invalid != lines sent over TCP, a peer's count != LINES)."""
import http.client
import json
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

rxlog, path, lines_n, rounds, udp_lines, udp_rates = sys.argv[1:7]
lines_n, rounds, udp_lines = int(lines_n), int(rounds), int(udp_lines)
udp_rates = [int(r) for r in udp_rates.split()]
TICK = os.sysconf("SC_CLK_TCK")
POLL = float(os.environ.get("POLL", "0.005"))        # /metrics poll period while waiting for the last line
UDP_HOLD = float(os.environ.get("UDP_HOLD", "11"))   # keep the flood's rxlog up this long: its 10 s drop check
UDP_WARM = int(os.environ.get("UDP_WARM", "10000"))  # the warmed flood's first lines, paced at WARM_RATE
WARM_RATE = 20000
THRESHOLD = "100000000"                              # never reached: no alert work
failures = []


class Cpu(tuple):
    """(user, sys) seconds; float() is their sum."""

    def __new__(cls, user, system):
        return super().__new__(cls, (user, system))

    def __sub__(self, other):
        return Cpu(self[0] - other[0], self[1] - other[1])

    def __float__(self):
        return self[0] + self[1]


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Cpu(r.ru_utime, r.ru_stime)


def proc_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return Cpu(int(fields[11]) / TICK, int(fields[12]) / TICK)   # utime, stime (fields 14 and 15)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[1].endswith(":%04X" % port) and fields[3] == "0A":
                return True
    return False


def udp_socket_drops(port):
    """The drops column of /proc/net/udp for the socket bound to port (what rxlog reads), or None."""
    total = None
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            with open(table) as f:
                for line in f.readlines()[1:]:
                    fields = line.split()
                    if len(fields) >= 13 and fields[1].endswith(":%04X" % port):
                        total = (total or 0) + int(fields[12])
        except FileNotFoundError:
            pass
    return total


def snmp_udp():
    """The kernel's UDP counters, all sockets (/proc/net/snmp, what nstat and netstat -su print)."""
    with open("/proc/net/snmp") as f:
        rows = [line.split() for line in f if line.startswith("Udp:")]
    return dict(zip(rows[0][1:], map(int, rows[1][1:])))


class Rxlog:
    """rxlog receive ADDRESS --json -i 1, its stdout's reports summed as they come, its stderr kept."""

    def __init__(self, address, listen):
        args = [rxlog, "receive", address, "--json", "-i", "1", "-t", THRESHOLD]
        if listen:
            args += ["--listen", "127.0.0.1:0"]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.counted = 0          # hits + invalid of the report objects so far
        self.first_report = threading.Event()   # the pipeline is subscribed: the sockets are being read
        self.reports = []         # (hits, invalid) of each report with any
        self.summary = None
        self.stderr = []
        self.port = self.metrics_port = None
        self._ready = threading.Event()
        self._listen = listen
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        if not self._ready.wait(60):
            self.stop()
            raise SystemExit(f"receive_throughput.py: rxlog did not say where it listens: {self.stderr}")

    def _read_stdout(self):
        for line in self.proc.stdout:
            event = json.loads(line)
            if event["type"] == "report":
                self.first_report.set()
                if event["hits"] or event["invalid"]:
                    self.reports.append((event["hits"], event["invalid"]))
                self.counted += event["hits"] + event["invalid"]
            elif event["type"] == "summary":
                self.summary = event

    def _read_stderr(self):
        for raw in self.proc.stderr:
            line = raw.decode(errors="replace").rstrip("\n")
            self.stderr.append(line)
            m = re.search(r"receiving on (tcp|udp)://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(2))
            m = re.search(r"serving metrics on http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.metrics_port = int(m.group(1))
            if self.port and (self.metrics_port or not self._listen):
                self._ready.set()

    def running(self):
        """Waits for the first (idle) report: only then is every socket read. Before it, a TCP sender waits in the
        backlog and UDP datagrams fill the receive buffer."""
        if not self.first_report.wait(30):
            raise SystemExit(f"receive_throughput.py: no report from rxlog: {self.stderr}")

    def settle(self, expected=None, quiet=2.5, limit=60):
        """Waits until the reports have counted `expected` lines, or have not grown for `quiet` seconds."""
        end = time.monotonic() + limit
        last, since = self.counted, time.monotonic()
        while time.monotonic() < end:
            if expected is not None and self.counted >= expected:
                return
            time.sleep(0.1)
            if self.counted != last:
                last, since = self.counted, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        time.sleep(0.05)   # the reader threads drain the pipes
        return rc


def metric_lines(conn):
    conn.request("GET", "/metrics")
    body = conn.getresponse().read().decode()
    m = re.search(r'^rxlog_lines_read_total\{source="127\.0\.0\.1"\} (\d+)', body, re.M)
    return int(m.group(1)) if m else 0


# ---------------------------------------------------------------------------------------------------------- TCP
SENDER = os.environ.get("SENDER", "socat")
SENDFILE = """import os, socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
with open(sys.argv[1], "rb") as f:
    size, at = os.fstat(f.fileno()).st_size, 0
    while at < size:
        at += os.sendfile(s.fileno(), f.fileno(), at, size - at)
s.close()
"""


def send_file(port):
    """One TCP connection carrying the whole file: socat -u FILE TCP (read + write), or SENDER=sendfile (Python's
    os.sendfile, no copy through user space), as a process of its own either way."""
    if SENDER == "sendfile":
        return subprocess.Popen([sys.executable, "-c", SENDFILE, path, str(port)])
    return subprocess.Popen(["socat", "-u", f"FILE:{path}", f"TCP:127.0.0.1:{port}"])


def run_rxlog_tcp():
    rx = Rxlog("tcp://127.0.0.1:0", listen=True)
    rx.running()
    conn = http.client.HTTPConnection("127.0.0.1", rx.metrics_port, timeout=10)
    metric_lines(conn)   # the first scrape compiles the HTTP path before the clock starts
    cpu0, ch0 = proc_cpu(rx.proc.pid), children_cpu()
    t0 = time.monotonic()
    sender = send_file(rx.port)
    sent_at = done_at = None
    polls = 0
    while done_at is None and time.monotonic() - t0 < 300:
        if sent_at is None and sender.poll() is not None:
            sent_at = time.monotonic()
        polls += 1
        if metric_lines(conn) >= lines_n:
            done_at = time.monotonic()
        else:
            time.sleep(POLL)
    cpu = proc_cpu(rx.proc.pid) - cpu0
    sender.wait()
    if sent_at is None:
        sent_at = time.monotonic()
    sender_cpu = children_cpu() - ch0
    conn.close()
    rx.settle(expected=lines_n)
    rc = rx.stop()
    s = rx.summary or {}
    hits, invalid = s.get("hits"), s.get("invalid")
    ok = done_at is not None and hits is not None and hits + invalid == lines_n and rx.counted == lines_n and rc == 143
    if not ok:
        failures.append(f"rxlog receive tcp: summary hits {hits} + invalid {invalid}, reports {rx.counted}, "
                        f"expected {lines_n}, exit {rc}, stderr {rx.stderr}")
    return dict(wall=(done_at or time.monotonic()) - t0, sender=sent_at - t0, cpu=cpu, sender_cpu=sender_cpu,
                count=(hits or 0) + (invalid or 0), hits=hits, invalid=invalid, reports=rx.reports, rc=rc,
                polls=polls, stderr=rx.stderr)


def run_socat_tcp():
    port = free_port()
    peer = subprocess.Popen(["bash", "-c", f"socat -u TCP-LISTEN:{port},reuseaddr STDOUT | wc -l"],
                            stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while not listening(port):
        if time.monotonic() > deadline:
            raise SystemExit("receive_throughput.py: socat did not listen")
        time.sleep(0.005)
    ch0 = children_cpu()
    t0 = time.monotonic()
    sender = send_file(port)
    out = peer.communicate()[0]
    done_at = time.monotonic()
    ch1 = children_cpu()            # the peer's pipeline only: the sender is not reaped yet
    sender.wait()
    sent_at = min(done_at, time.monotonic())
    count = int(out.split()[0])
    if count != lines_n:
        failures.append(f"socat | wc -l counted {count}, expected {lines_n}")
    return dict(wall=done_at - t0, sender=None, cpu=ch1 - ch0, sender_cpu=children_cpu() - ch1, count=count)


def run_command(args, shell=False):
    ch0 = children_cpu()
    t0 = time.monotonic()
    p = subprocess.run(args, shell=shell, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                       executable="/bin/bash" if shell else None)
    wall = time.monotonic() - t0
    return wall, children_cpu() - ch0, p.stdout, p.returncode


def summary_count(label, out, rc):
    s = json.loads(out.strip().splitlines()[-1])
    n = s["hits"] + s["invalid"]
    if n != lines_n or rc != 0:
        failures.append(f"{label}: hits + invalid {n}, expected {lines_n}, exit {rc}")
    return n


def run_wc():
    wall, cpu, out, rc = run_command(["wc", "-l", path])
    n = int(out.split()[0])
    if n != lines_n:
        failures.append(f"wc -l counted {n}")
    return dict(wall=wall, cpu=cpu, count=n)


def run_check(threads):
    args = [rxlog, "check", path, "-t", THRESHOLD, "--json"] + (["--threads", str(threads)] if threads else [])
    wall, cpu, out, rc = run_command(args)
    return dict(wall=wall, cpu=cpu, count=summary_count(" ".join(args[1:3]), out, rc))


def run_stdin():
    wall, cpu, out, rc = run_command(f"cat '{path}' | '{rxlog}' --json -t {THRESHOLD} | tail -n 1", shell=True)
    return dict(wall=wall, cpu=cpu, count=summary_count("stdin", out, rc))


ROWS = [
    (f"rxlog receive tcp ({SENDER} -> rxlog)", run_rxlog_tcp),
    (f"socat TCP-LISTEN | wc -l ({SENDER} ->)", run_socat_tcp),
    ("wc -l FILE", run_wc),
    ("cat FILE | rxlog --json (stdin, live)", run_stdin),
    ("rxlog check FILE (default threads)", lambda: run_check(None)),
    ("rxlog check FILE --threads 1", lambda: run_check(1)),
]

print(f"## 1. TCP, one connection ({SENDER} sends the file), {lines_n:,} lines; {rounds} rounds, one run of each row per round, the order "
      "rotated each round")
results = {name: [] for name, _ in ROWS}
for r in range(rounds):
    order = ROWS[r % len(ROWS):] + ROWS[:r % len(ROWS)]
    for name, run in order:
        results[name].append(run())
    rx = results[ROWS[0][0]][-1]
    print(f"  round {r + 1}: " + "  ".join(f"{name.split(' (')[0]} {results[name][-1]['wall'] * 1000:.0f}"
                                           for name, _ in ROWS) + " ms")

base = statistics.median(x["wall"] for x in results[ROWS[0][0]])
base_cpu = statistics.median(float(x["cpu"]) for x in results[ROWS[0][0]])
print()
print(f"  {'':44} {'median wall':>11} {'min':>8} {'lines/s':>11} {'wall/rxlog':>10} {'CPU':>8} {'of it sys':>9} "
      f"{'CPU/rxlog':>9}")
for name, _ in ROWS:
    xs = results[name]
    wall = statistics.median(x["wall"] for x in xs)
    cpu = statistics.median(float(x["cpu"]) for x in xs)
    sys_cpu = statistics.median(x["cpu"][1] for x in xs)
    print(f"  {name:44} {wall * 1000:8.1f} ms {min(x['wall'] for x in xs) * 1000:5.0f} ms "
          f"{lines_n / wall:11,.0f} {wall / base:10.2f} {cpu * 1000:5.0f} ms {sys_cpu * 1000:6.0f} ms {cpu / base_cpu:9.2f}")
rxs = results[ROWS[0][0]]
peer = results[ROWS[1][0]]
print()
print("  wall: sender start -> the last line counted (rxlog: rxlog_lines_read_total reached LINES on /metrics, polled "
      f"every {POLL * 1000:.0f} ms; socat | wc -l: wc exited); check, stdin and wc -l: the whole process, start-up "
      "included.")
print("  CPU (user+sys): rxlog receive from /proc/PID/stat over the same span (ticks of "
      f"{1000 // TICK} ms); the others from getrusage of the reaped processes (socat | wc -l: bash, socat and wc).")
print(f"  rxlog receive: the {SENDER} sender itself exited after {statistics.median(x['sender'] for x in rxs) * 1000:.1f} ms "
      f"(median), sender CPU {statistics.median(float(x['sender_cpu']) for x in rxs) * 1000:.0f} ms; beside socat | wc -l "
      f"the sender's CPU was {statistics.median(float(x['sender_cpu']) for x in peer) * 1000:.0f} ms; "
      f"{statistics.median(x['polls'] for x in rxs):.0f} scrapes per run (median)")
for i, x in enumerate(rxs):
    print(f"  round {i + 1}: rxlog summary hits {x['hits']:,} invalid {x['invalid']:,} (= {x['count']:,}), exit {x['rc']}; "
          f"per-second reports (hits): {' '.join(f'{h:,}' for h, _ in x['reports'])}")
ok_tcp = all(x["count"] == lines_n for xs in results.values() for x in xs)
print(f"  counts: every run of every row counted {lines_n:,} lines: {'yes' if ok_tcp else 'NO'} "
      "(rxlog: summary hits + invalid, and the reports' sum)")
print("  rxlog stderr (last round): " + " | ".join(rxs[-1]["stderr"]))


# ---------------------------------------------------------------------------------------------------------- UDP
def udp_lines_from_file(n):
    out = []
    with open(path, "rb") as f:
        for line in f:
            out.append(line.rstrip(b"\n"))
            if len(out) == n:
                break
    return out


def udp_run(datagrams, rate, at_once=False, hold=0.0, warm=0):
    rx = Rxlog("udp://127.0.0.1:0", listen=False)
    if not at_once:
        rx.running()
    port = rx.port
    cpu0 = proc_cpu(rx.proc.pid)
    snmp0, drops0 = snmp_udp(), udp_socket_drops(port)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect(("127.0.0.1", port))
    errors = 0
    t0 = time.monotonic()
    for i in range(warm):   # the first `warm` lines at WARM_RATE: the parsing path runs (and is compiled) before the flood
        while time.monotonic() - t0 < i / WARM_RATE:
            time.sleep(0.0005)
        sock.send(datagrams[i])
    if rate is None:
        for d in datagrams[warm:]:
            try:
                sock.send(d)
            except OSError:
                errors += 1
    else:
        i, n = 0, len(datagrams)
        while i < n:
            due = min(n, int((time.monotonic() - t0) * rate) + 1)
            while i < due:
                try:
                    sock.send(datagrams[i])
                except OSError:
                    errors += 1
                i += 1
            time.sleep(0.0005)
    send_s = time.monotonic() - t0
    sock.close()
    rx.settle(expected=len(datagrams), quiet=2.5)
    while time.monotonic() - rx.started < hold:   # rxlog's own look at the drops, every 10 s
        time.sleep(0.1)
    cpu = proc_cpu(rx.proc.pid) - cpu0
    drops = udp_socket_drops(port)
    snmp1 = snmp_udp()
    rc = rx.stop()
    said = [line for line in rx.stderr if "dropped" in line]
    s = rx.summary or {}
    return dict(sent=len(datagrams), errors=errors, send_s=send_s, counted=(s.get("hits") or 0) + (s.get("invalid") or 0),
                invalid=s.get("invalid"), reports=rx.counted, drops=None if drops is None else drops - (drops0 or 0),
                rcvbuf=snmp1["RcvbufErrors"] - snmp0["RcvbufErrors"], indg=snmp1["InDatagrams"] - snmp0["InDatagrams"],
                said=said, rc=rc, cpu=cpu)


if udp_lines > 0:
    datagrams = udp_lines_from_file(udp_lines)
    with open("/proc/sys/net/core/rmem_max") as f:
        rmem_max = int(f.read())
    print()
    print(f"## 2. UDP on loopback, one line per datagram ({len(datagrams):,} lines of FILE, no newline, one Python "
          f"socket.send each); net.core.rmem_max {rmem_max:,} (rxlog asks for 8 MiB)")
    runs = [("flood as soon as rxlog says 'receiving on'", None, True, UDP_HOLD, 0),
            ("flood after rxlog's first report (as fast as Python sends)", None, False, UDP_HOLD, 0),
            (f"flood after the first report and {UDP_WARM:,} lines at {WARM_RATE:,}/s", None, False, UDP_HOLD, UDP_WARM)]
    runs += [(f"paced {r:,} lines/s", r, False, 0.0, 0) for r in udp_rates]
    for label, rate, at_once, hold, warm in runs:
        u = udp_run(datagrams, rate, at_once, hold, warm)
        lost = u["sent"] - u["counted"]
        print(f"  {label}: sent {u['sent']:,} in {u['send_s']:.2f} s ({(u['sent'] - warm) / (u['send_s'] - warm / WARM_RATE):,.0f}/s, "
              f"{u['errors']} send errors); rxlog counted {u['counted']:,} (invalid {u['invalid']}), lost {lost:,} "
              f"({100 * lost / u['sent']:.1f} %); rxlog CPU {float(u['cpu']) * 1000:.0f} ms (sys {u['cpu'][1] * 1000:.0f})")
        print(f"    kernel: /proc/net/udp drops for the port {u['drops']}, /proc/net/snmp Udp RcvbufErrors "
              f"+{u['rcvbuf']:,} (all sockets), InDatagrams +{u['indg']:,}; counted + socket drops = "
              f"{u['counted'] + (u['drops'] or 0):,} of {u['sent']:,} sent")
        for line in u["said"] or ["(nothing about drops)"]:
            print(f"    rxlog said: {line}")
        if u["rc"] != 143:
            failures.append(f"udp {label}: rxlog exit {u['rc']}")

if failures:
    print()
    for f in failures:
        print("MISMATCH: " + f)
    sys.exit(1)
