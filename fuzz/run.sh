#!/usr/bin/env bash
# Live fuzzing of every cors-core target (or those named) for SECONDS each.
#
#   fuzz/run.sh 60                    # each of the four targets for 60 s
#   fuzz/run.sh 300 evaluate origin   # only these
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The committed seeds in
# fuzz/corpus/<target>/ are read, never written: new inputs go to fuzz/work/<target>/ and crash
# inputs to fuzz/artifacts/<target>/ (both ignored by git). An input that found a bug belongs in
# fuzz/corpus/<target>/ once fixed: `cargo test --workspace` replays that folder on stable.
# Prints one line per target: executions, seconds, new crash inputs; exits 1 if any target
# crashed. Builds with optimizations and debug assertions (cargo-fuzz's default).
set -euo pipefail

seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
cd "$(dirname "$0")"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(origin pattern header_list evaluate)
fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-fuzz}

status=0
for target in "${targets[@]}"; do
    mkdir -p "work/$target" "artifacts/$target"
    log="work/$target.log"
    touch "work/$target.start"
    set +e
    cargo +nightly fuzz run "$target" "work/$target" "corpus/$target" -- \
        -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=1024 \
        >"$log" 2>&1
    code=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    crashes=$(find "artifacts/$target" -type f -newer "work/$target.start" | wc -l)
    echo "$target: executions=$runs seconds=$seconds crashes=$crashes exit=$code (log: fuzz/$log)"
    if [ "$code" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        status=1
    fi
done
exit $status
