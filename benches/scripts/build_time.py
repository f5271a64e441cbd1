#!/usr/bin/env python3
"""Build time of a crate with 100 `#[cors]` handlers against the same crate with 100 plain
`#[get]` handlers. Both are generated under <work dir> (never committed), depend on cors-actix by
path, share one target directory and the workspace's Cargo.lock, and have their dependencies built
once beforehand; each measurement is a non-incremental `cargo build` (dev profile) of the crate
alone, the two variants alternating. Wall-clock seconds are noisy on a shared machine, so the CPU
seconds (user + sys) of cargo and every rustc it ran are recorded too.

usage: build_time.py <repo root> <work dir> <out.json> [rounds]
"""

import json
import os
import resource
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


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(crate_dir, env):
    """Wall and CPU seconds of one build; CPU covers cargo and the rustc processes it waited for."""
    os.utime(os.path.join(crate_dir, "src", "main.rs"))
    cpu, start = children_cpu(), time.monotonic()
    subprocess.run(["cargo", "build", "--quiet", "--offline"], cwd=crate_dir, env=env, check=True)
    return time.monotonic() - start, children_cpu() - cpu


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
    cpu_samples = {name: [] for name in variants}
    for r in range(rounds):
        for name in (list(variants) if r % 2 == 0 else list(variants)[::-1]):
            seconds, cpu = build(variants[name], env)
            samples[name].append(seconds)
            cpu_samples[name].append(cpu)
            print(f"round {r + 1} {name:<5} {seconds:6.2f} s wall {cpu:6.2f} s cpu", flush=True)
    median = {name: statistics.median(v) for name, v in samples.items()}
    cpu_median = {name: statistics.median(v) for name, v in cpu_samples.items()}
    result = {"handlers": HANDLERS, "rounds": rounds, "samples": samples, "median": median,
              "ratio": median["cors"] / median["plain"],
              "cpu_samples": cpu_samples, "cpu_median": cpu_median,
              "cpu_ratio": cpu_median["cors"] / cpu_median["plain"]}
    print(f"median wall cors {median['cors']:.2f} s, plain {median['plain']:.2f} s, "
          f"ratio {result['ratio']:.3f}")
    print(f"median cpu  cors {cpu_median['cors']:.2f} s, plain {cpu_median['plain']:.2f} s, "
          f"ratio {result['cpu_ratio']:.3f}")
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
