#!/usr/bin/env bash
# The README demo: opening hours of the example stores, right now; then a simulated day with
# its analytics report.
set -euo pipefail
cd "$(dirname "$0")/.."
VSHOP=${1:-build/release/vshop}
"$VSHOP" hours examples/stores/*.json
# A simulated day (the shared example of SPEC §11) and its dashboard analytics (R-METRIC-1).
echo
echo "== vshop simulate tests/data/examples/day_basic.jsonl --report"
"$VSHOP" simulate tests/data/examples/day_basic.jsonl --report
