#!/usr/bin/env bash
# The web host under load (bench/web/load.py): 50 experts, 500 shoppers, 30 s, on loopback.
# Needs the Python package of build/bench (or build/release) and the pinned venv (.venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
"$PY" bench/web/load.py --experts 50 --shoppers 500 --seconds 30
