#!/usr/bin/env bash
# Latency: how long `kmsg produce` takes to get one record acknowledged from a cold start,
# beside kcat doing the same, and how long a record takes from `kmsg produce` through
# `kmsg consume` to the output topic at a steady rate.
#
# What it measures
#   1. Start to first acknowledged record. `kmsg produce -t T --value V` against
#      `kcat -P -b B -t T -X acks=all -X enable.idempotence=true` with the same one line on
#      stdin, both acks=all with idempotence, on a warm cluster (an untimed run of each
#      first), BENCH_LAT_ROUNDS alternating rounds (default 11). Each is timed from process
#      start to exit by wall clock, so the figure includes the exit after the
#      acknowledgement: it is an upper bound of start → acknowledged. Both exit only after
#      the delivery report (kmsg prints the offset; kcat -P waits for its queue to drain and
#      exits 1 when a delivery failed). The topic must gain one record per run.
#   2. End to end at BENCH_E2E_RATE msgs/s (default 10,000) for BENCH_E2E_SECS seconds
#      (default 30): `kmsg consume` forwards an input topic to an output topic created with
#      message.timestamp.type=LogAppendTime while `kmsg produce --generate login
#      --invalid-ratio 0 --rate R` writes the input. Afterwards kcat reads key and timestamp
#      of both topics: the input's timestamps are CreateTime (set by kmsg produce when it
#      queued the record), the output's the broker's append time of the forward. Per key,
#      latency = output append time - input create time (1 ms resolution; same machine, same
#      clock). p50, p90, p99, p99.9 and max over every record, and over those after the
#      first 5 s (the consumer's group join and the brokers warming up). Every input key must
#      be found once in the output. Both tools run with their defaults (produce --rate
#      lingers 50 ms, consume's forwards 50 ms); BENCH_E2E_ARGS adds flags to both (e.g.
#      "-X linger.ms=5"), for the floor the lingers leave.
#   kmsg consume reports no end-to-end figure itself (its histogram,
#   kafka_consumer_processing_seconds, times the processing of a record in the member,
#   not its age), hence the join on the topics.
#
# Usage: bench/latency.sh   (needs a running cluster: BENCH_BOOTSTRAP or BOOTSTRAP_SERVERS;
#                            `kmsg cluster up` starts one; 3 brokers for RF 3)
# Environment:
#   BENCH_BOOTSTRAP=B       the cluster (default $BOOTSTRAP_SERVERS)
#   BENCH_KMSG_BIN=P        the kmsg binary (default target/release/kmsg, built with
#                           `cargo build --release` when missing)
#   BENCH_LAT_ROUNDS=K      rounds of part 1 (default 11)
#   BENCH_E2E_RATE=R        rate of part 2 (default 10000; 0 skips part 2)
#   BENCH_E2E_SECS=S        length of part 2 (default 30)
#   BENCH_E2E_ARGS="..."    extra global flags for both kmsg commands of part 2
# Needs kcat, jq, curl and awk.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROUNDS="${BENCH_LAT_ROUNDS:-11}"
RATE="${BENCH_E2E_RATE:-10000}"
SECS="${BENCH_E2E_SECS:-30}"
read -r -a E2E_ARGS <<<"${BENCH_E2E_ARGS:-}"
bench_setup kcat jq awk curl

work="$(mktemp -d "${TMPDIR:-/tmp}/kmsg-latency.XXXXXX")"
suffix="$(date +%s)-$RANDOM"
T_ONE="bench-lat-one-$suffix" T_IN="bench-lat-in-$suffix" T_OUT="bench-lat-out-$suffix"
cleanup() {
  local rc=$?
  for t in "$T_ONE" "$T_IN" "$T_OUT" "$T_IN.dlq"; do
    timeout 60 "$KMSG" --bootstrap "$B" topics delete "$t" --yes >/dev/null 2>&1 || true
  done
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
timeout 60 "$KMSG" --bootstrap "$B" topics create "$T_ONE" -p 6 -r 3 --config min.insync.replicas=2 >/dev/null
count_one() {
  local args=() p
  for ((p = 0; p < 6; p++)); do args+=(-t "$T_ONE:$p:-1"); done
  timeout 60 kcat -b "$B" -Q "${args[@]}" 2>/dev/null \
    | awk '/offset/ { for (i = 1; i < NF; i++) if ($i == "offset") s += $(i + 1) } END { print s + 0 }'
}

# --- 1. start to first acknowledged record ----------------------------------------------------
VALUE='{"id":1,"user":"user-0001","text":"hello"}'
run_kmsg_one() { "$KMSG" --bootstrap "$B" produce -t "$T_ONE" --value "$VALUE" >"$work/one.out" 2>"$work/one.err"; }
run_kcat_one() { printf '%s\n' "$VALUE" | kcat -P -b "$B" -t "$T_ONE" -X acks=all -X enable.idempotence=true 2>"$work/one.err"; }
log "warm-up: one untimed run of each"
run_kmsg_one || die "kmsg produce failed: $(tail -n 3 "$work/one.err")"
run_kcat_one || die "kcat -P failed: $(tail -n 3 "$work/one.err")"
declare -a KMSG_MS KCAT_MS
problems=()
for ((r = 1; r <= ROUNDS; r++)); do
  order=(kmsg kcat)
  ((r % 2 == 0)) && order=(kcat kmsg)
  for tool in "${order[@]}"; do
    before=$(count_one)
    t0=$(now_ms)
    status=0
    "run_${tool}_one" || status=$?
    t1=$(now_ms)
    gained=$(($(count_one) - before))
    ((status == 0)) || problems+=("round $r: $tool exited $status: $(tail -n 1 "$work/one.err")")
    ((gained == 1)) || problems+=("round $r: $tool: the topic gained $gained records, expected 1")
    if [[ $tool == kmsg ]]; then KMSG_MS+=($((t1 - t0))); else KCAT_MS+=($((t1 - t0))); fi
    log "round $r/$ROUNDS: $tool $((t1 - t0)) ms (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
kmsg_med=$(median "${KMSG_MS[@]}")
kcat_med=$(median "${KCAT_MS[@]}")

# --- 2. end to end at a steady rate --------------------------------------------------------------
e2e_done=""
if ((RATE > 0)); then
  N=$((RATE * SECS))
  timeout 60 "$KMSG" --bootstrap "$B" topics create "$T_IN" -p 6 -r 3 --config min.insync.replicas=2 >/dev/null
  timeout 60 "$KMSG" --bootstrap "$B" topics create "$T_OUT" -p 6 -r 3 --config min.insync.replicas=2 \
    --config message.timestamp.type=LogAppendTime >/dev/null
  timeout 60 "$KMSG" --bootstrap "$B" topics create "$T_IN.dlq" -p 1 -r 3 >/dev/null
  port=$((30000 + RANDOM % 20000))
  log "end to end: kmsg consume forwards $T_IN -> $T_OUT; kmsg produce writes $N records at $RATE msgs/s"
  "$KMSG" --bootstrap "$B" "${E2E_ARGS[@]}" consume -g "bench-lat-$suffix" -t "$T_IN" --output-topic "$T_OUT" \
    --dlq-topic "$T_IN.dlq" --max-messages "$N" --metrics-addr "127.0.0.1:$port" -o json \
    >"$work/consume.out" 2>"$work/consume.err" &
  consumer=$!
  # The member serves /readyz: 200 once it has joined its group and holds an assignment.
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    kill -0 "$consumer" 2>/dev/null || die "kmsg consume ended early: $(tail -n 3 "$work/consume.err")"
    sleep 0.1
  done
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 || die "kmsg consume did not join its group within 60 s"
  "$KMSG" --bootstrap "$B" "${E2E_ARGS[@]}" produce -t "$T_IN" --generate login --invalid-ratio 0 \
    --rate "$RATE" --count "$N" -q -o json >"$work/produce.out" 2>"$work/produce.err" \
    || die "kmsg produce failed: $(tail -n 3 "$work/produce.err")"
  wait "$consumer" || die "kmsg consume failed: $(tail -n 3 "$work/consume.err")"
  for t in "$T_IN" "$T_OUT"; do
    timeout 120 kcat -C -b "$B" -t "$t" -o beginning -e -q -f '%k %T\n' >"$work/$t.ts" \
      || die "kcat could not read $t"
  done
  awk -v skip=5000 '
    NR == FNR { sent[$1] = $2; if (first == "" || $2 < first) first = $2; next }
    ($1 in sent) { d = $2 - sent[$1]; print d, (sent[$1] - first >= skip) ? 1 : 0; seen[$1]++ }
    END { for (k in sent) if (seen[k] != 1) { print "missing-or-duplicate", k > "/dev/stderr"; bad++ } exit bad > 0 }
  ' "$work/$T_IN.ts" "$work/$T_OUT.ts" >"$work/lat" || problems+=("end to end: a key was missing or duplicated in the output")
  pct() { sort -n | awk -v q="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(q * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; print v[i] }'; }
  all_n=$(wc -l <"$work/lat")
  warm_n=$(awk '$2 == 1' "$work/lat" | wc -l)
  row() { local sel="$1"; for q in 0.5 0.9 0.99 0.999 1; do awk -v s="$sel" 's == "all" || $2 == 1 { print $1 }' "$work/lat" | pct "$q"; done | paste -sd' '; }
  read -r a50 a90 a99 a999 amax <<<"$(row all)"
  read -r w50 w90 w99 w999 wmax <<<"$(row warm)"
  sent_rate=$(jq -r '.send_rate // 0' "$work/produce.out" | tail -n 1)
  e2e_done=1
fi

# --- report ----------------------------------------------------------------------------------------
cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo
echo "kmsg latency benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  $(nproc) CPUs, ${cpu_model:-unknown CPU}; load average at start $load_at_start, now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cluster:  $B; topics 6 partitions, RF 3, min.insync.replicas=2"
echo "binary:   $KMSG ($("$KMSG" --version | awk '{ print $2 }')), kcat $(kcat -V 2>&1 | sed -n 's/^Version \([^ ]*\) .*librdkafka \([^ ]*\) .*/\1 (librdkafka \2)/p')"
echo
echo "1. process start to exit after the first acknowledged record (ms; acks=all, idempotence), $ROUNDS rounds"
printf '%-30s %8s %8s %8s   %s\n' tool median min max rounds
printf '%-30s %8s %8s %8s   %s\n' "kmsg produce --value" "$kmsg_med" "$(printf '%s\n' "${KMSG_MS[@]}" | sort -n | head -n 1)" "$(printf '%s\n' "${KMSG_MS[@]}" | sort -n | tail -n 1)" "${KMSG_MS[*]}"
printf '%-30s %8s %8s %8s   %s\n' "kcat -P (one line)" "$kcat_med" "$(printf '%s\n' "${KCAT_MS[@]}" | sort -n | head -n 1)" "$(printf '%s\n' "${KCAT_MS[@]}" | sort -n | tail -n 1)" "${KCAT_MS[*]}"
echo "   kmsg/kcat (medians): $(awk -v a="$kmsg_med" -v b="$kcat_med" 'BEGIN { printf "%.2f", a / b }'); target kmsg < 150 ms: $(awk -v a="$kmsg_med" 'BEGIN { print (a < 150) ? "ok" : "MISS" }')"
if [[ -n "$e2e_done" ]]; then
  echo
  echo "2. end to end, kmsg produce -> kmsg consume -> output topic, $RATE msgs/s for ${SECS}s (sent at $(printf '%.0f' "$sent_rate") msgs/s)${BENCH_E2E_ARGS:+, extra flags: $BENCH_E2E_ARGS}"
  printf '%-28s %9s %6s %6s %6s %7s %6s\n' records count p50 p90 p99 p99.9 max
  printf '%-28s %9s %6s %6s %6s %7s %6s\n' "all (ms)" "$all_n" "$a50" "$a90" "$a99" "$a999" "$amax"
  printf '%-28s %9s %6s %6s %6s %7s %6s\n' "after the first 5 s (ms)" "$warm_n" "$w50" "$w90" "$w99" "$w999" "$wmax"
fi
echo
if ((${#problems[@]})); then
  echo "problems:"
  printf '  - %s\n' "${problems[@]}"
  exit 1
fi
