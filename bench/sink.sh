#!/usr/bin/env bash
# HTTP-downstream benchmark: `kmsg consume --sink-url`, at-least-once against exactly-once.
#
# What it measures
#   Input: N login events (default N = 100,000) written once by
#   `kmsg produce --generate login --invalid-ratio 0.05 --seed 1` to a fresh topic (6 partitions,
#   RF 3), so about 5% of them are invalid. A local HTTP downstream (bench/sink/main.go, Go
#   standard library only, built here with `go build`) listens on 127.0.0.1, answers every POST
#   with 204 at once (keep-alive on) and counts the POSTs (GET /count). Then the same input is
#   consumed three times, each time by one member with a fresh group, in this order:
#     (1) at-least-once with --sink-concurrency 1 (one call at a time, as before the option),
#     (2) at-least-once with the default --sink-concurrency (8),
#     (3) --exactly-once --instance-id bench-1 (output, dead letters and offsets in Kafka
#         transactions), default concurrency,
#   each as `kmsg consume --schema schema.json --sink-url http://127.0.0.1:<port>/ingest
#   --output-topic <own> --dlq-topic <own> --max-messages N -o json`: every valid message is
#   POSTed to the downstream (at most one request in flight per partition) and, once it
#   accepted, forwarded to the
#   run's own output topic; invalid ones go to the run's own DLQ topic. Each run is timed by wall
#   clock from process start to exit (start-up, group join, final flush / commit included), with
#   peak RSS from GNU time (/usr/bin/time -v). Per run it also reads the downstream's request
#   count (must be >= the valid messages) and counts the output and DLQ topics with kcat
#   (`-X isolation.level=read_committed`, so aborted transactional records are not counted).
#   It prints the machine, a table (mode, messages, seconds, msgs/s, RSS, requests seen by the
#   downstream, output count), the gain of concurrent calls as alo/alo-c1 and the cost of
#   exactly-once as the ratio eos/alo of msgs/s.
#   Exit status 1 when a run failed or a check did not hold; the ratio itself has no target.
#
# Set-up is self-contained, like scripts/test.sh and bench/consume.sh: installs missing Debian
# packages (kcat, GNU time, jq, curl; java/maven if missing; golang-go if there is no `go`),
# fetches Kafka (scripts/fetch-kafka.sh, KAFKA_HOME defaults to <repo>/.cache/kafka), builds kmsg
# with `cargo build --release --locked --bin kmsg` into <repo>/target/bench, builds the
# downstream into a temporary folder, starts a dedicated cluster on free loopback ports with
# `kmsg cluster up` and always stops and purges it and stops the downstream on exit (also on
# failure or Ctrl-C). Every tool run is bounded with `timeout`.
#
# Usage: bench/sink.sh
# Environment:
#   BENCH_MESSAGES=N      messages in the input topic, consumed by each run (default 100000)
#   BENCH_TIMEOUT=S       limit per consume run in seconds (default 900)
#   BENCH_BOOTSTRAP=B     use this running cluster (3 brokers) instead of starting one
#   BENCH_TARGET_DIR=D    cargo target dir for the release build (default <repo>/target/bench)
#   KAFKA_HOME=D          Kafka jars (default <repo>/.cache/kafka)
# Takes about 2-5 minutes with the defaults on 2 cores, plus the release build the first time.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
run_start=$(date +%s)

N="${BENCH_MESSAGES:-100000}"
TOOL_TIMEOUT="${BENCH_TIMEOUT:-900}"
INVALID_RATIO=0.05
PARTITIONS=6

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "BENCH_MESSAGES must be a positive integer, got '$N'"
[[ "$TOOL_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "BENCH_TIMEOUT must be a positive integer, got '$TOOL_TIMEOUT'"

# --- 1. system packages -------------------------------------------------------------------
[[ -x /usr/local/go/bin/go ]] && ! command -v go >/dev/null 2>&1 && export PATH="$PATH:/usr/local/go/bin"
need_pkgs=()
command -v kcat >/dev/null 2>&1 || need_pkgs+=(kcat)
[[ -x /usr/bin/time ]] || need_pkgs+=(time)
command -v jq >/dev/null 2>&1 || need_pkgs+=(jq)
command -v curl >/dev/null 2>&1 || need_pkgs+=(curl)
command -v go >/dev/null 2>&1 || need_pkgs+=(golang-go)
command -v java >/dev/null 2>&1 || need_pkgs+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need_pkgs+=(maven)
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

# --- 3. release build (own target dir: never takes the lock of target/debug builds) ---------
export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$repo/target/bench}"
log "building kmsg (release) into $CARGO_TARGET_DIR"
cargo build --release --locked --bin kmsg
kmsg="$CARGO_TARGET_DIR/release/kmsg"
[[ -x "$kmsg" ]] || die "no binary at $kmsg"

# --- 4. scratch space, downstream, cluster, clean-up -----------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/kmsg-bench-sink.XXXXXX")"
state="$work/cluster"
cluster_started=""
sink_pid=""
cleanup() {
  local rc=$?
  if [[ -n "$sink_pid" ]]; then
    kill "$sink_pid" 2>/dev/null || true
    wait "$sink_pid" 2>/dev/null || true
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

# The downstream: standard library only, so the build needs no download.
log "building the HTTP downstream (bench/sink) with $(go version | awk '{ print $3 }')"
timeout 300 go build -C "$repo/bench/sink" -o "$work/sink" . || die "go build of bench/sink failed"
sink_port=""
for attempt in 1 2 3 4 5; do
  p=$((20000 + RANDOM % 25000))
  port_free "$p" || continue
  "$work/sink" -port "$p" 2> "$work/sink.err" &
  sink_pid=$!
  for _ in $(seq 50); do
    if curl -fsS "http://127.0.0.1:$p/count" >/dev/null 2>&1; then sink_port=$p; break; fi
    kill -0 "$sink_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$sink_port" ]] && break
  kill "$sink_pid" 2>/dev/null || true
  wait "$sink_pid" 2>/dev/null || true
  sink_pid=""
done
[[ -n "$sink_port" ]] || { cat "$work/sink.err" >&2 || true; die "could not start the HTTP downstream"; }
SINK_URL="http://127.0.0.1:$sink_port/ingest"
sink_count() { curl -fsS --max-time 10 "http://127.0.0.1:$sink_port/count"; }
# CPU seconds (user+sys) the downstream has used so far.
clk_tck=$(getconf CLK_TCK)
sink_cpu() { awk -v t="$clk_tck" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$sink_pid/stat"; }
log "downstream up: $SINK_URL (pid $sink_pid)"

if [[ -n "${BENCH_BOOTSTRAP:-}" ]]; then
  B="$BENCH_BOOTSTRAP"
  log "using the existing cluster at $B"
else
  for attempt in 1 2 3; do
    base=$((20000 + RANDOM % 25000))
    ok=1
    for off in 0 1 2 1000 1001 1002; do port_free $((base + off)) || ok=0; done
    ((ok)) || continue
    log "starting a 3-broker KRaft cluster on 127.0.0.1:$base-$((base + 2)) (attempt $attempt)"
    cluster_started=1
    if timeout 300 "$kmsg" cluster up --state-dir "$state" --base-port "$base" --kafka-home "$KAFKA_HOME" >&2; then
      B="127.0.0.1:$base,127.0.0.1:$((base + 1)),127.0.0.1:$((base + 2))"
      break
    fi
    timeout 120 "$kmsg" cluster down --state-dir "$state" --purge >/dev/null 2>&1 || rm -rf "$state"
    cluster_started=""
  done
  [[ -n "${B:-}" ]] || die "could not start the benchmark cluster (see the error above)"
  log "cluster up: $B"
fi

# --- helpers ---------------------------------------------------------------------------------
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%s\", $* }"; }
# Messages a read_committed consumer sees in a topic, from the beginning to the end (committed
# records only: transaction markers and aborted records are not counted, unlike end offsets).
committed_count() {
  local topic="$1" n
  n=$(timeout 120 kcat -C -b "$B" -t "$topic" -X isolation.level=read_committed \
    -o beginning -e -q -f '%o\n' 2>>"$work/kcat.err" | wc -l) || true
  printf '%s' "${n:-0}"
}
# Peak RSS in MB from a `/usr/bin/time -v` report.
peak_rss_mb() { awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
# Runs a tool under GNU time and timeout; sets $secs (wall clock), $cpu (user+sys seconds),
# $rss_mb (peak resident set) and $status.
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
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/$name.time")
  if ((status == 124)); then
    log "$name: timed out after ${TOOL_TIMEOUT}s"
  fi
}
problems=()

# --- 5. topics and data ----------------------------------------------------------------------
suffix="$(date +%s)-$RANDOM"
T_IN="bench-sink-in-$suffix"
T_OUT_ALO1="bench-sink-out-alo1-$suffix"
T_DLQ_ALO1="bench-sink-dlq-alo1-$suffix"
T_OUT_ALO="bench-sink-out-alo-$suffix"
T_DLQ_ALO="bench-sink-dlq-alo-$suffix"
T_OUT_EOS="bench-sink-out-eos-$suffix"
T_DLQ_EOS="bench-sink-dlq-eos-$suffix"
timeout 60 "$kmsg" --bootstrap "$B" topics create --input-topic "$T_IN" --output-topic "$T_OUT_ALO" \
  --dlq-topic "$T_DLQ_ALO" >/dev/null
for t in "$T_OUT_EOS" "$T_DLQ_EOS" "$T_OUT_ALO1" "$T_DLQ_ALO1"; do
  timeout 60 "$kmsg" --bootstrap "$B" topics create "$t" -p "$PARTITIONS" -r 3 >/dev/null
done
log "topics created: $T_IN, bench-sink-{out,dlq}-{alo1,alo,eos}-$suffix"

log "producing $N login events (invalid ratio $INVALID_RATIO, seed 1) to $T_IN"
timed produce "$work/produce.out" "$work/produce.err" \
  "$kmsg" --bootstrap "$B" produce -t "$T_IN" --generate login --count "$N" \
  --invalid-ratio "$INVALID_RATIO" --seed 1 -q -o json
produce_secs=$secs
summary="$(tail -n 1 "$work/produce.out")"
if ((status != 0)) || ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
  sed 's/^/    /' "$work/produce.err" | tail -n 20 >&2
  die "kmsg produce failed (exit $status)"
fi
acked=$(jq -r .acknowledged <<<"$summary")
expected_invalid=$(jq -r '[.generated_invalid[]?] | add // 0' <<<"$summary")
expected_valid=$((N - expected_invalid))
in_count=$(committed_count "$T_IN")
[[ "$acked" -eq "$N" && "$in_count" -eq "$N" ]] \
  || die "input topic holds $in_count messages ($acked acknowledged), expected $N"
log "input ready in ${produce_secs}s: $in_count messages, $expected_invalid of them invalid, $expected_valid valid"

# --- 6. the three runs -------------------------------------------------------------------------
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="${load_at_start%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  log "warning: load average $load_at_start on $(nproc) CPUs: other work is running, expect noisy figures"
fi
declare -A R_MSGS R_SECS R_RATE R_OWN R_RSS R_REQ R_OUT R_DLQ R_FWD R_DLQD R_TXN R_OK R_CPU R_SCPU R_LOAD
# run MODE OUT DLQ [extra consume flags...]
run() {
  local mode="$1" out="$2" dlq="$3"
  shift 3
  local before after cpu_before summary consumed fwd dlqd txn
  before=$(sink_count)
  cpu_before=$(sink_cpu)
  log "$mode: kmsg consume of $N messages, schema validation, POST to the downstream, forward + DLQ"
  timed "$mode" "$work/$mode.out" "$work/$mode.err" \
    "$kmsg" --bootstrap "$B" consume -g "bench-sink-$mode-$suffix" -t "$T_IN" \
    --output-topic "$out" --dlq-topic "$dlq" --schema "$repo/schema.json" \
    --sink-url "$SINK_URL" --max-messages "$N" -o json "$@"
  after=$(sink_count)
  R_LOAD[$mode]=$(cut -d' ' -f1 /proc/loadavg)
  R_SCPU[$mode]=$(calc "$(sink_cpu) - $cpu_before")
  R_SECS[$mode]=$secs R_RSS[$mode]=$rss_mb R_CPU[$mode]=$cpu R_REQ[$mode]=$((after - before))
  R_OUT[$mode]=$(committed_count "$out")
  R_DLQ[$mode]=$(committed_count "$dlq")
  summary="$(tail -n 1 "$work/$mode.out")"
  if ((status != 0)) || ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
    log "$mode: kmsg consume failed (exit $status); last lines of its stderr:"
    sed 's/^/    /' "$work/$mode.err" | tail -n 20 >&2
    problems+=("$mode: kmsg consume failed (exit $status)")
    R_OK[$mode]=0 R_MSGS[$mode]=0 R_RATE[$mode]=0 R_OWN[$mode]=0 R_FWD[$mode]=0 R_DLQD[$mode]=0 R_TXN[$mode]="-"
    return
  fi
  R_OK[$mode]=1
  consumed=$(jq -r .consumed <<<"$summary")
  fwd=$(jq -r .forwarded <<<"$summary")
  dlqd=$(jq -r .dead_lettered_total <<<"$summary")
  txn=$(jq -r 'if .transactions then "\(.transactions.committed) committed, \(.transactions.aborted) aborted" else "-" end' <<<"$summary")
  R_MSGS[$mode]=$consumed R_FWD[$mode]=$fwd R_DLQD[$mode]=$dlqd R_TXN[$mode]=$txn
  R_OWN[$mode]=$(jq -r .msgs_per_sec <<<"$summary")
  R_RATE[$mode]=$(calc "$consumed / $secs")
  [[ "$consumed" -eq "$N" ]] || problems+=("$mode: consumed $consumed of $N")
  [[ $((fwd + dlqd)) -eq "$N" ]] \
    || problems+=("$mode: forwarded $fwd + dead-lettered $dlqd != $N (not finished at exit: $(jq -r .not_finished_at_exit <<<"$summary"))")
  [[ "$dlqd" -eq "$expected_invalid" ]] \
    || problems+=("$mode: dead-lettered $dlqd, but $expected_invalid invalid messages were produced")
  ((R_REQ[$mode] >= expected_valid)) \
    || problems+=("$mode: the downstream saw ${R_REQ[$mode]} requests, fewer than the $expected_valid valid messages")
  ((R_OUT[$mode] >= fwd)) || problems+=("$mode: output topic holds ${R_OUT[$mode]} committed messages, fewer than the $fwd forwarded")
  if [[ "$mode" == eos ]]; then
    [[ "${R_OUT[$mode]}" -eq "$fwd" ]] \
      || problems+=("eos: output topic holds ${R_OUT[$mode]} committed messages, it reported $fwd forwarded")
    [[ "${R_DLQ[$mode]}" -eq "$dlqd" ]] \
      || problems+=("eos: DLQ topic holds ${R_DLQ[$mode]} committed messages, it reported $dlqd dead-lettered")
  fi
  log "$mode: ${secs}s, forwarded $fwd (output topic $(printf %s "${R_OUT[$mode]}")), dead-lettered $dlqd (DLQ topic ${R_DLQ[$mode]}), downstream requests ${R_REQ[$mode]}, transactions: $txn"
}

run alo1 "$T_OUT_ALO1" "$T_DLQ_ALO1" --sink-concurrency 1
run alo "$T_OUT_ALO" "$T_DLQ_ALO"
run eos "$T_OUT_EOS" "$T_DLQ_EOS" --exactly-once --instance-id bench-1

# --- 7. report -------------------------------------------------------------------------------
cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
kafka_note="$kafka_version (3 brokers, combined mode, localhost)"
[[ -n "${BENCH_BOOTSTRAP:-}" ]] && kafka_note="cluster at $B (jars in KAFKA_HOME: $kafka_version)"
echo
echo "kmsg consume --sink-url benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs (nproc), ${cpu_model:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, load average at the start of the runs: $load_at_start, before report: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kafka: $kafka_note; input topic: $PARTITIONS partitions, RF 3"
echo "kmsg: $("$kmsg" --version 2>/dev/null || echo '?'); downstream: bench/sink ($(go version | awk '{ print $3 }'), 204 per POST, keep-alive) at $SINK_URL"
echo "input: $N login events, $expected_invalid invalid ($INVALID_RATIO), $expected_valid valid, written by kmsg produce in ${produce_secs%.*}s"
echo "work per run: one member, fresh group; decode + JSON + schema.json; each valid message POSTed (at most one call in flight per partition), then forwarded (acks=all); invalid ones to the DLQ"
echo "wall clock = process start to exit (start-up, group join and final flush / commit included)"
echo
printf '%-22s %9s %9s %9s %8s %10s %10s %10s\n' mode messages seconds msgs/s "RSS MB" requests "output" "own msgs/s"
printf '%-22s %9s %9s %9s %8s %10s %10s %10s\n' ---- -------- ------- ------ ------ -------- ------ ----------
for mode in alo1 alo eos; do
  case "$mode" in
    alo1) label="at-least-once, conc 1" ;;
    alo) label="at-least-once, conc 8" ;;
    *) label="exactly-once, conc 8" ;;
  esac
  printf '%-22s %9d %9.2f %9.0f %8.1f %10d %10d %10.0f\n' "$label" "${R_MSGS[$mode]}" "${R_SECS[$mode]}" \
    "${R_RATE[$mode]}" "${R_RSS[$mode]}" "${R_REQ[$mode]}" "${R_OUT[$mode]}" "${R_OWN[$mode]}"
done
echo "  requests = POSTs the downstream counted during the run (must be >= $expected_valid valid messages)"
echo "  output   = messages in the run's output topic, read with kcat -X isolation.level=read_committed"
echo "  own msgs/s = kmsg's own figure (consumed / its duration_secs)"
for mode in alo1 alo eos; do
  echo "  $mode: forwarded ${R_FWD[$mode]}, dead-lettered ${R_DLQD[$mode]} (DLQ topic holds ${R_DLQ[$mode]} committed), transactions: ${R_TXN[$mode]}"
  echo "       CPU user+sys: kmsg ${R_CPU[$mode]} s, downstream ${R_SCPU[$mode]} s; 1-min load average at the end of the run: ${R_LOAD[$mode]}"
done
echo
if [[ "${R_OK[alo1]}" == 1 && "${R_OK[alo]}" == 1 ]]; then
  printf 'gain of concurrent calls: alo/alo1 msgs/s = %.2f (wall clock), %.2f (own msgs/s)\n' \
    "$(calc "${R_RATE[alo]} / ${R_RATE[alo1]}")" "$(calc "${R_OWN[alo]} / ${R_OWN[alo1]}")"
fi
if [[ "${R_OK[alo]}" == 1 && "${R_OK[eos]}" == 1 ]]; then
  ratio=$(calc "${R_RATE[eos]} / ${R_RATE[alo]}")
  ratio_own=$(calc "${R_OWN[eos]} / ${R_OWN[alo]}")
  printf 'cost of exactly-once: eos/alo msgs/s = %.2f (wall clock), %.2f (own msgs/s)\n' "$ratio" "$ratio_own"
else
  echo "cost of exactly-once: not measured (a run failed)"
fi
echo
if ((${#problems[@]})); then
  echo "problems:"
  printf '  - %s\n' "${problems[@]}"
fi
log "benchmark done in $(($(date +%s) - run_start))s"
((${#problems[@]} == 0))
