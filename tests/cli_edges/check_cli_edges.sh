#!/usr/bin/env bash
# Usage: check_cli_edges.sh VSHOP VERSION DATA_DIR WORK_DIR
set -uo pipefail
VSHOP=$1 VERSION=$2 DATA=$3 WORK=$4
rm -rf "$WORK" && mkdir -p "$WORK/dir" || exit 1
cd "$WORK" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

STORE=$DATA/hours/store_hours.json
SCENARIO=$DATA/examples/day_basic.jsonl
EVENTS=$DATA/events/good.jsonl

# A usage failure: exit 2, nothing on stdout, exactly one line on stderr (within 20 s, and
# writing at most 5 MB: a command that loops on its input is stopped).
expect_usage_error() {
  local name=$1
  shift
  local rc=0
  (ulimit -f 10240 && exec timeout 20 "$VSHOP" "$@" > out.txt 2> err.txt < /dev/null) || rc=$?
  local lines
  lines=$(wc -l < err.txt)
  if [ "$rc" -ne 2 ] || [ -s out.txt ] || [ "$lines" -ne 1 ]; then
    fail "$name: want exit 2, no stdout, one stderr line; got exit $rc," \
         "$(wc -c < out.txt) stdout bytes, $lines stderr lines: $(head -c 300 err.txt)"
  fi
}
stderr_has() {
  grep -qF -- "$2" err.txt || fail "$1: stderr does not name '$2': $(head -c 300 err.txt)"
}

# 1. A directory where a file is expected: one line naming it, exit 2, before any work.
expect_usage_error "hours DIR" hours dir --at 2026-03-28T20:59:59Z
stderr_has "hours DIR" "directory"
expect_usage_error "simulate DIR" simulate dir
expect_usage_error "replay DIR" replay dir
expect_usage_error "replay --from DIR" replay "$SCENARIO" --from dir
expect_usage_error "inspect DIR" inspect dir
stderr_has "inspect DIR" '"dir"'
expect_usage_error "inspect --feed DIR" inspect --feed dir "$EVENTS"
expect_usage_error "simulate --journal DIR" simulate "$SCENARIO" --journal dir
expect_usage_error "simulate --snapshot DIR" simulate "$SCENARIO" --snapshot dir

# 2. An output that cannot be created fails before the scenario runs (no effect printed).
expect_usage_error "--journal in a missing directory" simulate "$SCENARIO" \
  --journal /no/such/dir/j.jsonl
stderr_has "--journal in a missing directory" "/no/such/dir/j.jsonl"
expect_usage_error "--snapshot in a missing directory" simulate "$SCENARIO" \
  --snapshot /no/such/dir/s.json
# ... and an output that is the scenario itself is refused instead of truncating it.
cp "$SCENARIO" own.jsonl
expect_usage_error "--journal = scenario" simulate own.jsonl --journal own.jsonl
cmp -s own.jsonl "$SCENARIO" || fail "--journal = scenario: the scenario was truncated"

# 3. Control characters in names and values stay on one line (escaped).
expect_usage_error "newline in a file name" inspect "$(printf 'no\nsuch\rfile')"
stderr_has "newline in a file name" 'no\nsuch\rfile'
expect_usage_error "newline in --to" hours "$STORE" --from 2026-01-01T00:00:00Z \
  --to "$(printf '2026\n01')"
expect_usage_error "newline in an option" simulate "$SCENARIO" "$(printf -- '--bo\ngus')"

# 4. --version prints the project version; an unknown subcommand is named.
rc=0
"$VSHOP" --version > out.txt 2> err.txt || rc=$?
[ "$rc" -eq 0 ] && [ "$(cat out.txt)" = "vshop $VERSION" ] ||
  fail "--version: exit $rc, stdout [$(cat out.txt)], want [vshop $VERSION]"
expect_usage_error "unknown subcommand" frobnicate "$SCENARIO"
stderr_has "unknown subcommand" '"frobnicate"'

# 5. hours --from/--to is bounded: refused at once, naming --to.
expect_usage_error "hours over 1000 days" hours "$STORE" --from 0001-01-01T00:00:00Z \
  --to 9999-12-31T00:00:00Z
stderr_has "hours over 1000 days" "--to"

# 6. One definition of a blank line (empty or spaces, tabs, CR) for simulate and inspect:
# lines 1, 2 and 5 are blank, 3 (form feed) and 4 (vertical tab) are documents, both ways.
printf '  \r\n\t \r \r\n\f\n\v \n\n' > blanks.jsonl
"$VSHOP" simulate blanks.jsonl > out.txt 2> err.txt
got=$(grep -o '"line":[0-9]*' out.txt | tr '\n' ' ')
[ "$got" = '"line":3 "line":4 ' ] || fail "simulate blank lines: errors on [$got], want 3 and 4"
"$VSHOP" inspect blanks.jsonl > out.txt 2> err.txt
got=$(grep -o '"line":[0-9]*' out.txt | tr '\n' ' ')
[ "$got" = '"line":3 "line":4 ' ] || fail "inspect blank lines: documents [$got], want 3 and 4"

# 7. --quiet --report=json: exactly one JSON object on stdout; rejected commands on stderr.
{ cat "$SCENARIO"; echo '{"cmd":"go_available","expert":"nobody"}'; } > rejected.jsonl
rc=0
"$VSHOP" simulate rejected.jsonl --quiet --report=json > out.txt 2> err.txt || rc=$?
[ "$rc" -eq 0 ] && [ "$(wc -l < out.txt)" -eq 1 ] && head -c 1 out.txt | grep -q '{' ||
  fail "--quiet --report=json: exit $rc, stdout: $(head -c 300 out.txt)"
grep -q '"error":"not_found"' err.txt || fail "--quiet: the rejected command is not on stderr"

# 7b. A command line over 1 MiB is one rejected line; the run goes on with the next.
{ printf '{"cmd":"go_available","expert":"'; head -c 1100000 /dev/zero | tr '\0' x
  printf '"}\n{"cmd":"go_available","expert":"y"}\n'; } > long.jsonl
"$VSHOP" simulate long.jsonl > out.txt 2> err.txt
grep -q '^{"line":1,"error":"invalid_argument","message":"line of 1100034 bytes' out.txt &&
  grep -q '^{"line":2,"error":"not_found"' out.txt ||
  fail "over-long command line: $(head -c 300 out.txt)"

# 8. Streaming: output and the journal are written while the input is still open.
mkfifo input.fifo
"$VSHOP" simulate - --journal stream.journal < input.fifo > stream.out 2> stream.err &
pid=$!
exec 3> input.fifo
{
  echo '{"at":"2026-01-01T00:00:00Z","cmd":"configure","invite_code":"TULIP26"}'
  for i in $(seq 1 3000); do
    echo "{\"cmd\":\"add_store\",\"store\":\"s$i\",\"timezone\":\"UTC\"}"
    echo "{\"cmd\":\"go_available\",\"expert\":\"nobody-$i\"}"
  done
} >&3
streamed=0
for _ in $(seq 1 100); do
  if [ -s stream.out ] && [ -s stream.journal ]; then streamed=1; break; fi
  sleep 0.1
done
kill -0 "$pid" 2> /dev/null || fail "streaming: simulate ended before its input did"
exec 3>&-
wait "$pid"
[ "$streamed" -eq 1 ] ||
  fail "streaming: nothing written before the end of the input (stdout $(wc -c < stream.out)" \
       "bytes, journal $(wc -c < stream.journal) bytes)"
[ "$(grep -c '"error"' stream.out)" -eq 3000 ] || fail "streaming: not every error was printed"
[ "$(wc -l < stream.journal)" -ge 3001 ] || fail "streaming: the journal is incomplete"

# 9. A failed write of standard output is one line and exit 2.
if [ -w /dev/full ]; then
  rc=0
  "$VSHOP" simulate "$SCENARIO" > /dev/full 2> err.txt || rc=$?
  [ "$rc" -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] ||
    fail "stdout to /dev/full: exit $rc, stderr: $(head -c 300 err.txt)"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all CLI edge checks passed"
