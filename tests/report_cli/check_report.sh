#!/usr/bin/env bash
# `vshop simulate --report` (R-METRIC-1, docs/reference.md §11): the effects are printed exactly as without
# the flag, then the analytics; `--report=json` ends with the canonical JSON report (compared
# with a hand-checked file); an unknown report format is a usage error (exit 2).
set -euo pipefail
VSHOP=$1 SCENARIO=$2 EXPECTED_EFFECTS=$3 EXPECTED_JSON=$4 WORK=$5
"$VSHOP" simulate "$SCENARIO" --report > "$WORK.text"
n=$(wc -l < "$EXPECTED_EFFECTS")
head -n "$n" "$WORK.text" | cmp - "$EXPECTED_EFFECTS" || { echo "effects differ with --report"; exit 1; }
grep -q "^Analytics 2026-05-14 .. 2026-05-14 (UTC)$" "$WORK.text" || { echo "no report header"; exit 1; }
grep -qE "^merchant +3 +2 +66.7 +1 " "$WORK.text" || { echo "merchant row differs"; exit 1; }
"$VSHOP" simulate "$SCENARIO" --report=json > "$WORK.json"
head -n "$n" "$WORK.json" | cmp - "$EXPECTED_EFFECTS" || { echo "effects differ with --report=json"; exit 1; }
tail -n 1 "$WORK.json" | cmp - "$EXPECTED_JSON" || { echo "JSON report differs"; exit 1; }
rc=0
"$VSHOP" simulate "$SCENARIO" --report=xml > /dev/null 2> "$WORK.err" || rc=$?
[ "$rc" -eq 2 ] || { echo "--report=xml exited $rc, not 2"; exit 1; }
[ "$(wc -l < "$WORK.err")" -eq 1 ] || { echo "usage error is not one line"; exit 1; }
