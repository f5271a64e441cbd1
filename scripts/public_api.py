#!/usr/bin/env python3
"""The public surface of cors-core and cors-actix, read from rustdoc's JSON output (nightly
rustdoc: `-Z unstable-options --output-format json`), compared with the committed listing in
each crate's `public-api.txt`, so a change to what the crates promise is always deliberate.

usage: scripts/public_api.py [--bless]

One line per public item, by the path users name it with: modules, types, their public fields,
variants and inherent methods, trait items, functions, constants, macros, re-exports (with what
they re-export), and each type's hand-written trait implementations. `#[doc(hidden)]` items
(the `__private` paths generated code names) are left out, as rustdoc leaves them out.
Exits 1 and prints the difference when a listing is stale; `--bless` rewrites the listings.

Needs a nightly toolchain (`rustup toolchain install nightly --profile minimal`), so `.ci/run` runs
it, not `scripts/test`. rustdoc's JSON is unstable: its `format_version` changes with the nightly.
The script reads only the formats in `KNOWN_FORMATS` and stops with one line naming any other.

Why not the `public-api` crate (cargo-public-api's engine): it is pinned to one format too (0.52.0
reads 57, 0.52.2 reads 59), its CLI is a 206-crate `cargo install`, and on our crates its listing
drops what a re-export points to (`pub use cors_actix::Policy`, where this one says
`cors_actix::Policy = cors_core::policy::Policy`).
"""

import difflib
import json
import os
import subprocess
import sys

# (folder, package, crate)
CRATES = [("cors-core", "cors-actix-core", "cors_core"), ("cors-actix", "cors-actix", "cors_actix")]
# Implemented by the compiler or by derives as a side effect: not a promise of their own.
# The rustdoc JSON `format_version`s this script has been checked against (`attrs` as
# `"non_exhaustive"`, `use` items with `is_glob`, `impl` items with `is_synthetic`).
KNOWN_FORMATS = {57}
AUTO_TRAITS = {"Send", "Sync", "Unpin", "UnwindSafe", "RefUnwindSafe", "Freeze", "StructuralPartialEq"}


def fail(message):
    sys.exit(f"scripts/public_api.py: {message}")


def rustdoc_json(root, package, crate, target):
    built = subprocess.run(
        ["cargo", "+nightly", "rustdoc", "-q", "-p", package, "--lib", "--target-dir", target,
         "--", "-Z", "unstable-options", "--output-format", "json"],
        cwd=root)
    if built.returncode != 0:
        fail(f"`cargo +nightly rustdoc -p {package}` failed (above); without a nightly toolchain, "
             "install one: rustup toolchain install nightly --profile minimal")
    with open(os.path.join(target, "doc", f"{crate}.json")) as f:
        doc = json.load(f)
    version = doc.get("format_version")
    if version not in KNOWN_FORMATS:
        known = ", ".join(map(str, sorted(KNOWN_FORMATS)))
        fail(f"rustdoc JSON format_version {version} (from {package}'s nightly rustdoc) is not one "
             f"this script reads ({known}); check listing() against it, then add it to KNOWN_FORMATS")
    return doc


def listing(doc):
    index, paths = doc["index"], doc["paths"]
    lines = set()

    def marks(item):
        return " #[non_exhaustive]" if "non_exhaustive" in item.get("attrs", []) else ""

    def impls(item, path):
        for impl_id in item["inner"][next(iter(item["inner"]))].get("impls", []):
            imp = index.get(str(impl_id), {}).get("inner", {}).get("impl")
            if not imp or imp["is_synthetic"] or imp["blanket_impl"]:
                continue
            if imp["trait"] is None:
                for member in imp["items"]:
                    child = index.get(str(member))
                    if child and child["visibility"] == "public":
                        lines.add(f"{path}::{child['name']}")
            elif imp["trait"]["path"].split("::")[-1] not in AUTO_TRAITS:
                lines.add(f"{path}: {imp['trait']['path']}")

    def walk(item_id, path, name=None):
        item = index.get(str(item_id))
        if item is None:
            return
        kind = next(iter(item["inner"]))
        inner = item["inner"][kind]
        here = f"{path}::{name or item['name']}" if path else item["name"]
        if kind == "module":
            if path:
                lines.add(f"{here} (module)")
            for child in inner["items"]:
                walk(child, here)
        elif kind == "use":
            target = index.get(str(inner["id"])) if inner["id"] is not None else None
            if inner["is_glob"]:
                if target:
                    for child in target["inner"]["module"]["items"]:
                        walk(child, path)
                return
            if target is None:
                source = paths.get(str(inner["id"]), {}).get("path")
                lines.add(f"{path}::{inner['name']} = {'::'.join(source) if source else inner['source']}")
            else:
                walk(inner["id"], path, inner["name"])
        elif kind == "struct":
            lines.add(f"{here} (struct){marks(item)}")
            fields = inner["kind"].get("plain", {}).get("fields", []) if isinstance(inner["kind"], dict) else []
            for field in fields:
                child = index.get(str(field))
                if child and child["visibility"] == "public":
                    lines.add(f"{here}.{child['name']}")
            impls(item, here)
        elif kind == "enum":
            lines.add(f"{here} (enum){marks(item)}")
            for variant in inner["variants"]:
                lines.add(f"{here}::{index[str(variant)]['name']}")
            impls(item, here)
        elif kind == "trait":
            lines.add(f"{here} (trait)")
            for member in inner["items"]:
                lines.add(f"{here}::{index[str(member)]['name']}")
        else:
            lines.add(f"{here} ({kind})")

    walk(doc["root"], "")
    return sorted(lines)


def main():
    bless = "--bless" in sys.argv[1:]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target")), "public-api")
    stale = False
    for folder, package, crate in CRATES:
        current = listing(rustdoc_json(root, package, crate, target))
        committed_path = os.path.join(root, folder, "public-api.txt")
        committed = open(committed_path).read().splitlines() if os.path.exists(committed_path) else []
        if bless:
            with open(committed_path, "w") as f:
                f.write("\n".join(current) + "\n")
            print(f"{committed_path}: {len(current)} items")
        elif current != committed:
            stale = True
            sys.stdout.writelines(difflib.unified_diff(
                [l + "\n" for l in committed], [l + "\n" for l in current],
                f"{folder}/public-api.txt (committed)", f"{package} (built)"))
    if stale:
        print("\nThe public API changed. If that is deliberate, run scripts/public_api.py --bless "
              "and commit the listings.", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
