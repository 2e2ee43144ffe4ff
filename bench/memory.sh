#!/usr/bin/env bash
# Memory against throughput: peak RSS and msgs/s of `kmsg produce` and `kmsg consume` for a
# few sizes of librdkafka's queues, so kmsg's defaults are chosen from a curve, not guessed.
#
# What it measures
#   produce: `kmsg produce --file F` of N JSON lines of 200 bytes (default N = 1,000,000, no
#     keys) to a 6-partition RF-3 topic (min.insync.replicas=2), acks=all with idempotence,
#     once per setting in BENCH_PRODUCE_SETTINGS: "default" (kmsg's own defaults) and
#     librdkafka's producer queue capped at Q messages (-X queue.buffering.max.messages=Q).
#   consume: `kmsg consume --schema schema.json --output-topic O --max-messages N` over N
#     generated login events (5% invalid, seed 1; forwarded or dead-lettered), a fresh group
#     per run, once per setting in BENCH_CONSUME_SETTINGS: "default" and the prefetch queue
#     capped at K KB (-X queued.max.messages.kbytes=K).
#   A setting is "default" or "-X key=value[,key=value...]" (the -X flags given to kmsg).
#   BENCH_MEM_ROUNDS rounds (default 3), the settings' order rotated per round. Per run: wall
#   clock from process start to exit, msgs/s over that, CPU seconds (user+sys) and peak RSS
#   (GNU time's maximum resident set size, the same as /proc/PID/status VmHWM). Counts are
#   checked: produce must acknowledge N, consume must forward + dead-letter N with the
#   topics growing by as much. The table gives medians (RSS: median and highest round) and
#   every round.
#
# Usage: bench/memory.sh   (needs a running cluster: BENCH_BOOTSTRAP or BOOTSTRAP_SERVERS;
#                           `kmsg cluster up` starts one)
# Environment:
#   BENCH_BOOTSTRAP=B           the cluster (default $BOOTSTRAP_SERVERS)
#   BENCH_KMSG_BIN=P            the kmsg binary (default target/release/kmsg, built with
#                               `cargo build --release` when missing)
#   BENCH_MESSAGES=N            messages per run (default 1000000)
#   BENCH_MEM_ROUNDS=K          rounds (default 3)
#   BENCH_PRODUCE_SETTINGS="s;s;..."  (default: default and queue.buffering.max.messages
#                               of 2000, 5000, 10000, 20000, 50000, 100000; "" skips produce)
#   BENCH_CONSUME_SETTINGS="s;s;..."  (default: default and queued.max.messages.kbytes of
#                               1024, 2048, 4096, 8192, 16384, 65536; "" skips consume)
# Needs GNU time (/usr/bin/time; Debian package `time`), kcat, jq and awk.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${BENCH_MESSAGES:-1000000}"
ROUNDS="${BENCH_MEM_ROUNDS:-3}"
PRODUCE_SETTINGS="${BENCH_PRODUCE_SETTINGS-default;queue.buffering.max.messages=2000;queue.buffering.max.messages=5000;queue.buffering.max.messages=10000;queue.buffering.max.messages=20000;queue.buffering.max.messages=50000;queue.buffering.max.messages=100000}"
CONSUME_SETTINGS="${BENCH_CONSUME_SETTINGS-default;queued.max.messages.kbytes=1024;queued.max.messages.kbytes=2048;queued.max.messages.kbytes=4096;queued.max.messages.kbytes=8192;queued.max.messages.kbytes=16384;queued.max.messages.kbytes=65536}"
[[ -x /usr/bin/time ]] || die "GNU time is missing at /usr/bin/time: install it (Debian: apt-get install time); it gives the peak RSS"
bench_setup kcat jq awk
IFS=';' read -r -a P_SETTINGS <<<"$PRODUCE_SETTINGS"
IFS=';' read -r -a C_SETTINGS <<<"$CONSUME_SETTINGS"

work="$(mktemp -d "${TMPDIR:-/tmp}/kmsg-memory.XXXXXX")"
suffix="$(date +%s)-$RANDOM"
T_P="bench-mem-produce-$suffix" T_IN="bench-mem-in-$suffix" T_OUT="bench-mem-out-$suffix" T_DLQ="bench-mem-dlq-$suffix"
cleanup() {
  local rc=$?
  timeout 60 "$KMSG" --bootstrap "$B" topics delete "$T_P" "$T_IN" "$T_OUT" "$T_DLQ" --yes >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

calc() { awk "BEGIN { printf \"%s\", $* }"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
end_offsets() {
  local topic="$1" args=() p
  for ((p = 0; p < 6; p++)); do args+=(-t "$topic:$p:-1"); done
  timeout 60 kcat -b "$B" -Q "${args[@]}" 2>/dev/null \
    | awk '/offset/ { for (i = 1; i < NF; i++) if ($i == "offset") s += $(i + 1) } END { print s + 0 }'
}
# The -X flags of a setting.
x_flags() {
  local s="$1" kv
  [[ "$s" == default ]] && return 0
  IFS=',' read -r -a kvs <<<"$s"
  for kv in "${kvs[@]}"; do printf -- '-X\n%s\n' "$kv"; done
}
# Runs a command under GNU time; sets secs, cpu, rss_mb and status.
timed() {
  local name="$1"
  shift
  local t0 t1
  status=0
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$name.time" timeout -k 10 600 "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
  t1=$(date +%s.%N)
  secs=$(calc "$t1 - $t0")
  rss_mb=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/$name.time")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/$name.time")
}

load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
problems=()
declare -A SECS CPU RSS LOAD

for t in "$T_P" "$T_IN" "$T_OUT" "$T_DLQ"; do
  timeout 60 "$KMSG" --bootstrap "$B" topics create "$t" -p 6 -r 3 --config min.insync.replicas=2 >/dev/null
done

if ((${#P_SETTINGS[@]})); then
  data="$work/messages.jsonl"
  awk -v n="$N" -v size=200 'BEGIN {
    lorem = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua Ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur"
    for (i = 1; i <= n; i++) {
      head = sprintf("{\"id\":%d,\"user\":\"user-%04d\",\"ts\":%.0f,\"lang\":\"en\",\"text\":\"", i, i % 9973, 1767225600000 + i)
      tail = "\"}"
      printf "%s%s%s\n", head, substr(lorem, 1 + i % 40, size - length(head) - length(tail)), tail
    }
  }' >"$data"
  log "warm-up: kmsg produce sends the file once (not timed)"
  "$KMSG" --bootstrap "$B" produce -t "$T_P" --file "$data" -q -o json >/dev/null 2>&1 || log "warm-up failed (ignored)"
  for ((r = 1; r <= ROUNDS; r++)); do
    for ((i = 0; i < ${#P_SETTINGS[@]}; i++)); do
      s="${P_SETTINGS[$(((i + r - 1) % ${#P_SETTINGS[@]}))]}"
      mapfile -t xs < <(x_flags "$s")
      before=$(end_offsets "$T_P")
      LOAD[p,$s,$r]=$(cut -d' ' -f1 /proc/loadavg)
      timed "p-$i-$r" "$KMSG" --bootstrap "$B" "${xs[@]}" produce -t "$T_P" --file "$data" -q -o json
      SECS[p,$s,$r]=$secs CPU[p,$s,$r]=$cpu RSS[p,$s,$r]=$rss_mb
      acked=$(tail -n 1 "$work/p-$i-$r.out" | jq -r '.acknowledged // 0' 2>/dev/null || echo 0)
      gained=$(($(end_offsets "$T_P") - before))
      ((status == 0)) || problems+=("produce $s round $r: exit $status: $(tail -n 1 "$work/p-$i-$r.err")")
      [[ "$acked" -eq "$N" && "$gained" -eq "$N" ]] \
        || problems+=("produce $s round $r: acknowledged $acked, topic gained $gained, expected $N")
      log "produce round $r/$ROUNDS, $s: ${secs}s, CPU ${cpu}s, peak RSS ${rss_mb} MB (load ${LOAD[p,$s,$r]})"
    done
  done
fi

if ((${#C_SETTINGS[@]})); then
  log "writing $N login events (5% invalid, seed 1) to $T_IN"
  "$KMSG" --bootstrap "$B" produce -t "$T_IN" --generate login --count "$N" --invalid-ratio 0.05 \
    --seed 1 -q -o json >"$work/input.json" 2>"$work/input.err" || die "cannot write the input: $(tail -n 3 "$work/input.err")"
  log "warm-up: kmsg consume forwards the input once (not timed)"
  "$KMSG" --bootstrap "$B" consume -g "bench-mem-warm-$suffix" -t "$T_IN" --output-topic "$T_OUT" \
    --dlq-topic "$T_DLQ" --schema schema.json --max-messages "$N" -o json >/dev/null 2>&1 || log "warm-up failed (ignored)"
  for ((r = 1; r <= ROUNDS; r++)); do
    for ((i = 0; i < ${#C_SETTINGS[@]}; i++)); do
      s="${C_SETTINGS[$(((i + r - 1) % ${#C_SETTINGS[@]}))]}"
      mapfile -t xs < <(x_flags "$s")
      out_before=$(end_offsets "$T_OUT")
      dlq_before=$(end_offsets "$T_DLQ")
      LOAD[c,$s,$r]=$(cut -d' ' -f1 /proc/loadavg)
      timed "c-$i-$r" "$KMSG" --bootstrap "$B" "${xs[@]}" consume -g "bench-mem-$suffix-$i-$r" -t "$T_IN" \
        --output-topic "$T_OUT" --dlq-topic "$T_DLQ" --schema schema.json --max-messages "$N" -o json
      SECS[c,$s,$r]=$secs CPU[c,$s,$r]=$cpu RSS[c,$s,$r]=$rss_mb
      summary="$(tail -n 1 "$work/c-$i-$r.out")"
      fwd=$(jq -r '.forwarded // 0' <<<"$summary" 2>/dev/null || echo 0)
      dl=$(jq -r '.dead_lettered_total // 0' <<<"$summary" 2>/dev/null || echo 0)
      out_gain=$(($(end_offsets "$T_OUT") - out_before))
      dlq_gain=$(($(end_offsets "$T_DLQ") - dlq_before))
      ((status == 0)) || problems+=("consume $s round $r: exit $status: $(tail -n 1 "$work/c-$i-$r.err")")
      [[ $((fwd + dl)) -eq "$N" && "$out_gain" -eq "$fwd" && "$dlq_gain" -eq "$dl" ]] \
        || problems+=("consume $s round $r: forwarded $fwd (+$out_gain), dead-lettered $dl (+$dlq_gain), expected $N in all")
      log "consume round $r/$ROUNDS, $s: ${secs}s, CPU ${cpu}s, peak RSS ${rss_mb} MB (load ${LOAD[c,$s,$r]})"
    done
  done
fi

cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo
echo "kmsg memory benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  $(nproc) CPUs, ${cpu_model:-unknown CPU}; load average at start $load_at_start, now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cluster:  $B; topics 6 partitions, RF 3, min.insync.replicas=2"
echo "binary:   $KMSG ($("$KMSG" --version | awk '{ print $2 }')); $N messages per run, $ROUNDS rounds, settings rotated per round"
echo "          seconds: wall clock from start to exit (median); msgs/s = N / that; RSS: GNU time's peak (median, highest)"
report() {
  local cmd="$1" title="$2"
  shift 2
  local s r l_secs l_cpu l_rss rounds
  echo
  echo "$title"
  printf '%-44s %8s %9s %7s %8s %8s   %s\n' setting seconds msgs/s "CPU s" "RSS MB" "max MB" "rounds (s / MB)"
  for s in "$@"; do
    l_secs=() l_cpu=() l_rss=() rounds=""
    for ((r = 1; r <= ROUNDS; r++)); do
      l_secs+=("${SECS[$cmd,$s,$r]}") l_cpu+=("${CPU[$cmd,$s,$r]}") l_rss+=("${RSS[$cmd,$s,$r]}")
      rounds+="$(printf '%.2f/%.0f ' "${SECS[$cmd,$s,$r]}" "${RSS[$cmd,$s,$r]}")"
    done
    local ms
    ms=$(median "${l_secs[@]}")
    printf '%-44s %8.2f %9.0f %7.2f %8.1f %8.1f   %s\n' "$s" "$ms" "$(calc "$N / $ms")" "$(median "${l_cpu[@]}")" \
      "$(median "${l_rss[@]}")" "$(printf '%s\n' "${l_rss[@]}" | sort -g | tail -n 1)" "$rounds"
  done
}
((${#P_SETTINGS[@]})) && report p "kmsg produce --file (1 line = 1 message of 200 bytes), -X per setting:" "${P_SETTINGS[@]}"
((${#C_SETTINGS[@]})) && report c "kmsg consume --schema schema.json --output-topic (950,000 forwards, 50,000 dead letters per 1M), -X per setting:" "${C_SETTINGS[@]}"
echo
if ((${#problems[@]})); then
  echo "problems:"
  printf '  - %s\n' "${problems[@]}"
  exit 1
fi
