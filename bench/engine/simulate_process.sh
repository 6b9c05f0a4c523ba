#!/usr/bin/env bash
# `vshop simulate --quiet` as a whole process (bench/README.md, "Chat engine"): lines/s on user+sys
# CPU time and maximum resident memory (/usr/bin/time -v), on the first 100k and 1M lines of a
# chain scenario (100 stores, 1,000 experts, 6,850 chat requests a day over 24 opening days, from
# examples/scenarios/generate_chain_day.py), so that the memory growth per chat is visible.
#
# usage: bench/engine/simulate_process.sh [BUILD_DIR [OTHER_VSHOP...]]
#   BUILD_DIR (default build/bench) gives `vshop` and the `vshop` Python package the generator
#   needs (`vbuild build/bench vshop_cli _vshop`; the scenario is written once, to
#   BUILD_DIR/bench-simulate/); each OTHER_VSHOP binary (say, the build before a change) is run in the same rounds,
#   interleaved, and its output compared byte for byte with BUILD_DIR's (without --quiet).
#   RUNS (default 3) rounds; the medians are reported. PYTHON (default python3) runs the generator.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build/bench}
shift || true
BINS=("$BUILD/vshop" "$@")
RUNS=${RUNS:-3}
PY=${PYTHON:-python3}
WORK="$BUILD/bench-simulate"
mkdir -p "$WORK"
FULL="$WORK/chain_100x1000x6850x24.jsonl"
if [[ ! -s "$FULL" ]]; then
  PYTHONPATH="$BUILD/python" "$PY" examples/scenarios/generate_chain_day.py \
    --stores 100 --experts 1000 --shoppers 6850 --days 24 "$FULL"
fi
SIZES=(100000 1000000)
for n in "${SIZES[@]}"; do
  [[ -s "$WORK/lines_$n.jsonl" ]] || head -n "$n" "$FULL" >"$WORK/lines_$n.jsonl"
done

# Same output as BUILD_DIR's vshop (the effects, not --quiet), on the 1M-line scenario.
for bin in "${BINS[@]:1}"; do
  "${BINS[0]}" simulate "$WORK/lines_1000000.jsonl" >"$WORK/out_new.jsonl" || true
  "$bin" simulate "$WORK/lines_1000000.jsonl" >"$WORK/out_other.jsonl" || true
  if cmp -s "$WORK/out_new.jsonl" "$WORK/out_other.jsonl"; then
    echo "output of $bin: identical ($(wc -l <"$WORK/out_new.jsonl") lines)"
  else
    echo "output of $bin: DIFFERENT" >&2
    exit 1
  fi
done

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A CPU RSS
for ((r = 0; r < RUNS; r++)); do
  for n in "${SIZES[@]}"; do
    for bin in "${BINS[@]}"; do
      /usr/bin/time -v -o "$WORK/time.txt" "$bin" simulate --quiet "$WORK/lines_$n.jsonl" >/dev/null
      user=$(awk -F': ' '/User time/ {print $2}' "$WORK/time.txt")
      sys=$(awk -F': ' '/System time/ {print $2}' "$WORK/time.txt")
      rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt")
      CPU["$bin,$n"]+="$(echo "$user + $sys" | bc) "
      RSS["$bin,$n"]+="$rss "
    done
  done
done

printf '%-40s %9s %8s %8s %12s %10s\n' binary lines chats "CPU s" lines/s "max RSS"
for bin in "${BINS[@]}"; do
  declare -A MED_RSS MED_CHATS
  for n in "${SIZES[@]}"; do
    chats=$(grep -c '"cmd":"request_chat"' "$WORK/lines_$n.jsonl")
    cpu=$(tr ' ' '\n' <<<"${CPU[$bin,$n]}" | grep . | median)
    rss=$(tr ' ' '\n' <<<"${RSS[$bin,$n]}" | grep . | median)
    MED_RSS[$n]=$rss
    MED_CHATS[$n]=$chats
    printf '%-40s %9d %8d %8.3f %12.0f %7.1f MiB\n' "$bin" "$n" "$chats" "$cpu" \
      "$(echo "$n / $cpu" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  done
  growth=$(echo "(${MED_RSS[1000000]} - ${MED_RSS[100000]}) * 1024 / \
    (${MED_CHATS[1000000]} - ${MED_CHATS[100000]})" | bc -l)
  printf '%-40s growth 100k -> 1M lines: %.0f B per chat\n' "$bin" "$growth"
done
