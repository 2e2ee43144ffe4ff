#!/usr/bin/env bash
# The main job on a fresh machine: build kmsg and run `kmsg demo` — the whole pipeline
# (topics, a producer with some bad messages, three consumers in one group behind a flaky
# downstream, the DLQ filling with reasons) for 30 s on an embedded in-memory 3-broker
# cluster, then a view of the output and the DLQ and a summary that must add up.
# Extra arguments go to `kmsg demo` (e.g. --duration 10s, or --bootstrap HOST:PORT for a
# real cluster such as `kmsg cluster up` or docker compose).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
command -v cargo >/dev/null 2>&1 || { echo "demo.sh: cargo not found: install Rust (https://rustup.rs)" >&2; exit 1; }
cargo build --release --locked --quiet --bin kmsg
exec "$repo/target/release/kmsg" demo "$@"
