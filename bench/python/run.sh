#!/usr/bin/env bash
# Python overhead against C++ in one run (bench/python/run.py): the chat cycle through
# vshop.Engine vs bench_engine, and vshop.inspect of a JSON Lines file vs the C++ batch API.
# Expects the `bench` preset build with the extension (./scripts/run bench does it).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=python3
[ -x .venv/bin/python ] && PY=.venv/bin/python
PYTHONPATH=build/bench/python "$PY" bench/python/run.py build/bench "$@"
