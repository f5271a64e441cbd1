#!/usr/bin/env bash
# Soak: a release-built server (tests/src/bin/soak_server.rs, the app of tests/src/routes.rs) on
# 127.0.0.1 under a mixed load of preflight, actual, no-Origin and hostile requests from
# CONNECTIONS keep-alive clients for SECONDS (default 120, 4 connections).
#
#   scripts/soak.sh          # 2 minutes
#   scripts/soak.sh 30 8     # 30 seconds, 8 connections
#
# Fails (exit 1) on any wrong status or Access-Control-Allow-Origin, any server panic, or resident
# memory (VmRSS) at the end (median of the last tenth) more than 5% above its value after warm-up
# (median from 25% to 35% of the run). Prints: requests, errors, panics, seconds, rate, and RSS
# after warm-up, at the end and the highest sample.
# The short form runs in `cargo test --workspace` (tests/tests/soak.rs).
set -euo pipefail

seconds=${1:-120}
connections=${2:-4}
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet -p cors-tests --bin soak_server --bin soak
"$target/release/soak" "$target/release/soak_server" "$seconds" "$connections"
