#!/usr/bin/env bash
# `vshop inspect` as a whole process (start, read, validate, write) on a generated corpus:
# events/s from user+sys CPU time and from wall time, median of 5 runs each for the per-event
# output and for --summary. Output goes to a file (not timed apart: it is part of the process).
# Usage: bench/events/inspect_process.sh [VSHOP [EVENTS]]   (defaults: build/bench/vshop, 200000)
set -euo pipefail
cd "$(dirname "$0")/../.."
VSHOP=${1:-build/bench/vshop}
EVENTS=${2:-200000}
OUT=build/bench/inspect-process
mkdir -p "$OUT"
[ -s "$OUT/c$EVENTS/events.jsonl" ] ||
  python3 bench/events/generate_corpus.py "$OUT/c$EVENTS" "$EVENTS" >/dev/null
CORPUS="$OUT/c$EVENTS/events.jsonl"

python3 - "$VSHOP" "$CORPUS" "$EVENTS" "$OUT" <<'PYEOF'
import os, statistics, subprocess, sys, time
vshop, corpus, events, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
for label, args in (("per event", []), ("--summary", ["--summary"])):
    cpu, wall = [], []
    for _ in range(5):
        with open(os.path.join(out, "output.txt"), "wb") as sink:
            start = time.perf_counter()
            child = subprocess.Popen([vshop, "inspect", *args, corpus], stdout=sink)
            _, status, usage = os.wait4(child.pid, 0)
            wall.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit(f"vshop inspect failed: {status}")
        cpu.append(usage.ru_utime + usage.ru_stime)
    c, w = statistics.median(cpu), statistics.median(wall)
    print(f"{label:<10} {events} events: CPU {c * 1e3:7.1f} ms = {events / c / 1e6:5.2f}M events/s;"
          f" wall {w * 1e3:7.1f} ms = {events / w / 1e6:5.2f}M events/s (medians of 5)")
PYEOF
