#!/usr/bin/env bash
# Regenerates BENCHMARKS.md: builds the release binaries, runs the chosen steps (default: all),
# and writes the report from every result found.
#
#   benches/run-all.sh [count] [criterion] [load] [build]
#
# Knobs (environment): CARGO_TARGET_DIR (default: target), CRITERION_ROUNDS=3, LOAD_ROUNDS=5,
# LOAD_SECONDS=5, BUILD_ROUNDS=5. Needs valgrind, wrk, taskset and python3
# (`apt-get install -y valgrind wrk`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
export CARGO_TARGET_DIR=$target
results=$target/bench-results
mkdir -p "$results"

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(count criterion load build)

for tool in valgrind wrk taskset python3; do
    command -v "$tool" >/dev/null || { echo "run-all.sh: $tool is missing" >&2; exit 1; }
done

cargo build --release -p cors-benches --bins
cp /proc/loadavg "$results/loadavg"
# What was measured: the commit, and whether the measured crates had uncommitted changes.
{ git rev-parse --short HEAD; git status --porcelain -- cors-core cors-actix cors-macros benches/src; } \
    > "$results/commit"
for step in "${steps[@]}"; do
    echo "== $step" >&2
    case $step in
        count) python3 benches/scripts/count.py "$target/release/cors-count" "$results/count.json" ;;
        criterion) python3 benches/scripts/criterion.py "$target" "$results/criterion.json" "${CRITERION_ROUNDS:-3}" ;;
        load) python3 benches/scripts/load.py "$target/release/cors-server" "$results/load.json" "${LOAD_ROUNDS:-5}" "${LOAD_SECONDS:-5}" ;;
        build) python3 benches/scripts/build_time.py "$root" "$target/buildtime" "$results/build_time.json" "${BUILD_ROUNDS:-5}" ;;
        *) echo "run-all.sh: unknown step $step (count, criterion, load, build)" >&2; exit 1 ;;
    esac
done
python3 benches/scripts/report.py "$results" "$root/BENCHMARKS.md"
echo "wrote BENCHMARKS.md from $results" >&2
