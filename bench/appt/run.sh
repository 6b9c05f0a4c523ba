#!/usr/bin/env bash
# Issue 14 part A: URL globs vs substrings, the appointment card, phone numbers (median of 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/bench/bench/bench_appt}
"$BIN" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_min_time=0.2
