#!/usr/bin/env python3
"""The cost gate: counts every figure count.py counts and fails when one is dearer than the
committed baseline, `benches/baseline.json`, so a change that makes a request dearer is always
deliberate (as `scripts/public_api.py` makes a change to the public API). CI runs it through
`benches/gate.sh`.

usage: gate.py <cors-count binary> [--count count.json] [--bless] [--jobs N]

What is compared, for every app in every scenario and every cors-core case:
- instructions per request: for the no-CORS app, the whole request; for every other app, what it
  adds over the no-CORS app in the same scenario (the figure issue 18 sets its targets in, and the
  one a change to a CORS layer moves); for a core case, one evaluation. A figure fails when it
  exceeds its baseline by more than 2% of the baseline, or by more than 10 instructions where 2%
  is less than that;
- heap allocations per request (to two decimals): fail when above the baseline at all;
- heap bytes per request: fail beyond 2%.

Why added instructions, not whole requests: a whole request costs 7,000 to 12,500 instructions,
so 2% of it (140 to 250) is as large as everything a CORS layer decides in most scenarios; a gate
on totals would let `#[cors]` grow by a fifth unnoticed. Added figures are small (some are near 0
or below it: a route without `#[cors]`, actix-cors's rejected preflight), where 2% is a fraction
of an instruction; the 10-instruction floor keeps them from failing on the counts' own jitter.

Noise: hash maps on the request path (actix-http's header maps among them) are seeded from stack
addresses and the time (foldhash mixes the clock into its process-wide seed), and a process now
and then pays for a collision (in hashbrown's `insert`) on every request, about +22 to +32
instructions per request. How often depends on the stack's layout: with a large environment, in
up to half the processes of a preflight scenario; count.py therefore runs the binary as
`./cors-count` from its directory with an empty environment. Even so a figure is bimodal: one
binary, at one path, counted `wrap-handle allowed-preflight` 32 higher in 4 of 6 processes, and
CI failed on such a figure after 3 pairs of runs all came out high; `wrap-check
checked-preflight` is high in 3 processes of 4. A collision only adds, so a figure over its limit
is counted again, 3 pairs of runs at a time and up to 8 times, keeping its lowest figure, until it
is within its limit (a figure high 3 times in 4 then stays high through all 25 pairs about once
in 1,300 runs); `--bless` counts every figure with 2 pairs.

The counts do not depend on where the checkout lives: a clone at another path, built into its
own target directory, builds a byte-identical `cors-count` (release profile, same rustc and
Cargo.lock, dependencies from the same `~/.cargo`). They do depend on rustc, Cargo.lock, valgrind
and the CPU (glibc picks its `memcpy` by CPU): bless on a machine like CI's.

`--bless` rewrites the baseline from a fresh count and prints what changed; commit it with the
change that moved the figures and say why in the commit message. `--count` compares a count.py
result instead of counting (no retries then), e.g. `target/bench-results/count.json`.
"""

import argparse
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
import count as counter  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASELINE = os.path.join(ROOT, "benches", "baseline.json")
# The app every other app's instructions are measured against.
REFERENCE = "no-cors"
# A figure fails beyond the larger of these over its baseline.
TOLERANCE = 0.02
SLACK = 10
# Pairs of runs: for every figure at first, for a figure over its limit, for every figure at --bless.
FIRST_RUNS = 1
RECOUNT_RUNS = 3
BLESS_RUNS = 2
# Rounds of RECOUNT_RUNS pairs a figure over its limit gets before it is reported.
RECOUNT_ROUNDS = 8


def figures_of(result):
    """{(kind, name, scenario): {"instructions", "allocs", "bytes"}} with added instructions for
    every app but the reference."""
    out = {}
    apps = result["apps"]
    for app, scenarios in apps.items():
        for scenario, f in scenarios.items():
            instr = f["instructions"]
            if app != REFERENCE:
                if scenario not in apps.get(REFERENCE, {}):
                    continue  # nothing to add to: compare() reports the reference's gap
                instr -= apps[REFERENCE][scenario]["instructions"]
            out[("app", app, scenario)] = {"instructions": instr, "allocs": f["allocs"],
                                           "bytes": f["bytes"]}
    for case, f in result["core"].items():
        out[("core", case, "")] = dict(f)
    return out


def limit(base):
    return base + max(TOLERANCE * abs(base), SLACK)


def compare(baseline, result):
    """(key, what, baseline, now) of every figure over its limit, and of every figure measured in
    one and not the other."""
    def counted(r):
        return ({("app", a, s) for a, scenarios in r["apps"].items() for s in scenarios}
                | {("core", c, "") for c in r["core"]})

    was, done = counted(baseline), counted(result)
    misses = [(key, "not in the baseline", None, None) for key in done - was]
    misses += [(key, "no longer counted", None, None) for key in was - done]
    base, now = figures_of(baseline), figures_of(result)
    for key in base.keys() & now.keys():
        b, n = base[key], now[key]
        if n["instructions"] > limit(b["instructions"]):
            misses.append((key, "instructions", b["instructions"], n["instructions"]))
        if round(n["allocs"], 2) > round(b["allocs"], 2):
            misses.append((key, "allocations", b["allocs"], n["allocs"]))
        if n["bytes"] > b["bytes"] * (1 + TOLERANCE):
            misses.append((key, "bytes", b["bytes"], n["bytes"]))
    return sorted(misses, key=lambda m: (m[0], m[1]))


def cheaper(baseline, result):
    """Figures whose instructions fell by more than the tolerance: a blessed baseline keeps the
    gain from being spent unnoticed."""
    base, now = figures_of(baseline), figures_of(result)
    return [key for key in base.keys() & now.keys()
            if now[key]["instructions"] < base[key]["instructions"]
            - max(TOLERANCE * abs(base[key]["instructions"]), SLACK)]


def recount(binary, baseline, result, misses, jobs):
    """Counts the figures behind `misses` (and their reference) again, RECOUNT_RUNS pairs of runs
    a round, keeping each figure's lowest instructions (a collision only adds), in place, until
    they are within their limits or RECOUNT_ROUNDS rounds are spent."""
    for _ in range(RECOUNT_ROUNDS):
        keys = {m[0] for m in misses if m[2] is not None}
        runs = set()
        for kind, name, scenario in keys:
            runs.add(("app", name, scenario) if kind == "app" else ("core", name))
            if kind == "app" and name != REFERENCE:
                runs.add(("app", REFERENCE, scenario))
        if not runs:
            return
        print(f"gate: {len(keys)} figure(s) over the baseline; counting them again", flush=True)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            again = {run: pool.submit(counter.measure, binary, run, result["n"], result["core_n"],
                                      RECOUNT_RUNS) for run in sorted(runs)}
            for run, done in again.items():
                slot = (result["apps"][run[1]][run[2]] if run[0] == "app"
                        else result["core"][run[1]])
                fresh = done.result()
                fresh["instructions"] = min(fresh["instructions"], slot["instructions"])
                slot.update(fresh)
        misses = [m for m in compare(baseline, result) if m[0] in keys]


def shown(path):
    """A path as a reader of the repository names it."""
    path = os.path.abspath(path)
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else path


def label(key):
    kind, name, scenario = key
    return f"{name} {scenario}" if kind == "app" else f"core {name}"


def table(baseline, result):
    """Added instructions per request (the reference app's whole request), and the change from
    the baseline, one row per scenario; then the core cases."""
    base = figures_of(baseline) if baseline else {}
    now = figures_of(result)
    apps = list(result["apps"])
    scenarios = list(result["apps"][REFERENCE])

    def cell(key):
        n = now[key]["instructions"]
        b = base.get(key, {}).get("instructions")
        change = "new" if b is None else f"{round(n - b):+d}"
        return f"{n:,.0f} {change}"

    cells = {(a, s): cell(("app", a, s)) for a in apps for s in scenarios}
    width = {a: 2 + max([len(a)] + [len(cells[a, s]) for s in scenarios]) for a in apps}
    lines = [f"instructions per request ({REFERENCE}) or added over {REFERENCE}, with the change "
             "from the baseline:",
             f"{'scenario':<19}" + "".join(f"{a:>{width[a]}}" for a in apps)]
    for s in scenarios:
        lines.append(f"{s:<19}" + "".join(f"{cells[a, s]:>{width[a]}}" for a in apps))
    core = [k for k in now if k[0] == "core"]
    lines.append("core cases, instructions per evaluation:")
    lines += [f"  {k[1]:<32}{cell(k):>14}" for k in core]
    allocs = {k: now[k]["allocs"] for k in now}
    most = max((a - allocs[("app", REFERENCE, k[2])], k) for k, a in allocs.items()
               if k[0] == "app")
    lines.append(f"allocations per request: at most {most[0]:+.2f} over {REFERENCE} "
                 f"({label(most[1])}); core cases at most "
                 f"{max(allocs[k] for k in core):.2f}")
    return "\n".join(lines)


def rounded(result):
    """The baseline as written: instructions to 0.1, allocations to 0.01, bytes to 1."""
    places = {"instructions": 1, "allocs": 2, "bytes": 0}
    out = json.loads(json.dumps(result))
    for entry in list(out["apps"].values()) + [out["core"]]:
        for slot in entry.values():
            for metric in slot:
                slot[metric] = round(slot[metric], places[metric])
    return out


def write_baseline(path, result):
    """count.json's shape (report.py reads either), one figure a line so diffs read well."""
    lines = ["{", f' "about": "written by benches/scripts/gate.py --bless",',
             f' "n": {json.dumps(result["n"])},', f' "core_n": {json.dumps(result["core_n"])},',
             ' "apps": {']
    apps = list(result["apps"].items())
    for i, (app, scenarios) in enumerate(apps):
        lines.append(f'  {json.dumps(app)}: {{')
        items = list(scenarios.items())
        for j, (s, f) in enumerate(items):
            lines.append(f'   {json.dumps(s)}: {json.dumps(f)}' + ("," if j < len(items) - 1 else ""))
        lines.append("  }" + ("," if i < len(apps) - 1 else ""))
    lines.append(" },")
    lines.append(' "core": {')
    core = list(result["core"].items())
    for i, (case, f) in enumerate(core):
        lines.append(f'  {json.dumps(case)}: {json.dumps(f)}' + ("," if i < len(core) - 1 else ""))
    lines += [" }", "}", ""]
    with open(path, "w") as out:
        out.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="the release cors-count")
    parser.add_argument("--count", help="compare this count.py result instead of counting")
    parser.add_argument("--bless", action="store_true", help="rewrite the baseline")
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--jobs", type=int, help="figures counted at once (default: cores)")
    args = parser.parse_args()

    baseline = None
    if os.path.exists(args.baseline):
        with open(args.baseline) as f:
            baseline = json.load(f)
    elif not args.bless:
        sys.exit(f"gate: no baseline at {args.baseline}; write one with --bless")
    jobs = args.jobs or os.cpu_count()
    if not args.count or args.bless:
        print(f"gate: counting under valgrind, {jobs} figure(s) at a time", flush=True)
    if args.bless:
        # As many iterations as count.py counts, so the baseline reads as BENCHMARKS.md's count.
        n, core_n = (counter.N1, counter.N2), (counter.CORE_N1, counter.CORE_N2)
        result = rounded(counter.count(args.binary, jobs, n, core_n, BLESS_RUNS, log=None))
        print(table(baseline, result))
        write_baseline(args.baseline, result)
        print(f"gate: wrote {shown(args.baseline)} ({BLESS_RUNS} pairs of runs a figure); "
              "commit it and say in the message why the figures moved")
        return

    if args.count:
        with open(args.count) as f:
            result = json.load(f)
        if (result["n"], result["core_n"]) != (baseline["n"], baseline["core_n"]):
            sys.exit(f"gate: {args.count} counted {result['n']}/{result['core_n']} iterations, "
                     f"the baseline {baseline['n']}/{baseline['core_n']}")
    else:
        result = counter.count(args.binary, jobs, baseline["n"], baseline["core_n"], FIRST_RUNS,
                               log=None)
    misses = compare(baseline, result)
    if misses and not args.count:
        recount(args.binary, baseline, result, misses, jobs)
        misses = compare(baseline, result)
    print(table(baseline, result))
    gains = cheaper(baseline, result)
    if gains:
        print(f"gate: {len(gains)} figure(s) cheaper than the baseline beyond the tolerance "
              "(bless to keep the gain): " + ", ".join(label(k) for k in sorted(gains)))
    if not misses:
        print(f"gate: every figure within {TOLERANCE:.0%} (or {SLACK} instructions) of "
              f"{shown(args.baseline)}, no allocation more")
        return
    print(f"gate: {len(misses)} figure(s) dearer than {shown(args.baseline)}, or missing from "
          "it or from the count:",
          file=sys.stderr)
    for key, what, b, now in misses:
        if b is None:
            print(f"  {label(key)}: {what}", file=sys.stderr)
        else:
            print(f"  {label(key)}: {what} {now:,.2f} against {b:,.2f} "
                  f"({now - b:+,.2f})", file=sys.stderr)
    print("A change that makes a request dearer on purpose blesses the baseline in the same "
          "commit (benches/gate.sh --bless) and says why.", file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    main()
