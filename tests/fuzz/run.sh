#!/usr/bin/env bash
# Builds the fuzz preset, runs the event-validator fuzzer for a bounded time on a scratch copy
# of the seed corpus, prints the total executions; exits non-zero on a crash.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${FUZZ_SECONDS:-60}
cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target fuzz_events -j2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/fuzz/corpus/* "$work"/
cp tests/data/events/*.jsonl "$work"/
set +e
build/fuzz/tests/fuzz/fuzz_events "$work" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 \
  -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/" \
  >"$work/fuzz.log" 2>&1
status=$?
set -e
grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$work/fuzz.log" || true
runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$work/fuzz.log" | grep -oE "[0-9]+$" || echo "?")
echo "fuzz_events: total executions ${runs} in ${SECONDS_TO_RUN} s (exit status ${status})"
if [ "$status" -ne 0 ]; then
  tail -60 "$work/fuzz.log"
  mkdir -p build/fuzz/crashes && cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* build/fuzz/crashes/ 2>/dev/null || true
  exit "$status"
fi
