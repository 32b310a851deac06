#!/usr/bin/env python3
"""Compare `rxlog check --json` output with the mawk peer's counts (bench/sections.awk).

    verify.py MAWK_OUT RXLOG_JSONL

Sums the reports' hits, bytes and status classes (and sections, when the run used a --top large enough to
list every section, i.e. no report says "approximate"), takes hits and invalid from the summary, and checks
them against mawk's. Prints one line per quantity; exit 1 on any mismatch.
"""
import json
import sys
from collections import Counter


def load_mawk(path):
    out = {"status": Counter(), "sections": Counter()}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            kind, rest = line.rstrip("\n").split(" ", 1)
            if kind == "lines":
                out["lines"] = int(rest)
            elif kind == "bytes":
                out["bytes"] = int(rest)
            elif kind == "status":
                cls, n = rest.split(" ")
                out["status"][cls] = int(n)
            elif kind == "section":
                name, n = rest.rsplit(" ", 1)
                out["sections"][name] = int(n)
    return out


def load_rxlog(path):
    out = {"status": Counter(), "sections": Counter(), "bytes": 0, "report_hits": 0,
           "approximate": False, "truncated_top": False}
    with open(path, encoding="utf-8") as f:
        for line in f:
            ev = json.loads(line)
            if ev["type"] == "report":
                out["report_hits"] += ev["hits"]
                out["bytes"] += ev["bytes"]
                out["status"].update(ev["status"])
                out["approximate"] |= bool(ev.get("approximate"))
                listed = 0
                for s in ev["sections"]:
                    out["sections"][s["section"]] += s["hits"]
                    listed += s["hits"]
                out.setdefault("sectioned_hits", 0)
                out["sectioned_hits"] += listed
            elif ev["type"] == "summary":
                out["summary"] = ev
    return out


def main():
    m = load_mawk(sys.argv[1])
    r = load_rxlog(sys.argv[2])
    s = r["summary"]
    ok = True

    def check(name, rx, mk):
        nonlocal ok
        good = rx == mk
        ok &= good
        print(f"  {'ok' if good else 'MISMATCH':8} {name:22} rxlog={rx} mawk={mk}")

    check("summary hits = lines", s["hits"], m["lines"])
    check("sum(report hits)", r["report_hits"], m["lines"])
    check("invalid", s["invalid"], 0)
    check("bytes", r["bytes"], m["bytes"])
    for cls in ("2xx", "3xx", "4xx", "5xx", "other"):
        check(f"status {cls}", r["status"][cls], m["status"][cls])
    if r["approximate"]:
        print("  skip     sections: a report is approximate")
    else:
        diff = {k for k in set(r["sections"]) | set(m["sections"]) if r["sections"][k] != m["sections"][k]}
        check("sections (distinct)", len(r["sections"]), len(m["sections"]))
        check("sections (hits)", sum(r["sections"].values()), sum(m["sections"].values()))
        if diff:
            ok = False
            for k in sorted(diff)[:20]:
                print(f"  MISMATCH section {k!r}: rxlog={r['sections'][k]} mawk={m['sections'][k]}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
