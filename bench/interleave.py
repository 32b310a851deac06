#!/usr/bin/env python3
"""Interleaved A/B timing: runs each command once per round, alternating, and prints the median wall time and the
median user+sys CPU time of each. On a noisy shared machine this is fairer than N runs of one command then N of the
next (hyperfine's order), which can straddle a change of the machine's speed.

    bench/interleave.py RUNS "cmd A" "cmd B" [...]

Each command runs through the shell with its output discarded, once untimed first (warm-up)."""
import resource
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    runs, commands = int(sys.argv[1]), sys.argv[2:]
    wall = {c: [] for c in commands}
    cpu = {c: [] for c in commands}
    for c in commands:
        subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(runs):
        for c in commands:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall[c].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[c].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for c in commands:
        print(f"wall {statistics.median(wall[c]) * 1000:7.1f} ms (min {min(wall[c]) * 1000:6.1f})  "
              f"cpu {statistics.median(cpu[c]) * 1000:7.1f} ms  {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
