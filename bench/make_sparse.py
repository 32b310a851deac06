#!/usr/bin/env python3
"""Make a sparse log from a dense one: same lines, but every EVERY lines the clock jumps GAP days ahead.

    make_sparse.py DENSE SPARSE [--every 1000] [--gap-days 30]

Only the CLF timestamp `[dd/Mon/yyyy:HH:MM:SS +zzzz]` changes (same offset, shifted by k*GAP days after
the k-th block), so the sparse log has exactly the lines, requests, statuses and bytes of the dense one,
in the same order, with months of silence between blocks (the log-time order is kept: gaps only move time
forward). Used by bench/idle.sh to check "idle time costs nothing" (CONTRACT.md, Clocks).
"""
import argparse
import re
from datetime import datetime, timedelta

STAMP = re.compile(rb"\[(\d\d/[A-Za-z]{3}/\d{4}:\d\d:\d\d:\d\d) ([+-]\d{4})\]")
FMT = "%d/%b/%Y:%H:%M:%S"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dense")
    ap.add_argument("sparse")
    ap.add_argument("--every", type=int, default=1000)
    ap.add_argument("--gap-days", type=float, default=30)
    a = ap.parse_args()
    cache = {}
    with open(a.dense, "rb") as src, open(a.sparse, "wb") as dst:
        for i, line in enumerate(src):
            k = i // a.every
            if k:
                m = STAMP.search(line)
                if m:
                    key = (m.group(1), k)
                    new = cache.get(key)
                    if new is None:
                        t = datetime.strptime(m.group(1).decode(), FMT) + timedelta(days=a.gap_days * k)
                        new = t.strftime(FMT).encode()
                        if len(cache) > 100_000:
                            cache.clear()
                        cache[key] = new
                    line = line[:m.start(1)] + new + line[m.end(1):]
            dst.write(line)


if __name__ == "__main__":
    main()
