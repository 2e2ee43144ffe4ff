#!/usr/bin/env bash
# Shared set-up of bench/latency.sh and bench/memory.sh (sourced, not run): goes to the repo,
# defines log and die, reads the cluster (B) from BENCH_BOOTSTRAP or BOOTSTRAP_SERVERS, and
# `bench_setup TOOL...` checks the tools and sets KMSG (BENCH_KMSG_BIN, else the release
# binary, built when missing).
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
B="${BENCH_BOOTSTRAP:-${BOOTSTRAP_SERVERS:-}}"
[[ -n "$B" ]] || die "set BENCH_BOOTSTRAP or BOOTSTRAP_SERVERS to a running cluster (kmsg cluster up starts one)"

bench_setup() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian: apt-get install $tool)"
  done
  KMSG="${BENCH_KMSG_BIN:-$repo/target/release/kmsg}"
  if [[ ! -x "$KMSG" ]]; then
    log "building the release binary"
    cargo build --release --bin kmsg
  fi
}
