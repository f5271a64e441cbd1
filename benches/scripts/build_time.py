#!/usr/bin/env python3
"""Build time of a crate with 100 `#[cors]` handlers against the same crate with 100 plain
`#[get]` handlers. Both are generated under <work dir> (never committed), depend on cors-actix by
path, share one target directory and the workspace's Cargo.lock, and have their dependencies built
once beforehand; each measurement is a non-incremental `cargo build` (dev profile) of the crate
alone, the two variants alternating.

usage: build_time.py <repo root> <work dir> <out.json> [rounds]
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HANDLERS = 100


def generate(root, crate_dir, name, with_cors):
    os.makedirs(os.path.join(crate_dir, "src"), exist_ok=True)
    cors_actix = os.path.join(root, "cors-actix")
    with open(os.path.join(crate_dir, "Cargo.toml"), "w") as f:
        f.write(f"""[package]
name = "{name}"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
actix-web = {{ version = "4.9", default-features = false, features = ["macros"] }}
cors-actix = {{ path = "{cors_actix}" }}

[workspace]
""")
    lines = ["use actix_web::{App, HttpServer, Responder, get};"]
    if with_cors:
        lines.append("use cors_actix::cors;")
    for i in range(HANDLERS):
        if with_cors:
            lines.append(f'#[cors(origins = ["https://app{i}.example", "https://*.example.org"], '
                         f'allow_headers = ["content-type"], max_age = 600)]')
        lines.append(f'#[get("/r{i}")]')
        lines.append(f'async fn h{i}() -> impl Responder {{ "{i}" }}')
    services = "".join(f".service(h{i})" for i in range(HANDLERS))
    lines.append(f"""
fn main() -> std::io::Result<()> {{
    actix_web::rt::System::new().block_on(async {{
        HttpServer::new(|| App::new(){services})
            .workers(1)
            .bind(("127.0.0.1", 0))?
            .run()
            .await
    }})
}}
""")
    with open(os.path.join(crate_dir, "src", "main.rs"), "w") as f:
        f.write("\n".join(lines))
    shutil.copy(os.path.join(root, "Cargo.lock"), os.path.join(crate_dir, "Cargo.lock"))


def build(crate_dir, env):
    os.utime(os.path.join(crate_dir, "src", "main.rs"))
    start = time.monotonic()
    subprocess.run(["cargo", "build", "--quiet", "--offline"], cwd=crate_dir, env=env, check=True)
    return time.monotonic() - start


def main():
    root, work, out = sys.argv[1], sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    variants = {"cors": os.path.join(work, "cors100"), "plain": os.path.join(work, "plain100")}
    generate(root, variants["cors"], "cors100", True)
    generate(root, variants["plain"], "plain100", False)
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(work, "target"), CARGO_INCREMENTAL="0")
    for crate_dir in variants.values():  # dependencies, once
        build(crate_dir, env)
    samples = {name: [] for name in variants}
    for r in range(rounds):
        for name in (list(variants) if r % 2 == 0 else list(variants)[::-1]):
            seconds = build(variants[name], env)
            samples[name].append(seconds)
            print(f"round {r + 1} {name:<5} {seconds:6.2f} s", flush=True)
    median = {name: statistics.median(v) for name, v in samples.items()}
    result = {"handlers": HANDLERS, "rounds": rounds, "samples": samples, "median": median,
              "ratio": median["cors"] / median["plain"]}
    print(f"median cors {median['cors']:.2f} s, plain {median['plain']:.2f} s, "
          f"ratio {result['ratio']:.3f}")
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
