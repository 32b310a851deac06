#!/usr/bin/env python3
"""Regenerate rules/expected/<stem>.<rules>.ndjson with ../contract.py --rules.

    python3 tools/reference/rules/make_expected.py [--self-check]

For each log (the four ../shared/data logs of RealLogTests and the four held-out ones, at the thresholds of
../expected/ and ../heldout/MANIFEST.tsv), runs the reference with rules/contract-example.yaml and with
rules/per-log/<stem>.yaml. --self-check also runs it with --no-skip (every boundary evaluated) and fails
unless both give the same bytes.
"""
from __future__ import annotations

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.dirname(HERE)
CONTRACT = os.path.join(REF, "contract.py")
SHARED = os.path.normpath(os.path.join(REF, "..", "..", "..", "shared", "data"))

# stem -> (log, threshold)
LOGS = {
    "elastic_apache_logs": (os.path.join(SHARED, "elastic_apache_logs", "apache_logs.gz"), "1.0"),
    "zanbil_shop": (os.path.join(SHARED, "lnav_test_logs", "logfile_shop_access_log.0"), "5.0"),
    "nasa_ksc_aug95_head": (os.path.join(SHARED, "nasa_ksc_aug95_head", "NASA_access_log_Aug95_head"), "0.5"),
    "monitorware_apache_2004": (os.path.join(SHARED, "monitorware_apache_2004", "access_log"), "0.2"),
    "h1_boundary_late": (os.path.join(REF, "heldout", "h1_boundary_late.log"), "0.5"),
    "h2_gap_ist": (os.path.join(REF, "heldout", "h2_gap_ist.log.gz"), "1.0"),
    "h3_equal_flap": (os.path.join(REF, "heldout", "h3_equal_flap.log"), "1.0"),
    "h4_messy": (os.path.join(REF, "heldout", "h4_messy.log"), "0.2"),
}


def run(log, threshold, rules, *extra):
    p = subprocess.run([sys.executable, CONTRACT, log, "--threshold", threshold, "--rules", rules, *extra],
                       capture_output=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"contract.py failed on {log} with {rules} (exit {p.returncode}): {p.stderr.decode()}")
    return p.stdout


def main():
    self_check = "--self-check" in sys.argv[1:]
    out_dir = os.path.join(HERE, "expected")
    os.makedirs(out_dir, exist_ok=True)
    for stem, (log, threshold) in LOGS.items():
        for name, rules in (("contract-example", os.path.join(HERE, "contract-example.yaml")),
                            ("per-log", os.path.join(HERE, "per-log", f"{stem}.yaml"))):
            data = run(log, threshold, rules)
            if self_check and run(log, threshold, rules, "--no-skip") != data:
                raise SystemExit(f"--no-skip differs on {stem} with {name}")
            with open(os.path.join(out_dir, f"{stem}.{name}.ndjson"), "wb") as f:
                f.write(data)
            events = sum(1 for line in data.splitlines() if b'"rule": ' in line and b'"type": "summary"' not in line)
            print(f"{stem}.{name}.ndjson: {events} rule events")


if __name__ == "__main__":
    main()
