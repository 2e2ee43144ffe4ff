#!/usr/bin/env bash
# Runs every kmsg test, doing all set-up itself on a fresh machine:
#   1. installs the Debian packages the tests use (kcat, prometheus, docker-compose;
#      java/maven/curl/python3-venv if missing),
#   2. fetches Apache Kafka from Maven Central (scripts/fetch-kafka.sh, cached in .cache/kafka)
#      and Apicurio Registry, a Confluent-compatible schema registry (scripts/fetch-registry.sh,
#      cached in .cache/apicurio), and makes the Python virtualenv of the independent
#      schema-registry client (tests/it/py/requirements.txt from PyPI, cached in .cache/pyvenv,
#      remade when that file or the Python version changes; it also holds kubernetes-validate,
#      the Helm chart's manifest validator), and builds Helm from its Go module with the CRDs of
#      KEDA and the Prometheus Operator (scripts/fetch-helm.sh, cached in .cache/helm and
#      .cache/go; needs Go),
#   3. builds kmsg and the tests once, and runs the lint gate (cargo fmt --check, cargo clippy
#      -D warnings, also on tests/it; any failing fails the run),
#   4. starts ONE real three-broker KRaft cluster on free loopback ports (kmsg cluster up),
#      and next to it, in parallel, ONE secured one (kmsg cluster up --secure) and ONE schema
#      registry (in-memory storage, on a free loopback port; its log in target/test-registry.log),
#   5. runs `cargo test` (the unit tests, the CLI tier and the hermetic tier on librdkafka's
#      in-process mock cluster), then `cargo test --test it` (the real-cluster tier) against
#      them, then `cargo test --test faults` (the fault suite: kills, hangs and restarts the
#      plain cluster's brokers under load, one scenario at a time), and stops both clusters
#      and the registry at the end, also on failure or Ctrl-C.
# The real-cluster tier finds them in KMSG_TEST_BOOTSTRAP, KMSG_TEST_STATE_DIR,
# KMSG_TEST_SECURE_*, KMSG_TEST_REGISTRY_URL (the registry's Confluent API,
# http://127.0.0.1:PORT/apis/ccompat/v7), KMSG_TEST_PYTHON (the virtualenv's python),
# KMSG_TEST_HELM (the helm binary) and KMSG_TEST_CRDS (the CRD files, colon-separated).
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
command -v curl >/dev/null 2>&1 || need_pkgs+=(curl)
# The schema-registry tests' client runs in a virtualenv (Debian ships venv/ensurepip apart).
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_pkgs+=(python3-venv)
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
registry_home="$repo/.cache/apicurio"
scripts/fetch-registry.sh "$registry_home" >&2
registry_jar="$registry_home/apicurio-registry-app-2.6.13.Final-runner.jar"

# --- 2b. the independent schema-registry client: a Python virtualenv -------------------------
# Remade only when tests/it/py/requirements.txt (every version pinned) or the Python changes.
pyvenv="$repo/.cache/pyvenv"
py_requirements="$repo/tests/it/py/requirements.txt"
py_stamp="$pyvenv/requirements.sha256"
py_hash="$( { cat "$py_requirements"; python3 --version 2>&1; } | sha256sum | cut -d' ' -f1)"
if [[ ! -x "$pyvenv/bin/python" || "$(cat "$py_stamp" 2>/dev/null)" != "$py_hash" ]]; then
  log "making the Python virtualenv of the schema-registry client in $pyvenv"
  mkdir -p "$repo/target"
  py_log="$repo/target/test-pyvenv.log"
  rm -rf "$pyvenv"
  if ! { python3 -m venv "$pyvenv" \
    && "$pyvenv/bin/python" -m pip install --quiet --no-input --disable-pip-version-check -r "$py_requirements" \
    && "$pyvenv/bin/python" -c 'import confluent_kafka.schema_registry.avro, confluent_kafka.schema_registry.protobuf, confluent_kafka.schema_registry.json_schema, grpc_tools.protoc, kubernetes_validate, yaml'; } >"$py_log" 2>&1; then
    tail -n 30 "$py_log" >&2
    echo "test.sh: could not make the Python virtualenv $pyvenv from $py_requirements (log: $py_log)" >&2
    exit 1
  fi
  echo "$py_hash" >"$py_stamp"
fi
export KMSG_TEST_PYTHON="$pyvenv/bin/python"

# --- 2c. Helm and the CRDs of the chart's custom resources -----------------------------------
# Built once from the Go module proxy (a few minutes), then a no-op: .cache/helm/<version>/helm.
log "Helm and the KEDA / Prometheus Operator CRDs (scripts/fetch-helm.sh, cached in .cache)"
helm_out="$(scripts/fetch-helm.sh)" || { echo "test.sh: could not build Helm or fetch the CRDs (scripts/fetch-helm.sh, above)" >&2; exit 1; }
{ read -r helm_bin; read -r keda_crds; read -r prom_crds; } <<<"$helm_out"
export KMSG_TEST_HELM="$helm_bin"
export KMSG_TEST_CRDS="$keda_crds/keda.sh_scaledobjects.yaml:$keda_crds/keda.sh_triggerauthentications.yaml:$prom_crds/monitoring.coreos.com_servicemonitors.yaml"

# --- 3. build once -------------------------------------------------------------------------
log "building kmsg and its tests"
# `it` and `faults` have test = false, so --tests leaves them out: they are named on their own.
cargo build --locked --bins --tests
cargo build --locked --test it --test faults
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
cargo clippy --locked --test it --test faults -- -D warnings || { echo "test.sh: clippy found warnings in tests/it or tests/faults (above)" >&2; exit 1; }

# --- 4. one real cluster for the whole run, and one secured cluster (started in parallel) ----
state="$repo/target/test-cluster"
secure_state="$repo/target/test-cluster-secure"
for dir in "$state" "$secure_state"; do
  if [[ -f "$dir/cluster.json" ]]; then
    "$kmsg" cluster down --state-dir "$dir" --purge >/dev/null 2>&1 || rm -rf "$dir"
  fi
done
registry_pid_file="$repo/target/test-registry.pid"
registry_log="$repo/target/test-registry.log"
registry_port_file="$repo/target/test-registry.port"
# stop_registry: ends the registry this script started (its pid file), if it still runs.
stop_registry() {
  local pid
  pid=$(cat "$registry_pid_file" 2>/dev/null) || return 0
  if [[ -n "$pid" ]] && grep -qs apicurio-registry "/proc/$pid/cmdline"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$registry_pid_file"
}
stop_registry # one a killed earlier run left behind
cleanup() {
  log "stopping the test clusters and the schema registry"
  stop_registry
  "$kmsg" cluster down --state-dir "$state" --purge >/dev/null 2>&1 || true
  "$kmsg" cluster down --state-dir "$secure_state" --purge >/dev/null 2>&1 || true
  rm -f "$state.port" "$secure_state.port" "$registry_port_file"
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
# start_registry: the schema registry (Apicurio, in-memory storage, small heap, C1 only for a
# fast start) on a free loopback port, up to 3 tries on other ports when it exits (a port
# taken meanwhile); waits until its Confluent API answers, at most 120 s. On success writes
# the port to $registry_port_file and its pid to $registry_pid_file.
start_registry() {
  local port attempt pid t_start deadline
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  for attempt in 1 2 3; do
    port=$((20000 + RANDOM % 10000))
    port_free "$port" || continue
    log "starting the schema registry on 127.0.0.1:$port (attempt $attempt)"
    t_start=$(date +%s)
    "$java" -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
      -jar "$registry_jar" >"$registry_log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$registry_pid_file"
    deadline=$((t_start + 120))
    while kill -0 "$pid" 2>/dev/null; do
      if curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/apis/ccompat/v7/subjects" 2>/dev/null; then
        log "schema registry up on 127.0.0.1:$port in $(($(date +%s) - t_start))s"
        echo "$port" >"$registry_port_file"
        return 0
      fi
      if (($(date +%s) >= deadline)); then
        echo "test.sh: the schema registry did not answer on 127.0.0.1:$port within 120 s; the end of its log ($registry_log):" >&2
        tail -n 40 "$registry_log" >&2
        stop_registry
        return 1
      fi
      sleep 0.5
    done
    echo "test.sh: the schema registry exited on start (attempt $attempt); the end of its log ($registry_log):" >&2
    tail -n 20 "$registry_log" >&2
    rm -f "$registry_pid_file"
  done
  return 1
}
rm -f "$state.port" "$secure_state.port" "$registry_port_file"
t0=$(date +%s.%N)
start_cluster "$state" &
plain_pid=$!
start_cluster "$secure_state" --secure &
secure_pid=$!
start_registry &
registry_pid=$!
plain_ok=0 secure_ok=0 registry_ok=0
wait "$plain_pid" && plain_ok=1
wait "$secure_pid" && secure_ok=1
wait "$registry_pid" && registry_ok=1
t1=$(date +%s.%N)
cluster_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
((plain_ok)) || { echo "test.sh: could not start the Kafka test cluster (see the error above)" >&2; exit 1; }
((secure_ok)) || { echo "test.sh: could not start the secured Kafka test cluster (see the error above)" >&2; exit 1; }
((registry_ok)) || { echo "test.sh: could not start the schema registry (see the error above)" >&2; exit 1; }
started=$(cat "$state.port")
secure_base=$(cat "$secure_state.port")
export KMSG_TEST_BOOTSTRAP="127.0.0.1:$started,127.0.0.1:$((started + 1)),127.0.0.1:$((started + 2))"
# The plain cluster's state dir: tests/it/produce.rs reads its log segments (stored codecs).
export KMSG_TEST_STATE_DIR="$state"
# The secured cluster (SASL_SSL, ACLs): tests/it/security.rs reads its CA and users from here.
export KMSG_TEST_SECURE_STATE_DIR="$secure_state"
export KMSG_TEST_SECURE_BOOTSTRAP="127.0.0.1:$secure_base,127.0.0.1:$((secure_base + 1)),127.0.0.1:$((secure_base + 2))"
# The schema registry's Confluent-compatible API (tests/it/registry_infra.rs and the codec tests).
export KMSG_TEST_REGISTRY_URL="http://127.0.0.1:$(cat "$registry_port_file")/apis/ccompat/v7"
log "clusters and registry up in ${cluster_secs}s: $KMSG_TEST_BOOTSTRAP; secured: $KMSG_TEST_SECURE_BOOTSTRAP; registry: $KMSG_TEST_REGISTRY_URL"

# --- 5. the tests --------------------------------------------------------------------------
tests_start=$(date +%s)
status=0
cargo test --locked -- --test-threads=4 "$@" || status=$?
cargo test --locked --test it -- --test-threads=4 "$@" || status=$?
# The fault suite last, on the same plain cluster: it kills, hangs and restarts its brokers,
# one scenario at a time, and prints one FAULT line of figures per scenario (--nocapture).
faults_start=$(date +%s)
cargo test --locked --test faults -- --test-threads=1 --nocapture "$@" || status=$?
log "fault suite $(($(date +%s) - faults_start))s"
now=$(date +%s)
log "clusters and registry start-up ${cluster_secs}s; tests $((now - tests_start))s; whole run $((now - suite_start))s"
exit "$status"
