#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the JSON results of count.py, criterion.py, load.py and
build_time.py (sections whose results are missing are left out, and say so).

usage: report.py <results dir> <BENCHMARKS.md>
"""

import json
import os
import re
import statistics
import subprocess
import sys

SCENARIOS = ["allowed-get", "disallowed-get", "no-origin-get", "allowed-preflight",
             "rejected-preflight", "other-route-get"]
TARGET_SCENARIOS = SCENARIOS[:5]
OURS = ["attribute", "wrap", "wrap-mixed"]
LABELS = {"attribute": "`#[cors]`", "wrap": "`Cors::new`",
          "wrap-mixed": "`Cors::new` beside `#[cors]`"}
TARGET_RATIO = 0.3


def load(results, name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def sh(*cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def locked_version(root, package):
    with open(os.path.join(root, "Cargo.lock")) as f:
        lock = f.read()
    found = re.search(rf'name = "{re.escape(package)}"\nversion = "([^"]+)"', lock)
    return found.group(1) if found else "?"


def num(x, digits=0):
    return f"{x:,.{digits}f}"


def ratio(ours, theirs):
    """ours / theirs, or None where actix-cors adds nothing (a ratio would mean nothing)."""
    return ours / theirs if theirs > 0 else None


def fmt_ratio(r):
    return "n/a" if r is None else f"{r:.2f}x"


def load_average(root):
    """The 1/5/15-minute load averages run-all.sh read before measuring."""
    path = os.path.join(os.environ.get("BENCH_RESULTS", ""), "loadavg")
    if not os.path.exists(path):
        return "not recorded"
    with open(path) as f:
        return " / ".join(f.read().split()[:3])


def machine(root):
    cpu = re.search(r"Model name:\s*(.+)", sh("lscpu"))
    mem = re.search(r"Mem:\s+(\S+)", sh("free", "-h"))
    recorded = os.path.join(os.environ.get("BENCH_RESULTS", ""), "commit")
    if os.path.exists(recorded):
        # As run-all.sh found it when the measurements started.
        with open(recorded) as f:
            commit, *dirty = f.read().split("\n", 1)
        dirty = "".join(dirty).strip()
    else:
        commit = sh("git", "-C", root, "rev-parse", "--short", "HEAD")
        dirty = sh("git", "-C", root, "status", "--porcelain", "--", "cors-core", "cors-actix",
                   "cors-macros", "benches/src")
    return [
        f"- Report written {sh('date', '-u', '+%Y-%m-%d %H:%M UTC')}; measured at commit `{commit}`"
        + (" (with uncommitted changes in the measured crates)" if dirty else ""),
        f"- CPU: {cpu.group(1) if cpu else 'unknown'}, {sh('nproc')} cores, shared (load "
        f"average when the run started: {load_average(root)}); memory {mem.group(1) if mem else '?'}",
        f"- Kernel {sh('uname', '-r')}; {sh('rustc', '-V')}; {sh('valgrind', '--version')}; "
        f"{sh('wrk', '-v').splitlines()[0] if sh('wrk', '-v') else 'wrk ?'}",
        f"- actix-web {locked_version(root, 'actix-web')}, actix-cors "
        f"{locked_version(root, 'actix-cors')}, criterion {locked_version(root, 'criterion')}",
    ]


def count_section(count, out, summary):
    apps = count["apps"]
    base = apps["no-cors"]
    n1, n2 = count["n"]
    out += [
        "## 1. Instructions per request (deterministic)",
        "",
        "`cors-count` sends one scenario's request to one app in a loop through "
        "`actix_web::test::call_service` (request built, routed, answered, dropped); "
        "`count.py` runs it under `valgrind --tool=cachegrind --cache-sim=no` with "
        f"{num(n1)} and {num(n2)} iterations (after the same warm-up) and divides the "
        "difference of the instruction totals by the difference of the counts, so start-up "
        "cancels out. The same binary gives the same figures on a busy machine. *Added* is "
        "the app's figure minus the no-CORS app's for the same request; the ratio is ours "
        "added over actix-cors added (target: at most "
        f"{TARGET_RATIO}x). `floor` is not CORS: a middleware that only does what any CORS "
        "layer in actix-web must (its own response future, one `Origin` lookup, two response "
        "headers written, no decision), to show how much of each figure is actix-web's "
        "middleware plumbing.",
        "",
        "| scenario | no CORS | actix-cors added | "
        + " | ".join(f"{LABELS[a]} added | ratio" for a in OURS) + " | floor added |",
        "|---|---:|---:|" + "---:|---:|" * len(OURS) + "---:|",
    ]
    worst = {}
    for s in SCENARIOS:
        b = base[s]["instructions"]
        added = {a: apps[a][s]["instructions"] - b for a in apps if a != "no-cors"}
        floor = num(added["floor"]) if "floor" in added else "-"
        cells = []
        for a in OURS:
            r = ratio(added[a], added["actix-cors"])
            cells.append(f"{num(added[a])} | {fmt_ratio(r)}")
            if s in TARGET_SCENARIOS:
                worst.setdefault(a, []).append((s, r, added[a], added["actix-cors"]))
        out.append(f"| {s} | {num(b)} | {num(added['actix-cors'])} | " + " | ".join(cells)
                   + f" | {floor} |")
    out += [
        "",
        "`other-route-get` is `GET /other` from an allowed origin: a route without `#[cors]` in "
        "the attribute app (nothing runs there), a wrapped route in the others. actix-cors "
        "answers a rejected preflight with an error response cheaper than the no-CORS app's "
        "`404`, so it adds nothing there and no ratio exists; ours is then compared with the "
        "target in absolute terms below. `Cors::new` beside `#[cors]` is the `Cors::new` app "
        "plus one `#[cors]` route on another path: once a route policy exists in the process, "
        "`Cors::new` lets routing see preflights first (a route's own policy wins) and marks "
        "each request for the routes below it; without one, it answers preflights itself, "
        "before routing.",
        "",
    ]
    for app in OURS:
        misses = []
        for s, r, ours, theirs in worst[app]:
            if r is None:
                allowed = 0
            else:
                allowed = TARGET_RATIO * theirs
            if ours > allowed:
                misses.append(f"{s} {fmt_ratio(r)} ({num(ours)} added, target "
                              f"{num(max(allowed, 0))})")
        label = LABELS[app]
        summary.append((
            f"Added instructions at most {TARGET_RATIO}x actix-cors's, {label}",
            "missed: " + "; ".join(misses) if misses else "met in every scenario",
        ))
    floors = [apps["floor"][s]["instructions"] - base[s]["instructions"]
              for s in TARGET_SCENARIOS if "floor" in apps]
    actix = [apps["actix-cors"][s]["instructions"] - base[s]["instructions"]
             for s in ("allowed-get", "disallowed-get", "no-origin-get", "allowed-preflight")]
    if floors:
        above = {a: [apps[a][s]["instructions"] - apps["floor"][s]["instructions"]
                     for s in TARGET_SCENARIOS] for a in OURS}
        summary.append((
            "What bounds it",
            f"actix-web's middleware plumbing alone (`floor`, no decision) adds "
            f"{num(min(floors))} to {num(max(floors))} instructions, already "
            f"{fmt_ratio(ratio(floors[0], actix[0]))} of actix-cors's added cost on an allowed "
            f"GET; ours above that floor: "
            + ", ".join(f"{LABELS[a]} {num(min(above[a]))} to {num(max(above[a]))}"
                        for a in OURS),
        ))

    out += [
        "## 2. Heap allocations per request",
        "",
        "Counted by a global allocator in the same loop (allocations, reallocations "
        "included; per request, same runs as above). Header values in the test requests are "
        "static `Bytes`, as a server's parsed headers are shared `Bytes`: cloning `Origin` "
        "into the response then allocates nothing (with `TestRequest`'s default copy of a "
        "`&str`, the first clone of a header value would allocate, in every CORS layer).",
        "",
        "| scenario | no CORS | actix-cors | " + " | ".join(LABELS[a] for a in OURS)
        + " | bytes: no CORS / actix-cors / " + " / ".join(LABELS[a] for a in OURS) + " |",
        "|---|---:|---:|" + "---:|" * len(OURS) + "---|",
    ]
    extra = {a: [] for a in OURS}
    for s in SCENARIOS:
        row = [apps[a][s] for a in ["no-cors", "actix-cors"] + OURS]
        allocs = [f"{r['allocs']:.2f}" for r in row]
        size = " / ".join(num(r["bytes"]) for r in row)
        out.append(f"| {s} | " + " | ".join(allocs) + f" | {size} |")
        for a in OURS:
            extra[a].append((s, apps[a][s]["allocs"] - base[s]["allocs"]))
    out.append("")
    most = max(d for a in OURS for _, d in extra[a])
    unannotated = extra["attribute"][SCENARIOS.index("other-route-get")][1]
    summary.append((
        "Middleware: at most 1 allocation per request over no CORS; 0 on a route without "
        "`#[cors]`",
        f"{'met' if most <= 1 and unannotated <= 0 else 'missed'}: at most {most:+.2f} "
        f"(actix-cors: {max(apps['actix-cors'][s]['allocs'] - base[s]['allocs'] for s in SCENARIOS):+.2f}); "
        f"{unannotated:+.2f} on the route without `#[cors]`",
    ))


RUNTIME = ["wrap", "wrap-check", "wrap-async-check", "wrap-handle"]
RUNTIME_LABELS = {"wrap": "`Cors::new`", "wrap-check": "+ `origin_fn`",
                  "wrap-async-check": "+ `origin_fn_async`", "wrap-handle": "`PolicyHandle`"}
RUNTIME_SCENARIOS = ["allowed-get", "disallowed-get", "no-origin-get", "allowed-preflight",
                     "rejected-preflight", "checked-get", "checked-preflight"]


def runtime_section(count, out, summary):
    """Run-time decisions (issue 11): a check beside the list, a replaceable policy."""
    apps = count["apps"]
    if not all(a in apps for a in RUNTIME):
        return
    base = apps["no-cors"]
    out += [
        "### Run-time decisions: origin checks and `PolicyHandle`",
        "",
        "The `Cors::new` app with a sync check (`.origin_fn(|origin, _| origin == TENANT)`), "
        "the same check async (`.origin_fn_async(..)`, a ready future), and the policy behind a "
        "`PolicyHandle`. `checked-*` come from `https://tenant.example`, which no list names: "
        "the checks admit it, the other apps refuse it. Instructions added over no CORS, then "
        "heap allocations per request (no CORS in parentheses).",
        "",
        "| scenario | " + " | ".join(RUNTIME_LABELS[a] for a in RUNTIME) + " | allocations: "
        + " / ".join(RUNTIME_LABELS[a] for a in RUNTIME) + " |",
        "|---|" + "---:|" * len(RUNTIME) + "---|",
    ]
    for s in RUNTIME_SCENARIOS:
        if s not in base:
            continue
        b = base[s]["instructions"]
        cells = [num(apps[a][s]["instructions"] - b) for a in RUNTIME]
        allocs = " / ".join(f"{apps[a][s]['allocs']:.2f}" for a in RUNTIME)
        out.append(f"| {s} | " + " | ".join(cells) + f" | {allocs} ({base[s]['allocs']:.2f}) |")
    out.append("")
    listed = apps["wrap-async-check"]["allowed-get"]["allocs"] - apps["wrap"]["allowed-get"]["allocs"]
    summary.append((
        "An async origin check allocates nothing when the list answers (issue 11)",
        f"{'met' if listed <= 0 else 'missed'}: {listed:+.2f} allocations on an allowed GET "
        "against `Cors::new` without a check",
    ))


def core_section(count, crit, out, summary):
    core = count["core"] if count else {}
    ns = {k.split("/", 1)[1]: v for k, v in (crit or {}).get("median_ns", {}).items()
          if k.startswith("core/")}
    names = list(core) or sorted(ns)
    out += [
        "## 3. cors-core decisions",
        "",
        "One `Policy::evaluate` of a prepared request, no framework around it: instructions "
        "(cachegrind, as above), heap allocations (counting allocator), and wall clock "
        "(criterion median of medians, see section 4). `exact-N` policies list N origins and "
        "are built at run time; lists longer than 8 get a hash index (so do `policy!`/`#[cors]` "
        "lists, whose index the macro emits), shorter ones are searched by bisection; the hit "
        "is the last origin in sorted order, the longest bisection path. `pattern-*` adds `https://*.example.org` and "
        "`http://localhost:*` to 10 exact origins. `preflight-10-headers` requests 10 "
        "headers as a browser sends them (`authorization,cache-control,...`) from a policy "
        "allowing 22; `-similar-` requests ten names of one length differing only at the end. "
        "`acrh-*` are preflights under an any-header policy (the one that reads every name) "
        "with `Access-Control-Request-Headers` of 1 KiB (accepted), 1 MiB on one line, 1 MiB "
        "as 1,024 lines of 1 KiB, and 1 MiB of commas; the list is refused once its lines "
        "exceed 4,096 bytes, 64 names or 16 empty elements, before the rest is read.",
        "",
        "| case | instructions | allocations | median ns |",
        "|---|---:|---:|---:|",
    ]
    for name in names:
        c = core.get(name)
        instr = num(c["instructions"]) if c else "-"
        allocs = f"{c['allocs']:.2f}" if c else "-"
        t = f"{ns[name]:.1f}" if name in ns else "-"
        out.append(f"| {name} | {instr} | {allocs} | {t} |")
    out.append("")
    if core:
        allocs = max(c["allocs"] for c in core.values())
        summary.append(("cors-core evaluation: 0 heap allocations",
                        f"{'met' if allocs == 0 else 'missed'}: at most {allocs:.2f} per "
                        "evaluation, in every case above, the 1 MiB ones included"))
    if ns and all(f"exact-{n}-{k}" in ns for n in (1, 1000) for k in ("hit", "miss")):
        parts = []
        flat = True
        for k in ("hit", "miss"):
            one, ten, thousand = (ns[f"exact-{n}-{k}"] for n in (1, 10, 1000))
            flat &= thousand <= 1.25 * min(one, ten)
            parts.append(f"{k} {one:.1f} / {ten:.1f} / {thousand:.1f} ns")
        summary.append(("Exact-origin lookup flat from 1 to 1,000 origins (within 25%)",
                        f"{'met' if flat else 'missed'}: at 1 / 10 / 1,000 origins, "
                        + "; ".join(parts)))
    if "preflight-10-headers" in ns:
        t = ns["preflight-10-headers"]
        worst = ns.get("preflight-10-similar-headers")
        summary.append(("A preflight with 10 requested headers under 150 ns",
                        f"{'met' if t < 150 else f'missed by {t - 150:.0f} ns'}: "
                        f"{t:.0f} ns as a browser sends them"
                        + (f", {worst:.0f} ns for ten same-length names" if worst else "")))
    big = [k for k in core if k.startswith("acrh-1MiB")]
    if big and "acrh-1KiB-list" in core:
        most = max(core[k]["instructions"] for k in big)
        summary.append(("1 MiB Access-Control-Request-Headers rejected in time linear in the "
                        "bytes read, without allocation",
                        f"met: reading stops at 4,096 bytes, 64 names or 16 empty elements, so "
                        f"1 MiB costs at most {num(most)} instructions (an accepted 1 KiB list: "
                        f"{num(core['acrh-1KiB-list']['instructions'])}), with 0 allocations"))


def criterion_section(crit, out):
    med = crit["median_ns"]
    out += [
        "## 4. In-process wall clock (criterion)",
        "",
        f"`cargo bench -p cors-benches` ({crit['rounds']} rounds, the two benches alternating; "
        "each figure is the median over rounds of criterion's median). Same requests as "
        "section 1, timed with `iter_custom` inside one actix system. Every app runs in this "
        "one process, where `#[cors]` routes exist, so both `Cors::new` columns measure the "
        "path that defers preflights to routing (section 1 separates the two). Wall clock on a "
        "shared 2-core machine swings 10% or more between runs: read the ratios within a "
        "column, and section 1 for the stable comparison.",
        "",
        "| scenario | no CORS ns | actix-cors added | "
        + " | ".join(f"{LABELS[a]} added | ratio" for a in OURS) + " |",
        "|---|---:|---:|" + "---:|---:|" * len(OURS),
    ]
    for s in SCENARIOS:
        get = lambda app: med.get(f"{s}/{app}")
        if get("no-cors") is None:
            continue
        b = get("no-cors")
        added = {a: get(a) - b for a in ["actix-cors"] + OURS if get(a)}
        # Where actix-cors adds less than the noise (5% of the baseline), a ratio means nothing.
        theirs = added["actix-cors"] if added["actix-cors"] > 0.05 * b else 0
        cells = [f"{added[a]:.0f} | {fmt_ratio(ratio(added[a], theirs))}"
                 for a in OURS if a in added]
        out.append(f"| {s} | {b:.0f} | {added['actix-cors']:.0f} | " + " | ".join(cells) + " |")
    out.append("")


def load_section(load_result, out, summary):
    med = load_result["median"]
    samples = load_result["samples"]
    scenarios = list(med["no-cors"])
    out += [
        "## 5. Throughput over loopback (wrk)",
        "",
        f"`load.py`: each app in its own release `cors-server` (one worker) pinned with "
        f"`taskset` to core 0, `wrk -t1 -c{load_result['connections']}` pinned to core 1, "
        f"127.0.0.1 only, {load_result['seconds']} s per run, {load_result['rounds']} rounds, "
        "every app and scenario once per round in rotating order. Median requests/s, ratio to "
        "the no-CORS app, and the no-CORS app's own spread across rounds ((max - min) / "
        "median) as the noise level.",
        "",
        "| scenario | no CORS req/s | noise | actix-cors | "
        + " | ".join(LABELS[a] for a in OURS if a in med) + " |",
        "|---|---:|---:|---:|" + "---:|" * len([a for a in OURS if a in med]),
    ]
    verdicts = []
    for s in scenarios:
        b = med["no-cors"][s]
        noise = (max(samples["no-cors"][s]) - min(samples["no-cors"][s])) / b
        cells = []
        for a in ["actix-cors"] + [a for a in OURS if a in med]:
            r = med[a][s] / b
            cells.append(f"{num(med[a][s])} ({r:.2f}x)")
            if a in OURS:
                verdicts.append((s, a, r, noise))
        out.append(f"| {s} | {num(b)} | {noise:.0%} | " + " | ".join(cells) + " |")
    out += ["", "The no-CORS app answers the preflight with `404` (no route serves `OPTIONS`).", ""]
    outside = [f"{s} {a} {r:.2f}x (noise {n:.0%})" for s, a, r, n in verdicts
               if s != "allowed-preflight" and abs(r - 1) > n]
    summary.append(("Loopback throughput with CORS within noise of the no-CORS app",
                    "met for GETs" if not outside else "outside noise: " + "; ".join(outside)))


def build_section(build, out, summary):
    med = build["median"]
    cpu = build.get("cpu_median")  # absent from results recorded before CPU time was
    out += [
        "## 6. Build time: 100 `#[cors]` handlers vs 100 `#[get]` handlers",
        "",
        "`build_time.py` generates two crates under the target directory (not committed), "
        "each with 100 handlers registered in one `App`, one with "
        "`#[cors(origins = [..2 origins..], allow_headers = [..], max_age = 600)]` above each "
        "`#[get]`, both depending on cors-actix by path and sharing one target directory and "
        "the workspace's `Cargo.lock`. Dependencies are built first; each measurement is a "
        f"non-incremental dev `cargo build` of the crate alone, {build['rounds']} rounds, the "
        "two alternating."
        + (" Wall clock is what the target is about; CPU seconds (user + sys of cargo and "
           "rustc) are steadier on a machine shared with other builds." if cpu else ""),
        "",
    ]
    if cpu:
        out += ["| crate | median wall s | median CPU s | wall samples s |", "|---|---:|---:|---|"]
    else:
        out += ["| crate | median s | samples s |", "|---|---:|---|"]
    for name in ("plain", "cors"):
        cpu_cell = f" {cpu[name]:.2f} |" if cpu else ""
        out.append(f"| {name}100 | {med[name]:.2f} |{cpu_cell} "
                   + ", ".join(f"{x:.2f}" for x in build["samples"][name]) + " |")
    out += ["", f"Ratio: {build['ratio']:.3f} wall"
            + (f", {build['cpu_ratio']:.3f} CPU." if cpu else "."), ""]
    r = build["ratio"]
    summary.append(("100 `#[cors]` handlers build within 10% of 100 plain `#[get]`",
                    f"{'met' if r <= 1.10 else f'missed by {r - 1.10:.2f}x'}: {r:.2f}x wall "
                    f"({med['cors']:.2f} s vs {med['plain']:.2f} s)"
                    + (f", {build['cpu_ratio']:.2f}x CPU ({cpu['cors']:.2f} s vs "
                       f"{cpu['plain']:.2f} s)" if cpu else "")))


def main():
    results, target = sys.argv[1], sys.argv[2]
    os.environ["BENCH_RESULTS"] = results
    root = os.path.dirname(os.path.abspath(target))
    count = load(results, "count.json")
    crit = load(results, "criterion.json")
    load_result = load(results, "load.json")
    build = load(results, "build_time.json")
    summary, body = [], []
    if count:
        count_section(count, body, summary)
        runtime_section(count, body, summary)
    if count or crit:
        core_section(count, crit, body, summary)
    if crit:
        criterion_section(crit, body)
    if load_result:
        load_section(load_result, body, summary)
    if build:
        build_section(build, body, summary)
    missing = [name for name, r in (("instruction counts", count), ("criterion", crit),
                                    ("load", load_result), ("build time", build)) if not r]
    out = [
        "# Benchmarks: cors-actix against actix-cors 0.7",
        "",
        "Generated by `benches/run-all.sh` from measurements on the machine below; every figure "
        "here comes from that run. The crate `benches/` (`cors-benches`, not published) holds "
        "the apps, the benches and the scripts.",
        "",
        "Five one-route apps differ only in their CORS layer, each with the same policy "
        "(origin `https://app.example`, method `GET`, request headers `content-type` and "
        "`x-api-key`, max age 600 s, no credentials): **no CORS**; **actix-cors** 0.7 "
        "(`Cors::default().allowed_origin(..)...`, wrapped on the app; "
        "`block_on_origin_mismatch` at its default, `false`, so disallowed origins reach the "
        "handler as with ours); **`#[cors]`** above `#[get(\"/p\")]`; **`Cors::new`** wrapped "
        "on the app; **`Cors::new` beside `#[cors]`**, the same with one `#[cors]` route on "
        "another path. Each also serves `GET /other`. Scenarios: `GET /p` from the allowed "
        "origin, from a disallowed one, without `Origin`; a preflight for `GET` with "
        "`Access-Control-Request-Headers: content-type`, allowed and from a disallowed origin. "
        "Each app's answer is checked before it is measured.",
        "",
        "## Targets (issue 5)",
        "",
        "| target | result |",
        "|---|---|",
    ] + [f"| {t} | {r} |" for t, r in summary] + [
        "",
        "## Machine",
        "",
    ] + machine(root) + [
        "",
        "## Commands",
        "",
        "```sh",
        "benches/run-all.sh                  # everything below, then this file (about 20 min)",
        "benches/run-all.sh count criterion  # only some steps (count, criterion, load, build), "
        "then this file",
        "# knobs: CARGO_TARGET_DIR, CRITERION_ROUNDS=3, LOAD_ROUNDS=5, LOAD_SECONDS=5, "
        "BUILD_ROUNDS=5",
        "cargo bench -p cors-benches         # criterion alone",
        "```",
        "",
    ]
    if missing:
        out += [f"Not measured in this run: {', '.join(missing)}.", ""]
    out += body
    out += [
        "## Reading the misses",
        "",
        "- Each request through an actix-web middleware pays for a response future of its own, "
        "an either-body conversion and header-map writes (`Access-Control-Allow-Origin`, "
        "`Vary`); `floor` in section 1 measures that plumbing with no decision at all. A "
        "target below the plumbing cannot be met by any middleware; what is ours is the "
        "difference between our columns and `floor`.",
        "- `#[cors]` registers its preflight resource on the route's path after the handler's "
        "resource, so actual requests never match it, and a preflight is first matched "
        "against the handler's resource (whose method guard turns it away) before reaching "
        "it: preflights pay that extra match so that every actual request does not. An "
        "app-wide middleware such as actix-cors answers a preflight before routing, which is "
        "why a rejected preflight costs it less than the no-CORS app's `404`.",
        "- Wall-clock figures (sections 3 to 6) come from a shared 2-core machine; the "
        "instruction counts do not depend on its load.",
        "",
    ]
    with open(target, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
