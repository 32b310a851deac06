#!/usr/bin/env python3
"""Independent reference implementation of rxlog's `check --json` (CONTRACT.md).

Standard library only. Reads a Common/Combined Log Format file (plain or gzip,
detected by magic bytes) and prints the NDJSON event stream that
`rxlog check FILE --json` must produce: reports, alerts, recoveries, summary.

Deliberately written "offline" (read everything, then evaluate) and
independently of the C# code, so that the two can be checked against each
other.

With --rules FILE, the alert rules of CONTRACT.md "Rules" (rate, ratio, latency,
silence; scopes section, status, client, source; window, min_hits, for, labels,
summary; high_traffic redefined or turned off) are decided at the same boundaries
as the built-in rule; their alerts and recoveries name their rule, and the summary
lists them. Common/Combined Log Format carries no response time here, so a
latency rule never decides. Without --rules the output is as before, byte for byte.

Exit code mirrors `rxlog check`: 0 no alert, 1 at least one alert (of any rule),
2 invalid lines but no record, unreadable input, or a rules file that cannot be used.
"""
from __future__ import annotations

import argparse
import bisect
import gzip
import json
import os
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
    """Return (epoch_second, offset_minutes, request, status, bytes, host) or None."""
    m = CLF_RE.fullmatch(text)
    if not m:
        return None
    (host, _i, _u, dd, mon, yyyy, hh, mi, ss, sign, oh, om, request, status, nbytes) = m.groups()
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
    return epoch, offset, request, int(status), (0 if nbytes == "-" else int(nbytes)), host


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


# ---- rules file (CONTRACT.md "Rules"): a YAML subset, parsed by hand ----------
#
# What is understood: a top-level `rules:` key holding a block list; each item is a
# block mapping (`- key: value` then `key: value` lines at the item's column) or a flow
# mapping (`- {name: x, off: true}`); values are plain or quoted scalars ('…', "…") or
# flow mappings (`labels: {severity: page}`); `#` comments at line start or after a
# space. Anything else is an error naming FILE:LINE:COLUMN (exit 2, as rxlog does).

BUILTIN = "high_traffic"
KINDS = ("rate", "ratio", "latency", "silence")
RULE_KEYS = ("name", "off") + KINDS + ("window", "section", "status", "client", "source",
                                       "min_hits", "percentile", "for", "labels", "summary")
BUILTIN_KEYS = {"name", "off", "rate", "window", "labels", "summary"}
NAME_RE = re.compile(r"[a-z0-9_]+", re.ASCII)
LABEL_RE = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*", re.ASCII)
DURATION_RE = re.compile(r"(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?", re.ASCII)
LATENCY_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)(us|ms|s)", re.ASCII)
NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)


class RulesError(Exception):
    def __init__(self, line, col, message):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


class Scalar:
    """A scalar as written in the file, with its 1-based position."""
    __slots__ = ("text", "quoted", "line", "col")

    def __init__(self, text, quoted, line, col):
        self.text, self.quoted, self.line, self.col = text, quoted, line, col


class FlowMap(dict):
    """A mapping (flow or block) of Scalar keys' text to Scalar | FlowMap, remembering positions."""

    def __init__(self, line, col):
        super().__init__()
        self.line, self.col = line, col
        self.key_pos = {}


class _Cursor:
    def __init__(self, text, line):
        self.s, self.line, self.i = text, line, 0

    def err(self, message, at=None):
        raise RulesError(self.line, (self.i if at is None else at) + 1, message)

    def peek(self):
        return self.s[self.i] if self.i < len(self.s) else ""

    def skip_spaces(self):
        while self.peek() == " ":
            self.i += 1

    def at_end(self):
        """True at end of line or at a comment (after at least one space, or at the start)."""
        rest = self.s[self.i:]
        return rest == "" or (rest.startswith("#") and (self.i == 0 or self.s[self.i - 1] == " "))

    def expect_end(self):
        self.skip_spaces()
        if not self.at_end():
            self.err(f"unexpected {self.s[self.i:]!r}")

    def scalar(self, flow):
        """A quoted or plain scalar; in a flow mapping a plain one ends at ',' or '}'."""
        start = self.i
        q = self.peek()
        if q in ("'", '"'):
            self.i += 1
            buf = []
            while True:
                ch = self.peek()
                if ch == "":
                    self.err("unterminated quoted string", start)
                self.i += 1
                if ch == q:
                    if q == "'" and self.peek() == "'":
                        buf.append("'")
                        self.i += 1
                        continue
                    break
                if q == '"' and ch == "\\":
                    esc = self.peek()
                    self.i += 1
                    mapped = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "/": "/", "'": "'"}.get(esc)
                    if mapped is None:
                        self.err(f"unknown escape \\{esc}", self.i - 2)
                    buf.append(mapped)
                    continue
                buf.append(ch)
            return Scalar("".join(buf), True, self.line, start + 1)
        if q in ("", "#", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "%", "@", "`"):
            self.err("expected a value")
        while self.i < len(self.s):
            ch = self.s[self.i]
            if flow and ch in ",}":
                break
            if ch == "#" and self.s[self.i - 1] == " ":
                break
            if ch == ":" and (self.i + 1 == len(self.s) or self.s[self.i + 1] == " "):
                break
            self.i += 1
        text = self.s[start:self.i].rstrip(" ")
        self.i = start + len(text)
        return Scalar(text, False, self.line, start + 1)

    def key(self, flow):
        k = self.scalar(flow)
        if self.peek() != ":":
            self.err("expected ':' after a key")
        self.i += 1
        if self.peek() not in ("", " ") and not flow:
            self.err("expected a space after ':'")
        return k

    def value(self, flow):
        self.skip_spaces()
        if self.peek() == "{":
            return self.flow_map()
        return self.scalar(flow)

    def flow_map(self):
        m = FlowMap(self.line, self.i + 1)
        self.i += 1  # '{'
        self.skip_spaces()
        if self.peek() == "}":
            self.i += 1
            return m
        while True:
            self.skip_spaces()
            k = self.key(flow=True)
            v = self.value(flow=True)
            _put(m, k, v)
            self.skip_spaces()
            ch = self.peek()
            self.i += 1
            if ch == "}":
                return m
            if ch != ",":
                self.err("expected ',' or '}'", self.i - 1)


def _put(m, k, v):
    if k.text in m:
        raise RulesError(k.line, k.col, f"duplicate key '{k.text}'")
    m[k.text] = v
    m.key_pos[k.text] = (k.line, k.col)


def parse_rules_yaml(text):
    """The rules file's items: a list of FlowMap."""
    items = []
    seen_rules = False
    item = None          # the block mapping being filled
    item_col = None      # column (0-based) of its keys
    list_col = None      # column of the '-' marks
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if n == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if "\t" in line[:len(line) - len(line.lstrip(" \t"))]:
            raise RulesError(n, line.index("\t") + 1, "tabs are not allowed for indentation")
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped == "" or stripped.startswith("#"):
            continue
        c = _Cursor(line, n)
        c.i = indent
        if not seen_rules:
            if indent != 0:
                c.err("expected 'rules:'")
            k = c.key(flow=False)
            if k.quoted or k.text != "rules":
                raise RulesError(n, 1, f"unknown key '{k.text}' (expected 'rules')")
            c.skip_spaces()
            if c.s[c.i:c.i + 2] == "[]":
                c.i += 2
                c.expect_end()
                seen_rules = "empty"
                continue
            c.expect_end()
            seen_rules = True
            continue
        if seen_rules == "empty" or indent == 0:
            c.err("only 'rules:' is allowed at the top level")
        if stripped.startswith("- ") or stripped == "-":
            if list_col is None:
                list_col = indent
            elif indent != list_col:
                c.err("list item not aligned with the previous ones")
            c.i += 1
            c.skip_spaces()
            if c.at_end():
                c.err("expected a rule (a mapping) after '-'")
            if c.peek() == "{":
                items.append(c.flow_map())
                c.expect_end()
                item = None
                continue
            item = FlowMap(n, c.i + 1)
            item_col = c.i
            items.append(item)
        else:
            if item is None:
                c.err("expected '- ' (a rule)" if list_col is None or indent <= list_col
                      else "unexpected line after a flow mapping")
            if indent != item_col:
                c.err("key not aligned with the rule's other keys")
        k = c.key(flow=False)
        c.skip_spaces()
        if c.at_end():
            c.err(f"'{k.text}' needs a value on the same line")
        v = c.value(flow=False)
        c.expect_end()
        _put(item, k, v)
    if not seen_rules:
        raise RulesError(1, 1, "expected 'rules:'")
    return items


def parse_duration(s: Scalar, what, allow_zero=False):
    t = s.text
    if NUMBER_RE.fullmatch(t) and "." not in t:
        v = int(t)
    else:
        m = DURATION_RE.fullmatch(t)
        if not t or not m or not any(m.groups()):
            raise RulesError(s.line, s.col, f"{what}: expected a duration such as 30s, 10m or 1m30s, not '{t}'")
        h, mi, se = (int(g) if g else 0 for g in m.groups())
        v = h * 3600 + mi * 60 + se
    if v < (0 if allow_zero else 1) or v > 24 * 3600:
        raise RulesError(s.line, s.col, f"{what}: out of range ('{t}')")
    return v


def _number(s: Scalar, what):
    if not NUMBER_RE.fullmatch(s.text):
        raise RulesError(s.line, s.col, f"{what}: expected a number, not '{s.text}'")
    return float(s.text)


def _scalar(v, key):
    if not isinstance(v, Scalar):
        raise RulesError(v.line, v.col, f"{key}: expected a scalar, not a mapping")
    return v


def _glob_re(pattern):
    """`*` matches any run (including '/'), `?` one character; everything else is literal."""
    out = []
    for ch in pattern:
        out.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
    return re.compile("".join(out), re.DOTALL)


class Rule:
    def __init__(self, name, builtin=False):
        self.name, self.builtin = name, builtin
        self.kind = "rate"
        self.threshold = None   # hits/s, fraction, seconds (latency, silence)
        self.window = None      # seconds
        self.section = self.status = self.client = self.source = None
        self.min_hits = 1
        self.percentile = 95.0
        self.for_s = 0
        self.labels = {}
        self.summary = None
        self.off = False

    def matches(self, section, status, client):
        if self.section is not None and (section is None or not self.section.fullmatch(section)):
            return False
        if self.status is not None:
            kind, v = self.status
            if (status != v) if kind == "code" else (status // 100 != v):
                return False
        if self.client is not None and not self.client.fullmatch(client):
            return False
        return True


def load_rules(path, threshold, window):
    """The rules in evaluation order: the built-in one first (unless off), then the file's."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "strict")
    builtin = Rule(BUILTIN, builtin=True)
    builtin.threshold, builtin.window = threshold, window
    rules = []
    names = set()
    for item in parse_rules_yaml(text):
        for k in item:
            if k not in RULE_KEYS:
                ln, col = item.key_pos[k]
                raise RulesError(ln, col, f"unknown key '{k}'")
        if "name" not in item:
            raise RulesError(item.line, item.col, "a rule needs a name")
        nm = _scalar(item["name"], "name")
        if not NAME_RE.fullmatch(nm.text):
            raise RulesError(nm.line, nm.col, f"name: '{nm.text}' is not [a-z0-9_]+")
        if nm.text in names:
            raise RulesError(nm.line, nm.col, f"duplicate rule name '{nm.text}'")
        names.add(nm.text)
        is_builtin = nm.text == BUILTIN
        if is_builtin:
            for k in item:
                if k not in BUILTIN_KEYS:
                    ln, col = item.key_pos[k]
                    raise RulesError(ln, col, f"'{k}' cannot be set on the built-in rule {BUILTIN}")
            r = builtin
        else:
            r = Rule(nm.text)
        if "off" in item:
            off = _scalar(item["off"], "off")
            if not is_builtin:
                raise RulesError(off.line, off.col, f"off: only the built-in rule {BUILTIN} can be turned off")
            if off.text not in ("true", "false"):
                raise RulesError(off.line, off.col, f"off: expected true or false, not '{off.text}'")
            if off.text == "true":
                if len(item) > 2:
                    k = next(k for k in item if k not in ("name", "off"))
                    ln, col = item.key_pos[k]
                    raise RulesError(ln, col, f"'{k}' on a rule that is turned off")
                r.off = True
                continue
        kinds = [k for k in KINDS if k in item]
        if len(kinds) > 1:
            ln, col = item.key_pos[kinds[1]]
            raise RulesError(ln, col, f"a rule has one kind, not {kinds[0]} and {kinds[1]}")
        if not kinds and not is_builtin:
            raise RulesError(item.line, item.col, f"rule '{nm.text}' needs one of rate, ratio, latency, silence")
        if kinds:
            r.kind = kinds[0]
            v = _scalar(item[r.kind], r.kind)
            if r.kind == "rate":
                r.threshold = _number(v, "rate")
            elif r.kind == "ratio":
                if v.text.endswith("%"):
                    r.threshold = _number(Scalar(v.text[:-1], v.quoted, v.line, v.col), "ratio") / 100
                else:
                    r.threshold = _number(v, "ratio")
                if r.threshold > 1:
                    raise RulesError(v.line, v.col, f"ratio: {v.text} is more than 1")
            elif r.kind == "latency":
                m = LATENCY_RE.fullmatch(v.text)
                if not m:
                    raise RulesError(v.line, v.col, f"latency: expected a duration with a unit such as 250ms, not '{v.text}'")
                r.threshold = float(m.group(1)) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[m.group(2)]
            else:
                r.threshold = parse_duration(v, "silence")
                r.window = r.threshold
        if "window" in item:
            v = _scalar(item["window"], "window")
            if r.kind == "silence":
                raise RulesError(v.line, v.col, "window: a silence rule's window is its duration")
            r.window = parse_duration(v, "window")
        elif r.window is None:
            r.window = window
        for key in ("section", "client", "source"):
            if key in item:
                v = _scalar(item[key], key)
                if v.text == "":
                    raise RulesError(v.line, v.col, f"{key}: empty pattern")
                setattr(r, key, v.text if key == "source" else _glob_re(v.text))
        if "status" in item:
            v = _scalar(item["status"], "status")
            t = v.text.lower()
            if re.fullmatch(r"[1-5][0-9][0-9]", t):
                r.status = ("code", int(t))
            elif re.fullmatch(r"[1-5]xx", t):
                r.status = ("class", int(t[0]))
            else:
                raise RulesError(v.line, v.col, f"status: expected a code (404) or a class (5xx), not '{v.text}'")
        if "min_hits" in item:
            v = _scalar(item["min_hits"], "min_hits")
            if r.kind not in ("ratio", "latency"):
                raise RulesError(v.line, v.col, "min_hits: only for ratio and latency rules")
            if not re.fullmatch(r"[0-9]+", v.text) or int(v.text) < 1:
                raise RulesError(v.line, v.col, f"min_hits: expected a whole number >= 1, not '{v.text}'")
            r.min_hits = int(v.text)
        if "percentile" in item:
            v = _scalar(item["percentile"], "percentile")
            if r.kind != "latency":
                raise RulesError(v.line, v.col, "percentile: only for latency rules")
            p = _number(v, "percentile")
            if not 0 < p <= 100:
                raise RulesError(v.line, v.col, f"percentile: {v.text} is not in (0, 100]")
            r.percentile = p
        if "for" in item:
            r.for_s = parse_duration(_scalar(item["for"], "for"), "for", allow_zero=True)
        if "labels" in item:
            lab = item["labels"]
            if not isinstance(lab, FlowMap):
                raise RulesError(lab.line, lab.col, "labels: expected a mapping such as {severity: page}")
            r.labels = {}
            for k, lv in lab.items():
                if not LABEL_RE.fullmatch(k):
                    ln, col = lab.key_pos[k]
                    raise RulesError(ln, col, f"labels: '{k}' is not a label name")
                r.labels[k] = _scalar(lv, f"labels.{k}").text
        if "summary" in item:
            r.summary = _scalar(item["summary"], "summary").text
        if not is_builtin:
            rules.append(r)
    return ([] if builtin.off else [builtin]) + rules


def source_matches(pattern, given_path):
    """The checked file, named as given on the command line or by its absolute path."""
    rx = _glob_re(pattern)
    return bool(rx.fullmatch(given_path) or rx.fullmatch(os.path.abspath(given_path)))


class _Counts:
    """Hits per clamped second, with prefix sums: total over [lo, hi) and the newest second before hi."""

    def __init__(self, per_second: Counter):
        self.secs = sorted(per_second)
        self.cum = [0]
        for s in self.secs:
            self.cum.append(self.cum[-1] + per_second[s])

    def total(self, lo, hi):
        return self.cum[bisect.bisect_left(self.secs, hi)] - self.cum[bisect.bisect_left(self.secs, lo)]

    def newest_before(self, hi):
        i = bisect.bisect_left(self.secs, hi)
        return self.secs[i - 1] if i else None


def evaluate_rule(rule, first, last, all_counts: _Counts, matching: _Counts, skip_idle=True):
    """The rule's transitions over b = first+1 .. last+1: a list of (b, 'alert'|'recovered', fields)."""
    W, T, F = rule.window, rule.threshold, rule.for_s

    def decide(b):  # (decided, raise_cond, recover_cond)
        if rule.kind == "rate":
            v = matching.total(b - W, b) / W
            return True, v > T, v < T
        if rule.kind == "ratio":
            a = all_counts.total(b - W, b)
            if a < rule.min_hits:
                return False, False, False
            v = matching.total(b - W, b) / a
            return True, v > T, v < T
        if rule.kind == "silence":
            if b < first + W:
                return False, False, False
            m = matching.total(b - W, b)
            return True, m == 0, m > 0
        return False, False, False  # latency: CLF carries no response time

    def fields(b):
        if rule.kind == "rate":
            m = matching.total(b - W, b)
            return {"value": m / W, "avg": m / W, "hits": m}
        if rule.kind == "ratio":
            m, a = matching.total(b - W, b), all_counts.total(b - W, b)
            return {"value": m / a, "hits": m, "total": a}
        newest = matching.newest_before(b)  # seconds without a matching hit, counted from the first record
        return {"value": b - (first if newest is None else max(first, newest + 1))}

    if rule.kind == "latency":
        return []
    if skip_idle:
        # The decision can change only where the window's content changes (a second entering at
        # s+1 or leaving at s+W+1), or where a silence rule starts deciding (first+D).
        pts = {first + 1, first + W}
        for s in (all_counts.secs if rule.kind == "ratio" else []) + matching.secs:
            pts.add(s + 1)
            pts.add(s + W + 1)
        points = sorted(p for p in pts if first + 1 <= p <= last + 1)
    else:
        points = list(range(first + 1, last + 2))

    out = []
    alerting, alert_at, held_since = False, None, None
    for i, b in enumerate(points):
        nxt = points[i + 1] if i + 1 < len(points) else last + 2  # same decision on [b, nxt)
        decided, up, down = decide(b)
        held_since = (held_since if held_since is not None else b) if decided and up else None
        if not decided:
            continue
        if alerting:
            if down:
                out.append((b, "recovered", dict(fields(b), duration=b - alert_at)))
                alerting = False
        elif up:
            at = max(b, held_since + F)  # held at every boundary from at-F to at
            if at < nxt:
                out.append((at, "alert", fields(at)))
                alerting, alert_at = True, at
    return out


def rule_event(rule, kind, b, f, iso):
    if rule.builtin:
        obj = {"type": kind, "time": iso(b), "avg": f["avg"], "hits": f["hits"],
               "threshold": rule.threshold, "window": rule.window}
        if kind == "recovered":
            obj["duration"] = f["duration"]
        obj.update({"rule": rule.name, "kind": rule.kind, "value": f["value"], "labels": dict(rule.labels)})
    else:
        obj = {"type": kind, "time": iso(b), "rule": rule.name, "kind": rule.kind, "value": f["value"],
               "threshold": rule.threshold, "window": rule.window}
        obj.update({k: f[k] for k in ("avg", "hits", "total") if k in f})
        obj["labels"] = dict(rule.labels)
        if kind == "recovered":
            obj["duration"] = f["duration"]
    if rule.summary is not None:
        obj["summary"] = rule.summary
    return obj


class Interval:
    __slots__ = ("hits", "sections", "status", "bytes", "invalid")

    def __init__(self):
        self.hits = 0
        self.sections = Counter()
        self.status = {"2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0}
        self.bytes = 0
        self.invalid = 0


def run(path, threshold, window, interval, top, emit_invalid_only_reports=False, out=sys.stdout, skip_idle=True,
        rules=None):
    """rules: None (no --rules: the built-in rule alone, as before) or load_rules()'s list."""
    # ---- pass 1: parse, clamp, bucket ------------------------------------
    buckets: Counter = Counter()          # clamped second -> hits
    intervals: dict[int, Interval] = {}   # aligned start -> Interval
    newest = None                         # clamped clock (epoch second)
    first = None
    display_offset = 0                    # minutes, from the first record
    invalid_total = 0
    invalid_before_first = 0
    hits_total = 0
    records = []                          # (clamped second, section, status, client), for rules

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
        epoch, offset, request, status, nbytes, host = parsed
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
        if rules is not None:
            records.append((sec, sect, status, host))
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
        summary = {"type": "summary", "start": None, "end": None, "hits": 0,
                   "invalid": invalid_total, "alerts": 0, "alerting": False}
        if rules is not None:
            summary["rules"] = [{"rule": r.name, "alerts": 0, "alerting": False} for r in rules]
        emit(summary)
        return 2 if invalid_total else 0

    last = newest
    if invalid_before_first:
        iv(first).invalid += invalid_before_first

    # ---- pass 2: alert decisions at every boundary b in [first+1, last+1] --
    secs = sorted(buckets)
    cum = [0]
    for s in secs:
        cum.append(cum[-1] + buckets[s])

    def window_total(b, w=window):  # hits in [b - w, b)
        return cum[bisect.bisect_left(secs, b)] - cum[bisect.bisect_left(secs, b - w)]

    events = []  # (instant, priority, seq, obj)
    transitions = []  # (b, alerting_after)
    alerting = False
    alert_at = None
    alerts = 0
    report_window = window  # the window of the reports' avg (the built-in rule's)
    b = first + 1 if rules is None else last + 2  # with --rules, every rule is evaluated below
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

    rule_tallies = []  # (rule, alerts, alerting at the end)
    if rules is not None:
        all_counts = _Counts(buckets)
        builtin = next((r for r in rules if r.builtin), None)
        if builtin is not None:
            report_window = builtin.window
        for idx, r in enumerate(rules):
            per_second = Counter()
            if r.source is None or source_matches(r.source, path):
                if r.section is None and r.status is None and r.client is None:
                    per_second = buckets
                else:
                    for sec, sect, status, host in records:
                        if r.matches(sect, status, host):
                            per_second[sec] += 1
            n_alerts, on = 0, False
            for b, kind, f in evaluate_rule(r, first, last, all_counts, _Counts(per_second), skip_idle):
                # at one instant: rules in order (built-in first), all before the report ending there
                events.append((b, 0, idx, rule_event(r, kind, b, f, iso)))
                on = kind == "alert"
                n_alerts += on
                if r.builtin:
                    transitions.append((b, on))
            rule_tallies.append((r, n_alerts, on))
        alerts = sum(n for _, n, _ in rule_tallies)
        alerting = any(on for _, _, on in rule_tallies)
        transitions.sort(key=lambda t: t[0])

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
        report = {
            "type": "report", "start": iso(start), "end": iso(end), "hits": x.hits,
            "sections": [{"section": s, "hits": n} for s, n in top_sections],
            "status": dict(x.status), "bytes": x.bytes, "invalid": x.invalid,
            "avg": window_total(e, report_window) / report_window, "alerting": alerting_at(e)}
        if rules is not None and not any(r.builtin for r in rules):
            # high_traffic turned off: CONTRACT.md does not say what a report's avg/alerting are then
            del report["avg"], report["alerting"]
        events.append((end, 1, len(events), report))

    events.sort(key=lambda t: (t[0], t[1], t[2]))
    for _, _, _, obj in events:
        emit(obj)
    summary = {"type": "summary", "start": iso(first), "end": iso(last + 1), "hits": hits_total,
               "invalid": invalid_total, "alerts": alerts, "alerting": alerting}
    if rules is not None:
        summary["rules"] = [{"rule": r.name, "alerts": n, "alerting": on} for r, n, on in rule_tallies]
    emit(summary)
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
    ap.add_argument("--rules", metavar="FILE",
                    help="alert rules (CONTRACT.md 'Rules'), evaluated beside or instead of the built-in one")
    a = ap.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    if a.window < 1 or a.interval < 1 or a.top < 0:
        ap.error("window and interval must be >= 1 and top >= 0")
    rules = None
    if a.rules is not None:
        try:
            rules = load_rules(a.rules, a.threshold, a.window)
        except RulesError as ex:
            print(f"contract.py: {a.rules}:{ex.line}:{ex.col}: {ex.message}", file=sys.stderr)
            return 2
        except (OSError, UnicodeDecodeError) as ex:
            print(f"contract.py: {a.rules}: {ex}", file=sys.stderr)
            return 2
    out = open(a.output, "w", encoding="utf-8", newline="\n") if a.output else sys.stdout
    try:
        rc = run(a.file, a.threshold, a.window, a.interval, a.top, a.emit_invalid_only_reports, out,
                 skip_idle=not a.no_skip, rules=rules)
    except OSError as ex:
        print(f"contract.py: {ex}", file=sys.stderr)
        return 2
    finally:
        if a.output:
            out.close()
    return rc


if __name__ == "__main__":
    sys.exit(main())
