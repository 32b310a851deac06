#!/usr/bin/env python3
"""One line from `rxlog check --json` on stdin: hits, bytes, reports, alerts, recoveries, span."""
import json
import sys

ev = [json.loads(line) for line in sys.stdin]
s = ev[-1]
rep = [e for e in ev if e["type"] == "report"]
print(f"hits={s['hits']} bytes={sum(e['bytes'] for e in rep)} reports={len(rep)} alerts={s['alerts']} "
      f"recovered={sum(e['type'] == 'recovered' for e in ev)} span={s['start']}..{s['end']}")
