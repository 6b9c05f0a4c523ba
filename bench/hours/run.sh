#!/usr/bin/env bash
# Opening-hours benchmark: vshop (Google Benchmark) and opening_hours.js on the same workload,
# in the same run. Builds nothing: expects the `bench` preset's build
# (cmake --preset bench && cmake --build --preset bench).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/bench/bench_hours
[ -x "$BIN" ] || BIN=build/bench/bench/bench_hours
if [ ! -x "$BIN" ]; then
  echo "bench_hours not found: run cmake --preset bench && cmake --build --preset bench" >&2
  exit 1
fi
npm ci --prefix bench --no-audit --no-fund --loglevel=error >/dev/null 2>&1 || npm ci --prefix bench --no-audit --no-fund
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_min_time=0.2 --benchmark_out="$tmp/vshop.json" --benchmark_out_format=json
"$BIN" --emit_workload="$tmp/workload.json"
node bench/hours/opening_hours_peer.js "$tmp/workload.json" "$tmp/vshop.json"
