#!/usr/bin/env bash
# Producer benchmark: `kmsg produce` against kcat and Kafka's own ProducerPerformance
# (kafka-producer-perf-test), on the same local three-broker KRaft cluster, in the same run.
#
# What it measures
#   1. Throughput: N messages of 200 bytes (JSON lines, no keys; default N = 1,000,000) sent
#      to a fresh topic per tool (6 partitions, RF 3, min.insync.replicas=2) with acks=all and
#      idempotence, timed by wall clock from process start to exit (so start-up, connection
#      and the final wait for acknowledgements are included). kmsg and kcat read the same file;
#      ProducerPerformance sends N random 200-byte records (its --record-size mode).
#      Peak RSS of each tool via GNU time (/usr/bin/time -v). Counts are checked on the
#      brokers (sum of the partitions' end offsets must equal N).
#   2. Rate accuracy of `kmsg produce --generate posts --rate R --duration 10s` for
#      R in 10, 1000, 10000, 100000: achieved rate = sent / 10 s, error in %, `kept_up`.
#   It prints the machine, the Kafka version, a results table with ratios and the targets
#   (kmsg/kcat >= 1.0, kmsg peak RSS < 100 MB, rate error within 2%).
#
# Set-up is self-contained, like scripts/test.sh: installs missing Debian packages (kcat, GNU
# time, jq; java/maven if missing), fetches Kafka (scripts/fetch-kafka.sh, KAFKA_HOME defaults
# to <repo>/.cache/kafka), builds kmsg with `cargo build --release --locked` into
# <repo>/target/bench (a target dir of its own, so it never blocks the debug build), starts a
# dedicated cluster on free loopback ports with `kmsg cluster up`, and always stops and purges
# it on exit (also on failure or Ctrl-C). Every tool run is bounded with `timeout`.
#
# Usage: bench/produce.sh
# Environment:
#   BENCH_MESSAGES=N      messages per throughput run (default 1000000)
#   BENCH_RATES="R ..."   rates for the accuracy runs (default "10 1000 10000 100000")
#   BENCH_RATE_SECS=S     length of each rate run in seconds (default 10)
#   BENCH_TIMEOUT=S       limit per tool run in seconds (default 600)
#   BENCH_BOOTSTRAP=B     use this running cluster (must have 3 brokers) instead of starting one
#   BENCH_TARGET_DIR=D    cargo target dir for the release build (default <repo>/target/bench)
#   KAFKA_HOME=D          Kafka jars (default <repo>/.cache/kafka)
# Takes about 3-6 minutes plus the release build (about 5-10 minutes the first time) on 2 cores.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
run_start=$(date +%s)

N="${BENCH_MESSAGES:-1000000}"
RATES="${BENCH_RATES:-10 1000 10000 100000}"
RATE_SECS="${BENCH_RATE_SECS:-10}"
TOOL_TIMEOUT="${BENCH_TIMEOUT:-600}"
SIZE=200        # bytes per message (without the newline in the file)
PARTITIONS=6

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "BENCH_MESSAGES must be a positive integer, got '$N'"

# --- 1. system packages -------------------------------------------------------------------
need_pkgs=()
command -v kcat >/dev/null 2>&1 || need_pkgs+=(kcat)
[[ -x /usr/bin/time ]] || need_pkgs+=(time)
command -v jq >/dev/null 2>&1 || need_pkgs+=(jq)
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
cargo build --release --locked
kmsg="$CARGO_TARGET_DIR/release/kmsg"
[[ -x "$kmsg" ]] || die "no binary at $kmsg"

# --- 4. scratch space, cluster, clean-up ---------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/kmsg-bench.XXXXXX")"
state="$work/cluster"
cluster_started=""
cleanup() {
  local rc=$?
  if [[ -n "$cluster_started" ]]; then
    log "stopping the benchmark cluster"
    timeout 120 "$kmsg" cluster down --state-dir "$state" --purge >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n "${BENCH_BOOTSTRAP:-}" ]]; then
  B="$BENCH_BOOTSTRAP"
  log "using the existing cluster at $B"
else
  port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
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

# --- 5. topics -------------------------------------------------------------------------------
suffix="$(date +%s)-$RANDOM"
T_KMSG="bench-kmsg-$suffix"
T_KCAT="bench-kcat-$suffix"
T_PERF="bench-perf-$suffix"
T_RATE="bench-rate-$suffix"
for t in "$T_KMSG" "$T_KCAT" "$T_PERF" "$T_RATE"; do
  timeout 60 "$kmsg" --bootstrap "$B" topics create "$t" -p "$PARTITIONS" -r 3 \
    --config min.insync.replicas=2 >/dev/null
done
log "topics created: bench-{kmsg,kcat,perf,rate}-$suffix"

# --- 6. the input file: N JSON lines of exactly $SIZE bytes, no keys -------------------------
data="$work/messages.jsonl"
log "writing $N messages of $SIZE bytes to $data"
awk -v n="$N" -v size="$SIZE" 'BEGIN {
  lorem = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua Ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur"
  for (i = 1; i <= n; i++) {
    head = sprintf("{\"id\":%d,\"user\":\"user-%04d\",\"ts\":%d,\"lang\":\"en\",\"text\":\"", i, i % 9973, 1767225600000 + i)
    tail = "\"}"
    pad = size - length(head) - length(tail)
    printf "%s%s%s\n", head, substr(lorem, 1 + i % 40, pad), tail
  }
}' > "$data"
lines=$(wc -l < "$data")
bytes=$(wc -c < "$data")
[[ "$lines" -eq "$N" && "$bytes" -eq $((N * (SIZE + 1))) ]] \
  || die "input file has $lines lines / $bytes bytes, expected $N / $((N * (SIZE + 1)))"

# --- helpers ---------------------------------------------------------------------------------
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%s\", $* }"; }
# Sum of the end offsets of all partitions of a topic (= messages in a fresh topic).
end_offsets() {
  local topic="$1" args=() p
  for ((p = 0; p < PARTITIONS; p++)); do args+=(-t "$topic:$p:-1"); done
  timeout 60 kcat -b "$B" -Q "${args[@]}" 2>/dev/null \
    | awk '/offset/ { for (i = 1; i < NF; i++) if ($i == "offset") s += $(i + 1) } END { print s + 0 }'
}
# Peak RSS in MB from a `/usr/bin/time -v` report.
peak_rss_mb() { awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
# Runs a tool under GNU time and timeout; sets $secs (wall clock), $rss_mb and $status.
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
  if ((status == 124)); then
    log "$name: timed out after ${TOOL_TIMEOUT}s"
  fi
}

tools_log4j="$work/tools-log4j2.properties"
cat > "$tools_log4j" <<'EOF'
status = warn
name = kmsg-bench-tools
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
EOF

problems=()

# --- 7. kmsg ---------------------------------------------------------------------------------
log "kmsg: producing $N messages from the file"
timed kmsg "$work/kmsg.out" "$work/kmsg.err" \
  "$kmsg" --bootstrap "$B" produce -t "$T_KMSG" --file "$data" --quiet --output json
kmsg_secs=$secs kmsg_rss=$rss_mb kmsg_status=$status
summary="$(tail -n 1 "$work/kmsg.out")"
if ((kmsg_status != 0)) || ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
  sed 's/^/    /' "$work/kmsg.err" >&2
  die "kmsg produce failed (exit $kmsg_status)"
fi
kmsg_acked=$(jq -r .acknowledged <<<"$summary")
kmsg_failed=$(jq -r .failed <<<"$summary")
kmsg_own_rate=$(jq -r .msgs_per_sec <<<"$summary")
kmsg_p50=$(jq -r '.latency.p50_ms // "n/a"' <<<"$summary")
kmsg_p99=$(jq -r '.latency.p99_ms // "n/a"' <<<"$summary")
kmsg_on_broker=$(end_offsets "$T_KMSG")
[[ "$kmsg_acked" -eq "$N" ]] || problems+=("kmsg acknowledged $kmsg_acked of $N (failed $kmsg_failed)")
[[ "$kmsg_on_broker" -eq "$N" ]] || problems+=("kmsg topic holds $kmsg_on_broker messages, expected $N")
log "kmsg: ${kmsg_secs}s, acknowledged $kmsg_acked, on the brokers $kmsg_on_broker"

# --- 8. kcat ---------------------------------------------------------------------------------
# kcat -P waits until its output queue is empty (every delivery report received) before it
# exits, and prints "% Delivery failed" lines and exits non-zero when messages fail.
log "kcat: producing $N messages from the file"
timed kcat "$work/kcat.out" "$work/kcat.err" \
  kcat -P -b "$B" -t "$T_KCAT" -l -X acks=all -X enable.idempotence=true "$data"
kcat_secs=$secs kcat_rss=$rss_mb kcat_status=$status
((kcat_status == 0)) || { sed 's/^/    /' "$work/kcat.err" | tail -n 20 >&2; problems+=("kcat exited $kcat_status"); }
kcat_on_broker=$(end_offsets "$T_KCAT")
[[ "$kcat_on_broker" -eq "$N" ]] || problems+=("kcat topic holds $kcat_on_broker messages, expected $N")
log "kcat: ${kcat_secs}s, on the brokers $kcat_on_broker"

# --- 9. Kafka's ProducerPerformance (what kafka-producer-perf-test.sh runs) -------------------
# JVM options as kafka-producer-perf-test.sh / kafka-run-class.sh set them.
log "ProducerPerformance: producing $N records of $SIZE bytes"
timed perf "$work/perf.out" "$work/perf.err" \
  java -Xmx512M -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
  -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
  "-Dlog4j2.configurationFile=$tools_log4j" -cp "$KAFKA_HOME/libs/*" \
  org.apache.kafka.tools.ProducerPerformance --topic "$T_PERF" --num-records "$N" \
  --record-size "$SIZE" --throughput -1 --bootstrap-server "$B" \
  --command-property acks=all enable.idempotence=true
perf_secs=$secs perf_rss=$rss_mb perf_status=$status
# Final line: "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency,
#              P50 ms 50th, P95 ms 95th, P99 ms 99th, P999 ms 99.9th."
perf_final="$(grep 'records sent' "$work/perf.out" | tail -n 1 || true)"
if ((perf_status != 0)) || [[ -z "$perf_final" ]]; then
  sed 's/^/    /' "$work/perf.err" | tail -n 20 >&2
  problems+=("ProducerPerformance exited $perf_status")
  perf_own_rate=0 perf_p50=n/a perf_p99=n/a
else
  perf_own_rate=$(awk -F', ' '{ split($2, a, " "); print a[1] }' <<<"$perf_final")
  perf_p50=$(awk -F', ' '{ split($5, a, " "); print a[1] }' <<<"$perf_final")
  perf_p99=$(awk -F', ' '{ split($7, a, " "); print a[1] }' <<<"$perf_final")
fi
perf_on_broker=$(end_offsets "$T_PERF")
[[ "$perf_on_broker" -eq "$N" ]] || problems+=("perf-test topic holds $perf_on_broker records, expected $N")
log "ProducerPerformance: ${perf_secs}s, on the brokers $perf_on_broker"

# --- 10. kmsg rate accuracy ------------------------------------------------------------------
rate_rows=()
for R in $RATES; do
  log "kmsg --rate $R for ${RATE_SECS}s"
  timed "rate-$R" "$work/rate-$R.out" "$work/rate-$R.err" \
    "$kmsg" --bootstrap "$B" produce -t "$T_RATE" --generate posts --rate "$R" \
    --duration "${RATE_SECS}s" -q -o json
  line="$(tail -n 1 "$work/rate-$R.out")"
  if ! jq -e . >/dev/null 2>&1 <<<"$line"; then
    sed 's/^/    /' "$work/rate-$R.err" | tail -n 20 >&2
    problems+=("kmsg --rate $R failed (exit $status)")
    rate_rows+=("$R - - - - - FAIL")
    continue
  fi
  # kmsg exits 0 even when it could not keep up (it warns); any other failure is a problem.
  ((status == 0)) || problems+=("kmsg --rate $R exited $status")
  sent=$(jq -r .sent <<<"$line")
  acked=$(jq -r .acknowledged <<<"$line")
  kept=$(jq -r .kept_up <<<"$line")
  achieved=$(calc "$sent / $RATE_SECS")
  err_pct=$(calc "($sent / $RATE_SECS - $R) * 100 / $R")
  verdict=$(awk -v e="$err_pct" 'BEGIN { print ((e < 0 ? -e : e) <= 2) ? "ok" : "MISS" }')
  rate_rows+=("$R $sent $acked $achieved $err_pct $kept $verdict")
done

# --- 11. report ------------------------------------------------------------------------------
mbps() { calc "$N * $SIZE / $1 / 1000000"; }
rate_of() { calc "$N / $1"; }
kmsg_rate=$(rate_of "$kmsg_secs") kcat_rate=$(rate_of "$kcat_secs") perf_rate=$(rate_of "$perf_secs")
ratio_kcat=$(calc "$kmsg_rate / $kcat_rate")
ratio_perf=$(calc "$kmsg_rate / $perf_rate")
ok_if() { awk "BEGIN { print ($1) ? \"ok\" : \"MISS\" }"; }

cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo
echo "kmsg produce benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, ${cpu_model:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, load average before report: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kafka: $kafka_version (3 brokers, combined mode, localhost); topics: $PARTITIONS partitions, RF 3, min.insync.replicas=2; acks=all, idempotence on"
echo "kmsg: $("$kmsg" --version 2>/dev/null || echo '?') (librdkafka 2.12.1 via rdkafka-sys); kcat: $(kcat -V 2>&1 | awk '/^Version/ { print $2, $3, $4, $5 }' | tr -d '(')"
echo "payload: $N messages x $SIZE bytes (JSON lines, no keys); wall clock = process start to exit; MB = 10^6 bytes"
echo
printf '%-22s %10s %9s %10s %7s %9s %10s %12s\n' tool messages seconds msgs/s MB/s "RSS MB" "own msgs/s" "p50/p99 ms"
printf '%-22s %10s %9s %10s %7s %9s %10s %12s\n' ---- -------- ------- ------ ---- ------ ---------- ----------
printf '%-22s %10d %9.2f %10.0f %7.2f %9.1f %10.0f %12s\n' "kmsg produce" "$kmsg_acked" "$kmsg_secs" "$kmsg_rate" "$(mbps "$kmsg_secs")" "$kmsg_rss" "$kmsg_own_rate" "$kmsg_p50/$kmsg_p99"
printf '%-22s %10d %9.2f %10.0f %7.2f %9.1f %10s %12s\n' "kcat -P" "$kcat_on_broker" "$kcat_secs" "$kcat_rate" "$(mbps "$kcat_secs")" "$kcat_rss" "-" "-"
printf '%-22s %10d %9.2f %10.0f %7.2f %9.1f %10.0f %12s\n' "ProducerPerformance" "$perf_on_broker" "$perf_secs" "$perf_rate" "$(mbps "$perf_secs")" "$perf_rss" "$perf_own_rate" "$perf_p50/$perf_p99"
echo "  (messages = acknowledged for kmsg, end offsets on the brokers for kcat and perf-test; own msgs/s = the tool's own figure, without start-up)"
echo
printf '%-34s %10s   %-12s %s\n' figure value target verdict
printf '%-34s %10.2f   %-12s %s\n' "ratio kmsg/kcat (msgs/s)" "$ratio_kcat" ">= 1.0" "$(ok_if "$ratio_kcat >= 1.0")"
printf '%-34s %10.2f   %-12s %s\n' "ratio kmsg/ProducerPerformance" "$ratio_perf" "(info)" ""
printf '%-34s %10.1f   %-12s %s\n' "kmsg peak RSS (MB)" "$kmsg_rss" "< 100" "$(ok_if "$kmsg_rss < 100")"
printf '%-34s %10s   %-12s %s\n' "kmsg latency p50 / p99 (ms)" "$kmsg_p50 / $kmsg_p99" "(info)" ""
echo
echo "kmsg --rate accuracy (--generate posts --duration ${RATE_SECS}s; achieved = sent / ${RATE_SECS} s; target: within 2%)"
printf '%10s %10s %12s %12s %9s %8s %8s\n' "rate" sent acknowledged achieved/s "error %" kept_up verdict
for row in "${rate_rows[@]}"; do
  read -r R sent acked achieved err_pct kept verdict <<<"$row"
  if [[ "$sent" == "-" ]]; then
    printf '%10s %10s %12s %12s %9s %8s %8s\n' "$R" - - - - - "$verdict"
  else
    printf '%10s %10d %12d %12.1f %+9.2f %8s %8s\n' "$R" "$sent" "$acked" "$achieved" "$err_pct" "$kept" "$verdict"
  fi
done
echo
if ((${#problems[@]})); then
  echo "problems:"
  printf '  - %s\n' "${problems[@]}"
fi
log "benchmark done in $(($(date +%s) - run_start))s"
((${#problems[@]} == 0))
