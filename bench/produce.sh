#!/usr/bin/env bash
# Producer benchmark: `kmsg produce` against kcat and Kafka's own ProducerPerformance
# (kafka-producer-perf-test), on the same local three-broker KRaft cluster, in the same run.
#
# What it measures
#   1. Throughput: N messages of 200 bytes (JSON lines, no keys; default N = 1,000,000) sent
#      to one fresh topic per tool (6 partitions, RF 3, min.insync.replicas=2), acks=all and
#      idempotence, each tool's default batching (kmsg lingers 20 ms when unpaced, kcat and
#      ProducerPerformance 5 ms); kcat runs a second time with -X linger.ms=20 ("kcat20"),
#      for the ratio at equal settings. Each run is timed by wall clock from process start to
#      exit (start-up, connecting and the final wait for acknowledgements included). kmsg and
#      kcat read the same file; ProducerPerformance sends N random 200-byte records (its
#      --record-size mode). Per run also: CPU time (user+sys) and peak RSS from GNU time
#      (/usr/bin/time -v). Counts are checked on the brokers (the topic's end offsets must grow
#      by N). BENCH_ROUNDS rounds (default 3), the tool order rotated per round; the table
#      shows medians (and the best round), so a burst of other work on the machine does not
#      decide the ratio. An untimed warm-up (200,000 messages by kcat to a topic of its own)
#      runs first; on a fresh cluster round 1 is still the slowest for every tool (the brokers
#      are still warming up), which the median absorbs.
#   2. Rate accuracy of `kmsg produce --generate posts --rate R --duration 10s` for
#      R in 10, 1000, 10000, 100000: achieved rate = sent / 10 s, error in %, `kept_up`.
#   It prints the machine, the Kafka version, a results table with ratios and the targets
#   (kmsg/kcat >= 1.0, kmsg peak RSS < 100 MB, rate error within 2%). Exit status 1 when a run
#   failed or a count did not match (targets missed are reported, not failures).
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
#   BENCH_ROUNDS=K        throughput rounds per tool (default 3)
#   BENCH_RATES="R ..."   rates for the accuracy runs (default "10 1000 10000 100000"; "" skips them)
#   BENCH_TOOLS="..."     the throughput tools, of kmsg kcat kcat20 perf (default all four);
#                         "kmsg kcat20" is the comparison at equal settings alone: both
#                         acks=all, idempotence, linger.ms=20 and librdkafka's batch.size
#                         (1,000,000) and batch.num.messages (10,000)
#   BENCH_BASE_BIN=P      also run this kmsg binary ("base") in the same rounds, on the same
#                         input, with the same checks: before/after in one run
#   BENCH_RATE_SECS=S     length of each rate run in seconds (default 10)
#   BENCH_TIMEOUT=S       limit per tool run in seconds (default 600)
#   BENCH_BOOTSTRAP=B     use this running cluster (3 brokers) instead of starting one
#   BENCH_TARGET_DIR=D    cargo target dir for the release build (default <repo>/target/bench)
#   BENCH_KMSG_BIN=P      measure this kmsg binary instead: no release build (for comparing two
#                         builds with the same script on the same cluster)
#   KAFKA_HOME=D          Kafka jars (default <repo>/.cache/kafka)
# On 2 cores: about 10-15 minutes with the defaults, plus the release build (3-10 minutes).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
run_start=$(date +%s)

N="${BENCH_MESSAGES:-1000000}"
RATES="${BENCH_RATES-10 1000 10000 100000}"
RATE_SECS="${BENCH_RATE_SECS:-10}"
TOOL_TIMEOUT="${BENCH_TIMEOUT:-600}"
ROUNDS="${BENCH_ROUNDS:-3}"
SIZE=200        # bytes per message (without the newline in the file)
PARTITIONS=6

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "BENCH_MESSAGES must be a positive integer, got '$N'"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive integer, got '$ROUNDS'"

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
    for f in "$state"/node-*/server.log; do
      [[ -f "$f" ]] && { log "last lines of $f:"; tail -n 5 "$f" | sed 's/^/    /' >&2; }
    done
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
T_WARM="bench-warmup-$suffix"
for t in "$T_KMSG" "$T_KCAT" "$T_PERF" "$T_RATE" "$T_WARM"; do
  timeout 60 "$kmsg" --bootstrap "$B" topics create "$t" -p "$PARTITIONS" -r 3 \
    --config min.insync.replicas=2 >/dev/null
done
log "topics created: bench-{kmsg,kcat,perf,rate,warmup}-$suffix"

# --- 6. the input file: N JSON lines of exactly $SIZE bytes, no keys -------------------------
data="$work/messages.jsonl"
log "writing $N messages of $SIZE bytes to $data"
awk -v n="$N" -v size="$SIZE" 'BEGIN {
  lorem = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua Ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur"
  for (i = 1; i <= n; i++) {
    head = sprintf("{\"id\":%d,\"user\":\"user-%04d\",\"ts\":%.0f,\"lang\":\"en\",\"text\":\"", i, i % 9973, 1767225600000 + i)
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
# Runs a tool under GNU time and timeout; sets $secs (wall clock), $cpu (user+sys seconds),
# $rss_mb (peak resident set) and $status. GNU time waits for `timeout`, whose rusage covers
# the tool it waited for: the peak RSS is the tool's.
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
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/$name.time")
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

load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="${load_at_start%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  log "warning: load average $load_at_start on $(nproc) CPUs: other work is running, expect noisy figures"
fi
problems=()
declare -A R_SECS R_CPU R_RSS R_OWN R_P50 R_P99 R_COUNT R_LOAD

run_kmsg() {
  local r="$1" key="${2:-kmsg}" bin="${3:-$kmsg}" before summary acked failed
  before=$(end_offsets "$T_KMSG")
  R_LOAD[$key,$r]=$(cut -d' ' -f1 /proc/loadavg)
  timed "$key-r$r" "$work/$key-r$r.out" "$work/$key-r$r.err" \
    "$bin" --bootstrap "$B" produce -t "$T_KMSG" --file "$data" --quiet --output json
  R_SECS[$key,$r]=$secs R_CPU[$key,$r]=$cpu R_RSS[$key,$r]=$rss_mb
  summary="$(tail -n 1 "$work/$key-r$r.out")"
  if ! jq -e . >/dev/null 2>&1 <<<"$summary"; then
    sed 's/^/    /' "$work/$key-r$r.err" | tail -n 20 >&2
    problems+=("round $r: $key produce failed (exit $status), no summary")
    R_OWN[$key,$r]=0 R_P50[$key,$r]=0 R_P99[$key,$r]=0 R_COUNT[$key,$r]=0
    return
  fi
  ((status == 0)) || problems+=("round $r: $key produce exited $status: $(tail -n 1 "$work/$key-r$r.err")")
  acked=$(jq -r .acknowledged <<<"$summary")
  failed=$(jq -r .failed <<<"$summary")
  R_OWN[$key,$r]=$(jq -r .msgs_per_sec <<<"$summary")
  R_P50[$key,$r]=$(jq -r '.latency.p50_ms // 0' <<<"$summary")
  R_P99[$key,$r]=$(jq -r '.latency.p99_ms // 0' <<<"$summary")
  R_COUNT[$key,$r]=$acked
  [[ "$acked" -eq "$N" ]] || problems+=("round $r: $key acknowledged $acked of $N (failed $failed)")
  local gained=$(($(end_offsets "$T_KMSG") - before))
  [[ "$gained" -eq "$N" ]] || problems+=("round $r: $key topic gained $gained messages, expected $N")
}

# `base`: another kmsg binary (BENCH_BASE_BIN) on the same input, topic and checks, for a
# before/after comparison in the same rounds.
run_base() { run_kmsg "$1" base "$BENCH_BASE_BIN"; }

# kcat -P waits until its output queue is empty (every delivery report received) before it
# exits, and exits 1 when any delivery failed (kcat.c: producer_run).
# `kcat` runs with librdkafka's defaults (linger.ms=5); `kcat20` with kmsg's default linger
# for an unpaced run (-X linger.ms=20), so the ratio at equal settings is shown as well.
run_kcat_with() {
  local tool="$1" r="$2" before
  shift 2
  before=$(end_offsets "$T_KCAT")
  R_LOAD[$tool,$r]=$(cut -d' ' -f1 /proc/loadavg)
  timed "$tool-r$r" "$work/$tool-r$r.out" "$work/$tool-r$r.err" \
    kcat -P -b "$B" -t "$T_KCAT" -l -X acks=all -X enable.idempotence=true "$@" "$data"
  R_SECS[$tool,$r]=$secs R_CPU[$tool,$r]=$cpu R_RSS[$tool,$r]=$rss_mb
  if ((status != 0)); then
    grep -v GETPID "$work/$tool-r$r.err" | sed 's/^/    /' | tail -n 20 >&2
    problems+=("round $r: $tool exited $status")
  fi
  R_COUNT[$tool,$r]=$(($(end_offsets "$T_KCAT") - before))
  [[ "${R_COUNT[$tool,$r]}" -eq "$N" ]] || problems+=("round $r: $tool topic gained ${R_COUNT[$tool,$r]} messages, expected $N")
}
run_kcat() { run_kcat_with kcat "$1"; }
run_kcat20() { run_kcat_with kcat20 "$1" -X linger.ms=20; }

# Kafka's ProducerPerformance with the JVM options kafka-producer-perf-test.sh /
# kafka-run-class.sh use. Its final line: "N records sent, X records/sec (Y MB/sec),
# A ms avg latency, M ms max latency, P50 ms 50th, P95 ms 95th, P99 ms 99th, P999 ms 99.9th."
run_perf() {
  local r="$1" before final
  before=$(end_offsets "$T_PERF")
  R_LOAD[perf,$r]=$(cut -d' ' -f1 /proc/loadavg)
  timed "perf-r$r" "$work/perf-r$r.out" "$work/perf-r$r.err" \
    java -Xmx512M -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$tools_log4j" -cp "$KAFKA_HOME/libs/*" \
    org.apache.kafka.tools.ProducerPerformance --topic "$T_PERF" --num-records "$N" \
    --record-size "$SIZE" --throughput -1 --bootstrap-server "$B" \
    --command-property acks=all enable.idempotence=true
  R_SECS[perf,$r]=$secs R_CPU[perf,$r]=$cpu R_RSS[perf,$r]=$rss_mb
  final="$(grep 'records sent' "$work/perf-r$r.out" | tail -n 1 || true)"
  if ((status != 0)) || [[ -z "$final" ]]; then
    sed 's/^/    /' "$work/perf-r$r.err" | tail -n 20 >&2
    problems+=("round $r: ProducerPerformance exited $status")
    R_OWN[perf,$r]=0 R_P50[perf,$r]=0 R_P99[perf,$r]=0
  else
    R_OWN[perf,$r]=$(awk -F', ' '{ split($2, a, " "); print a[1] }' <<<"$final")
    R_P50[perf,$r]=$(awk -F', ' '{ split($5, a, " "); print a[1] }' <<<"$final")
    R_P99[perf,$r]=$(awk -F', ' '{ split($7, a, " "); print a[1] }' <<<"$final")
  fi
  R_COUNT[perf,$r]=$(($(end_offsets "$T_PERF") - before))
  [[ "${R_COUNT[perf,$r]}" -eq "$N" ]] || problems+=("round $r: perf-test topic gained ${R_COUNT[perf,$r]} records, expected $N")
}

# --- 7. throughput rounds: the order rotates so no tool always runs first or last -------------
# Untimed warm-up first: a fresh cluster's brokers are still JIT-compiling their produce path,
# which makes whichever tool runs first look slow (it shortens that phase; the median and the
# rotation deal with the rest).
WARMUP=$((N < 200000 ? N : 200000))
log "warm-up: kcat sends $WARMUP messages (not timed)"
timeout -k 10 "$TOOL_TIMEOUT" kcat -P -b "$B" -t "$T_WARM" -l -c "$WARMUP" -X acks=all "$data" 2>/dev/null \
  || log "warm-up failed (ignored)"
read -r -a tools <<<"${BENCH_TOOLS:-kmsg kcat kcat20 perf}"
[[ -z "${BENCH_BASE_BIN:-}" ]] || [[ " ${tools[*]} " == *" base "* ]] || tools+=(base)
for ((r = 1; r <= ROUNDS; r++)); do
  for ((i = 0; i < ${#tools[@]}; i++)); do
    tool=${tools[$(((i + r - 1) % ${#tools[@]}))]}
    log "round $r/$ROUNDS: $tool sends $N messages (load average $(cut -d' ' -f1 /proc/loadavg))"
    "run_$tool" "$r"
    log "round $r/$ROUNDS: $tool took ${R_SECS[$tool,$r]} s (CPU ${R_CPU[$tool,$r]} s, peak RSS ${R_RSS[$tool,$r]} MB)"
  done
done

# --- 8. kmsg rate accuracy -------------------------------------------------------------------
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
    rate_rows+=("$R - - - - - - FAIL")
    continue
  fi
  # kmsg exits 0 when it could not keep up (it warns and says kept_up=false); other exits are problems.
  ((status == 0)) || problems+=("kmsg --rate $R exited $status: $(tail -n 1 "$work/rate-$R.err")")
  sent=$(jq -r .sent <<<"$line")
  acked=$(jq -r .acknowledged <<<"$line")
  kept=$(jq -r .kept_up <<<"$line")
  achieved=$(calc "$sent / $RATE_SECS")
  err_pct=$(calc "($sent / $RATE_SECS - $R) * 100 / $R")
  verdict=$(awk -v e="$err_pct" 'BEGIN { print ((e < 0 ? -e : e) <= 2) ? "ok" : "MISS" }')
  rate_rows+=("$R $sent $acked $achieved $err_pct $kept $cpu $verdict")
done

# --- 9. report -------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -n 1; }
minimum() { printf '%s\n' "$@" | sort -g | head -n 1; }
per_round() { local key="$1" tool="$2" r out=(); for ((r = 1; r <= ROUNDS; r++)); do out+=("${key}[$tool,$r]"); done; local v; for v in "${out[@]}"; do printf '%s\n' "${!v}"; done; }
declare -A M_SECS M_RATE M_BEST M_CPU M_RSS M_OWN M_P50 M_P99 M_COUNT
for tool in "${tools[@]}"; do
  mapfile -t secs_l < <(per_round R_SECS "$tool")
  M_SECS[$tool]=$(median "${secs_l[@]}")
  M_RATE[$tool]=$(calc "$N / ${M_SECS[$tool]}")
  M_BEST[$tool]=$(calc "$N / $(minimum "${secs_l[@]}")")
  mapfile -t l < <(per_round R_CPU "$tool");   M_CPU[$tool]=$(median "${l[@]}")
  mapfile -t l < <(per_round R_RSS "$tool");   M_RSS[$tool]=$(maximum "${l[@]}")
  mapfile -t l < <(per_round R_COUNT "$tool"); M_COUNT[$tool]=$(minimum "${l[@]}")
  if [[ "$tool" != kcat* ]]; then
    mapfile -t l < <(per_round R_OWN "$tool"); M_OWN[$tool]=$(median "${l[@]}")
    mapfile -t l < <(per_round R_P50 "$tool"); M_P50[$tool]=$(median "${l[@]}")
    mapfile -t l < <(per_round R_P99 "$tool"); M_P99[$tool]=$(median "${l[@]}")
  fi
done
# kmsg / another tool by the median rate, or "-" when that tool was not run.
ratio() { [[ -n "${M_RATE[$1]:-}" && -n "${M_RATE[$2]:-}" ]] && calc "${M_RATE[$1]} / ${M_RATE[$2]}" || echo "-"; }
ratio_kcat=$(ratio kmsg kcat)
ratio_kcat20=$(ratio kmsg kcat20)
ratio_perf=$(ratio kmsg perf)
ratio_base=$(ratio kmsg base)
ratio_base_kcat20=$(ratio base kcat20)
ratio_kcat_best=$([[ -n "${M_BEST[kcat]:-}" ]] && calc "${M_BEST[kmsg]} / ${M_BEST[kcat]}" || echo "-")
cpu_per_kcat=$([[ -n "${M_CPU[kcat]:-}" ]] && calc "${M_CPU[kmsg]} / ${M_CPU[kcat]}" || echo "-")
cpu_per_kcat20=$([[ -n "${M_CPU[kcat20]:-}" ]] && calc "${M_CPU[kmsg]} / ${M_CPU[kcat20]}" || echo "-")
mbps() { calc "$1 * $SIZE / 1000000"; }
ok_if() { awk "BEGIN { print ($1) ? \"ok\" : \"MISS\" }"; }
declare -A names=([kmsg]="kmsg produce" [base]="kmsg produce (base)" [kcat]="kcat -P" [kcat20]="kcat -P linger 20ms" [perf]="ProducerPerformance")

cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
librdkafka_kmsg="$(awk '/^name = "rdkafka-sys"/ { getline; split($3, v, "+"); gsub(/"/, "", v[2]); print v[2] }' "$repo/Cargo.lock")"
kcat_version="$(kcat -V 2>&1 | sed -n 's/^Version \([^ ]*\) .*librdkafka \([^ ]*\) .*/\1 (librdkafka \2)/p')"
echo
echo "kmsg produce benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  $(nproc) CPUs, ${cpu_model:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average at start $load_at_start, now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kafka:    $kafka_version, 3 brokers (combined broker+controller, localhost, same machine); topics: $PARTITIONS partitions, RF 3, min.insync.replicas=2"
echo "binary:   $kmsg"
echo "clients:  kmsg $("$kmsg" --version 2>/dev/null | awk '{ print $2 }') (librdkafka ${librdkafka_kmsg:-?}), kcat ${kcat_version:-?}, Kafka ProducerPerformance $kafka_version; all acks=all + idempotence"
echo "          batching: each tool's default (kmsg lingers 20 ms unpaced, kcat and ProducerPerformance 5 ms), and kcat once more with linger.ms=20"
echo "load:     $N messages x $SIZE bytes (JSON lines, no keys), $ROUNDS round(s), tool order rotated per round"
echo "          seconds = wall clock from process start to exit (median of rounds); MB = 10^6 bytes; CPU = user+sys of the client process"
echo "          (all its threads; with a load average above $(nproc), CPU s and us/msg are steadier than the wall-clock figures)"
echo
printf '%-20s %9s %8s %9s %6s %10s %7s %7s %7s %10s %13s\n' tool messages seconds msgs/s MB/s "best msg/s" "CPU s" "us/msg" "RSS MB" "own msg/s" "p50 / p99 ms"
printf '%-20s %9s %8s %9s %6s %10s %7s %7s %7s %10s %13s\n' ---- -------- ------- ------ ---- ---------- ----- ------ ------ --------- ------------
for tool in "${tools[@]}"; do
  if [[ "$tool" == kcat* ]]; then own="-" lat="-"; else
    own=$(printf '%.0f' "${M_OWN[$tool]}")
    lat=$(printf '%.0f / %.0f' "${M_P50[$tool]}" "${M_P99[$tool]}")
  fi
  printf '%-20s %9d %8.2f %9.0f %6.2f %10.0f %7.2f %7.2f %7.1f %10s %13s\n' "${names[$tool]}" "${M_COUNT[$tool]}" \
    "${M_SECS[$tool]}" "${M_RATE[$tool]}" "$(mbps "${M_RATE[$tool]}")" "${M_BEST[$tool]}" "${M_CPU[$tool]}" \
    "$(calc "${M_CPU[$tool]} * 1000000 / $N")" "${M_RSS[$tool]}" "$own" "$lat"
done
echo "  messages: acknowledged (kmsg) / gained by the topic (kcat, perf-test), lowest round; best msg/s: fastest round;"
echo "  RSS: highest round; own msg/s: the tool's own figure, without process start-up; kcat reports no latency."
echo
printf '%-38s %12s   %-8s %s\n' figure value target verdict
fig() { # name value target condition
  if [[ "$2" == "-" ]]; then return; fi
  printf '%-38s %12.2f   %-8s %s\n' "$1" "$2" "$3" "$([[ -n "$4" ]] && ok_if "$4" || true)"
}
fig "ratio kmsg/kcat, msgs/s (median)" "$ratio_kcat" ">= 1.0" "$ratio_kcat >= 1.0"
fig "ratio kmsg/kcat, msgs/s (best rounds)" "$ratio_kcat_best" ">= 1.0" "$ratio_kcat_best >= 1.0"
fig "ratio kmsg/kcat linger 20ms (median)" "$ratio_kcat20" ">= 1.0" "$ratio_kcat20 >= 1.0"
fig "ratio base/kcat linger 20ms (median)" "$ratio_base_kcat20" "" ""
fig "ratio kmsg/base (median)" "$ratio_base" "" ""
fig "ratio kmsg/ProducerPerformance" "$ratio_perf" "" ""
fig "CPU seconds kmsg/kcat" "$cpu_per_kcat" "" ""
fig "CPU seconds kmsg/kcat linger 20ms" "$cpu_per_kcat20" "" ""
printf '%-38s %12.1f   %-8s %s\n' "kmsg peak RSS (MB)" "${M_RSS[kmsg]}" "< 100" "$(ok_if "${M_RSS[kmsg]} < 100")"
printf '%-38s %12s   %-8s %s\n' "kmsg latency p50 / p99 (ms)" "$(printf '%.0f / %.0f' "${M_P50[kmsg]}" "${M_P99[kmsg]}")" "" ""
echo
echo "per round (seconds, CPU, peak RSS, 1-minute load average when the run started):"
for ((r = 1; r <= ROUNDS; r++)); do
  printf '  round %d:' "$r"
  for tool in "${tools[@]}"; do printf '  %s %.2f s, CPU %s s, RSS %s MB (load %s);' "$tool" "${R_SECS[$tool,$r]}" "${R_CPU[$tool,$r]}" "${R_RSS[$tool,$r]}" "${R_LOAD[$tool,$r]}"; done
  echo
done
echo
echo "kmsg --rate accuracy (--generate posts, --duration ${RATE_SECS}s; achieved = sent / ${RATE_SECS} s; target: error within 2%;"
echo "CPU s = user+sys of kmsg for the whole run: near ${RATE_SECS} s x CPUs it had means the rate was CPU-bound)"
printf '%10s %10s %12s %12s %9s %8s %7s %8s\n' rate sent acknowledged achieved/s "error %" kept_up "CPU s" verdict
for row in "${rate_rows[@]}"; do
  read -r R sent acked achieved err_pct kept rcpu verdict <<<"$row"
  if [[ "$sent" == "-" ]]; then
    printf '%10s %10s %12s %12s %9s %8s %7s %8s\n' "$R" - - - - - - "$verdict"
  else
    printf '%10s %10d %12d %12.1f %+9.2f %8s %7.2f %8s\n' "$R" "$sent" "$acked" "$achieved" "$err_pct" "$kept" "$rcpu" "$verdict"
  fi
done
echo
if ((${#problems[@]})); then
  echo "problems:"
  printf '  - %s\n' "${problems[@]}"
fi
log "benchmark done in $(($(date +%s) - run_start))s"
((${#problems[@]} == 0))
