#!/usr/bin/env bash
# R-METRIC-1: 90-day metrics query on a year of history vs a naive scan of the raw chat log,
# and the recording cost per event. Medians of 5 repetitions; BM_BookBytesPerChat (memory the
# book keeps per chat) runs once.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/bench/bench/bench_analytics
[ -x "$BIN" ] || cmake --build build/bench --target bench_analytics -j2
"$BIN" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_min_time=0.2 "$@" | grep -E "^(Benchmark|-+$|BM_.*_median|BM_BookBytesPerChat)"
