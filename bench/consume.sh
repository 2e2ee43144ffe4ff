#!/usr/bin/env bash
# Consumer benchmark: `kmsg consume` against kcat, against the pipeline a JVM team would write
# instead (Kafka's own Java client: bench/java-pipeline) and against the original system's
# approach (a Python consumer: confluent-kafka + jsonschema, bench/python/consumer.py), on the
# same local three-broker KRaft cluster, in the same run.
#
# What it measures
#   Input: N login events (default N = 1,000,000) written once by
#   `kmsg produce --generate login --invalid-ratio 0.05 --seed 1` to a fresh topic (6 partitions,
#   RF 3), so 5% of them are bad (bad ip / locale, missing field, string timestamp, not JSON,
#   not UTF-8). Then, each timed by wall clock from process start until it has consumed all its
#   messages and exited ((a) and (b) in BENCH_ROUNDS alternating rounds after an untimed
#   warm-up of kmsg forwarding the whole input to topics of its own until the brokers are
#   warm (2-5 passes), medians reported;
#   start-up, group join and the final wait for acknowledgements included),
#   with peak RSS from GNU time (/usr/bin/time -v):
#     (a) kmsg consume: fresh group, decode + JSON + schema.json validation (format assertions),
#         forward valid messages to a fresh output topic of the round and invalid ones to a
#         fresh DLQ topic of the round (acks=all, idempotence), offsets committed once the
#         outcome is durable; --max-messages N. Checked: forwarded + dead_lettered == N,
#         dead_lettered == the invalid ones produced, the end offsets of its output / DLQ
#         topics equal forwarded / dead_lettered, and (BENCH_VERIFY=1) `kmsg verify` finds
#         every input id in the output or the DLQ.
#     (a-java) the Java pipeline (bench/java-pipeline: kafka-clients at the brokers' version,
#         networknt json-schema-validator): the same work as (a) the way a JVM team writes it
#         (poll batches, async sends with callbacks, flush, then commitSync of the batch;
#         acks=all, idempotence, lz4 and linger.ms=50 like kmsg), run as
#         `java $BENCH_JAVA_OPTS -jar java-pipeline.jar ... --max-messages N` (default
#         BENCH_JAVA_OPTS: -Xmx512m, the JVM's defaults otherwise: G1), a fresh group and fresh
#         output / DLQ topics each round, checked like (a). It takes part in the same rounds as
#         (a), (a-avro) and (b), the order rotating; one untimed pass first checks it works.
#         Targets against it: kmsg msgs/s >= 2 x Java's, kmsg CPU per message <= 0.5 x Java's,
#         kmsg peak RSS <= 0.25 x Java's. BENCH_JAVA=0 leaves it out.
#     (a-avro) kmsg consume --value-format registry: the same events as Avro through a schema
#         registry (below), decoded (the schema fetched once, by id), validated against the
#         same schema.json and forwarded (the original bytes) / dead-lettered to topics of its
#         own, --max-messages = the Avro topic's count. Checked like (a). Runs in the same
#         rounds as (a) and (b), the order rotating (a, a-avro, b; a-avro, b, a; b, a, a-avro);
#         target: Avro msgs/s >= 0.8 x (a)'s (per message: the Avro topic holds fewer, see
#         below). BENCH_AVRO=0 leaves it out (and the registry).
#     (b) kcat: raw read of all partitions from the beginning to the end, values to /dev/null
#         (no group, no decoding, no producing): the ceiling of what a librdkafka client reads.
#     (c) the Python baseline: the same work as (a) (same schema, format checking, forward / DLQ
#         with acks=all, async commit every 1000 messages), on BENCH_PY_MESSAGES messages
#         (default 100,000, as it is slow; msgs/s stay comparable, the output says so).
#     (info) kmsg consume again without an output topic (validate + DLQ only), to separate the
#         cost of consuming + validating from the cost of forwarding.
#   The Avro input: the schema registry (Apicurio Registry, in-memory, started by the script on
#   a free loopback port, or BENCH_REGISTRY_URL) gets schemas/login.avsc under the subject
#   <avro topic>-value (HTTP, curl); then `kmsg produce --generate login --invalid-ratio 0.05
#   --seed 1 --value-schema <subject> --on-invalid skip` writes the same N generated events
#   encoded. The bad-on-purpose kinds that Avro cannot carry (missing field, string
#   timestamp, not JSON, not UTF-8) are skipped and counted; the ones that fit Avro (bad ip,
#   bad locale) are encoded and must be dead-lettered by schema.json. So the Avro topic holds
#   about 3.3% fewer messages than the JSON one, and 1.7% of them invalid against 5%: the
#   report says so, and compares msgs/s (per message) and CPU per message.
#   It prints the machine (and its load average: on a busy machine wall-clock figures are
#   noisy), the Kafka version, a table (messages, seconds, msgs/s, peak RSS, CPU seconds and CPU
#   microseconds per message, user + system of all threads) and the ratios against the
#   targets: kmsg/kcat >= 0.5, kmsg/Python >= 10, kmsg RSS < 150 MB, Avro/JSON >= 0.8, and
#   against the Java pipeline kmsg/Java msgs/s >= 2, CPU per message <= 0.5, peak RSS <= 0.25
#   (with a table of every round of kmsg and Java: seconds, msgs/s, CPU, CPU per message, RSS).
#   Targets missed print MISS but do not fail the script; a failed run or a wrong count does
#   (exit 1, under "problems").
#
# Set-up is self-contained, like scripts/test.sh: installs missing Debian packages (kcat, GNU
# time, jq, python3-venv; a JDK 17 and maven if missing), fetches Kafka (scripts/fetch-kafka.sh,
# KAFKA_HOME defaults to <repo>/.cache/kafka), builds kmsg with `cargo build --release --locked`
# into <repo>/target/bench, makes a Python venv in <repo>/target/bench-venv from
# bench/python/requirements.txt, builds bench/java-pipeline with Maven into
# bench/java-pipeline/target (its local repository in <repo>/.cache/m2, offline once that holds
# everything), starts a dedicated cluster on free loopback ports with
# `kmsg cluster up` and always stops and purges it on exit (also on failure or Ctrl-C); for the
# Avro path it fetches Apicurio Registry (scripts/fetch-registry.sh, into <repo>/.cache/apicurio)
# and starts it beside the cluster (in-memory storage, its own free loopback port below 32768),
# stopped on exit too. Every tool run is bounded with `timeout`.
#
# Usage: bench/consume.sh
# Environment:
#   BENCH_MESSAGES=N      messages in the input topic, read by kmsg and kcat (default 1000000)
#   BENCH_PY_MESSAGES=N   messages the Python baseline consumes (default 100000, at most N)
#   BENCH_ROUNDS=K        rounds of (a) and (b), alternating; medians are reported (default 5)
#   BENCH_WARMUP_PASSES=W at most this many untimed passes of kmsg forwarding the whole input
#                         first: at least 2 (if W >= 2), until a pass is not 10% faster (default 5)
#   BENCH_TIMEOUT=S       limit per tool run in seconds (default 900)
#   BENCH_BOOTSTRAP=B     use this running cluster (3 brokers) instead of starting one
#   BENCH_TARGET_DIR=D    cargo target dir for the release build (default <repo>/target/bench)
#   BENCH_KMSG_BIN=P      measure this kmsg binary instead: no release build (for comparing two
#                         builds with the same script on the same cluster)
#   BENCH_INPUT_KMSG_BIN=P  the kmsg binary that writes the input topic (default: the measured
#                         one); set it to one build for every run so the input is the same
#                         (the login generator differs between versions)
#   BENCH_SCHEMA=F        the schema kmsg and Python validate against (default <repo>/schema.json)
#   BENCH_PYTHON=0        skip the Python baseline (and its venv): no kmsg/Python ratio
#   BENCH_VENV=D          Python venv for the baseline (default <repo>/target/bench-venv)
#   BENCH_AVRO=0          skip the Avro-through-the-registry path (and the registry)
#   BENCH_JAVA=0          skip the Java pipeline (and its Maven build): no kmsg/Java ratios
#   BENCH_JAVA_OPTS=S     JVM options of the Java pipeline (default "-Xmx512m"; split on spaces)
#   BENCH_VERIFY=0        skip `kmsg verify` of each kmsg (JSON) and Java round's output + DLQ
#                         (the counts and end offsets are still checked)
#   BENCH_INVALID_RATIO=R share of generated events that are bad on purpose (default 0.05); 0
#                         gives both inputs the same N all-valid events, for an Avro/JSON
#                         comparison without the difference in dead letters
#   BENCH_REGISTRY_URL=U  use this running registry's Confluent API root (e.g.
#                         http://127.0.0.1:8081/apis/ccompat/v7) instead of starting one; the
#                         script's subject is deleted from it (soft, then permanent) on exit
#   KAFKA_HOME=D          Kafka jars (default <repo>/.cache/kafka)
# Takes about 3-8 minutes plus the release build (about 5-10 minutes the first time) on 2 cores,
# and with the Java pipeline about 4-6 minutes more (1M messages, 3 rounds; more on a busy machine).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
run_start=$(date +%s)

N="${BENCH_MESSAGES:-1000000}"
PY_N="${BENCH_PY_MESSAGES:-100000}"
TOOL_TIMEOUT="${BENCH_TIMEOUT:-900}"
ROUNDS="${BENCH_ROUNDS:-5}"
WARMUP_PASSES="${BENCH_WARMUP_PASSES:-5}"
INVALID_RATIO="${BENCH_INVALID_RATIO:-0.05}"
PARTITIONS=6
SCHEMA="${BENCH_SCHEMA:-$repo/schema.json}"
RUN_PYTHON="${BENCH_PYTHON:-1}"
RUN_AVRO="${BENCH_AVRO:-1}"
RUN_JAVA="${BENCH_JAVA:-1}"
JAVA_OPTS_BENCH="${BENCH_JAVA_OPTS:--Xmx512m}"
RUN_VERIFY="${BENCH_VERIFY:-1}"
JAVA_DIR="$repo/bench/java-pipeline"
AVSC="$repo/schemas/login.avsc"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive integer, got '$ROUNDS'"
[[ "$WARMUP_PASSES" =~ ^[0-9]+$ ]] || die "BENCH_WARMUP_PASSES must be 0 or more, got '$WARMUP_PASSES'"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "BENCH_MESSAGES must be a positive integer, got '$N'"
[[ "$INVALID_RATIO" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || die "BENCH_INVALID_RATIO must be a number from 0 to 1, got '$INVALID_RATIO'"
[[ "$PY_N" =~ ^[1-9][0-9]*$ ]] || die "BENCH_PY_MESSAGES must be a positive integer, got '$PY_N'"
((PY_N <= N)) || PY_N=$N
[[ -f "$SCHEMA" ]] || die "BENCH_SCHEMA: no file at $SCHEMA"
SCHEMA="$(cd "$(dirname "$SCHEMA")" && pwd)/$(basename "$SCHEMA")"
[[ "$RUN_PYTHON" == 0 || "$RUN_PYTHON" == 1 ]] || die "BENCH_PYTHON must be 0 or 1, got '$RUN_PYTHON'"
[[ "$RUN_AVRO" == 0 || "$RUN_AVRO" == 1 ]] || die "BENCH_AVRO must be 0 or 1, got '$RUN_AVRO'"
[[ "$RUN_JAVA" == 0 || "$RUN_JAVA" == 1 ]] || die "BENCH_JAVA must be 0 or 1, got '$RUN_JAVA'"
[[ "$RUN_VERIFY" == 0 || "$RUN_VERIFY" == 1 ]] || die "BENCH_VERIFY must be 0 or 1, got '$RUN_VERIFY'"
((RUN_AVRO == 0)) || [[ -f "$AVSC" ]] || die "no Avro schema at $AVSC"

# --- 1. system packages -------------------------------------------------------------------
need_pkgs=()
command -v kcat >/dev/null 2>&1 || need_pkgs+=(kcat)
[[ -x /usr/bin/time ]] || need_pkgs+=(time)
command -v jq >/dev/null 2>&1 || need_pkgs+=(jq)
((RUN_AVRO == 0)) || command -v curl >/dev/null 2>&1 || need_pkgs+=(curl)
if ((RUN_JAVA)); then
  command -v javac >/dev/null 2>&1 || need_pkgs+=(openjdk-17-jdk-headless)
else
  command -v java >/dev/null 2>&1 || need_pkgs+=(openjdk-17-jre-headless)
fi
command -v mvn >/dev/null 2>&1 || need_pkgs+=(maven)
((RUN_PYTHON == 0)) || command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
# venv needs ensurepip (Debian's python3-venv), unless the venv already exists.
venv="${BENCH_VENV:-$repo/target/bench-venv}"
if ((RUN_PYTHON)) && [[ ! -x "$venv/bin/python" ]] && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  need_pkgs+=(python3-venv)
fi
if ((${#need_pkgs[@]})); then
  log "installing Debian packages: ${need_pkgs[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to install ${need_pkgs[*]}"
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust (https://rustup.rs)"

# --- 2. Kafka --------------------------------------------------------------------------------
export KAFKA_HOME="${KAFKA_HOME:-$repo/.cache/kafka}"
log "Kafka distribution in $KAFKA_HOME"
scripts/fetch-kafka.sh "$KAFKA_HOME" >&2
kafka_version="$(cat "$KAFKA_HOME/VERSION")"

# --- 2b. the schema registry's jars (Avro path, unless BENCH_REGISTRY_URL) --------------------
registry_jar=""
if ((RUN_AVRO)) && [[ -z "${BENCH_REGISTRY_URL:-}" ]]; then
  registry_home="$repo/.cache/apicurio"
  log "Apicurio Registry in $registry_home"
  scripts/fetch-registry.sh "$registry_home" >&2
  registry_version="$(cat "$registry_home/VERSION")"
  registry_jar="$registry_home/apicurio-registry-app-$registry_version-runner.jar"
  [[ -f "$registry_jar" ]] || die "no registry jar at $registry_jar"
fi

# --- 3. release build (own target dir: never takes the lock of target/debug builds) ---------
if [[ -n "${BENCH_KMSG_BIN:-}" ]]; then
  kmsg="$(cd "$(dirname "$BENCH_KMSG_BIN")" && pwd)/$(basename "$BENCH_KMSG_BIN")"
  log "measuring $kmsg (BENCH_KMSG_BIN, no build)"
else
  export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$repo/target/bench}"
  log "building kmsg (release) into $CARGO_TARGET_DIR"
  cargo build --release --locked
  kmsg="$CARGO_TARGET_DIR/release/kmsg"
fi
[[ -x "$kmsg" ]] || die "no binary at $kmsg"
input_kmsg="${BENCH_INPUT_KMSG_BIN:-$kmsg}"
[[ -x "$input_kmsg" ]] || die "BENCH_INPUT_KMSG_BIN: no binary at $input_kmsg"

# --- 4. Python venv for the baseline (reinstalled when requirements.txt changes) ------------
py_versions="Python baseline skipped (BENCH_PYTHON=0)"
if ((RUN_PYTHON)); then
  reqs="$repo/bench/python/requirements.txt"
  stamp="$venv/.requirements.sha256"
  want_stamp="$(sha256sum "$reqs" | cut -d' ' -f1)"
  if [[ ! -x "$venv/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want_stamp" ]]; then
    log "making the Python venv $venv from bench/python/requirements.txt"
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$reqs" >&2
    printf '%s\n' "$want_stamp" > "$stamp"
  fi
  py_versions="$("$venv/bin/python" -c 'import sys, confluent_kafka, jsonschema
from importlib.metadata import version
print("Python %d.%d.%d, confluent-kafka %s (librdkafka %s), jsonschema %s" % (sys.version_info[:3] + (version("confluent-kafka"), confluent_kafka.libversion()[0], version("jsonschema"))))')"
fi

# --- 4b. the Java pipeline (a fat jar; rebuilt when its sources or pom are newer) -----------
java_jar="$JAVA_DIR/target/java-pipeline.jar"
java_versions="Java pipeline skipped (BENCH_JAVA=0)"
read -r -a java_opts <<<"$JAVA_OPTS_BENCH"
if ((RUN_JAVA)); then
  if [[ ! -f "$java_jar" || -n "$(find "$JAVA_DIR/pom.xml" "$JAVA_DIR/src" -newer "$java_jar" -print -quit)" ]]; then
    log "building the Java pipeline (Maven, local repository $repo/.cache/m2)"
    mvn_args=(-B -q -f "$JAVA_DIR/pom.xml" -Dmaven.repo.local="$repo/.cache/m2" package)
    # Offline when the local repository already has every plugin and dependency.
    mvn -o "${mvn_args[@]}" >/dev/null 2>&1 || mvn "${mvn_args[@]}" >&2 \
      || die "building bench/java-pipeline failed (see Maven's output above)"
  fi
  [[ -f "$java_jar" ]] || die "no jar at $java_jar after the Maven build"
  java_versions="$(java -version 2>&1 | head -n 1 | tr -d '"'), JVM options ${JAVA_OPTS_BENCH:-none}; $(sed -n 's|.*<kafka.version>\(.*\)</kafka.version>.*|kafka-clients \1|p; s|.*<json-schema-validator.version>\(.*\)</json-schema-validator.version>.*|networknt json-schema-validator \1|p' "$JAVA_DIR/pom.xml" | paste -sd, - | sed 's/,/, /')"
fi

# --- 5. scratch space, registry, cluster, clean-up ------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/kmsg-bench-consume.XXXXXX")"
state="$work/cluster"
cluster_started=""
registry_pid="" registry_port="" REG_URL="" SUBJECT=""
# Ends the registry this script started (its java process), at most 10 s after asking.
stop_registry() {
  [[ -n "$registry_pid" ]] || return 0
  kill "$registry_pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$registry_pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$registry_pid" 2>/dev/null || true
  wait "$registry_pid" 2>/dev/null || true
  registry_pid=""
}
cleanup() {
  local rc=$?
  if [[ -n "$registry_pid" ]]; then
    log "stopping the schema registry"
    stop_registry
  elif [[ -n "$SUBJECT" && -n "$REG_URL" ]]; then
    # A registry of someone else's (BENCH_REGISTRY_URL): leave it as it was found.
    log "deleting the subject $SUBJECT from $REG_URL"
    curl -sS -o /dev/null --max-time 10 -X DELETE "$REG_URL/subjects/$SUBJECT" 2>/dev/null || true
    curl -sS -o /dev/null --max-time 10 -X DELETE "$REG_URL/subjects/$SUBJECT?permanent=true" 2>/dev/null || true
  fi
  if [[ -n "$cluster_started" ]]; then
    log "stopping the benchmark cluster"
    timeout 120 "$kmsg" cluster down --state-dir "$state" --purge >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Starts the registry (as scripts/test.sh does: in-memory storage, small heap, C1 only for a
# fast start) in the background on a free loopback port below the kernel's ephemeral range;
# wait_registry waits for its Confluent API. It starts while the cluster does.
registry_attempts=0
start_registry() {
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  while ((registry_attempts < 3)); do
    registry_attempts=$((registry_attempts + 1))
    registry_port=$((20000 + RANDOM % 12000))
    port_free "$registry_port" || continue
    log "starting the schema registry (Apicurio, in-memory) on 127.0.0.1:$registry_port (attempt $registry_attempts)"
    registry_t0=$(date +%s)
    "$java" -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$registry_port" \
      -jar "$registry_jar" >"$work/registry.log" 2>&1 </dev/null &
    registry_pid=$!
    return 0
  done
  die "found no free port for the schema registry"
}
wait_registry() {
  local deadline=$((registry_t0 + 120))
  while :; do
    if ! kill -0 "$registry_pid" 2>/dev/null; then
      log "the schema registry exited on start; the end of its log:"
      tail -n 20 "$work/registry.log" | sed 's/^/    /' >&2
      wait "$registry_pid" 2>/dev/null || true
      registry_pid=""
      ((registry_attempts < 3)) || die "could not start the schema registry (see its log above)"
      start_registry
      deadline=$((registry_t0 + 120))
      continue
    fi
    if curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$registry_port/apis/ccompat/v7/subjects" 2>/dev/null; then
      log "schema registry up on 127.0.0.1:$registry_port in $(($(date +%s) - registry_t0))s"
      REG_URL="http://127.0.0.1:$registry_port/apis/ccompat/v7"
      return 0
    fi
    if (($(date +%s) >= deadline)); then
      log "the schema registry did not answer on 127.0.0.1:$registry_port within 120 s; the end of its log:"
      tail -n 40 "$work/registry.log" | sed 's/^/    /' >&2
      die "could not start the schema registry"
    fi
    sleep 0.5
  done
}
if ((RUN_AVRO)); then
  if [[ -n "${BENCH_REGISTRY_URL:-}" ]]; then
    REG_URL="${BENCH_REGISTRY_URL%/}"
    curl -fsS -o /dev/null --max-time 10 "$REG_URL/subjects" \
      || die "BENCH_REGISTRY_URL: no Confluent-compatible registry answers at $REG_URL/subjects"
    log "using the schema registry at $REG_URL"
  else
    start_registry
  fi
fi

if [[ -n "${BENCH_BOOTSTRAP:-}" ]]; then
  B="$BENCH_BOOTSTRAP"
  log "using the existing cluster at $B"
else
  for attempt in 1 2 3; do
    base=$((20000 + RANDOM % 25000))
    ok=1
    for off in 0 1 2 1000 1001 1002; do
      port_free $((base + off)) && [[ "$((base + off))" != "$registry_port" ]] || ok=0
    done
    ((ok)) || continue
    log "starting a 3-broker KRaft cluster on 127.0.0.1:$base-$((base + 2)) (attempt $attempt)"
    cluster_started=1
    if timeout 300 "$kmsg" cluster up --state-dir "$state" --base-port "$base" --kafka-home "$KAFKA_HOME" >&2; then
      B="127.0.0.1:$base,127.0.0.1:$((base + 1)),127.0.0.1:$((base + 2))"
      break
    fi
    for f in "$state"/node-*/server.log; do  # the reason, before the purge removes the logs
      if [[ -f "$f" ]]; then log "last lines of $f:"; tail -n 15 "$f" | sed 's/^/    /' >&2 || true; fi
    done
    timeout 120 "$kmsg" cluster down --state-dir "$state" --purge >/dev/null 2>&1 || rm -rf "$state"
    cluster_started=""
  done
  [[ -n "${B:-}" ]] || die "could not start the benchmark cluster (see the error above)"
  log "cluster up: $B"
fi
[[ -z "$registry_pid" ]] || wait_registry

# --- helpers ---------------------------------------------------------------------------------
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%s\", $* }"; }
# Sum of the end offsets of all partitions of a topic (= messages in a fresh topic).
# A topic created a moment ago may not be in every broker's metadata yet (kcat -Q then fails):
# up to 10 tries, a second apart, then the script stops with the reason.
end_offsets() {
  local topic="$1" args=() p try out
  for ((p = 0; p < PARTITIONS; p++)); do args+=(-t "$topic:$p:-1"); done
  for ((try = 1; try <= 10; try++)); do
    if out=$(timeout 60 kcat -b "$B" -Q "${args[@]}" 2>&1); then
      awk '/offset/ { for (i = 1; i < NF; i++) if ($i == "offset") s += $(i + 1) } END { print s + 0 }' <<<"$out"
      return 0
    fi
    sleep 1
  done
  die "could not read the end offsets of $topic: $(tail -n 1 <<<"$out")"
}
# Peak RSS in MB, and CPU seconds (user + system, all threads), from a `/usr/bin/time -v` report.
peak_rss_mb() { awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
cpu_secs() { awk -F: '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$1"; }
# Runs a tool under GNU time and timeout; sets $secs (wall clock), $rss_mb, $cpu and $status.
timed() {
  local name="$1" out="$2" err="$3"
  shift 3
  local t0 t1
  status=0
  t0=$(now)
  /usr/bin/time -v -o "$work/$name.time" timeout -k 10 "$TOOL_TIMEOUT" "$@" > "$out" 2> "$err" || status=$?
  t1=$(now)
  secs=$(calc "$t1 - $t0")
  rss_mb=$(peak_rss_mb "$work/$name.time")
  rss_mb=${rss_mb:-0}
  cpu=$(cpu_secs "$work/$name.time")
  cpu_sys=$(awk -F: '/System time \(seconds\)/ { printf "%.2f", $2 }' "$work/$name.time")
  if ((status == 124)); then
    log "$name: timed out after ${TOOL_TIMEOUT}s"
  fi
}
problems=()

# --- 6. topics and data ----------------------------------------------------------------------
suffix="$(date +%s)-$RANDOM"
T_IN="bench-consume-in-$suffix"
T_OUT_PY="bench-consume-out-py-$suffix"
T_DLQ_PY="bench-consume-dlq-py-$suffix"
T_DLQ_KMSG_VO="bench-consume-dlq-kmsg-vo-$suffix"
T_WARM_OUT="bench-consume-warmup-out-$suffix"
T_WARM_DLQ="bench-consume-warmup-dlq-$suffix"
T_AVRO_IN="bench-consume-avro-in-$suffix"
T_OUT_AVRO="bench-consume-out-avro-$suffix"
T_DLQ_AVRO="$T_AVRO_IN.dlq"
# (a) and (a-java) write to fresh output and DLQ topics each round, made before the round.
timeout 60 "$kmsg" --bootstrap "$B" topics create "$T_IN" -p "$PARTITIONS" -r 3 >/dev/null
if ((RUN_AVRO)); then
  timeout 60 "$kmsg" --bootstrap "$B" topics create --input-topic "$T_AVRO_IN" --output-topic "$T_OUT_AVRO" >/dev/null
  log "topics created: $T_AVRO_IN (+ .dlq), $T_OUT_AVRO"
fi
for t in "$T_OUT_PY" "$T_DLQ_PY" "$T_DLQ_KMSG_VO" "$T_WARM_OUT" "$T_WARM_DLQ"; do
  timeout 60 "$kmsg" --bootstrap "$B" topics create "$t" -p "$PARTITIONS" -r 3 >/dev/null
done
log "topics created: $T_IN, $T_OUT_PY, $T_DLQ_PY, $T_DLQ_KMSG_VO"

log "producing $N login events (invalid ratio $INVALID_RATIO, seed 1) to $T_IN"
timed produce "$work/produce.out" "$work/produce.err" \
  "$input_kmsg" --bootstrap "$B" produce -t "$T_IN" --generate login --count "$N" \
  --invalid-ratio "$INVALID_RATIO" --seed 1 -q -o json
produce_secs=$secs
summary="$(tail -n 1 "$work/produce.out")"
if ((status != 0)) || ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
  sed 's/^/    /' "$work/produce.err" | tail -n 20 >&2
  die "kmsg produce failed (exit $status)"
fi
acked=$(jq -r .acknowledged <<<"$summary")
expected_invalid=$(jq -r '[.generated_invalid[]?] | add // 0' <<<"$summary")
in_count=$(end_offsets "$T_IN")
[[ "$acked" -eq "$N" && "$in_count" -eq "$N" ]] \
  || die "input topic holds $in_count messages ($acked acknowledged), expected $N"
log "input ready in ${produce_secs}s: $in_count messages, $expected_invalid of them invalid"

# --- 6b. the Avro input: the schema registered, the same generated events encoded ------------
# The registry's Confluent API, by hand (curl), so the bench does not depend on kmsg's own
# registry client for it: POST /subjects/<subject>/versions answers {"id": N}.
avro_count=0 expected_avro_invalid=0 avro_skipped=0 avro_skipped_reasons="" schema_id="" avro_produce_secs=0
if ((RUN_AVRO)); then
  SUBJECT="$T_AVRO_IN-value"
  jq -n --rawfile s "$AVSC" '{schemaType: "AVRO", schema: $s}' > "$work/register.json"
  http_code=$(curl -sS --max-time 30 -o "$work/register.out" -w '%{http_code}' -X POST \
    -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data @"$work/register.json" \
    "$REG_URL/subjects/$SUBJECT/versions") || http_code="no answer"
  schema_id=$(jq -r '.id // empty' "$work/register.out" 2>/dev/null || true)
  [[ "$http_code" == 200 && "$schema_id" =~ ^[0-9]+$ ]] \
    || die "registering $AVSC as $SUBJECT at $REG_URL failed (HTTP $http_code): $(head -c 300 "$work/register.out" 2>/dev/null)"
  log "registered $(basename "$AVSC") as $SUBJECT: schema id $schema_id"

  log "producing the same $N login events (seed 1) as Avro ($SUBJECT) to $T_AVRO_IN"
  timed produce-avro "$work/produce-avro.out" "$work/produce-avro.err" \
    "$input_kmsg" --bootstrap "$B" --schema-registry "$REG_URL" produce -t "$T_AVRO_IN" \
    --generate login --count "$N" --invalid-ratio "$INVALID_RATIO" --seed 1 \
    --value-schema "$SUBJECT" --on-invalid skip -q -o json
  avro_produce_secs=$secs
  summary="$(tail -n 1 "$work/produce-avro.out")"
  if ((status != 0)) || ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
    sed 's/^/    /' "$work/produce-avro.err" | tail -n 20 >&2
    die "kmsg produce --value-schema failed (exit $status)"
  fi
  avro_count=$(jq -r .acknowledged <<<"$summary")
  avro_skipped=$(jq -r '.skipped_invalid // 0' <<<"$summary")
  # By kind: the reasons read "<kind>: <why>", one entry per distinct why.
  avro_skipped_reasons=$(jq -r '(.skipped_invalid_reasons // {}) | to_entries | group_by(.key | split(":")[0])
    | map("\(.[0].key | split(":")[0]) \(map(.value) | add)") | join(", ")' <<<"$summary")
  avro_generated_invalid=$(jq -r '[.generated_invalid[]?] | add // 0' <<<"$summary")
  # The same seed generates the same events: the bad-on-purpose ones that still fit Avro (bad
  # ip, bad locale) are in the topic and fail schema.json; the others were skipped. (The
  # summary's generated_invalid may count the skipped ones or not: either is accepted.)
  expected_avro_invalid=$((expected_invalid - avro_skipped))
  avro_in_count=$(end_offsets "$T_AVRO_IN")
  [[ "$avro_generated_invalid" -eq "$expected_invalid" || "$avro_generated_invalid" -eq "$expected_avro_invalid" ]] \
    || die "the Avro input has $avro_generated_invalid bad events ($avro_skipped skipped), the JSON one $expected_invalid: not the same events"
  [[ $((avro_count + avro_skipped)) -eq "$N" && "$avro_in_count" -eq "$avro_count" ]] \
    || die "Avro topic holds $avro_in_count messages ($avro_count acknowledged, $avro_skipped skipped), expected $N - $avro_skipped"
  log "Avro input ready in ${avro_produce_secs}s: $avro_count messages, $expected_avro_invalid of them invalid; skipped (do not fit Avro): $avro_skipped ($avro_skipped_reasons)"
fi
# Mean value size of the first 1000 messages of a topic (bytes), for the report.
mean_value_bytes() {
  timeout 60 kcat -C -b "$B" -t "$1" -o beginning -c 1000 -e -q -f '%S\n' 2>/dev/null \
    | awk '{ s += $1; n++ } END { if (n) printf "%.0f", s / n; else print "?" }'
}
json_value_bytes=$(mean_value_bytes "$T_IN")
avro_value_bytes="-"
((RUN_AVRO == 0)) || avro_value_bytes=$(mean_value_bytes "$T_AVRO_IN")
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- 7, 8. (a) kmsg consume, (a-java) the Java pipeline, (a-avro) kmsg on Avro, (b) kcat -----
# Single runs on 2 shared CPUs vary by +-20%; the medians of rounds whose order rotates (a, b
# in odd rounds and b, a in even ones; with more contenders each round starts one further
# along the list a, a-java, a-avro, b) are what the ratios use. Every kmsg and Java round is a
# fresh group; (a) and (a-java) write to fresh output and DLQ topics of the round, (a-avro) to
# its path's topics, and the counts are checked on the growth of their end offsets.
# Keyed by "<path>,<round>", path json (a) or avro (a-avro).
declare -A K_SECS K_RSS K_CPU K_OWN K_FWD K_DLQ
declare -A C_SECS C_RSS C_CPU
declare -A J_SECS J_RSS J_CPU J_SYS J_OWN J_FWD J_DLQ K_SYS
VERIFIED_KMSG=0 VERIFIED_JAVA=0
# run_kmsg PATH ROUND: one timed kmsg consume run of the JSON or the Avro path.
run_kmsg() {
  local path="$1" r="$2" topic out dlq n expect_dlq what extra=()
  local out_before dlq_before summary consumed unfinished out_gain dlq_gain fwd dl
  case "$path" in
    json) topic=$T_IN n=$N expect_dlq=$expected_invalid what="kmsg consume"
          out="bench-consume-out-kmsg-$suffix-r$r" dlq="bench-consume-dlq-kmsg-$suffix-r$r"
          round_topics "$out" "$dlq" ;;
    avro) topic=$T_AVRO_IN out=$T_OUT_AVRO dlq=$T_DLQ_AVRO n=$avro_count expect_dlq=$expected_avro_invalid
          what="kmsg consume Avro" extra=(--schema-registry "$REG_URL") ;;
  esac
  out_before=$(end_offsets "$out")
  dlq_before=$(end_offsets "$dlq")
  log "round $r/$ROUNDS: $what: $n messages, $([[ $path == avro ]] && echo "registry decoding, ")schema validation, forward + DLQ"
  local args=("$kmsg" --bootstrap "$B" "${extra[@]}" consume -g "bench-$path-$suffix-r$r" -t "$topic")
  [[ "$path" == json ]] || args+=(--value-format registry)
  timed "kmsg-$path-r$r" "$work/kmsg-$path-r$r.out" "$work/kmsg-$path-r$r.err" \
    "${args[@]}" --output-topic "$out" --dlq-topic "$dlq" --schema "$SCHEMA" \
    --max-messages "$n" -o json
  K_SECS[$path,$r]=$secs K_RSS[$path,$r]=$rss_mb K_CPU[$path,$r]=$cpu K_SYS[$path,$r]=$cpu_sys
  summary="$(tail -n 1 "$work/kmsg-$path-r$r.out")"
  if ((status != 0)) || ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
    sed 's/^/    /' "$work/kmsg-$path-r$r.err" | tail -n 20 >&2
    die "$what failed in round $r (exit $status)"
  fi
  consumed=$(jq -r .consumed <<<"$summary")
  fwd=$(jq -r .forwarded <<<"$summary")
  dl=$(jq -r .dead_lettered_total <<<"$summary")
  K_FWD[$path,$r]=$fwd K_DLQ[$path,$r]=$dl
  K_OWN[$path,$r]=$(jq -r .msgs_per_sec <<<"$summary")
  unfinished=$(jq -r .not_finished_at_exit <<<"$summary")
  out_gain=$(($(end_offsets "$out") - out_before))
  dlq_gain=$(($(end_offsets "$dlq") - dlq_before))
  [[ "$consumed" -eq "$n" ]] || problems+=("round $r: $what consumed $consumed of $n")
  [[ $((fwd + dl)) -eq "$n" ]] \
    || problems+=("round $r: $what forwarded $fwd + dead-lettered $dl != $n (not finished at exit: $unfinished)")
  [[ "$dl" -eq "$expect_dlq" ]] \
    || problems+=("round $r: $what dead-lettered $dl, but $expect_dlq invalid messages were produced")
  [[ "$out_gain" -eq "$fwd" ]] \
    || problems+=("round $r: $what output topic gained $out_gain messages, it reported $fwd forwarded")
  [[ "$dlq_gain" -eq "$dl" ]] \
    || problems+=("round $r: $what DLQ topic gained $dlq_gain messages, it reported $dl dead-lettered")
  if [[ "$path" == avro ]]; then
    # Every record is registry-framed with a known id: all decoded, none failed.
    local decoded failed
    decoded=$(jq -r '[(.registry.decoded // {})[]] | add // 0' <<<"$summary")
    failed=$(jq -r '[(.registry.decode_failures // {})[][]] | add // 0' <<<"$summary")
    [[ "$decoded" -eq "$n" && "$failed" -eq 0 ]] \
      || problems+=("round $r: $what decoded $decoded of $n values, $failed decode failures")
  fi
  [[ "$path" != json ]] || verify_round "$r" "$what" "$out" "$dlq"
  log "round $r/$ROUNDS: $what ${secs}s, forwarded $fwd (output topic +$out_gain), dead-lettered $dl (DLQ topic +$dlq_gain)"
}
# round_topics TOPIC...: creates fresh topics for one round (6 partitions, RF 3, like the input).
round_topics() {
  local t
  for t in "$@"; do
    timeout 60 "$kmsg" --bootstrap "$B" topics create "$t" -p "$PARTITIONS" -r 3 >/dev/null \
      || die "could not create the topic $t"
  done
}
# verify_round ROUND WHAT OUT DLQ: `kmsg verify` (by record key) that every id of the input is
# in the round's output or DLQ topic (BENCH_VERIFY=1); duplicates are reported, not failed.
verify_round() {
  local r="$1" what="$2" out="$3" dlq="$4" report rc=0
  ((RUN_VERIFY)) || return 0
  report="$work/verify-$out.json"
  timeout 600 "$kmsg" --bootstrap "$B" verify --input "$T_IN" --output-topic "$out" --dlq-topic "$dlq" \
    -o json > "$report" 2> "$report.err" || rc=$?
  if ((rc != 0)); then
    sed 's/^/    /' "$report.err" | tail -n 5 >&2
    problems+=("round $r: kmsg verify of $what's output + DLQ failed (exit $rc): $(head -c 300 "$report")")
  elif [[ "$what" == Java ]]; then
    VERIFIED_JAVA=$((VERIFIED_JAVA + 1))
  else
    VERIFIED_KMSG=$((VERIFIED_KMSG + 1))
  fi
}
# run_java ROUND: one timed run of the Java pipeline, to fresh output / DLQ topics of the round.
run_java() {
  local r="$1" out="bench-consume-out-java-$suffix-r$r" dlq="bench-consume-dlq-java-$suffix-r$r"
  local summary consumed fwd dl out_gain dlq_gain
  round_topics "$out" "$dlq"
  log "round $r/$ROUNDS: Java pipeline: $N messages, schema validation, forward + DLQ"
  timed "java-r$r" "$work/java-r$r.out" "$work/java-r$r.err" \
    java "${java_opts[@]}" -jar "$java_jar" --bootstrap "$B" --group "bench-java-$suffix-r$r" \
    --input-topic "$T_IN" --output-topic "$out" --dlq-topic "$dlq" --schema "$SCHEMA" \
    --max-messages "$N"
  J_SECS[$r]=$secs J_RSS[$r]=$rss_mb J_CPU[$r]=$cpu J_SYS[$r]=$cpu_sys
  summary="$(tail -n 1 "$work/java-r$r.out")"
  if ((status != 0)) || ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
    sed 's/^/    /' "$work/java-r$r.err" | tail -n 20 >&2
    die "the Java pipeline failed in round $r (exit $status)"
  fi
  consumed=$(jq -r .consumed <<<"$summary")
  fwd=$(jq -r .forwarded <<<"$summary")
  dl=$(jq -r .dead_lettered <<<"$summary")
  J_OWN[$r]=$(jq -r .msgs_per_sec <<<"$summary") J_FWD[$r]=$fwd J_DLQ[$r]=$dl
  out_gain=$(end_offsets "$out")
  dlq_gain=$(end_offsets "$dlq")
  [[ "$consumed" -eq "$N" ]] || problems+=("round $r: Java consumed $consumed of $N")
  [[ $((fwd + dl)) -eq "$N" ]] || problems+=("round $r: Java forwarded $fwd + dead-lettered $dl != $N")
  [[ "$dl" -eq "$expected_invalid" ]] \
    || problems+=("round $r: Java dead-lettered $dl, but $expected_invalid invalid messages were produced")
  [[ "$out_gain" -eq "$fwd" && "$dlq_gain" -eq "$dl" ]] \
    || problems+=("round $r: Java's topics hold $out_gain / $dlq_gain, it reported $fwd forwarded / $dl dead-lettered")
  verify_round "$r" "Java" "$out" "$dlq"
  log "round $r/$ROUNDS: Java ${secs}s, forwarded $fwd (output topic $out_gain), dead-lettered $dl (DLQ topic $dlq_gain)"
}
# Without -q kcat prints one "Reached end of topic T [p] at offset O" per partition on stderr
# (and nothing per message): their sum is the number of messages it read.
run_kcat() {
  local r="$1" read
  log "round $r/$ROUNDS: kcat: reading all $N messages to /dev/null"
  timed "kcat-r$r" /dev/null "$work/kcat-r$r.err" \
    kcat -C -b "$B" -t "$T_IN" -o beginning -e -f '%s\n'
  C_SECS[$r]=$secs C_RSS[$r]=$rss_mb C_CPU[$r]=$cpu
  read=$(grep -o 'at offset [0-9]*' "$work/kcat-r$r.err" | awk '{ s += $3 } END { print s + 0 }')
  ((status == 0)) || { sed 's/^/    /' "$work/kcat-r$r.err" | tail -n 20 >&2; problems+=("round $r: kcat exited $status"); }
  [[ "$read" -eq "$N" ]] || problems+=("round $r: kcat read up to offsets summing to $read, expected $N")
  log "round $r/$ROUNDS: kcat ${secs}s, read $read"
}
# Untimed warm-up, as in produce.sh: on a fresh cluster the brokers' produce path is still
# being JIT-compiled, and the first forwarding run took 2-3 times as long as the third
# (19.7, 12.3, 6.1 s) while reading (kcat) hardly changed. A warm-up of 200,000 messages was
# not enough: the timed rounds still got faster one after the other (8.23, 7.07, 5.73, 5.35,
# 4.66 s at 05:54 UTC on 2026-12-02, kcat flat), because the brokers' per-request code runs
# a few hundred times per pass and the JVM compiles it only after thousands; two whole passes
# were not always enough either (06:51 UTC: rounds 8.51, 7.64, 6.49, 5.83, 5.42 s). So kmsg
# forwards the whole input to topics of its own (not the timed rounds' output and DLQ
# topics), each pass in a fresh group, at least twice and then until a pass is no longer 10%
# faster than the one before, at most WARMUP_PASSES times.
prev_warm=""
for ((w = 1; w <= WARMUP_PASSES; w++)); do
  log "warm-up $w (at most $WARMUP_PASSES): kmsg consume forwards $N messages to topics of its own (not timed)"
  timed "warmup-$w" /dev/null /dev/null \
    "$kmsg" --bootstrap "$B" consume -g "bench-warmup-$suffix-$w" \
    -t "$T_IN" --output-topic "$T_WARM_OUT" --dlq-topic "$T_WARM_DLQ" --schema "$SCHEMA" \
    --max-messages "$N" -o json
  WARM_SECS[$w]=$secs
  ((status == 0)) || log "warm-up $w failed (exit $status, ignored)"
  if ((w >= 2)) && awk -v a="$secs" -v b="$prev_warm" 'BEGIN { exit !(a > 0.9 * b) }'; then
    break
  fi
  prev_warm=$secs
done
# One untimed pass of the Avro path too (to the warm-up topics): it checks the path works
# before any round is timed, and warms the registry's and kmsg's decoding start-up.
avro_warm_secs=""
if ((RUN_AVRO)); then
  log "warm-up: kmsg consume --value-format registry forwards $avro_count Avro messages to topics of its own (not timed)"
  timed "warmup-avro" "$work/warmup-avro.out" "$work/warmup-avro.err" \
    "$kmsg" --bootstrap "$B" --schema-registry "$REG_URL" consume -g "bench-warmup-avro-$suffix" \
    -t "$T_AVRO_IN" --value-format registry --output-topic "$T_WARM_OUT" --dlq-topic "$T_WARM_DLQ" \
    --schema "$SCHEMA" --max-messages "$avro_count" -o json
  avro_warm_secs=$secs
  if ((status != 0)); then
    sed 's/^/    /' "$work/warmup-avro.err" | tail -n 20 >&2
    die "the Avro warm-up pass failed (exit $status)"
  fi
fi
# One untimed pass of the Java pipeline too (to the warm-up topics, a group of its own): it
# checks the pipeline works before any round is timed. Each timed round is a new JVM, as a
# deployment's start is: its class loading and JIT warm-up count, as kmsg's start-up does.
java_warm_secs=""
if ((RUN_JAVA)); then
  log "warm-up: the Java pipeline forwards $N messages to topics of its own (not timed)"
  timed "warmup-java" "$work/warmup-java.out" "$work/warmup-java.err" \
    java "${java_opts[@]}" -jar "$java_jar" --bootstrap "$B" --group "bench-warmup-java-$suffix" \
    --input-topic "$T_IN" --output-topic "$T_WARM_OUT" --dlq-topic "$T_WARM_DLQ" --schema "$SCHEMA" \
    --max-messages "$N"
  java_warm_secs=$secs
  if ((status != 0)); then
    sed 's/^/    /' "$work/warmup-java.err" | tail -n 20 >&2
    die "the Java pipeline's warm-up pass failed (exit $status)"
  fi
fi
contenders=(json)
((RUN_JAVA == 0)) || contenders+=(java)
((RUN_AVRO == 0)) || contenders+=(avro)
contenders+=(kcat)
for ((r = 1; r <= ROUNDS; r++)); do
  for ((i = 0; i < ${#contenders[@]}; i++)); do
    c=${contenders[$(((r - 1 + i) % ${#contenders[@]}))]}
    case "$c" in
      kcat) run_kcat "$r" ;;
      java) run_java "$r" ;;
      *) run_kmsg "$c" "$r" ;;
    esac
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -n 1; }
# rounds_of ARRAY PATH: the values of every round of one path.
rounds_of() {
  local -n arr="$1"
  local r
  for ((r = 1; r <= ROUNDS; r++)); do printf '%s\n' "${arr[$2,$r]}"; done
}
kmsg_secs=$(median $(rounds_of K_SECS json)) kmsg_cpu=$(median $(rounds_of K_CPU json))
kmsg_rss=$(maximum $(rounds_of K_RSS json)) kmsg_own_rate=$(median $(rounds_of K_OWN json))
kmsg_consumed=$N kmsg_fwd=${K_FWD[json,1]} kmsg_dlq=${K_DLQ[json,1]}
if ((RUN_AVRO)); then
  avro_secs=$(median $(rounds_of K_SECS avro)) avro_cpu=$(median $(rounds_of K_CPU avro))
  avro_rss=$(maximum $(rounds_of K_RSS avro)) avro_own_rate=$(median $(rounds_of K_OWN avro))
  avro_fwd=${K_FWD[avro,1]} avro_dlq=${K_DLQ[avro,1]}
fi
kcat_secs=$(median "${C_SECS[@]}") kcat_cpu=$(median "${C_CPU[@]}") kcat_rss=$(maximum "${C_RSS[@]}")
kcat_read=$N
if ((RUN_JAVA)); then
  java_secs=$(median "${J_SECS[@]}") java_cpu=$(median "${J_CPU[@]}") java_rss=$(maximum "${J_RSS[@]}")
  java_own_rate=$(median "${J_OWN[@]}") java_fwd=${J_FWD[1]} java_dlq=${J_DLQ[1]}
  kmsg_rss_median=$(median $(rounds_of K_RSS json)) java_rss_median=$(median "${J_RSS[@]}")
fi

# --- 8b. info: kmsg consume without an output topic (validate, DLQ only) ----------------------
# Separates the cost of consuming + validating from the cost of forwarding (producing every
# valid message with acks=all to an RF-3 topic). Not part of the targets.
log "kmsg consume, validate only (no output topic): $N messages"
timed kmsg-vo "$work/kmsg-vo.out" "$work/kmsg-vo.err" \
  "$kmsg" --bootstrap "$B" consume -g "bench-kmsg-vo-$suffix" -t "$T_IN" \
  --dlq-topic "$T_DLQ_KMSG_VO" --schema "$SCHEMA" --max-messages "$N" -o json
vo_secs=$secs vo_rss=$rss_mb vo_cpu=$cpu vo_status=$status
summary="$(tail -n 1 "$work/kmsg-vo.out")"
if ((vo_status != 0)) || ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
  sed 's/^/    /' "$work/kmsg-vo.err" | tail -n 20 >&2
  problems+=("kmsg consume (validate only) failed (exit $vo_status)")
  vo_consumed=0 vo_own_rate=0
else
  vo_consumed=$(jq -r .consumed <<<"$summary")
  vo_own_rate=$(jq -r .msgs_per_sec <<<"$summary")
  vo_dlq=$(jq -r .dead_lettered_total <<<"$summary")
  [[ "$vo_consumed" -eq "$N" && "$vo_dlq" -eq "$expected_invalid" ]] \
    || problems+=("kmsg (validate only) consumed $vo_consumed, dead-lettered $vo_dlq; expected $N, $expected_invalid")
fi
log "kmsg validate only: ${vo_secs}s"

# --- 9. (c) the Python baseline ----------------------------------------------------------------
if ((RUN_PYTHON)); then
  log "Python baseline: $PY_N messages, schema validation, forward + DLQ"
  timed python "$work/python.out" "$work/python.err" \
    "$venv/bin/python" "$repo/bench/python/consumer.py" --bootstrap "$B" --group "bench-py-$suffix" \
    --topic "$T_IN" --output-topic "$T_OUT_PY" --dlq-topic "$T_DLQ_PY" --schema "$SCHEMA" \
    --max-messages "$PY_N"
  py_secs=$secs py_rss=$rss_mb py_cpu=$cpu py_status=$status
  summary="$(tail -n 1 "$work/python.out")"
  if ((py_status != 0)) || ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
    sed 's/^/    /' "$work/python.err" | tail -n 20 >&2
    die "the Python baseline failed (exit $py_status)"
  fi
  py_consumed=$(jq -r .consumed <<<"$summary")
  py_fwd=$(jq -r .forwarded <<<"$summary")
  py_dlq=$(jq -r .dead_lettered <<<"$summary")
  py_own_rate=$(jq -r .msgs_per_sec <<<"$summary")
  py_out_count=$(end_offsets "$T_OUT_PY")
  py_dlq_count=$(end_offsets "$T_DLQ_PY")
  [[ "$py_consumed" -eq "$PY_N" ]] || problems+=("Python consumed $py_consumed of $PY_N")
  [[ $((py_fwd + py_dlq)) -eq "$PY_N" ]] || problems+=("Python forwarded $py_fwd + dead-lettered $py_dlq != $PY_N")
  [[ "$py_out_count" -eq "$py_fwd" && "$py_dlq_count" -eq "$py_dlq" ]] \
    || problems+=("Python topics hold $py_out_count / $py_dlq_count, it reported $py_fwd / $py_dlq")
  log "Python: ${py_secs}s, forwarded $py_fwd (output topic $py_out_count), dead-lettered $py_dlq (DLQ topic $py_dlq_count)"
else
  py_consumed=0 py_fwd=0 py_dlq=0 py_secs=0 py_rss=0 py_cpu=0 py_own_rate=0 py_out_count=0 py_dlq_count=0
fi

# --- 10. report --------------------------------------------------------------------------------
kmsg_rate=$(calc "$kmsg_consumed / $kmsg_secs")
kcat_rate=$(calc "$kcat_read / $kcat_secs")
py_rate=0
((RUN_PYTHON == 0)) || py_rate=$(calc "$py_consumed / $py_secs")
vo_rate=$(calc "$vo_consumed / $vo_secs")
us_per_msg() { awk -v c="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%.1f", c * 1000000 / n; else print "-" }'; }
kmsg_us=$(us_per_msg "$kmsg_cpu" "$kmsg_consumed")
kcat_us=$(us_per_msg "$kcat_cpu" "$kcat_read")
if ((RUN_JAVA)); then
  java_rate=$(calc "$N / $java_secs")
  java_us=$(us_per_msg "$java_cpu" "$N")
  ratio_java=$(calc "$kmsg_rate / $java_rate")
  ratio_java_own=$(calc "$kmsg_own_rate / $java_own_rate")
  ratio_java_cpu=$(calc "$kmsg_cpu / $java_cpu")
  ratio_java_rss=$(calc "$kmsg_rss / $java_rss")
fi
vo_us=$(us_per_msg "$vo_cpu" "$vo_consumed")
py_us=$(us_per_msg "$py_cpu" "$py_consumed")
ratio_kcat=$(calc "$kmsg_rate / $kcat_rate")
ratio_py=0 ratio_py_own=0
if ((RUN_PYTHON)); then
    ratio_py=$(calc "$kmsg_rate / $py_rate")
    ratio_py_own=$(calc "$kmsg_own_rate / $py_own_rate")
fi
ok_if() { awk "BEGIN { print ($1) ? \"ok\" : \"MISS\" }"; }
if ((RUN_AVRO)); then
  avro_rate=$(calc "$avro_count / $avro_secs")
  avro_us=$(us_per_msg "$avro_cpu" "$avro_count")
  ratio_avro=$(calc "$avro_rate / $kmsg_rate")
  ratio_avro_own=$(calc "$avro_own_rate / $kmsg_own_rate")
  ratio_avro_cpu=$(calc "$avro_us / $kmsg_us")
fi

cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
kafka_note="$kafka_version (3 brokers, combined mode, localhost)"
[[ -n "${BENCH_BOOTSTRAP:-}" ]] && kafka_note="cluster at $B (jars in KAFKA_HOME: $kafka_version)"
echo
echo "kmsg consume benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) CPUs, ${cpu_model:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average before the runs: $load_before, after: $load_after"
echo "kafka: $kafka_note; input topic: $PARTITIONS partitions, RF 3"
echo "kmsg: $("$kmsg" --version 2>/dev/null || echo '?'); kcat: $(kcat -V 2>&1 | awk '/^Version/ { print $2; exit }') ($(kcat -V 2>&1 | grep -o 'librdkafka [0-9.]*' | head -n 1)); $py_versions"
echo "Java pipeline: $java_versions"
echo "kmsg binary: $kmsg; input written by: $input_kmsg; schema: $SCHEMA ($(sha256sum "$SCHEMA" | cut -c1-12))"
echo "input: $N login events, $expected_invalid invalid ($INVALID_RATIO), written by kmsg produce in $(printf "%.1f" "$produce_secs")s; values $json_value_bytes bytes on average (first 1000)"
if ((RUN_AVRO)); then
  echo "Avro input: the same $N events, $avro_count of them encoded with $(basename "$AVSC") (subject $SUBJECT, schema id $schema_id, registry $REG_URL$([[ -n "$registry_pid" ]] && echo ", started by the script")) in $(printf "%.1f" "$avro_produce_secs")s; $avro_skipped bad on purpose that do not fit Avro skipped ($avro_skipped_reasons); $expected_avro_invalid invalid that fit Avro (bad ip / locale); values $avro_value_bytes bytes on average"
fi
echo "work: kmsg, Java and Python decode + JSON + schema.json (formats on) + forward/DLQ (acks=all, idempotence) + commits; kcat only reads to /dev/null"
((RUN_AVRO == 0)) || echo "      kmsg Avro: the same, decoding each record through the registry first (--value-format registry; forwards keep the Avro bytes)"
echo "wall clock = process start to exit (start-up, group join and final flush included)"
if ((RUN_PYTHON && PY_N < N)); then
  echo "NOTE: the Python baseline consumed only the first $PY_N messages (BENCH_PY_MESSAGES; it is slow); its msgs/s is comparable"
fi
if ((RUN_AVRO)); then
  echo "NOTE: Avro/JSON compares msgs/s, per message: the Avro topic holds $avro_count messages ($(calc "100 * $expected_avro_invalid / $avro_count" | xargs printf '%.1f')% invalid), the JSON one $N ($(calc "100 * $expected_invalid / $N" | xargs printf '%.1f')% invalid); a dead letter costs more than a forward"
fi
if awk -v l="${load_after%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  echo "NOTE: the machine was busy (load average above $(nproc)): wall-clock figures are noisy; CPU us/msg is steadier"
fi
echo
printf '%-32s %10s %9s %10s %9s %11s %8s %10s\n' contender messages seconds msgs/s "RSS MB" "own msgs/s" "CPU s" "CPU us/msg"
printf '%-32s %10s %9s %10s %9s %11s %8s %10s\n' ---------- -------- ------- ------ ------ ---------- ----- ----------
printf '%-32s %10d %9.2f %10.0f %9.1f %11.0f %8.2f %10s\n' "kmsg consume (validate+forward)" "$kmsg_consumed" "$kmsg_secs" "$kmsg_rate" "$kmsg_rss" "$kmsg_own_rate" "$kmsg_cpu" "$kmsg_us"
((RUN_AVRO == 0)) || printf '%-32s %10d %9.2f %10.0f %9.1f %11.0f %8.2f %10s\n' "kmsg consume Avro (registry)" "$avro_count" "$avro_secs" "$avro_rate" "$avro_rss" "$avro_own_rate" "$avro_cpu" "$avro_us"
printf '%-32s %10d %9.2f %10.0f %9.1f %11s %8.2f %10s\n' "kcat -C (raw read, /dev/null)" "$kcat_read" "$kcat_secs" "$kcat_rate" "$kcat_rss" "-" "$kcat_cpu" "$kcat_us"
((RUN_JAVA == 0)) || printf '%-32s %10d %9.2f %10.0f %9.1f %11.0f %8.2f %10s\n' "Java kafka-clients (valid.+fwd)" "$N" "$java_secs" "$java_rate" "$java_rss" "$java_own_rate" "$java_cpu" "$java_us"
((RUN_PYTHON == 0)) || printf '%-32s %10d %9.2f %10.0f %9.1f %11.0f %8.2f %10s\n' "Python (validate+forward)" "$py_consumed" "$py_secs" "$py_rate" "$py_rss" "$py_own_rate" "$py_cpu" "$py_us"
printf '%-32s %10d %9.2f %10.0f %9.1f %11.0f %8.2f %10s\n' "info: kmsg validate only, no fwd" "$vo_consumed" "$vo_secs" "$vo_rate" "$vo_rss" "$vo_own_rate" "$vo_cpu" "$vo_us"
echo "  (own msgs/s = the tool's own figure, from its start-up to its end; CPU = user + system of all its threads)"
echo "  kmsg$( ((RUN_JAVA)) && echo ", Java")$( ((RUN_AVRO)) && echo ", kmsg Avro") and kcat: median of $ROUNDS rounds, the order rotating (RSS: highest round); per round, seconds, in the order run:"
for ((r = 1; r <= ROUNDS; r++)); do
  line=""
  for ((i = 0; i < ${#contenders[@]}; i++)); do
    c=${contenders[$(((r - 1 + i) % ${#contenders[@]}))]}
    case "$c" in
      json) line+=$(printf ', kmsg %.2f s (CPU %.2f s)' "${K_SECS[json,$r]}" "${K_CPU[json,$r]}") ;;
      avro) line+=$(printf ', kmsg Avro %.2f s (CPU %.2f s)' "${K_SECS[avro,$r]}" "${K_CPU[avro,$r]}") ;;
      java) line+=$(printf ', Java %.2f s (CPU %.2f s)' "${J_SECS[$r]}" "${J_CPU[$r]}") ;;
      kcat) line+=$(printf ', kcat %.2f s' "${C_SECS[$r]}") ;;
    esac
  done
  printf '    round %d: %s\n' "$r" "${line#, }"
done
((WARMUP_PASSES == 0)) || echo "  untimed warm-up passes of kmsg before them, seconds: ${WARM_SECS[*]}$( ((RUN_AVRO)) && printf '; then one of kmsg Avro: %.2f' "$avro_warm_secs")"
echo "  kmsg, every round: forwarded $kmsg_fwd, dead-lettered $kmsg_dlq (the output and DLQ topics grew by exactly that)"
((RUN_JAVA == 0)) || echo "  Java, every round: forwarded $java_fwd, dead-lettered $java_dlq (its fresh output and DLQ topics hold exactly that); untimed pass first: $(printf '%.2f' "$java_warm_secs") s"
if ((RUN_VERIFY)); then
  echo "  kmsg verify (every input id in the round's output or DLQ topic) passed: kmsg ${VERIFIED_KMSG} of $ROUNDS rounds$( ((RUN_JAVA)) && echo ", Java $VERIFIED_JAVA of $ROUNDS rounds")"
fi
if ((RUN_JAVA)); then
  echo
  echo "kmsg consume against the Java pipeline, every round ($N messages each; CPU = user + system, all threads):"
  printf '  %-6s %-6s %9s %10s %8s %8s %10s %8s\n' round tool seconds msgs/s "CPU s" "of it sys" "CPU us/msg" "RSS MB"
  for ((r = 1; r <= ROUNDS; r++)); do
    printf '  %-6s %-6s %9.2f %10.0f %8.2f %8.2f %10s %8.1f\n' "$r" kmsg "${K_SECS[json,$r]}" "$(calc "$N / ${K_SECS[json,$r]}")" \
      "${K_CPU[json,$r]}" "${K_SYS[json,$r]}" "$(us_per_msg "${K_CPU[json,$r]}" "$N")" "${K_RSS[json,$r]}"
    printf '  %-6s %-6s %9.2f %10.0f %8.2f %8.2f %10s %8.1f\n' "$r" Java "${J_SECS[$r]}" "$(calc "$N / ${J_SECS[$r]}")" \
      "${J_CPU[$r]}" "${J_SYS[$r]}" "$(us_per_msg "${J_CPU[$r]}" "$N")" "${J_RSS[$r]}"
  done
  printf '  %-6s %-6s %9.2f %10.0f %8.2f %8.2f %10s %8.1f\n' median kmsg "$kmsg_secs" "$kmsg_rate" "$kmsg_cpu" "$(median $(rounds_of K_SYS json))" "$kmsg_us" "$kmsg_rss_median"
  printf '  %-6s %-6s %9.2f %10.0f %8.2f %8.2f %10s %8.1f\n' median Java "$java_secs" "$java_rate" "$java_cpu" "$(median "${J_SYS[@]}")" "$java_us" "$java_rss_median"
fi
((RUN_AVRO == 0)) || echo "  kmsg Avro, every round: forwarded $avro_fwd, dead-lettered $avro_dlq of $avro_count (the output and DLQ topics grew by exactly that)"
((RUN_PYTHON == 0)) || echo "  Python: forwarded $py_fwd (output topic holds $py_out_count), dead-lettered $py_dlq (DLQ holds $py_dlq_count)"
echo
printf '%-34s %10s   %-10s %s\n' figure value target verdict
printf '%-34s %10.2f   %-10s %s\n' "ratio kmsg/kcat (msgs/s)" "$ratio_kcat" ">= 0.5" "$(ok_if "$ratio_kcat >= 0.5")"
if ((RUN_PYTHON)); then
    printf '%-34s %10.1f   %-10s %s\n' "ratio kmsg/Python (msgs/s)" "$ratio_py" ">= 10" "$(ok_if "$ratio_py >= 10")"
    printf '%-34s %10.1f   %-10s %s\n' "ratio kmsg/Python (own msgs/s)" "$ratio_py_own" "(info)" ""
    printf '%-34s %10.1f   %-10s %s\n' "ratio Python/kmsg (CPU per msg)" "$(calc "$py_us / $kmsg_us")" "(info)" ""
else
  printf '%-34s %10s   %-10s %s\n' "ratio kmsg/Python (msgs/s)" "-" ">= 10" "skipped (BENCH_PYTHON=0)"
fi
if ((RUN_AVRO)); then
  printf '%-34s %10.2f   %-10s %s\n' "ratio kmsg Avro/JSON (msgs/s)" "$ratio_avro" ">= 0.8" "$(ok_if "$ratio_avro >= 0.8")"
  printf '%-34s %10.2f   %-10s %s\n' "ratio kmsg Avro/JSON (own msgs/s)" "$ratio_avro_own" "(info)" ""
  printf '%-34s %10.2f   %-10s %s\n' "ratio Avro/JSON (CPU per msg)" "$ratio_avro_cpu" "(info)" ""
else
  printf '%-34s %10s   %-10s %s\n' "ratio kmsg Avro/JSON (msgs/s)" "-" ">= 0.8" "skipped (BENCH_AVRO=0)"
fi
printf '%-34s %10.2f   %-10s %s\n' "ratio kmsg validate-only/kcat" "$(calc "$vo_rate / $kcat_rate")" "(info)" ""
printf '%-34s %10.1f   %-10s %s\n' "kmsg peak RSS (MB)" "$kmsg_rss" "< 150" "$(ok_if "$kmsg_rss < 150")"
if ((RUN_JAVA)); then
  printf '%-34s %10.2f   %-10s %s\n' "ratio kmsg/Java (msgs/s)" "$ratio_java" ">= 2" "$(ok_if "$ratio_java >= 2")"
  printf '%-34s %10.2f   %-10s %s\n' "ratio kmsg/Java (own msgs/s)" "$ratio_java_own" "(info)" ""
  printf '%-34s %10.2f   %-10s %s\n' "ratio kmsg/Java (CPU per msg)" "$ratio_java_cpu" "<= 0.5" "$(ok_if "$ratio_java_cpu <= 0.5")"
  printf '%-34s %10.2f   %-10s %s\n' "ratio kmsg/Java (peak RSS)" "$ratio_java_rss" "<= 0.25" "$(ok_if "$ratio_java_rss <= 0.25")"
else
  printf '%-34s %10s   %-10s %s\n' "ratio kmsg/Java (msgs/s)" "-" ">= 2" "skipped (BENCH_JAVA=0)"
fi
echo
if ((${#problems[@]})); then
  echo "problems:"
  printf '  - %s\n' "${problems[@]}"
fi
log "benchmark done in $(($(date +%s) - run_start))s"
((${#problems[@]} == 0))
