#!/usr/bin/env bash
# The main job on a fresh machine: build kmsg and run `kmsg demo` — the whole pipeline
# (topics, a producer with some bad messages, three consumers in one group behind a flaky
# downstream, the DLQ filling with reasons) for 30 s on an embedded in-memory 3-broker
# cluster, then a view of the output and the DLQ and a summary that must add up.
# Extra arguments go to `kmsg demo` (e.g. --duration 10s, or --bootstrap HOST:PORT for a
# real cluster such as `kmsg cluster up` or docker compose).
#
# It builds the dev (debug) profile, the one `cargo test` and scripts/test.sh build too, so
# the tests reuse this build instead of compiling everything a second time. The demo runs at
# modest rates on an embedded cluster: a debug build keeps up (a 10 s run uses under 2 s of
# CPU). For heavy loads build an optimised binary (`cargo build --release`).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
command -v cargo >/dev/null 2>&1 || { echo "demo.sh: cargo not found: install Rust (https://rustup.rs)" >&2; exit 1; }
bin="$repo/target/debug/kmsg"
if [[ ! -x "$bin" ]]; then
  echo "demo.sh: building kmsg; a first build compiles librdkafka, OpenSSL and ~270 crates and takes several minutes on a 2-core machine (later builds take seconds)" >&2
fi
cargo build --locked --bin kmsg
echo "demo.sh: kmsg is $bin; to run it as \`kmsg\`: export PATH=\"$repo/target/debug:\$PATH\" (or copy it to a folder on PATH; \`cargo install --locked --path .\` builds an optimised one into ~/.cargo/bin, another long build)" >&2
exec "$bin" demo "$@"
