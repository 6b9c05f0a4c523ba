#!/usr/bin/env bash
# Usage: run_case.sh VSHOP CASE WORK_DIR
# CASE is a path without extension: runs `vshop simulate CASE.jsonl`, then, for each line of the
# optional CASE.queries, `vshop query CASE.jsonl ARGS...`, and requires the concatenated standard
# output to equal CASE.expected byte for byte, every exit status 0 and nothing on stderr.
set -uo pipefail
VSHOP=$1 CASE=$2 WORK=$3
mkdir -p "$WORK" || exit 1
name=$(basename "$CASE")
actual=$WORK/$name.actual
err=$WORK/$name.stderr
: > "$err"
if ! timeout 60 "$VSHOP" simulate "$CASE.jsonl" > "$actual" 2>> "$err"; then
  echo "FAIL: vshop simulate $CASE.jsonl exited non-zero: $(cat "$err")"
  exit 1
fi
if [ -f "$CASE.queries" ]; then
  while read -r -a args; do
    [ ${#args[@]} -eq 0 ] && continue
    if ! timeout 60 "$VSHOP" query "$CASE.jsonl" "${args[@]}" >> "$actual" 2>> "$err"; then
      echo "FAIL: vshop query $CASE.jsonl ${args[*]} exited non-zero: $(cat "$err")"
      exit 1
    fi
  done < "$CASE.queries"
fi
if [ -s "$err" ]; then
  echo "FAIL: unexpected standard error: $(cat "$err")"
  exit 1
fi
if ! cmp -s "$actual" "$CASE.expected"; then
  echo "FAIL: output differs from $CASE.expected (actual: $actual)"
  diff "$CASE.expected" "$actual" | head -40
  exit 1
fi
echo "ok: $name"
