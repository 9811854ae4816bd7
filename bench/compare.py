#!/usr/bin/env python3
"""Two gloss binaries building the same generated sites in turn: the before-and-after of a change.

Runs alternate (before, after, before, after, …) so that both see the same machine state; this
2-core VM's speed drifts by ±20 % within minutes. Each run builds into an emptied OUTPUT folder
(a tmpfs such as /dev/shm keeps the disk out of it). Prints medians of wall time, CPU time
(user + system) and peak memory as a Markdown table.

Usage: python3 bench/compare.py BEFORE_BINARY AFTER_BINARY SIZES [RUNS] [OUTPUT]
       python3 bench/compare.py /tmp/old/gloss target/release/gloss 1000,10000 5 /dev/shm/gloss-compare
The sites are target/bench-corpus/gloss-SIZE, written by `bench/build.py` (run it once first).
"""
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build(binary, root, output):
    """(wall s, user s, system s, peak MiB) of one build."""
    shutil.rmtree(output, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen([binary, "build", "--root", str(root), "--output", output],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{binary} failed on {root}: {process.stderr.read().decode()}")
    return wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binaries = {"before": sys.argv[1], "after": sys.argv[2]}
    sizes = [int(s) for s in sys.argv[3].split(",")]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    output = sys.argv[5] if len(sys.argv) > 5 else "/dev/shm/gloss-compare"
    results = {}
    for size in sizes:
        root = REPO / "target" / "bench-corpus" / f"gloss-{size}"
        if not (root / "content").is_dir():
            sys.exit(f"no site at {root}: run `python3 bench/build.py {size}` first")
        for _ in range(runs):
            for name, binary in binaries.items():
                row = build(binary, root, output)
                results.setdefault((size, name), []).append(row)
                print(f"{size} {name}: {row[0]:.2f} s wall, {row[1]:.2f} s user, "
                      f"{row[2]:.2f} s system, {row[3]:.0f} MiB", file=sys.stderr, flush=True)
    shutil.rmtree(output, ignore_errors=True)
    print("| articles | binary | wall | CPU (user + system) | peak memory |")
    print("|---|---|---|---|---|")
    for (size, name), rows in results.items():
        wall = statistics.median(r[0] for r in rows)
        cpu = statistics.median(r[1] + r[2] for r in rows)
        peak = statistics.median(r[3] for r in rows)
        print(f"| {size:,} | {name} | {wall:.2f} s | {cpu:.1f} s | {peak:,.0f} MiB |")


if __name__ == "__main__":
    main()
