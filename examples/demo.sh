#!/usr/bin/env bash
# The README demo: opening hours of the example stores, right now.
set -euo pipefail
cd "$(dirname "$0")/.."
VSHOP=${1:-build/release/vshop}
"$VSHOP" hours examples/stores/*.json
