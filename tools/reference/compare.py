#!/usr/bin/env python3
"""Compare two rxlog `check --json` NDJSON event streams.

    compare.py EXPECTED ACTUAL [--all-fields] [--max-diffs N]

Default comparison (as /work/shared/data/expected/README.md describes):
  alert / recovered : time (as an instant), rule (when EXPECTED has one: --rules), avg within 0.01
  report            : start, end (as instants), hits, sections (order, names, hits)
  summary           : hits, invalid, rules (when EXPECTED has them: alerts and alerting per rule)
Events of other types are ignored in both streams; the sequence of the four
types must match one to one. With --all-fields every field present in an
EXPECTED event is compared too (times as instants, avg/threshold within 0.01).

Exit 0 and "N events match" on a match; otherwise the first differences and exit 1.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

TYPES = ("report", "alert", "recovered", "summary")
TIME_FIELDS = {"time", "start", "end"}
FLOAT_FIELDS = {"avg", "threshold"}
TOL = 0.01

DEFAULT_FIELDS = {
    "alert": ("time", "rule", "avg"),
    "recovered": ("time", "rule", "avg"),
    "report": ("start", "end", "hits", "sections"),
    "summary": ("hits", "invalid", "rules"),
}  # a field EXPECTED lacks is not compared: streams without rules compare as before


def load(path):
    events = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as ex:
                raise SystemExit(f"compare.py: {path}:{n}: not JSON: {ex}")
            if isinstance(obj, dict) and obj.get("type") in TYPES:
                events.append((n, obj))
    return events


def instant(v):
    if v is None:
        return None
    return datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()


def same(field, a, b):
    if field in TIME_FIELDS:
        try:
            return instant(a) == instant(b)
        except (TypeError, ValueError, AttributeError):
            return False
    if field in FLOAT_FIELDS:
        try:
            return abs(float(a) - float(b)) <= TOL
        except (TypeError, ValueError):
            return False
    if field == "sections":
        try:
            return [(s["section"], s["hits"]) for s in a] == [(s["section"], s["hits"]) for s in b]
        except (TypeError, KeyError):
            return False
    if field == "rules":
        try:
            return [(r["rule"], r["alerts"], r["alerting"]) for r in a] == [(r["rule"], r["alerts"], r["alerting"]) for r in b]
        except (TypeError, KeyError):
            return False
    if isinstance(a, dict) and isinstance(b, dict):
        # CONTRACT.md: fields beyond the schema may be added, so only the expected keys are compared.
        return all(k in b and a[k] == b[k] for k in a)
    return a == b


def describe(obj):
    t = obj.get("type")
    if t in ("alert", "recovered"):
        if "rule" in obj:
            return f"{obj['rule']} {t} at {obj.get('time')} value={obj.get('value')}"
        return f"{t} at {obj.get('time')} avg={obj.get('avg')}"
    if t == "report":
        return f"report [{obj.get('start')}, {obj.get('end')}) hits={obj.get('hits')}"
    return f"summary hits={obj.get('hits')} invalid={obj.get('invalid')}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("expected")
    ap.add_argument("actual")
    ap.add_argument("--all-fields", action="store_true",
                    help="compare every field present in EXPECTED, not only the default ones")
    ap.add_argument("--max-diffs", type=int, default=10)
    a = ap.parse_args(argv)

    exp, act = load(a.expected), load(a.actual)
    diffs = []
    for i in range(min(len(exp), len(act))):
        (ln_e, e), (ln_a, x) = exp[i], act[i]
        if e["type"] != x["type"]:
            diffs.append(f"event #{i + 1} (expected line {ln_e}, actual line {ln_a}): "
                         f"expected {describe(e)}; actual {describe(x)}")
            continue
        fields = [k for k in e if k != "type"] if a.all_fields else DEFAULT_FIELDS[e["type"]]
        bad = [k for k in fields if k in e and not same(k, e[k], x.get(k))]
        if bad:
            detail = "; ".join(f"{k}: expected {json.dumps(e[k], ensure_ascii=False)[:300]}, "
                               f"actual {json.dumps(x.get(k), ensure_ascii=False)[:300]}" for k in bad)
            diffs.append(f"event #{i + 1} {e['type']} (expected line {ln_e}, actual line {ln_a}): {detail}")
        if len(diffs) >= a.max_diffs:
            break
    if len(exp) != len(act) and len(diffs) < a.max_diffs:
        longer, name = (exp, "expected") if len(exp) > len(act) else (act, "actual")
        extra = longer[min(len(exp), len(act))][1]
        diffs.append(f"event count differs: expected {len(exp)}, actual {len(act)}; "
                     f"first unmatched ({name}): {describe(extra)}")
    if diffs:
        for d in diffs[:a.max_diffs]:
            print(d)
        print(f"MISMATCH ({a.expected} vs {a.actual})")
        return 1
    print(f"{len(exp)} events match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
