#!/usr/bin/env bash
# `vshop simulate --report` with --from / --to (reporting-zone dates), --daily and --report-file
# (R-METRIC-1, docs/metrics.md): the range and the all-time figures, the per-day rows, the
# report alone in its file or on stdout with --quiet --report=json, and one-line usage errors
# (exit 2) naming the flag for bad dates, a reversed range and range flags without --report.
set -euo pipefail
VSHOP=$1 SCENARIO=$2 WORK=$3
mkdir -p "$WORK" && cd "$WORK"
fail() { echo "FAIL: $*"; exit 1; }
PY=${PYTHON:-python3}

# Two days: the shared example, then one more chat claimed the next day.
cat "$SCENARIO" - > two_days.jsonl <<'JSONL'
{"at":"2026-05-15T08:00:00Z","cmd":"go_available","expert":"omar"}
{"at":"2026-05-15T08:10:00Z","cmd":"request_chat","shopper":"anouk"}
{"at":"2026-05-15T08:10:07Z","cmd":"claim","expert":"omar","chat":"c4"}
JSONL
"$VSHOP" simulate two_days.jsonl --quiet --report=json > all.json 2> all.err
"$VSHOP" simulate two_days.jsonl --quiet --report=json --from 2026-05-15 --to 2026-05-15 \
  --daily > day2.json 2> day2.err
[ "$(wc -l < day2.json)" -eq 1 ] || fail "--report=json is not one line"
"$PY" - all.json day2.json <<'PYEOF' || fail "range figures"
import json, sys
full = json.load(open(sys.argv[1])); day2 = json.load(open(sys.argv[2]))
assert (full["from"], full["to"]) == ("2026-05-14", "2026-05-15"), (full["from"], full["to"])
assert (day2["from"], day2["to"]) == ("2026-05-15", "2026-05-15")
assert (day2["all_time_from"], day2["all_time_to"]) == ("2026-05-14", "2026-05-15")
m, a = day2["merchant"], day2["merchant"]["all_time"]
assert a["initiated"] == full["merchant"]["initiated"], (a, full["merchant"])
assert 0 < m["initiated"] < a["initiated"], (m["initiated"], a["initiated"])
assert [d["day"] for d in day2["daily"]] == ["2026-05-15"]
assert day2["daily"][0]["initiated"] == m["initiated"]
PYEOF

# The report alone in --report-file; the effects still on stdout.
"$VSHOP" simulate two_days.jsonl --report=json --report-file report.json > effects.txt
cmp <(tr -d '\n' < report.json) <(tr -d '\n' < all.json) || fail "--report-file differs"
grep -q '"effect"' effects.txt || fail "effects missing with --report-file"
grep -q 'Analytics' effects.txt && fail "the report leaked to stdout"

# Text: the range table, the all-time table, the daily rows.
"$VSHOP" simulate two_days.jsonl --quiet --report --from 2026-05-15 --daily > text.txt
grep -q '^Analytics 2026-05-15 .. 2026-05-15 (UTC)$' text.txt || fail "text range header"
grep -q '^All time 2026-05-14 .. 2026-05-15 (UTC)$' text.txt || fail "text all-time header"
grep -qE '^merchant +2026-05-15 ' text.txt || fail "text daily row"

usage() {  # expected message fragment, then the arguments
  local want=$1 rc=0
  shift
  "$VSHOP" simulate two_days.jsonl --quiet "$@" > out.txt 2> err.txt || rc=$?
  [ "$rc" -eq 2 ] || fail "$* exited $rc, not 2"
  [ "$(wc -l < err.txt)" -eq 1 ] || fail "$*: usage error is not one line"
  grep -q -- "$want" err.txt || fail "$*: $(cat err.txt) lacks $want"
  [ ! -s out.txt ] || fail "$*: wrote to stdout"
}
usage "--from" --report --from 2026-02-30
usage "--to" --report --to 15/05/2026
usage "--to: 2026-05-14 is before --from 2026-05-15" --report --from 2026-05-15 --to 2026-05-14
usage "need --report" --daily
usage "daily" --report --daily --from 2000-01-01 --to 2026-01-01
echo "report range OK"
