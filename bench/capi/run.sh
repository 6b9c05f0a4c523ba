#!/usr/bin/env bash
# C ABI benchmarks: typed C calls vs the C++ API on the chat cycle (median of 5 repetitions) and
# apply_json through both, in one run. Expects the `bench` preset's build.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/bench/bench/bench_capi}
"$BIN" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_min_time=0.3 --benchmark_filter='BM_ChatCycle'
"$BIN" --benchmark_filter='BM_ApplyJson'
