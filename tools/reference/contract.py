#!/usr/bin/env python3
"""Independent reference implementation of rxlog's `check --json` (CONTRACT.md).

Standard library only. Reads a Common/Combined Log Format file (plain or gzip,
detected by magic bytes) and prints the NDJSON event stream that
`rxlog check FILE --json` must produce: reports, alerts, recoveries, summary.

Deliberately written "offline" (read everything, then evaluate) and
independently of the C# code, so that the two can be checked against each
other.

Exit code mirrors `rxlog check`: 0 no alert, 1 at least one alert,
2 invalid lines but no record (or unreadable input).
"""
from __future__ import annotations

import argparse
import bisect
import gzip
import json
import re
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone

MAX_LINE_BYTES = 64 * 1024  # a line longer than this is invalid

MONTHS = {m: i + 1 for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}

# host ident authuser [dd/Mon/yyyy:HH:MM:SS +zzzz] "request" status bytes [extra]
# - three non-empty fields separated by single spaces before '['
# - request may contain \" and \\ (any backslash escape)
# - three-digit status, bytes digits or '-', anything after bytes (after whitespace) is extra
CLF_RE = re.compile(
    r'([^ ]+) ([^ ]+) ([^ ]+) '
    r'\[([0-9]{2})/([A-Za-z]{3})/([0-9]{4}):([0-9]{2}):([0-9]{2}):([0-9]{2}) ([+-])([0-9]{2})([0-9]{2})\] '
    r'"((?:[^"\\]|\\.)*)" '
    r'([0-9]{3}) '
    r'([0-9]+|-)'
    r'(?:\s.*)?',
    re.ASCII | re.DOTALL)

SCHEME_RE = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*://', re.ASCII)

# .NET char.IsWhiteSpace set (used for "blank or whitespace-only" lines)
_WS = set("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200B)}


def is_blank(text: str) -> bool:
    return all(ch in _WS for ch in text)


def section_of(request: str) -> str | None:
    """Section of a request line (as written, escapes and percent-encoding kept)."""
    tokens = [t for t in request.split(" ") if t != ""]
    if len(tokens) < 2:
        return None
    path = tokens[1]
    cut = len(path)
    for ch in "?#":
        i = path.find(ch)
        if i != -1 and i < cut:
            cut = i
    path = path[:cut]
    prefix = ""
    if path.startswith("/"):
        rest = path
    else:
        m = SCHEME_RE.match(path)
        if not m:
            return None
        after = path[m.end():]
        slash = after.find("/")
        if slash == -1:
            return path + "/"
        prefix = path[:m.end() + slash]
        rest = after[slash:]
    second = rest.find("/", 1)
    return prefix + (rest if second == -1 else rest[:second])


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def parse_line(text: str):
    """Return (epoch_second, offset_minutes, request, status, bytes) or None."""
    m = CLF_RE.fullmatch(text)
    if not m:
        return None
    (_h, _i, _u, dd, mon, yyyy, hh, mi, ss, sign, oh, om, request, status, nbytes) = m.groups()
    month = MONTHS.get(mon)  # month names are case-sensitive (Jan..Dec)
    if month is None:
        return None
    day, year, hour, minute, second = int(dd), int(yyyy), int(hh), int(mi), int(ss)
    offh, offm = int(oh), int(om)
    if year < 1 or not 1 <= day <= _days_in_month(year, month):
        return None
    if hour > 23 or minute > 59 or second > 59 or offm > 59 or offh * 60 + offm > 14 * 60:
        return None
    offset = (offh * 60 + offm) * (1 if sign == "+" else -1)
    local = datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    epoch = int(local.timestamp()) - offset * 60
    return epoch, offset, request, int(status), (0 if nbytes == "-" else int(nbytes))


def read_lines(path: str):
    """Yield raw lines (bytes, without terminator). Gzip by magic bytes; CRLF and LF; last line may lack \\n."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    for p in parts:
        if p.endswith(b"\r"):
            p = p[:-1]
        yield p


class Interval:
    __slots__ = ("hits", "sections", "status", "bytes", "invalid")

    def __init__(self):
        self.hits = 0
        self.sections = Counter()
        self.status = {"2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0}
        self.bytes = 0
        self.invalid = 0


def run(path, threshold, window, interval, top, emit_invalid_only_reports=False, out=sys.stdout, skip_idle=True):
    # ---- pass 1: parse, clamp, bucket ------------------------------------
    buckets: Counter = Counter()          # clamped second -> hits
    intervals: dict[int, Interval] = {}   # aligned start -> Interval
    newest = None                         # clamped clock (epoch second)
    first = None
    display_offset = 0                    # minutes, from the first record
    invalid_total = 0
    invalid_before_first = 0
    hits_total = 0

    def iv(sec):
        start = sec - sec % interval
        x = intervals.get(start)
        if x is None:
            x = intervals[start] = Interval()
        return x

    for raw in read_lines(path):
        if len(raw) > MAX_LINE_BYTES:
            parsed = None
            text = None
        else:
            text = raw.decode("utf-8", "replace")
            if is_blank(text):
                continue
            parsed = parse_line(text)
        if parsed is None:
            invalid_total += 1
            if newest is None:
                invalid_before_first += 1
            else:
                iv(newest).invalid += 1
            continue
        epoch, offset, request, status, nbytes = parsed
        if first is None:
            first = epoch
            newest = epoch
            display_offset = offset
        elif epoch > newest:
            newest = epoch
        sec = newest  # a late record counts at the newest second
        buckets[sec] += 1
        hits_total += 1
        x = iv(sec)
        x.hits += 1
        sect = section_of(request)
        if sect is not None:
            x.sections[sect] += 1
        cls = status // 100
        if 2 <= cls <= 5:
            x.status[f"{cls}xx"] += 1
        x.bytes += nbytes

    tz = timezone(timedelta(minutes=display_offset))

    def iso(sec):
        return datetime.fromtimestamp(sec, tz).isoformat()

    def emit(obj):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")

    if first is None:
        emit({"type": "summary", "start": None, "end": None, "hits": 0,
              "invalid": invalid_total, "alerts": 0, "alerting": False})
        return 2 if invalid_total else 0

    last = newest
    if invalid_before_first:
        iv(first).invalid += invalid_before_first

    # ---- pass 2: alert decisions at every boundary b in [first+1, last+1] --
    secs = sorted(buckets)
    cum = [0]
    for s in secs:
        cum.append(cum[-1] + buckets[s])

    def window_total(b):  # hits in [b - W, b)
        return cum[bisect.bisect_left(secs, b)] - cum[bisect.bisect_left(secs, b - window)]

    events = []  # (instant, priority, seq, obj)
    transitions = []  # (b, alerting_after)
    alerting = False
    alert_at = None
    alerts = 0
    b = first + 1
    while b <= last + 1:
        total = window_total(b)
        avg = total / window
        if not alerting and avg > threshold:
            alerting, alert_at = True, b
            alerts += 1
            transitions.append((b, True))
            events.append((b, 0, len(events), {
                "type": "alert", "time": iso(b), "avg": avg, "hits": total,
                "threshold": threshold, "window": window}))
        elif alerting and avg < threshold:
            alerting = False
            transitions.append((b, False))
            events.append((b, 0, len(events), {
                "type": "recovered", "time": iso(b), "avg": avg, "hits": total,
                "threshold": threshold, "window": window, "duration": b - alert_at}))
        if total == 0 and skip_idle:
            # Window empty: every following second until the next hit has avg 0 and,
            # the decision at b having been taken, cannot change the state. Skip.
            i = bisect.bisect_left(secs, b)
            b = secs[i] + 1 if i < len(secs) else last + 2
            continue
        b += 1

    trans_times = [t for t, _ in transitions]

    def alerting_at(e):  # state after the decision at boundary e
        i = bisect.bisect_right(trans_times, e)
        return transitions[i - 1][1] if i else False

    # ---- reports -----------------------------------------------------------
    def sort_key(item):
        name, n = item
        return (-n, name.encode("utf-16-be"))

    for start in sorted(intervals):
        x = intervals[start]
        if x.hits == 0 and not (emit_invalid_only_reports and x.invalid):
            continue
        end = start + interval
        e = min(end, last + 1)
        top_sections = sorted(x.sections.items(), key=sort_key)[:top]
        events.append((end, 1, len(events), {
            "type": "report", "start": iso(start), "end": iso(end), "hits": x.hits,
            "sections": [{"section": s, "hits": n} for s, n in top_sections],
            "status": dict(x.status), "bytes": x.bytes, "invalid": x.invalid,
            "avg": window_total(e) / window, "alerting": alerting_at(e)}))

    events.sort(key=lambda t: (t[0], t[1], t[2]))
    for _, _, _, obj in events:
        emit(obj)
    emit({"type": "summary", "start": iso(first), "end": iso(last + 1), "hits": hits_total,
          "invalid": invalid_total, "alerts": alerts, "alerting": alerting})
    return 1 if alerts else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description="Reference implementation of `rxlog check --json` (CLF only).")
    ap.add_argument("file")
    ap.add_argument("--threshold", type=float, default=10.0)
    ap.add_argument("--window", type=int, default=120)
    ap.add_argument("--interval", type=int, default=10)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--emit-invalid-only-reports", action="store_true",
                    help="also emit reports for intervals holding invalid lines but no hit")
    ap.add_argument("--no-skip", action="store_true",
                    help="self-check: evaluate every second, no idle skipping (same output, slower)")
    ap.add_argument("-o", "--output", help="write events here instead of stdout")
    a = ap.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    if a.window < 1 or a.interval < 1 or a.top < 0:
        ap.error("window and interval must be >= 1 and top >= 0")
    out = open(a.output, "w", encoding="utf-8", newline="\n") if a.output else sys.stdout
    try:
        rc = run(a.file, a.threshold, a.window, a.interval, a.top, a.emit_invalid_only_reports, out,
                 skip_idle=not a.no_skip)
    except OSError as ex:
        print(f"contract.py: {ex}", file=sys.stderr)
        return 2
    finally:
        if a.output:
            out.close()
    return rc


if __name__ == "__main__":
    sys.exit(main())
