#!/usr/bin/env bash
# R-ATTR-1 / R-METRIC-1 (issue 6): 10M purchases against 1M shoppers' histories (contact book
# vs a full-history scan peer), record_purchase through the engine, and the 90-day metrics query
# on an engine whose 120 days of history went through its commands. Medians of 5 repetitions.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/bench/bench/bench_attribution
[ -x "$BIN" ] || cmake --build build/bench --target bench_attribution -j2
"$BIN" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_min_time=0.2 "$@" | grep -E "^(Benchmark|-+$|BM_.*_median)"
