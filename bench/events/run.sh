#!/usr/bin/env bash
# Event validation throughput, all measured in this one run on the same generated corpus
# (100k events, ~10% faulty): simdjson parse-only vs vshop (Google Benchmark, medians of 5),
# ajv (median of 5) and Python jsonschema (one run; it is slow) with an equivalent JSON Schema.
# All figures are CPU seconds of one thread (the machine is shared, wall time is noisy).
# Expects the `bench` preset build (./scripts/run bench does it).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
EVENTS=${EVENTS_N:-100000}
OUT=build/bench/events-corpus
python3 bench/events/generate_corpus.py "$OUT" "$EVENTS" >/dev/null
[ -d bench/node_modules/ajv ] || (cd bench && npm ci --silent >/dev/null)
PY=python3
[ -x .venv/bin/python ] && PY=.venv/bin/python

VSHOP_EVENTS_CORPUS="$OUT/events.jsonl" build/bench/bench/bench_events \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out="$OUT/vshop.json" --benchmark_out_format=json >/dev/null
node bench/events/ajv_peer.js "$OUT/schema.json" "$OUT/events.jsonl" 5 >"$OUT/ajv.json"
"$PY" bench/events/jsonschema_peer.py "$OUT/schema.json" "$OUT/events.jsonl" >"$OUT/jsonschema.json"

"$PY" - "$OUT" <<'PYEOF'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
bench = json.loads((out / "vshop.json").read_text())
rows = {}
for b in bench["benchmarks"]:
    if b.get("aggregate_name") != "median":
        continue
    name = b["run_name"].replace("BM_", "")
    # CPU time (single-threaded; Google Benchmark's rates use it too): the machine is shared.
    seconds = b["cpu_time"] / 1e3 if b["time_unit"] == "ms" else b["cpu_time"]
    rows[name] = {"seconds": seconds, "mb_per_s": b["bytes_per_second"] / 1e6,
                  "events_per_s": b["items_per_second"]}
for peer in ("ajv", "jsonschema"):
    p = json.loads((out / f"{peer}.json").read_text())
    rows[peer] = {"seconds": p["seconds"], "mb_per_s": p["mb_per_s"],
                  "events_per_s": p["events_per_s"]}
v = rows["VshopValidate"]
print(f"{'implementation':<22}{'CPU s':>10}{'MB/s':>10}{'events/s':>14}{'vs vshop':>10}")
for name, r in rows.items():
    print(f"{name:<22}{r['seconds']:>10.4f}{r['mb_per_s']:>10.1f}{r['events_per_s']:>14,.0f}"
          f"{r['seconds'] / v['seconds']:>9.2f}x")
print(f"vshop validation / simdjson parse-only: "
      f"{v['seconds'] / rows['SimdjsonParseOnly']['seconds']:.2f}x (target <= 1.5x)")
print(f"ajv / vshop: {rows['ajv']['seconds'] / v['seconds']:.1f}x (target >= 5x); "
      f"jsonschema / vshop: {rows['jsonschema']['seconds'] / v['seconds']:.0f}x (target >= 100x)")
PYEOF

# The `vshop inspect` process on 200k events (start, read, validate, write), CPU and wall.
bash bench/events/inspect_process.sh build/bench/vshop 200000
