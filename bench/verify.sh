#!/usr/bin/env bash
# `kmsg verify` on a large pipeline: wall time and peak memory for N ids (default 10,000,000).
#
# What it does
#   Creates an input topic and an output topic (6 partitions, RF 1: the figure is about the
#   reader and the tally, and RF 1 keeps the disk use to one copy), writes the same N small
#   records to each with kcat (key `id-000000042`, a ~90-byte JSON value carrying the id as
#   `message_id`; lz4; awk makes them, so the output is a complete copy of the input), then
#   runs `kmsg verify --input I --output-topic O -o json` under GNU time (/usr/bin/time
#   -v) and prints wall time, peak RSS, records read per second and the report's totals. The
#   check must pass with N distinct ids and nothing lost. The topics are deleted on exit (also
#   on failure or Ctrl-C).
#
# Usage: bench/verify.sh            (needs a running cluster: BOOTSTRAP_SERVERS or
#                                    BENCH_BOOTSTRAP; `kmsg cluster up` starts one)
# Environment:
#   BENCH_IDS=N         ids (records per topic), default 10000000
#   BENCH_BOOTSTRAP=B   the cluster (default $BOOTSTRAP_SERVERS)
#   BENCH_LOSE_EVERY=K  leave every K-th id out of the output (default 0: none), so the check
#                       fails (exit 3 expected) and the second read that names the lost ids
#                       is timed too
#   BENCH_KMSG_BIN=P    the kmsg binary (default target/release/kmsg, built with
#                       `nice -n 10 cargo build --release` when missing)
# Disk: about 0.5 GB per topic for 10M ids at RF 1 (lz4); checked before writing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
N="${BENCH_IDS:-10000000}"
LOSE_EVERY="${BENCH_LOSE_EVERY:-0}"
LOST=0
if (( LOSE_EVERY > 0 )); then LOST=$(( (N + LOSE_EVERY - 1) / LOSE_EVERY )); fi
export BOOTSTRAP_SERVERS="${BENCH_BOOTSTRAP:-${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS or BENCH_BOOTSTRAP}}"
KMSG="${BENCH_KMSG_BIN:-$repo/target/release/kmsg}"
log() { printf '==> %s\n' "$*" >&2; }

if [[ ! -x "$KMSG" ]]; then
  log "building the release binary"
  nice -n 10 cargo build --release --bin kmsg
fi
command -v /usr/bin/time >/dev/null || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }
command -v kcat >/dev/null || { echo "kcat is needed: apt-get install kcat" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is needed: apt-get install jq" >&2; exit 1; }

# ~100 bytes per record on disk (lz4 batches, two topics), with a margin of two.
need_mb=$(( N * 100 * 2 * 2 / 1000000 ))
free_mb=$(df -Pm / | awk 'NR==2 {print $4}')
if (( free_mb < need_mb + 2000 )); then
  echo "not enough disk: ${free_mb} MB free, about ${need_mb} MB needed for ${N} ids; lower BENCH_IDS" >&2
  exit 1
fi

id="$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
input="bench-verify-$id"
output="$input.out"
cleanup() {
  "$KMSG" topics delete "$input" "$output" --yes >/dev/null 2>&1 || true
}
trap cleanup EXIT

for t in "$input" "$output"; do
  "$KMSG" topics create "$t" -p 6 -r 1 >/dev/null
done
records() {
  awk -v n="$N" -v skip="$1" 'BEGIN { for (i = 0; i < n; i++) if (skip == 0 || i % skip != 0) printf "id-%09d\t{\"message_id\":\"id-%09d\",\"n\":%d,\"pad\":\"abcdefghijklmnopqrstuvwxyz0123456789\"}\n", i, i, i }'
}
for t in "$input" "$output"; do
  log "writing $N records to $t"
  start=$(date +%s)
  skip=0
  [[ "$t" == "$output" ]] && skip="$LOSE_EVERY"
  records "$skip" | kcat -P -b "$BOOTSTRAP_SERVERS" -t "$t" -K $'\t' -z lz4 \
    -X linger.ms=50 -X batch.num.messages=10000 -X queue.buffering.max.messages=1000000
  log "  $(( $(date +%s) - start )) s"
done

log "kmsg verify --input $input --output-topic $output"
report=$(mktemp) timing=$(mktemp)
set +e
/usr/bin/time -v -o "$timing" "$KMSG" verify --input "$input" --output-topic "$output" -o json >"$report"
code=$?
set -e
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$timing")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u+s}' "$timing")
secs=$(awk -v w="$wall" 'BEGIN { n=split(w, p, ":"); s=0; for (i=1; i<=n; i++) s = s*60 + p[i]; print s }')

echo
echo "kmsg verify of $N ids ($(( 2 * N - LOST )) records in the two topics), $(nproc) cores, $("$KMSG" --version)"
echo "  exit code        $code (0: passed, 3: failed; $LOST ids left out on purpose)"
echo "  wall time        $wall ($(awk -v n="$N" -v s="$secs" 'BEGIN { printf "%.0f", 2*n/s }') records in the topics/s)"
echo "  cpu (user+sys)   ${cpu} s"
echo "  peak RSS         $(( rss_kb / 1024 )) MB"
echo "  totals           $(jq -c .totals "$report")"
if [[ "$(jq '.totals.input_records == '"$N"' and .totals.distinct_ids == '"$N"' and .totals.output_records == '"$((N - LOST))"' and .totals.lost == '"$LOST"'' "$report")" != true ]]; then
  echo "  the topics do not hold $N records each: the figure is not for $N ids" >&2
  code=1
fi
rm -f "$report" "$timing"
if (( LOST > 0 )); then
  [[ "$code" == 3 ]] && exit 0
  echo "  the check should have failed with exit 3" >&2
  exit 1
fi
exit "$code"
