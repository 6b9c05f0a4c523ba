#!/usr/bin/env bash
# Replay determinism across processes (R-DET-1): simulate a scenario writing its journal and
# final snapshot; replay the journal in a second process (same effects, same snapshot bytes);
# then snapshot after the first half of the journal in a third process, restore it in a fourth
# and replay the rest: the same final snapshot as the uninterrupted run.
set -euo pipefail
VSHOP=$1 SCENARIO=$2 WORK=$3
"$VSHOP" simulate "$SCENARIO" --journal "$WORK.journal" --snapshot "$WORK.snapshot" > "$WORK.effects"
"$VSHOP" replay "$WORK.journal" > "$WORK.replayed"
cmp "$WORK.effects" "$WORK.replayed" || { echo "replayed effects differ"; exit 1; }
"$VSHOP" replay "$WORK.journal" --snapshot > "$WORK.replay_snapshot"
cmp "$WORK.snapshot" "$WORK.replay_snapshot" || { echo "replayed snapshot differs"; exit 1; }
n=$(wc -l < "$WORK.journal")
for half in $((n / 3)) $((n / 2)) $((n - 2)); do
  head -n "$half" "$WORK.journal" > "$WORK.first"
  tail -n +"$((half + 1))" "$WORK.journal" > "$WORK.second"
  "$VSHOP" replay "$WORK.first" --snapshot > "$WORK.mid"
  "$VSHOP" replay "$WORK.second" --from "$WORK.mid" --snapshot > "$WORK.resumed"
  cmp "$WORK.snapshot" "$WORK.resumed" || { echo "restore at line $half differs"; exit 1; }
done
