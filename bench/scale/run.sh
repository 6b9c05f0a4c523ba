#!/usr/bin/env bash
# Scale-out on Redis Streams (bench/scale/scale.py): throughput across 1, 2, 4 worker processes,
# takeover time against the journal tail, snapshot size. Needs redis-server and the pinned venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
"$PY" bench/scale/scale.py "$@"
"$PY" bench/scale/web_latency.py
