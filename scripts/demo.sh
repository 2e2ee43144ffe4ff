#!/usr/bin/env bash
# The main job on a fresh machine: fetch Kafka, build kmsg, start a real local three-broker
# KRaft cluster (127.0.0.1:9092-9094, state in ~/.local/state/kmsg/cluster), create the
# pipeline's topics, and send a short stream of login events (5% bad on purpose) through it.
# The cluster keeps running afterwards: `kmsg cluster status`, `kmsg cluster down`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

command -v java >/dev/null 2>&1 || { echo "demo.sh: java not found: apt-get install openjdk-17-jre-headless" >&2; exit 1; }
export KAFKA_HOME="${KAFKA_HOME:-$repo/.cache/kafka}"
scripts/fetch-kafka.sh "$KAFKA_HOME" >&2
cargo build --release --locked --quiet --bin kmsg
kmsg="$repo/target/release/kmsg"

"$kmsg" cluster up --kafka-home "$KAFKA_HOME"
export BOOTSTRAP_SERVERS=127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094
"$kmsg" topics create
"$kmsg" topics describe posts
"$kmsg" produce --generate login --rate "${DEMO_RATE:-500}" --duration "${DEMO_DURATION:-10s}" \
  --invalid-ratio 0.05 --schema schema.json
"$kmsg" cluster status
echo "the cluster keeps running: export BOOTSTRAP_SERVERS=$BOOTSTRAP_SERVERS; stop it with: $kmsg cluster down"
