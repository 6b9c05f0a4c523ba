#!/usr/bin/env bash
# Runs every benchmark group (bench/<name>/run.sh) against the optimized build in build/bench.
set -euo pipefail
cd "$(dirname "$0")"
for script in */run.sh; do
  echo "== ${script%/run.sh}"
  bash "$script"
done
