#!/usr/bin/env python3
"""Instructions and heap allocations per request, deterministic: `cors-count` under
`valgrind --tool=cachegrind --cache-sim=no`, run with N1 and N2 iterations; the difference of the
instruction totals over N2 - N1 cancels start-up and app construction. The lowest total of
`--runs` runs at each count is taken (see `per_iteration`). Each figure has processes of its own,
so figures are counted `--jobs` at a time (default: one per core); the counts do not depend on the
machine's load. gate.py measures through `count()`.

usage: count.py <cors-count binary> <out.json> [--jobs N] [--runs N]
"""

import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

N1, N2 = 1_000, 11_000
CORE_N1, CORE_N2 = 1_000, 101_000
# Pairs of runs per figure (see `per_iteration`).
RUNS = 1


def run(binary, args):
    """(instructions, allocs, bytes) of one run under cachegrind. The binary runs from its own
    directory as `./<name>`, with an empty environment: the counts depend on the stack's layout
    (hash seeds mix in stack addresses), which the environment and the binary's path shift, so
    every run, in every checkout, starts from the same one."""
    proc = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         os.path.join(".", os.path.basename(binary)), *args],
        cwd=os.path.dirname(os.path.abspath(binary)), env={}, capture_output=True, text=True,
        check=True)
    refs = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    counts = re.search(r"allocs=(\d+) bytes=(\d+)", proc.stdout)
    if not refs or not counts:
        sys.exit(f"unexpected output from {args}: {proc.stdout} {proc.stderr[-500:]}")
    return int(refs.group(1).replace(",", "")), int(counts.group(1)), int(counts.group(2))


def per_iteration(binary, args, n1, n2, runs=1):
    """Per-iteration figures from `runs` pairs of runs, taking the lowest instruction total at each
    iteration count: now and then a process pays for a hash collision on every request (in
    hashbrown's `insert`; hash seeds mix in the time), which only adds."""
    first = [run(binary, [*args, str(n1)]) for _ in range(runs)]
    second = [run(binary, [*args, str(n2)]) for _ in range(runs)]
    i1 = min(i for i, _, _ in first)
    i2, allocs, size = min(second)
    return {
        "instructions": (i2 - i1) / (n2 - n1),
        "allocs": allocs / n2,
        "bytes": size / n2,
    }


def listing(binary):
    """(apps, scenarios, core cases) as `cors-count list` names them, baseline app first."""
    out = subprocess.run([binary, "list"], capture_output=True, text=True, check=True).stdout
    items = [line.split() for line in out.splitlines()]
    return tuple([name for kind, name in items if kind == wanted]
                 for wanted in ("app", "scenario", "core"))


def measure(binary, figure, n, core_n, runs=RUNS):
    """One figure: `("app", app, scenario)` or `("core", case)`."""
    return per_iteration(binary, list(figure), *(n if figure[0] == "app" else core_n), runs)


def describe(figure, figures):
    if figure[0] == "app":
        return (f"{figure[1]:<11} {figure[2]:<19} {figures['instructions']:>9.0f} instr "
                f"{figures['allocs']:>5.2f} allocs {figures['bytes']:>7.0f} B")
    return f"core {figure[1]:<32} {figures['instructions']:>9.1f} instr {figures['allocs']:.2f} allocs"


def count(binary, jobs=None, n=(N1, N2), core_n=(CORE_N1, CORE_N2), runs=RUNS, log=sys.stdout):
    """Every app in every scenario, then every core case, in count.json's shape."""
    apps, scenarios, cases = listing(binary)
    figures = [("app", app, s) for s in scenarios for app in apps] + [("core", c) for c in cases]
    result = {"n": list(n), "core_n": list(core_n), "apps": {}, "core": {}}
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count()) as pool:
        pending = [pool.submit(measure, binary, f, n, core_n, runs) for f in figures]
        for figure, done in zip(figures, pending):
            got = done.result()
            if figure[0] == "app":
                result["apps"].setdefault(figure[1], {})[figure[2]] = got
            else:
                result["core"][figure[1]] = got
            if log:
                print(describe(figure, got), file=log, flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, help="figures counted at once (default: cores)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"pairs of runs per figure "
                        f"(default: {RUNS})")
    args = parser.parse_args()
    result = count(args.binary, args.jobs, runs=args.runs)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
