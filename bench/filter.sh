#!/usr/bin/env bash
# Filter benchmark: what `kmsg view --filter EXPR` (a jq expression run by the jaq crates on
# every record) costs against `kmsg view --output raw` over the same records.
#
# What it measures
#   Input: N login events (default N = 1,000,000) written once by
#   `kmsg produce --generate login --seed 1` to a fresh topic (6 partitions, RF 3). Checked:
#   `kmsg view --count` reads N back. Then one untimed warm-up pass of (a), and BENCH_ROUNDS
#   rounds (default 3), the order rotating each round, of:
#     (a) raw:          kmsg view -t T --output raw > /dev/null   (every value, as it is)
#     (b) filter-count: kmsg view -t T --filter '.value.device_type == "iOS"' --count
#     (c) filter-raw:   kmsg view -t T --filter '.value.device_type == "iOS"' --output raw
#                       > /dev/null   (the matching values printed)
#   each timed by wall clock from process start to exit (start-up, metadata and reading to the
#   end of every partition included), with its CPU seconds (user + system, GNU time), which a
#   busy machine disturbs less than wall clock. msgs/s = N / seconds (every record is read and, for
#   (b) and (c), parsed and filtered). It prints every round, the medians, the count (b)
#   found (checked equal in every round and to (c)'s number of lines in a last, untimed run)
#   and the ratios (b)/(a) and (c)/(a) in msgs/s. Target: (b)/(a) >= 0.5 (filtering at least
#   half as fast as raw output); a miss prints MISS but does not fail the script; a failed
#   run or a wrong count does (exit 1).
#
# Usage: bench/filter.sh            (against a running cluster: BENCH_BOOTSTRAP, else
#                                    KMSG_TEST_BOOTSTRAP; it does not start one)
# Environment:
#   BENCH_BOOTSTRAP=B    the cluster (default $KMSG_TEST_BOOTSTRAP)
#   BENCH_MESSAGES=N     records in the input topic (default 1000000)
#   BENCH_ROUNDS=K       timed rounds (default 3)
#   BENCH_KMSG_BIN=P     measure this kmsg binary (default: `nice -n 10 cargo build --release`
#                        and target/release/kmsg)
#   BENCH_FILTER=EXPR    the expression (default '.value.device_type == "iOS"')
#   BENCH_KEEP_TOPIC=1   keep the input topic (default: deleted on exit)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
boot=${BENCH_BOOTSTRAP:-${KMSG_TEST_BOOTSTRAP:-}}
if [[ -z $boot ]]; then
  echo "bench/filter.sh: set BENCH_BOOTSTRAP (or KMSG_TEST_BOOTSTRAP) to a running cluster" >&2
  exit 2
fi
n=${BENCH_MESSAGES:-1000000}
rounds=${BENCH_ROUNDS:-3}
filter=${BENCH_FILTER:-'.value.device_type == "iOS"'}
bin=${BENCH_KMSG_BIN:-}
if [[ -z $bin ]]; then
  (cd "$repo" && nice -n 10 cargo build --release --bin kmsg)
  bin=$repo/target/release/kmsg
fi
kmsg() { timeout 900 "$bin" --bootstrap "$boot" "$@"; }
# timed: kmsg under GNU time, its user + system CPU seconds appended to $tmp/cpu.
timed() { /usr/bin/time -a -o "$tmp/cpu" -f '%U %S' timeout 900 "$bin" --bootstrap "$boot" "$@"; }

topic=bench-filter-$(date +%s)-$$
cleanup() {
  if [[ ${BENCH_KEEP_TOPIC:-0} != 1 ]]; then
    kmsg topics delete --yes "$topic" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

echo "# kmsg filter benchmark"
echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit:   $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD || echo ' (with changes)')"
echo "binary:   $bin ($("$bin" --version))"
echo "machine:  $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cluster:  $boot"
echo "input:    $n login events in $topic (6 partitions, RF 3)"
echo "filter:   $filter"

kmsg topics create "$topic" -p 6 -r 3 >/dev/null
kmsg produce -t "$topic" --generate login --count "$n" --seed 1 -q >/dev/null
got=$(kmsg view -t "$topic" --count)
if [[ $got != "$n" ]]; then
  echo "problem: the topic holds $got records, not $n" >&2
  exit 1
fi

now() { date +%s.%N; }
tmp=$(mktemp -d)
trap 'cleanup; rm -rf "$tmp"' EXIT
# run NAME: one timed run; prints its seconds (run in $(...): the count of (b) goes to a file).
run() {
  local name=$1 start end
  start=$(now)
  case $name in
    raw) timed view -t "$topic" --output raw >/dev/null ;;
    filter-count) timed view -t "$topic" --filter "$filter" --count >"$tmp/count" ;;
    filter-raw) timed view -t "$topic" --filter "$filter" --output raw >/dev/null ;;
  esac
  end=$(now)
  echo "$end - $start" | bc -l
}

run raw >/dev/null # warm-up, untimed
declare -A secs cpus
names=(raw filter-count filter-raw)
matched=""
printf '\n%-6s %-13s %9s %11s %12s\n' round run seconds msgs/s "cpu seconds"
for ((r = 1; r <= rounds; r++)); do
  for ((i = 0; i < 3; i++)); do
    name=${names[$(((i + r - 1) % 3))]}
    s=$(run "$name")
    if [[ $name == filter-count ]]; then
      count_out=$(cat "$tmp/count")
      if [[ -n $matched && $count_out != "$matched" ]]; then
        echo "problem: round $r counted $count_out, an earlier one $matched" >&2
        exit 1
      fi
      matched=$count_out
    fi
    c=$(tail -n 1 "$tmp/cpu" | awk '{print $1 + $2}')
    secs[$name]="${secs[$name]:-} $s"
    cpus[$name]="${cpus[$name]:-} $c"
    printf '%-6s %-13s %9.2f %11.0f %12.2f\n' "$r" "$name" "$s" "$(echo "$n / $s" | bc -l)" "$c"
  done
done

lines=$(kmsg view -t "$topic" --filter "$filter" --output raw | wc -l)
if [[ $lines != "$matched" ]]; then
  echo "problem: --count said $matched, --output raw printed $lines lines" >&2
  exit 1
fi

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
printf '%-13s %15s %11s %19s\n' run "median seconds" msgs/s "median cpu seconds"
declare -A rate cpu
for name in "${names[@]}"; do
  m=$(echo "${secs[$name]}" | median)
  cpu[$name]=$(echo "${cpus[$name]}" | median)
  rate[$name]=$(echo "$n / $m" | bc -l)
  printf '%-13s %15.2f %11.0f %19.2f\n' "$name" "$m" "${rate[$name]}" "${cpu[$name]}"
done
echo "matched:  $matched of $n records"
echo
for name in filter-count filter-raw; do
  ratio=$(echo "${rate[$name]} / ${rate[raw]}" | bc -l)
  verdict=""
  if [[ $name == filter-count ]]; then
    verdict=$(echo "$ratio >= 0.5" | bc -l | sed 's/1/(target >= 0.5: ok)/; s/^0$/(target >= 0.5: MISS)/')
  fi
  printf 'ratio %s/raw (msgs/s): %.2f %s\n' "$name" "$ratio" "$verdict"
  printf 'ratio raw/%s (CPU seconds, less sensitive to a busy machine): %.2f\n' "$name" "$(echo "${cpu[raw]} / ${cpu[$name]}" | bc -l)"
done
