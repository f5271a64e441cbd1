#!/usr/bin/env python3
"""No import cycles between the modules of a crate: each file names what it uses from the crate
(`crate::module`), and following those names must never lead back to where it started.

usage: scripts/module_cycles.py   (exits 1 and names every cycle found)

Test modules (`#[cfg(test)]` and below) are left out: tests may use anything.
"""

import os
import re
import sys

CRATES = ["cors-core", "cors-actix", "cors-macros", "testkit"]


def graph(src):
    modules = {f[:-3] for f in os.listdir(src) if f.endswith(".rs") and f != "lib.rs"}
    edges = {}
    for module in modules:
        with open(os.path.join(src, module + ".rs")) as f:
            text = f.read().split("#[cfg(test)]")[0]
        used = set(re.findall(r"crate::([a-z_]+)", text))
        for group in re.findall(r"use crate::\{([^}]*)\}", text):
            used |= set(re.findall(r"\b([a-z_]+)::", group))
        edges[module] = sorted(used & modules - {module})
    return edges


def cycles(edges):
    found = set()

    def walk(start, module, path):
        for next_module in edges[module]:
            if next_module == start:
                # One cycle, whichever module it is entered by.
                i = path.index(min(path))
                found.add(tuple(path[i:] + path[:i]))
            elif next_module not in path:
                walk(start, next_module, path + [next_module])

    for module in edges:
        walk(module, module, [module])
    return sorted(found)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    bad = False
    for crate in CRATES:
        for cycle in cycles(graph(os.path.join(root, crate, "src"))):
            bad = True
            print(f"{crate}: import cycle {' -> '.join(cycle + (cycle[0],))}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
