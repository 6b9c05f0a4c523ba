#!/usr/bin/env bash
# The scale benchmark: one engine with 100k experts in 10k stores and 1M shoppers over a
# simulated day, and the same at 1/10 (each in its own process). Options are passed through
# (--experts --stores --shoppers --divisor --seed --repetitions --no-snapshot --save-snapshot).
# JSON on stdout, a Markdown table on stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-build/bench/bench/bench_engine_scale}
"$BIN" "$@"
