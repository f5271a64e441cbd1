#!/usr/bin/env bash
# The cost gate CI runs (.ci/run): installs valgrind when missing, builds the release cors-count
# and compares every instruction and allocation count with benches/baseline.json
# (benches/scripts/gate.py says what is compared and why).
#
#   benches/gate.sh            fail when a figure is dearer than the baseline
#   benches/gate.sh --bless    rewrite the baseline; commit it with the change and say why
#
# Valgrind is a Debian package: it is installed as root with apt-get, or this stops and names the
# command to run. CARGO_TARGET_DIR is honoured (default: target).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "benches/gate.sh: installing Debian's valgrind" >&2
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y valgrind
    else
        echo "benches/gate.sh: the count needs valgrind. Install it, then run this again:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y valgrind" >&2
        exit 1
    fi
fi

target=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release -p cors-benches --bin cors-count --target-dir "$target"
python3 benches/scripts/gate.py "$target/release/cors-count" "$@"
