#!/usr/bin/env bash
# C ABI benchmarks: typed C calls vs the C++ API on the chat cycle, and apply_json through both,
# in one run. The repetitions of all of them are interleaved at random (the machine is shared:
# each side sees the same load); medians of 10. Expects the `bench` preset's build.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/bench/bench/bench_capi}
"$BIN" --benchmark_repetitions=10 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true
