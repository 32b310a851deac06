#!/usr/bin/env python3
"""Generate 4 small held-out CLF logs (deterministic, random.Random(seed)) and their
expected `check --json` streams (window 120, interval 10, top 10) with ../contract.py.

    python3 tools/reference/heldout/make_heldout.py [OUTDIR]   (default: this folder)

Files (threshold in the expected file's name, also listed in MANIFEST.tsv):
  h1_boundary_late.log     +0000  thr 0.5  first/last record exactly on a report boundary, many
                                           late lines (1..90 s older), invalid lines before the first
                                           record and in the middle, "-" requests, alert + recovery
  h2_gap_ist.log.gz        +0530  thr 1.0  gzip; burst alerts, then a 3-day gap while alerting (recovery
                                           falls inside the gap), a quiet 2-day gap, late lines after the
                                           gaps, ends while alerting
  h3_equal_flap.log        +0100  thr 1.0  exactly 1 hit/s for minutes (avg == threshold: no alert; later,
                                           while alerting: no recovery), alert raised exactly at a report
                                           end, alert -> recover -> alert -> recover -> alert
  h4_messy.log             -0700  thr 0.2  CRLF/LF mix, section edge cases (absolute URIs, query/fragment,
                                           OPTIONS *, CONNECT, escapes, percent-encoding, raw UTF-8,
                                           invalid UTF-8, astral vs BMP ordinal ties), bad timestamps,
                                           2/4-field lines, NUL line, a record-like line > 64 KiB
                                           (invalid) and one < 64 KiB (valid), blank lines,
                                           last line without newline
"""
from __future__ import annotations

import gzip
import os
import random
import subprocess
import sys
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACT = os.path.join(HERE, "..", "contract.py")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

PATHS = ["/", "/index.html", "/api/v1/items", "/api/v2/users?id=7", "/static/app.js", "/static/css/site.css",
         "/images/logo.png", "/blog/2024/01/post", "/blog", "/robots.txt", "/favicon.ico", "/search?q=a/b",
         "/docs/guide#intro", "/login"]
STATUSES = [200] * 12 + [204, 301, 302, 304, 404, 404, 403, 500, 503]


def epoch(y, mo, d, h=0, mi=0, s=0):
    return int(datetime(y, mo, d, h, mi, s, tzinfo=timezone.utc).timestamp())


def stamp(t, off_min):
    lt = datetime.fromtimestamp(t + off_min * 60, timezone.utc)
    sign = "+" if off_min >= 0 else "-"
    a = abs(off_min)
    return (f"{lt.day:02d}/{MONTHS[lt.month - 1]}/{lt.year:04d}:{lt.hour:02d}:{lt.minute:02d}:{lt.second:02d} "
            f"{sign}{a // 60:02d}{a % 60:02d}")


class Log:
    def __init__(self, seed, off_min):
        self.rng = random.Random(seed)
        self.off = off_min
        self.lines: list[bytes] = []
        self.newest = None

    def host(self):
        r = self.rng
        return f"{r.randint(1, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def record(self, t, request=None, status=None, nbytes=None, combined=None, late_max=0, late_p=0.0):
        """Append one record stamped t (or, with probability late_p, up to late_max s before the newest)."""
        r = self.rng
        # A line may be late only once an on-time line has already moved the log's clock to t,
        # so that it counts in second t (where the generator means it) under the clamping rule.
        if late_max and self.newest == t and r.random() < late_p:
            t = self.newest - r.randint(1, late_max)
        elif self.newest is None or t > self.newest:
            self.newest = t
        if request is None:
            request = f"{r.choice(['GET'] * 8 + ['POST', 'HEAD'])} {r.choice(PATHS)} HTTP/1.1"
        if status is None:
            status = r.choice(STATUSES)
        if nbytes is None:
            nbytes = "-" if r.random() < 0.08 else str(r.randint(0, 90000))
        if combined is None:
            combined = r.random() < 0.5
        line = f'{self.host()} - {r.choice(["-", "-", "alice"])} [{stamp(t, self.off)}] "{request}" {status} {nbytes}'
        if combined:
            line += f' "https://example.org/ref" "Mozilla/5.0 (X11; rxlog-heldout {r.randint(1, 99)})"'
        self.lines.append(line.encode("utf-8"))

    def dash(self, t, **kw):
        self.record(t, request="-", status=400, nbytes="0", **kw)

    def raw(self, b: bytes | str):
        self.lines.append(b.encode("utf-8") if isinstance(b, str) else b)

    def traffic(self, t0, t1, rate, late_max=0, late_p=0.0, dash_p=0.0):
        """Random traffic in [t0, t1) at about `rate` hits/s (Bernoulli/Poisson-ish per second)."""
        r = self.rng
        for t in range(t0, t1):
            n = int(rate) + (1 if r.random() < rate - int(rate) else 0)
            for _ in range(n):
                if r.random() < dash_p:
                    self.dash(t, late_max=late_max, late_p=late_p)
                else:
                    self.record(t, late_max=late_max, late_p=late_p)

    def exact(self, t0, t1, per_second, late_max=0, late_p=0.0):
        """Exactly `per_second` hits in every second of [t0, t1) (late lines still count there)."""
        for t in range(t0, t1):
            for _ in range(per_second):
                self.record(t, late_max=late_max, late_p=late_p)

    def data(self, newline=b"\n", final_newline=True):
        body = newline.join(self.lines)
        return body + newline if final_newline else body


def h1():
    L = Log(101, 0)
    B = epoch(2024, 3, 10, 12, 0, 0)                    # multiple of 10 s
    L.raw("this is not a log line")                        # invalid before the first record
    L.raw('10.0.0.1 - [10/Mar/2024:11:59:59 +0000] "GET / HTTP/1.1" 200 5')  # two fields before '[': invalid
    L.record(B, request="GET /first/on/boundary HTTP/1.1", status=200)     # first record on a boundary
    L.traffic(B + 1, B + 300, 0.3, late_max=90, late_p=0.25, dash_p=0.05)
    for k in range(1, 30):                                 # records exactly on later boundaries
        L.record(B + 10 * k + 300, late_max=0)
        L.traffic(B + 10 * k + 301, B + 10 * k + 310, 1.3, late_max=90, late_p=0.3, dash_p=0.05)
    L.raw("\x00\x00\x00")                                  # invalid in the middle (NUL-only)
    L.raw('10.0.0.2 - - [10/Mar/2024:12:10:00 +0000] "GET /truncated')
    L.traffic(B + 600, B + 890, 0.25, late_max=90, late_p=0.3, dash_p=0.1)
    L.dash(B + 895)
    L.record(B + 900, request="GET /last/on/boundary HTTP/1.1")           # last record on a boundary
    L.raw("trailing garbage after the last record")
    return "h1_boundary_late.log", L.data(), 0.5


def h2():
    L = Log(202, 5 * 60 + 30)
    B = epoch(2023, 11, 5, 3, 30, 0)                     # 09:00:00 +0530
    L.traffic(B, B + 200, 0.5, late_max=60, late_p=0.2)
    L.traffic(B + 200, B + 330, 2.2, late_max=90, late_p=0.2, dash_p=0.03)  # alert
    L.raw("garbage line while alerting, just before the gap")
    G = B + 330 + 3 * 86400 + 1234                      # 3-day gap: recovery falls inside it
    L.traffic(G, G + 200, 0.4, late_max=90, late_p=0.3)
    L.traffic(G + 200, G + 290, 1.8, late_max=90, late_p=0.2)           # alert again
    L.traffic(G + 290, G + 600, 0.1, late_max=30, late_p=0.2)           # recover
    H = G + 600 + 2 * 86400 + 17                        # quiet 2-day gap (not alerting)
    L.traffic(H, H + 100, 0.5, late_max=90, late_p=0.3)
    L.traffic(H + 100, H + 240, 2.5, late_max=90, late_p=0.2, dash_p=0.05)  # ends while alerting
    data = gzip.compress(L.data(), compresslevel=9, mtime=0)
    return "h2_gap_ist.log.gz", data, 1.0


def h3():
    L = Log(303, 60)
    B = epoch(2022, 6, 1, 8, 0, 0)
    t = B
    L.exact(t, t + 309, 1, late_max=90, late_p=0.2)      # avg climbs to exactly 1.0 == T: no alert
    t += 309
    L.exact(t, t + 1, 2)                                   # one extra hit at second 309 -> alert at B+310 (report end)
    t += 1
    L.exact(t, t + 300, 1, late_max=90, late_p=0.2)      # back to exactly 1.0 while alerting: no recovery
    t += 300
    t += 3                                                 # 3 empty seconds -> avg < 1.0: recovery
    L.exact(t, t + 200, 1, late_max=90, late_p=0.2)      # equality again, not alerting: nothing
    t += 200
    L.exact(t, t + 10, 3, late_max=90, late_p=0.3)        # burst: alert
    t += 10
    L.traffic(t, t + 200, 0.5, late_max=90, late_p=0.2)  # recover
    t += 200
    L.exact(t, t + 30, 4, late_max=90, late_p=0.3)        # alert again
    t += 30
    L.traffic(t, t + 400, 0.3)                             # recover
    t += 400
    L.exact(t, t + 40, 3)                                  # alert a third time
    t += 40
    L.traffic(t, t + 300, 0.2)
    return "h3_equal_flap.log", L.data(), 1.0


def h4():
    L = Log(404, -7 * 60)
    B = epoch(2021, 12, 31, 23, 59, 0)
    r = L.rng
    L.raw("   \t ")                                       # whitespace only: ignored
    L.raw("")                                             # blank: ignored
    L.raw("GET /no-host-fields HTTP/1.1 200 12")           # invalid before the first record
    L.record(B, request="GET /start HTTP/1.1")
    odd = [
        "GET http://my.site.com/pages/create HTTP/1.1",
        "GET http://my.site.com HTTP/1.1",
        "GET https://My.Site.com:8443?x=/y HTTP/1.1",
        "GET /api/v1?x=/y HTTP/1.1",
        "GET /api#frag/x HTTP/1.1",
        "GET /Pages/Create HTTP/1.1",
        "GET /%7Euser/x HTTP/1.1",
        "GET / HTTP/1.0",
        "GET /",
        "GET //double HTTP/1.1",
        "OPTIONS * HTTP/1.1",
        "CONNECT example.org:443 HTTP/1.1",
        "GET",
        "-",
        "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc\\x03\\x03",
        'GET /q\\"uote/x HTTP/1.1',
        "GET /back\\\\slash/x HTTP/1.1",
        "GET /caf\u00e9/menu HTTP/1.1",
        "GET /\U0001F600/x HTTP/1.1",
        "GET /\uFF5E/x HTTP/1.1",
        "GET /\U0001F600 HTTP/1.1",
        "GET /\uFF5E HTTP/1.1",
        "GET /robots.txt HTTP/1.1",
        "GET relative/path HTTP/1.1",
        "GET ftp://files.example.org/pub/x HTTP/1.1",
    ]
    t = B + 1
    for rep in range(3):
        for req in odd:
            L.record(t, request=req, late_max=20, late_p=0.2)
            if r.random() < 0.5:
                t += 1
    # invalid UTF-8 in the path (decoded with U+FFFD) and in the user agent
    L.raw(f'1.2.3.4 - - [{stamp(t, L.off)}] "GET /bad\xff\xfeutf/x HTTP/1.1" 200 1'.encode("latin-1"))
    L.raw(f'1.2.3.4 - - [{stamp(t, L.off)}] "GET /ok HTTP/1.1" 200 1 "-" "agent \xc3\x28"'.encode("latin-1"))
    # invalid lines
    L.raw(f'1.2.3.4 - - [31/Feb/2022:00:00:00 -0700] "GET /feb31 HTTP/1.1" 200 1')
    L.raw(f'1.2.3.4 - - [01/Jan/2022:25:00:00 -0700] "GET /hour25 HTTP/1.1" 200 1')
    L.raw(f'1.2.3.4 - - [01/Jan/2022:00:00:00 -0700] GET /unquoted HTTP/1.1 200 1')
    L.raw(f'1.2.3.4 - - x [{stamp(t, L.off)}] "GET /four-fields HTTP/1.1" 200 1')
    L.raw(f'1.2.3.4 - - [{stamp(t, L.off)}] "GET /status2 HTTP/1.1" 20 1')
    L.raw(f'1.2.3.4 - - [{stamp(t, L.off)}] "GET /nobytes HTTP/1.1" 200')
    L.raw(f'1.2.3.4  - - [{stamp(t, L.off)}] "GET /double-space HTTP/1.1" 200 1')
    L.raw("\x00")
    L.raw(f'1.2.3.4 - - [{stamp(t, L.off)}] "GET /too-long?q={"x" * 70000} HTTP/1.1" 200 1')  # > 64 KiB: invalid
    L.raw(f'1.2.3.4 - - [{stamp(t, L.off)}] "GET /long-ok?q={"y" * 60000} HTTP/1.1" 200 1')    # < 64 KiB: a record
    L.raw(f'1.2.3.4 - - [{stamp(t, L.off)}] "GET /after-long-line HTTP/1.1" 200 1 extra fields here 0.123')
    L.raw(" ")
    # burst: alert, then recover
    L.traffic(t + 1, t + 60, 0.8, late_max=45, late_p=0.2, dash_p=0.1)
    L.traffic(t + 60, t + 400, 0.05, late_max=45, late_p=0.2, dash_p=0.1)
    # second burst with the tie-ordered sections in one interval
    t2 = t + 400 - (t + 400) % 10 + 10
    for req in ["GET /\uFF5E/y HTTP/1.1", "GET /\U0001F600/y HTTP/1.1", "GET /b HTTP/1.1", "GET /\uFF5E HTTP/1.1",
                "GET /\U0001F600 HTTP/1.1", "GET /b/2 HTTP/1.1", "GET /bad\ufffd/x HTTP/1.1", "GET /B HTTP/1.1"]:
        L.record(t2 + 1, request=req)
    L.traffic(t2 + 2, t2 + 45, 1.0, dash_p=0.1)
    L.record(t2 + 50, request="GET /the-end HTTP/1.1")
    # CRLF on most lines, a few LF only, no final newline
    out = bytearray()
    for i, line in enumerate(L.lines):
        out += line
        if i < len(L.lines) - 1:
            out += b"\n" if i % 7 == 3 else b"\r\n"
    return "h4_messy.log", bytes(out), 0.2


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else HERE
    os.makedirs(outdir, exist_ok=True)
    manifest = ["file\tthreshold\texpected"]
    for make in (h1, h2, h3, h4):
        name, data, thr = make()
        path = os.path.join(outdir, name)
        with open(path, "wb") as f:
            f.write(data)
        base = name.removesuffix(".gz").removesuffix(".log")
        exp = os.path.join(outdir, f"{base}.threshold-{thr}.ndjson")
        rc = subprocess.run([sys.executable, CONTRACT, path, "--threshold", str(thr), "-o", exp]).returncode
        if rc not in (0, 1):
            raise SystemExit(f"contract.py failed on {name} (exit {rc})")
        manifest.append(f"{name}\t{thr}\t{os.path.basename(exp)}")
    with open(os.path.join(outdir, "MANIFEST.tsv"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
