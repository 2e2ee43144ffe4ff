#!/usr/bin/env bash
# Runs every kmsg test, doing all set-up itself on a fresh machine:
#   1. installs the Debian packages the tests use (kcat, prometheus, docker-compose;
#      java/maven if missing),
#   2. fetches Apache Kafka from Maven Central (scripts/fetch-kafka.sh, cached in .cache/kafka),
#   3. builds kmsg and the tests once, and runs the lint gate (cargo fmt --check, cargo clippy
#      -D warnings, also on tests/it; any failing fails the run),
#   4. starts ONE real three-broker KRaft cluster on free loopback ports (kmsg cluster up),
#      and next to it, in parallel, ONE secured one (kmsg cluster up --secure),
#   5. runs `cargo test` (the unit tests, the CLI tier and the hermetic tier on librdkafka's
#      in-process mock cluster), then `cargo test --test it` (the real-cluster tier) against
#      them, and stops both clusters at the end, also on failure or Ctrl-C.
# A bare `cargo test` (no cluster) runs every tier but the real-cluster one.
# Usage: scripts/test.sh [extra cargo test args, e.g. a test name filter]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
suite_start=$(date +%s)

log() { printf '==> %s\n' "$*" >&2; }

# --- 1. system packages -------------------------------------------------------------------
need_pkgs=()
command -v kcat >/dev/null 2>&1 || need_pkgs+=(kcat)
command -v java >/dev/null 2>&1 || need_pkgs+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need_pkgs+=(maven)
command -v make >/dev/null 2>&1 || need_pkgs+=(make)
command -v perl >/dev/null 2>&1 || need_pkgs+=(perl)
# The monitoring tests run a real Prometheus server and promtool (both in `prometheus`).
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || need_pkgs+=(prometheus)
# The compose tests validate docker-compose.yml with Compose itself (`config` needs no engine).
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
  need_pkgs+=(docker-compose)
fi
if ((${#need_pkgs[@]})); then
  log "installing Debian packages: ${need_pkgs[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "test.sh: need root or sudo to install ${need_pkgs[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
command -v cargo >/dev/null 2>&1 || { echo "test.sh: cargo not found: install Rust (https://rustup.rs)" >&2; exit 1; }

# --- 2. Kafka --------------------------------------------------------------------------------
export KAFKA_HOME="${KAFKA_HOME:-$repo/.cache/kafka}"
log "Kafka distribution in $KAFKA_HOME"
scripts/fetch-kafka.sh "$KAFKA_HOME" >&2

# --- 3. build once -------------------------------------------------------------------------
log "building kmsg and its tests"
# `it` has test = false, so --tests leaves it out: it is named on its own.
cargo build --locked --bins --tests
cargo build --locked --test it
kmsg="$repo/target/debug/kmsg"

# --- 3b. the lint gate: formatting and clippy, warnings as errors ---------------------------
log "lint gate: cargo fmt --check, cargo clippy -D warnings"
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    rustup component add "$component" >&2 || { echo "test.sh: cargo ${component/rustfmt/fmt} is missing and rustup could not add $component" >&2; exit 1; }
  fi
done
cargo fmt --all --check || { echo "test.sh: formatting differs: run cargo fmt" >&2; exit 1; }
cargo clippy --locked --all-targets -- -D warnings || { echo "test.sh: clippy found warnings (above)" >&2; exit 1; }
cargo clippy --locked --test it -- -D warnings || { echo "test.sh: clippy found warnings in tests/it (above)" >&2; exit 1; }

# --- 4. one real cluster for the whole run, and one secured cluster (started in parallel) ----
state="$repo/target/test-cluster"
secure_state="$repo/target/test-cluster-secure"
for dir in "$state" "$secure_state"; do
  if [[ -f "$dir/cluster.json" ]]; then
    "$kmsg" cluster down --state-dir "$dir" --purge >/dev/null 2>&1 || rm -rf "$dir"
  fi
done
cleanup() {
  log "stopping the test clusters"
  "$kmsg" cluster down --state-dir "$state" --purge >/dev/null 2>&1 || true
  "$kmsg" cluster down --state-dir "$secure_state" --purge >/dev/null 2>&1 || true
  rm -f "$state.port" "$secure_state.port"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# start_cluster STATE_DIR [cluster up args...]: up to 3 tries on free port blocks; on success
# writes the base port to STATE_DIR.port.
start_cluster() {
  local dir=$1 base ok attempt off
  shift
  for attempt in 1 2 3; do
    # Below the kernel's ephemeral range (from 32768): base + 1002 stays under 31100.
    base=$((20000 + RANDOM % 10000))
    ok=1
    for off in 0 1 2 1000 1001 1002; do port_free $((base + off)) || ok=0; done
    ((ok)) || continue
    log "starting a 3-broker KRaft cluster $* on 127.0.0.1:$base-$((base + 2)) (attempt $attempt)"
    # A generous --wait: six JVMs start at once, on machines that may be busy.
    if "$kmsg" cluster up --state-dir "$dir" --base-port "$base" --kafka-home "$KAFKA_HOME" --wait 300s "$@" >&2; then
      echo "$base" >"$dir.port"
      return 0
    fi
    "$kmsg" cluster down --state-dir "$dir" --purge >/dev/null 2>&1 || rm -rf "$dir"
  done
  return 1
}
rm -f "$state.port" "$secure_state.port"
t0=$(date +%s.%N)
start_cluster "$state" &
plain_pid=$!
start_cluster "$secure_state" --secure &
secure_pid=$!
plain_ok=0 secure_ok=0
wait "$plain_pid" && plain_ok=1
wait "$secure_pid" && secure_ok=1
t1=$(date +%s.%N)
cluster_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
((plain_ok)) || { echo "test.sh: could not start the Kafka test cluster (see the error above)" >&2; exit 1; }
((secure_ok)) || { echo "test.sh: could not start the secured Kafka test cluster (see the error above)" >&2; exit 1; }
started=$(cat "$state.port")
secure_base=$(cat "$secure_state.port")
export KMSG_TEST_BOOTSTRAP="127.0.0.1:$started,127.0.0.1:$((started + 1)),127.0.0.1:$((started + 2))"
# The plain cluster's state dir: tests/it/produce.rs reads its log segments (stored codecs).
export KMSG_TEST_STATE_DIR="$state"
# The secured cluster (SASL_SSL, ACLs): tests/it/security.rs reads its CA and users from here.
export KMSG_TEST_SECURE_STATE_DIR="$secure_state"
export KMSG_TEST_SECURE_BOOTSTRAP="127.0.0.1:$secure_base,127.0.0.1:$((secure_base + 1)),127.0.0.1:$((secure_base + 2))"
log "clusters up in ${cluster_secs}s: $KMSG_TEST_BOOTSTRAP; secured: $KMSG_TEST_SECURE_BOOTSTRAP"

# --- 5. the tests --------------------------------------------------------------------------
tests_start=$(date +%s)
status=0
cargo test --locked -- --test-threads=4 "$@" || status=$?
cargo test --locked --test it -- --test-threads=4 "$@" || status=$?
now=$(date +%s)
log "cluster start-up ${cluster_secs}s; tests $((now - tests_start))s; whole run $((now - suite_start))s"
exit "$status"
