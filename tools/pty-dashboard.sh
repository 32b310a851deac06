#!/usr/bin/env bash
# Real-terminal test of the dashboard: does `rxlog watch` draw its dashboard on a terminal, keep hostile log text
# from driving that terminal, and redraw when the window is resized?
#   tools/pty-dashboard.sh [BINARY]        BINARY defaults to dist/rxlog (build it with ./publish.sh)
#   RXLOG_PTY_KEEP=DIR tools/pty-dashboard.sh …   also keeps the raw terminal output in DIR/pty.out
#
# In a temp dir, python3 opens a pseudo-terminal of 100x30 (TERM=xterm-256color, raw mode so every byte captured is
# one rxlog wrote) and starts `BINARY watch app.log --threshold 1 --interval 5` on it: stdin and stdout are the
# terminal, stderr goes to a file. A writer appends Common Log Format lines: valid ones, and ones whose paths carry
# hostile text, each between two markers (/hN<seq>Z):
#   OSC title set ESC ]0;pwned BEL · CSI ESC [2J · BEL · CR · C1 CSI U+009B (UTF-8 c2 9b) · raw byte 9b ·
#   invalid UTF-8 (ff fe) · bidi override U+202E
# It waits (with timeouts, on what the terminal shows) for the dashboard's sections and an alert; stops writing; waits
# for the next report's frame and at once resizes the terminal to 72x24 (TIOCSWINSZ on the terminal: the kernel sends
# SIGWINCH to rxlog, the foreground process of that terminal), then waits for a whole frame 72 columns wide that still
# shows the same report (so the resize drew it, not the next report, due 5 s later); then sends SIGTERM and checks:
#   exit code 143; the dashboard was drawn (panel header, Top sections, Alert history); every hostile sequence shows
#   as visible text (\x1b]0;pwned\x07, \x1b[2J, \x07, \x0d, \u009b, \ufffd, \u202e); none of them reaches the terminal
#   raw (no OSC, no BEL, no C1 CSI, no lone 9b byte, no U+202E anywhere; ESC [2J only once, rxlog's own first clear,
#   and never between the markers; no CR at all, as the terminal is raw and rxlog writes none); the final summary is on
#   the terminal after the frame; stderr holds only `rxlog: ` lines, among them the format notice the frame showed.
# Prints one verdict line (PASS … or FAIL …) last; exits 1 on failure.
set -uo pipefail

harness=pty-dashboard
. "$(dirname "$0")/harness-common.sh"

python3 - "$bin" "$work" "${RXLOG_PTY_KEEP:-}" <<'PY'
import fcntl, os, re, select, signal, struct, subprocess, sys, termios, time, tty

binary, work, keep = sys.argv[1], sys.argv[2], sys.argv[3]
log = os.path.join(work, "app.log")
failures = []

def verdict(ok, text):
    print(("PASS " if ok else "FAIL ") + text)
    sys.exit(0 if ok else 1)

# Hostile sequences, as raw bytes in the log, and as rxlog should show them.
HOSTILE = [
    (b"\x1b]0;pwned\x07", r"\x1b]0;pwned\x07"),
    (b"\x1b[2J", r"\x1b[2J"),
    (b"\x07", r"\x07"),
    (b"\r", r"\x0d"),
    (b"\xc2\x9b", r"\u009b"),
    (b"\x9b", "\ufffd"),
    (b"\xff\xfe", "\ufffd\ufffd"),
    ("\u202e".encode(), r"\u202e"),
]

def line(path: bytes) -> bytes:
    now = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime())
    return b'10.0.0.1 - - [' + now.encode() + b'] "GET ' + path + b' HTTP/1.1" 200 512\n'

def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

master, slave = os.openpty()
tty.setraw(slave)          # no ONLCR: the capture is exactly what rxlog wrote
set_size(slave, 30, 100)
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
env.pop("NO_COLOR", None)
err = open(os.path.join(work, "stderr"), "wb")

def controlling_terminal():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)   # a new session whose terminal is the pty: SIGWINCH comes to rxlog

proc = subprocess.Popen([binary, "watch", log, "--threshold", "1", "--interval", "5"], stdin=slave, stdout=slave,
                        stderr=err, env=env, cwd=work, start_new_session=True, preexec_fn=controlling_terminal)
os.close(slave)
captured = bytearray()

def pump(timeout):
    r, _, _ = select.select([master], [], [], timeout)
    if not r:
        return False
    try:
        data = os.read(master, 65536)
    except OSError:            # EIO: the child closed the terminal
        return False
    captured.extend(data)
    return bool(data)

def wait_for(what, condition, seconds, writer=None):
    deadline = time.monotonic() + seconds
    start = len(captured)
    while time.monotonic() < deadline:
        if writer:
            writer()
        pump(0.1)
        if condition(start):
            return True
        if proc.poll() is not None:
            break
    failures.append(f"timed out waiting for {what}")
    return False

def text(start=0):
    return bytes(captured[start:]).decode("utf-8", "surrogateescape")

with open(log, "ab") as f:
    def append_lines():
        # Ten valid lines each turn (the threshold is 1/s), plus one hostile line per sequence.
        for i in range(10):
            f.write(line(b"/ok/%d" % i))
        for n, (raw, _) in enumerate(HOSTILE):
            f.write(line(b"/h%d" % n + raw + b"Z"))
        f.flush()
    def dashboard_with_all_sections(start):
        t = text(start)
        return "Top sections" in t and all(f"/h{n}{shown}Z" in t for n, (_, shown) in enumerate(HOSTILE))
    wait_for("the dashboard to show every hostile section", dashboard_with_all_sections, 30, append_lines)
    wait_for("an alert", lambda start: "HIGH TRAFFIC ALERT" in text(), 30, append_lines)

# Resize while nothing is written, just after a report: the next frame must come from the SIGWINCH alone, so it
# still shows that report (the next report is due only 5 s later).
CSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
def frames(start=0):
    return [CSI.sub("", f) for f in text(start).split("\x1b[H")[1:]]
def report_line(frame):
    m = re.search(r"report \d\d:\d\d:\d\d → \d\d:\d\d:\d\d", frame)
    return m.group(0) if m else None
def width(frame):  # of a whole frame, else None
    top = frame.split("\n", 1)[0]
    complete = "\n└" in frame and top.startswith("┌─ rxlog ") and top.endswith("┐")
    return len(top) if complete else None
shown_report = report_line(frames()[-1]) if frames() else None
def next_report(start):
    return any(width(f) == 100 and report_line(f) not in (None, shown_report) for f in frames(start))
wait_for("the next report", next_report, 15)
last_report = report_line([f for f in frames() if width(f) == 100][-1])
set_size(master, 24, 72)
resized_at = len(captured)
wait_for("a frame 72 columns wide after the resize", lambda start: any(width(f) == 72 for f in frames(start)), 10)
redrawn = [f for f in frames(resized_at) if width(f) == 72]
if redrawn and report_line(redrawn[0]) != last_report:
    failures.append(f"the first frame after the resize shows {report_line(redrawn[0])}, not {last_report}: "
                    "redrawn by the next report, not by the resize")
def panel(frame):
    lines = frame.split("\n")
    return lines[:next((i + 1 for i, l in enumerate(lines) if l.startswith("└")), len(lines))]
if redrawn and any(len(l) != 72 for l in panel(redrawn[0])):
    failures.append("the frame after the resize has lines not 72 columns wide")

proc.send_signal(signal.SIGTERM)
try:
    code = proc.wait(timeout=20)
except subprocess.TimeoutExpired:
    proc.kill()
    code = proc.wait()
while pump(0.5):
    pass
os.close(master)
err.close()
out = text()
stderr = open(os.path.join(work, "stderr"), "rb").read().decode("utf-8", "surrogateescape")
if keep:
    os.makedirs(keep, exist_ok=True)
    open(os.path.join(keep, "pty.out"), "wb").write(captured)
    open(os.path.join(keep, "stderr"), "w", encoding="utf-8", errors="surrogateescape").write(stderr)

if code != 143:
    failures.append(f"exit {code}, expected 143")
plain = CSI.sub("", out)
for needle in ["┌─ rxlog ", "Top sections", "Alert history", "HIGH TRAFFIC ALERT"]:
    if needle not in plain:
        failures.append(f"dashboard text {needle!r} never shown")
for n, (raw, shown) in enumerate(HOSTILE):
    if f"/h{n}{shown}Z".encode("utf-8") not in captured:
        failures.append(f"hostile path /h{n} not shown as {shown!r}")
    if b"/h%d" % n + raw + b"Z" in captured:
        failures.append(f"hostile path /h{n} reached the terminal raw")
for name, raw in [("OSC (ESC ])", "\x1b]"), ("BEL", "\x07"), ("CR", "\r"), ("C1 CSI U+009B", "\u009b"),
                  ("raw byte 9b", "\udc9b"), ("bidi override U+202E", "\u202e")]:
    if raw in out:
        failures.append(f"{name} in the terminal output")
if out.count("\x1b[2J") != 1:
    failures.append(f"ESC [2J written {out.count(chr(27) + '[2J')} times, expected once (rxlog's first clear)")
if "\nSummary: " not in out[out.rfind("┘"):]:
    failures.append("no summary after the last frame")
for l in stderr.splitlines():
    if not l.startswith("rxlog: "):
        failures.append(f"stderr line without 'rxlog: ': {l[:80]!r}")
if f"rxlog: {log}: Common/Combined Log Format (detected" not in stderr:
    failures.append("the format notice shown in the frame was not repeated on stderr after the summary")
if "rxlog: " in out[out.rfind("┘"):]:
    failures.append("a notice on the terminal's stdout below the summary")

if failures:
    verdict(False, "pty dashboard: " + "; ".join(failures))
verdict(True, f"pty dashboard: exit 143, dashboard drawn, {len(HOSTILE)} hostile sequences shown escaped and none raw,"
        f" redrawn at 72 columns after the resize, summary on the terminal ({len(captured)} bytes captured)")
PY
