#!/usr/bin/env bash
# Chat engine benchmarks: median of 5 repetitions, short runs (the machine is shared).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/bench/bench/bench_engine}
"$BIN" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_min_time=0.3 --benchmark_filter='BM_ChatCycle'
"$BIN" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_filter='BM_Journal'
"$BIN" --benchmark_filter='BM_MemoryPerFinishedChat'
