#!/usr/bin/env python3
"""Instructions and heap allocations per request, deterministic: `cors-count` under
`valgrind --tool=cachegrind --cache-sim=no`, run with N1 and N2 iterations; the difference of the
instruction totals over N2 - N1 cancels start-up and app construction.

usage: count.py <cors-count binary> <out.json>
"""

import json
import re
import subprocess
import sys

N1, N2 = 1_000, 11_000
CORE_N1, CORE_N2 = 1_000, 101_000


def run(binary, args):
    """(instructions, allocs, bytes) of one run under cachegrind."""
    proc = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         binary, *args],
        capture_output=True, text=True, check=True)
    refs = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    counts = re.search(r"allocs=(\d+) bytes=(\d+)", proc.stdout)
    if not refs or not counts:
        sys.exit(f"unexpected output from {args}: {proc.stdout} {proc.stderr[-500:]}")
    return int(refs.group(1).replace(",", "")), int(counts.group(1)), int(counts.group(2))


def per_iteration(binary, args, n1, n2):
    i1, _, _ = run(binary, [*args, str(n1)])
    i2, allocs, size = run(binary, [*args, str(n2)])
    return {
        "instructions": (i2 - i1) / (n2 - n1),
        "allocs": allocs / n2,
        "bytes": size / n2,
    }


def main():
    binary, out = sys.argv[1], sys.argv[2]
    listing = subprocess.run([binary, "list"], capture_output=True, text=True, check=True).stdout
    items = [line.split() for line in listing.splitlines()]
    apps = [name for kind, name in items if kind == "app"]
    scenarios = [name for kind, name in items if kind == "scenario"]
    cases = [name for kind, name in items if kind == "core"]
    result = {"n": [N1, N2], "core_n": [CORE_N1, CORE_N2], "apps": {}, "core": {}}
    for scenario in scenarios:
        for app in apps:
            figures = per_iteration(binary, ["app", app, scenario], N1, N2)
            result["apps"].setdefault(app, {})[scenario] = figures
            print(f"{app:<11} {scenario:<19} {figures['instructions']:>9.0f} instr "
                  f"{figures['allocs']:>5.2f} allocs {figures['bytes']:>7.0f} B", flush=True)
    for case in cases:
        figures = per_iteration(binary, ["core", case], CORE_N1, CORE_N2)
        result["core"][case] = figures
        print(f"core {case:<32} {figures['instructions']:>9.1f} instr "
              f"{figures['allocs']:.2f} allocs", flush=True)
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
