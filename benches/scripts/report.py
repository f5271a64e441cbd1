#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the JSON results of count.py, criterion.py, load.py and
build_time.py. The prose is `report.template.md` beside this script; this fills in its figures,
tables and verdicts, and leaves out the sections whose results are missing (saying so).

usage: report.py <results dir> <BENCHMARKS.md>

The template's syntax: `{{name}}` is a value computed here; lines `{{#name}}` and `{{/name}}`
enclose what is kept only when `name`'s value is not empty; `{{! ..}}` lines are notes for
whoever edits the template, left out of the report.
"""

import json
import os
import re
import subprocess
import sys

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.template.md")

SCENARIOS = ["allowed-get", "disallowed-get", "no-origin-get", "allowed-preflight",
             "rejected-preflight", "other-route-get"]
TARGET_SCENARIOS = SCENARIOS[:5]
OURS = ["attribute", "wrap", "wrap-mixed"]
LABELS = {"attribute": "`#[cors]`", "wrap": "`Cors::new`",
          "wrap-mixed": "`Cors::new` beside `#[cors]`"}
# Issue 5: ours added at most this share of actix-cors's added.
TARGET_RATIO = 0.3
# Issue 18: ours added at most the floor's added plus this.
FLOOR_MARGIN = 300


def render(template, values):
    """The template with its blocks kept or dropped, its notes dropped, its names filled in."""
    lines = [line for line in template.splitlines() if not line.startswith("{{!")]
    text = "\n".join(lines) + "\n"
    block = re.compile(r"^\{\{#(\w+)\}\}\n(.*?)^\{\{/\1\}\}\n", re.S | re.M)
    while block.search(text):
        text = block.sub(lambda m: m.group(2) if values.get(m.group(1)) else "", text)

    def fill(m):
        if m.group(1) not in values:
            sys.exit(f"report.py: the template names `{m.group(1)}`, which nothing computed")
        return str(values[m.group(1)])

    return re.sub(r"\{\{(\w+)\}\}", fill, text)


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


def table(header, rows, align):
    """A Markdown table; `align` holds one `l` or `r` per column."""
    rule = "|" + "|".join("---" if a == "l" else "---:" for a in align) + "|"
    return "\n".join(["| " + " | ".join(header) + " |", rule]
                     + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows])


def load_average(results):
    """The 1/5/15-minute load averages run-all.sh read before measuring."""
    path = os.path.join(results, "loadavg")
    if not os.path.exists(path):
        return "not recorded"
    with open(path) as f:
        return " / ".join(f.read().split()[:3])


def machine(root, results):
    cpu = re.search(r"Model name:\s*(.+)", sh("lscpu"))
    mem = re.search(r"Mem:\s+(\S+)", sh("free", "-h"))
    recorded = os.path.join(results, "commit")
    if os.path.exists(recorded):
        # As run-all.sh found it when the measurements started.
        with open(recorded) as f:
            commit, *dirty = f.read().split("\n", 1)
        dirty = "".join(dirty).strip()
    else:
        commit = sh("git", "-C", root, "rev-parse", "--short", "HEAD")
        dirty = sh("git", "-C", root, "status", "--porcelain", "--", "cors-core", "cors-actix",
                   "cors-macros", "benches/src")
    wrk = sh("wrk", "-v")
    return "\n".join([
        f"- Report written {sh('date', '-u', '+%Y-%m-%d %H:%M UTC')}; measured at commit `{commit}`"
        + (" (with uncommitted changes in the measured crates)" if dirty else ""),
        f"- CPU: {cpu.group(1) if cpu else 'unknown'}, {sh('nproc')} cores, shared (load "
        f"average when the run started: {load_average(results)}); memory "
        f"{mem.group(1) if mem else '?'}",
        f"- Kernel {sh('uname', '-r')}; {sh('rustc', '-V')}; {sh('valgrind', '--version')}; "
        f"{wrk.splitlines()[0] if wrk else 'wrk ?'}",
        f"- actix-web {locked_version(root, 'actix-web')}, actix-cors "
        f"{locked_version(root, 'actix-cors')}, criterion {locked_version(root, 'criterion')}",
    ])


def count_values(count):
    apps = count["apps"]
    base = apps["no-cors"]
    n1, n2 = count["n"]
    added = {a: {s: apps[a][s]["instructions"] - base[s]["instructions"] for s in SCENARIOS}
             for a in apps if a != "no-cors"}
    floor, actix = added["floor"], added["actix-cors"]
    v = {"count": True, "n1": num(n1), "n2": num(n2), "target_ratio": TARGET_RATIO,
         "floor_margin": FLOOR_MARGIN}

    header = ["scenario", "no CORS", "actix-cors added", "floor added"]
    for a in OURS:
        header += [f"{LABELS[a]} added", "ratio", "over floor"]
    rows = []
    for s in SCENARIOS:
        row = [s, num(base[s]["instructions"]), num(actix[s]), num(floor[s])]
        for a in OURS:
            row += [num(added[a][s]), fmt_ratio(ratio(added[a][s], actix[s])),
                    num(added[a][s] - floor[s])]
        rows.append(row)
    v["count_table"] = table(header, rows, "l" + "r" * (len(header) - 1))

    for a in OURS:
        misses = []
        for s in TARGET_SCENARIOS:
            r = ratio(added[a][s], actix[s])
            allowed = 0 if r is None else TARGET_RATIO * actix[s]
            if added[a][s] > allowed:
                misses.append(f"{s} {fmt_ratio(r)} ({num(added[a][s])} added, target "
                              f"{num(max(allowed, 0))})")
        v[f"ratio_{a.replace('-', '_')}"] = ("missed: " + "; ".join(misses) if misses
                                             else "met in every scenario")

    misses = []
    for a in OURS:
        own = []
        for s in SCENARIOS:
            over = added[a][s] - floor[s] > FLOOR_MARGIN
            dearer = actix[s] > 0 and added[a][s] >= actix[s]
            if over or dearer:
                own.append(f"{s} floor {added[a][s] - floor[s]:+,.0f}"
                           + (", not below actix-cors" if dearer else ""))
        if own:
            misses.append(f"{LABELS[a]} " + "; ".join(own))
    v["over_floor"] = "missed: " + " / ".join(misses) if misses else "met in every scenario"
    ours, bound = added["attribute"]["no-origin-get"], floor["no-origin-get"]
    v["no_origin_floor"] = (f"{'met' if ours <= bound else 'missed'}: {num(ours)} added, `floor` "
                            f"{num(bound)}")

    floors = [floor[s] for s in TARGET_SCENARIOS]
    v["floor_min"], v["floor_max"] = num(min(floors)), num(max(floors))
    v["floor_ratio"] = fmt_ratio(ratio(floor["allowed-get"], actix["allowed-get"]))
    above = {a: [added[a][s] - floor[s] for s in TARGET_SCENARIOS] for a in OURS}
    v["above_floor"] = ", ".join(f"{LABELS[a]} {num(min(above[a]))} to {num(max(above[a]))}"
                                 for a in OURS)

    shown = ["no-cors", "actix-cors"] + OURS
    header = (["scenario", "no CORS", "actix-cors"] + [LABELS[a] for a in OURS]
              + ["bytes: no CORS / actix-cors / " + " / ".join(LABELS[a] for a in OURS)])
    rows = []
    for s in SCENARIOS:
        row = [apps[a][s] for a in shown]
        rows.append([s] + [f"{r['allocs']:.2f}" for r in row]
                    + [" / ".join(num(r["bytes"]) for r in row)])
    v["allocation_table"] = table(header, rows, "l" + "r" * len(shown) + "l")
    extra = {a: {s: apps[a][s]["allocs"] - base[s]["allocs"] for s in SCENARIOS} for a in OURS}
    most = max(d for a in OURS for d in extra[a].values())
    unannotated = extra["attribute"]["other-route-get"]
    theirs = max(apps["actix-cors"][s]["allocs"] - base[s]["allocs"] for s in SCENARIOS)
    v["allocations"] = (f"{'met' if most <= 1 and unannotated <= 0 else 'missed'}: at most "
                        f"{most:+.2f} (actix-cors: {theirs:+.2f}); {unannotated:+.2f} on the "
                        "route without `#[cors]`")
    return v


RUNTIME = ["wrap", "wrap-check", "wrap-async-check", "wrap-handle"]
RUNTIME_LABELS = {"wrap": "`Cors::new`", "wrap-check": "+ `origin_fn`",
                  "wrap-async-check": "+ `origin_fn_async`", "wrap-handle": "`PolicyHandle`"}
RUNTIME_SCENARIOS = ["allowed-get", "disallowed-get", "no-origin-get", "allowed-preflight",
                     "rejected-preflight", "checked-get", "checked-preflight"]


def runtime_values(count):
    """Run-time decisions (issue 11): a check beside the list, a replaceable policy."""
    apps = count["apps"]
    if not all(a in apps for a in RUNTIME):
        return {}
    base = apps["no-cors"]
    header = (["scenario"] + [RUNTIME_LABELS[a] for a in RUNTIME]
              + ["allocations: " + " / ".join(RUNTIME_LABELS[a] for a in RUNTIME)])
    rows = []
    for s in RUNTIME_SCENARIOS:
        if s not in base:
            continue
        b = base[s]["instructions"]
        allocs = " / ".join(f"{apps[a][s]['allocs']:.2f}" for a in RUNTIME)
        rows.append([s] + [num(apps[a][s]["instructions"] - b) for a in RUNTIME]
                    + [f"{allocs} ({base[s]['allocs']:.2f})"])
    listed = (apps["wrap-async-check"]["allowed-get"]["allocs"]
              - apps["wrap"]["allowed-get"]["allocs"])
    return {
        "runtime": True,
        "runtime_table": table(header, rows, "l" + "r" * len(RUNTIME) + "l"),
        "async_allocations": f"{'met' if listed <= 0 else 'missed'}: {listed:+.2f} allocations "
                             "on an allowed GET against `Cors::new` without a check",
    }


def core_values(count, crit):
    core = count["core"] if count else {}
    ns = {k.split("/", 1)[1]: v for k, v in (crit or {}).get("median_ns", {}).items()
          if k.startswith("core/")}
    rows = []
    for name in list(core) or sorted(ns):
        c = core.get(name)
        rows.append([name, num(c["instructions"]) if c else "-",
                     f"{c['allocs']:.2f}" if c else "-",
                     f"{ns[name]:.1f}" if name in ns else "-"])
    v = {"core": True,
         "core_table": table(["case", "instructions", "allocations", "median ns"], rows, "lrrr")}
    if core:
        allocs = max(c["allocs"] for c in core.values())
        v["core_allocations"] = (f"{'met' if allocs == 0 else 'missed'}: at most {allocs:.2f} "
                                 "per evaluation, in every case above, the 1 MiB ones included")
    if ns and all(f"exact-{n}-{k}" in ns for n in (1, 10, 1000) for k in ("hit", "miss")):
        parts = []
        flat = True
        for k in ("hit", "miss"):
            one, ten, thousand = (ns[f"exact-{n}-{k}"] for n in (1, 10, 1000))
            flat &= thousand <= 1.25 * min(one, ten)
            parts.append(f"{k} {one:.1f} / {ten:.1f} / {thousand:.1f} ns")
        v["lookup_flat"] = (f"{'met' if flat else 'missed'}: at 1 / 10 / 1,000 origins, "
                            + "; ".join(parts))
    if "preflight-10-headers" in ns:
        t = ns["preflight-10-headers"]
        worst = ns.get("preflight-10-similar-headers")
        v["preflight_ns"] = (f"{'met' if t < 150 else f'missed by {t - 150:.0f} ns'}: "
                             f"{t:.0f} ns as a browser sends them"
                             + (f", {worst:.0f} ns for ten same-length names" if worst else ""))
    big = [k for k in core if k.startswith("acrh-1MiB")]
    if big and "acrh-1KiB-list" in core:
        most = max(core[k]["instructions"] for k in big)
        v["acrh_linear"] = (f"met: 1 MiB costs at most {num(most)} instructions (an accepted "
                            f"1 KiB list: {num(core['acrh-1KiB-list']['instructions'])}), with "
                            f"{max(core[k]['allocs'] for k in big):.0f} allocations")
    return v


def criterion_values(crit):
    med = crit["median_ns"]
    header = ["scenario", "no CORS ns", "actix-cors added"]
    for a in OURS:
        header += [f"{LABELS[a]} added", "ratio"]
    rows = []
    for s in SCENARIOS:
        get = lambda app: med.get(f"{s}/{app}")
        if get("no-cors") is None:
            continue
        b = get("no-cors")
        added = {a: get(a) - b for a in ["actix-cors"] + OURS if get(a)}
        # Where actix-cors adds less than the noise (5% of the baseline), a ratio means nothing.
        theirs = added["actix-cors"] if added["actix-cors"] > 0.05 * b else 0
        row = [s, f"{b:.0f}", f"{added['actix-cors']:.0f}"]
        for a in OURS:
            if a in added:
                row += [f"{added[a]:.0f}", fmt_ratio(ratio(added[a], theirs))]
        rows.append(row)
    return {"criterion": True, "criterion_rounds": crit["rounds"],
            "criterion_table": table(header, rows, "l" + "r" * (len(header) - 1))}


def load_values(load_result):
    med = load_result["median"]
    samples = load_result["samples"]
    ours = [a for a in OURS if a in med]
    header = (["scenario", "no CORS req/s", "noise", "actix-cors"] + [LABELS[a] for a in ours])
    rows, verdicts = [], []
    for s in med["no-cors"]:
        b = med["no-cors"][s]
        noise = (max(samples["no-cors"][s]) - min(samples["no-cors"][s])) / b
        row = [s, num(b), f"{noise:.0%}"]
        for a in ["actix-cors"] + ours:
            r = med[a][s] / b
            row.append(f"{num(med[a][s])} ({r:.2f}x)")
            if a in OURS:
                verdicts.append((s, a, r, noise))
        rows.append(row)
    outside = [f"{s} {a} {r:.2f}x (noise {n:.0%})" for s, a, r, n in verdicts
               if s != "allowed-preflight" and abs(r - 1) > n]
    return {"load": True, "load_connections": load_result["connections"],
            "load_seconds": load_result["seconds"], "load_rounds": load_result["rounds"],
            "load_table": table(header, rows, "l" + "r" * (len(header) - 1)),
            "throughput": "met for GETs" if not outside else "outside noise: " + "; ".join(outside)}


def build_values(build):
    med = build["median"]
    cpu = build.get("cpu_median")  # absent from results recorded before CPU time was
    if cpu:
        header, align = ["crate", "median wall s", "median CPU s", "wall samples s"], "lrrl"
    else:
        header, align = ["crate", "median s", "samples s"], "lrl"
    rows = []
    for name in ("plain", "cors"):
        rows.append([f"{name}100", f"{med[name]:.2f}"] + ([f"{cpu[name]:.2f}"] if cpu else [])
                    + [", ".join(f"{x:.2f}" for x in build["samples"][name])])
    r = build["ratio"]
    return {
        "build": True, "build_rounds": build["rounds"], "build_cpu": bool(cpu),
        "build_table": table(header, rows, align),
        "build_ratio": f"Ratio: {r:.3f} wall"
                       + (f", {build['cpu_ratio']:.3f} CPU." if cpu else "."),
        "build_verdict": f"{'met' if r <= 1.10 else f'missed by {r - 1.10:.2f}x'}: {r:.2f}x wall "
                         f"({med['cors']:.2f} s vs {med['plain']:.2f} s)"
                         + (f", {build['cpu_ratio']:.2f}x CPU ({cpu['cors']:.2f} s vs "
                            f"{cpu['plain']:.2f} s)" if cpu else ""),
    }


def main():
    results, target = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    count = load(results, "count.json")
    crit = load(results, "criterion.json")
    load_result = load(results, "load.json")
    build = load(results, "build_time.json")
    values = {"machine": machine(root, results)}
    if count:
        values |= count_values(count) | runtime_values(count)
    if count or crit:
        values |= core_values(count, crit)
    if crit:
        values |= criterion_values(crit)
    if load_result:
        values |= load_values(load_result)
    if build:
        values |= build_values(build)
    values["missing"] = ", ".join(name for name, r in (
        ("instruction counts", count), ("criterion", crit), ("load", load_result),
        ("build time", build)) if not r)
    with open(TEMPLATE) as f:
        report = render(f.read(), values)
    with open(target, "w") as f:
        f.write(report)


if __name__ == "__main__":
    main()
