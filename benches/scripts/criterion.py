#!/usr/bin/env python3
"""Runs the criterion benches `rounds` times, alternating them, and keeps each benchmark's median
per round; reports the median of those medians.

usage: criterion.py <target dir> <out.json> [rounds]
"""

import json
import os
import shutil
import statistics
import subprocess
import sys

BENCHES = ["requests", "core"]


def read_medians(criterion_dir):
    medians = {}
    for group in sorted(os.listdir(criterion_dir)):
        for bench in sorted(os.listdir(os.path.join(criterion_dir, group))):
            path = os.path.join(criterion_dir, group, bench, "new", "estimates.json")
            if os.path.exists(path):
                with open(path) as f:
                    medians[f"{group}/{bench}"] = json.load(f)["median"]["point_estimate"]
    return medians


def main():
    target, out = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    criterion_dir = os.path.join(target, "criterion")
    shutil.rmtree(criterion_dir, ignore_errors=True)  # no stale benchmarks from earlier runs
    samples = {}
    for r in range(rounds):
        for bench in BENCHES:
            print(f"round {r + 1}: cargo bench --bench {bench}", flush=True)
            subprocess.run(
                ["cargo", "bench", "--quiet", "-p", "cors-benches", "--bench", bench],
                env=dict(os.environ, CARGO_TARGET_DIR=target), check=True,
                stdout=subprocess.DEVNULL)
        for name, ns in read_medians(criterion_dir).items():
            samples.setdefault(name, []).append(ns)
    result = {"rounds": rounds, "samples_ns": samples,
              "median_ns": {name: statistics.median(v) for name, v in samples.items()}}
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
