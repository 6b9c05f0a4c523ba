#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (built with the `fuzz` preset, which this script
# configures and builds first).
#
#   tests/fuzz/run.sh [TARGET...]             CI mode: each target for FUZZ_SECONDS (default 45)
#                                             on a scratch copy of its seeds.
#   tests/fuzz/run.sh --campaign [TARGET...]  long campaign (`./scripts/run fuzz`): each target
#                                             until FUZZ_RUNS executions (default 10,000,000)
#                                             or FUZZ_SECONDS (default 1200) have passed, on a
#                                             corpus kept in build/fuzz/corpus/TARGET.
#
# TARGET is events, commands, restore, store or capi (default: all five, one after the other).
# FUZZ_JOBS=2 runs a target as two libFuzzer processes (-fork=2); more is refused (the machine
# is shared). Before fuzzing, every file in tests/fuzz/regressions/TARGET/ is replayed once.
# Crash, leak, timeout and out-of-memory inputs are copied to build/fuzz/crashes/TARGET/ (never
# into the source tree). Prints executions and executions/s per target; exits non-zero when a
# regression input or the fuzzer failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

campaign=0
if [ "${1:-}" = "--campaign" ]; then
  campaign=1
  shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(events commands restore store capi)
for t in "${targets[@]}"; do
  case "$t" in
    events | commands | restore | store | capi) ;;
    *) echo "run.sh: unknown target \"$t\" (events, commands, restore, store, capi)" >&2; exit 2 ;;
  esac
done
if [ "$campaign" -eq 1 ]; then
  SECONDS_PER_TARGET=${FUZZ_SECONDS:-1200}
  RUNS=${FUZZ_RUNS:-10000000}
else
  SECONDS_PER_TARGET=${FUZZ_SECONDS:-45}
  RUNS=${FUZZ_RUNS:--1}
fi
JOBS=${FUZZ_JOBS:-1}
if [ "$JOBS" -lt 1 ] || [ "$JOBS" -gt 2 ]; then
  echo "run.sh: FUZZ_JOBS must be 1 or 2 (the machine is shared)" >&2
  exit 2
fi

log() { printf '==> %s\n' "$*" >&2; }

# --- build ------------------------------------------------------------------------------------
log "building the fuzz preset"
cmake --preset fuzz >/dev/null
build_targets=(fuzz_make_seeds)
for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
cmake --build build/fuzz --target "${build_targets[@]}" -j2
BIN=build/fuzz/tests/fuzz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- seeds ------------------------------------------------------------------------------------
scenarios=(tests/data/examples/*.jsonl examples/scenarios/*.jsonl)
scenario_inputs=()
for f in "${scenarios[@]}"; do
  case "$f" in *.expected.jsonl) ;; *) scenario_inputs+=("$f") ;; esac
done

# seeds TARGET DIR: writes the seed corpus of TARGET into DIR.
seeds() {
  mkdir -p "$2"
  case "$1" in
    events) cp tests/fuzz/corpus/* tests/data/events/*.jsonl "$2"/ ;;
    commands) "$BIN/fuzz_make_seeds" commands "$2" "${scenario_inputs[@]}" ;;
    restore) "$BIN/fuzz_make_seeds" snapshots "$2" "${scenario_inputs[@]}" ;;
    store) cp tests/fuzz/seeds/store/* examples/stores/*.json tests/data/hours/*.json "$2"/ ;;
    # The C ABI: the command seeds (JSON lines are applied as they are) and the call seeds.
    capi)
      "$BIN/fuzz_make_seeds" commands "$2" "${scenario_inputs[@]}"
      cp tests/fuzz/seeds/capi/* "$2"/
      ;;
  esac
}

# Per target: the input size limit (the kMaxInputBytes of the target) and the dictionary.
max_len() {
  case "$1" in
    events) echo 4096 ;;
    commands) echo 8192 ;;
    restore) echo 32768 ;;
    store) echo 4096 ;;
    capi) echo 8192 ;;
  esac
}
dict_flag() {
  case "$1" in
    commands) echo "-dict=tests/fuzz/commands.dict" ;;
    restore) echo "-dict=tests/fuzz/restore.dict" ;;
    store) echo "-dict=tests/fuzz/store.dict" ;;
    capi) echo "-dict=tests/fuzz/commands.dict" ;;
  esac
}

# --- run --------------------------------------------------------------------------------------
failed=0
summary=()
for t in "${targets[@]}"; do
  bin="$BIN/fuzz_$t"
  artifacts="$work/artifacts-$t"
  mkdir -p "$artifacts"

  regressions=(tests/fuzz/regressions/"$t"/*)
  if [ -e "${regressions[0]}" ]; then
    log "$t: replaying ${#regressions[@]} regression inputs"
    if ! "$bin" -timeout=10 -rss_limit_mb=2048 "${regressions[@]}" >"$work/regressions-$t.log" 2>&1; then
      tail -40 "$work/regressions-$t.log"
      echo "fuzz_$t: a regression input fails" >&2
      failed=1
      summary+=("$(printf '%-10s regression input failed' "$t")")
      continue
    fi
  fi

  if [ "$campaign" -eq 1 ]; then
    corpus="build/fuzz/corpus/$t"
  else
    corpus="$work/corpus-$t"
  fi
  seeds "$t" "$corpus"

  log "$t: fuzzing for up to ${SECONDS_PER_TARGET} s"
  flags=(-max_total_time="$SECONDS_PER_TARGET" -runs="$RUNS" -max_len="$(max_len "$t")"
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/")
  d=$(dict_flag "$t")
  [ -z "$d" ] || flags+=("$d")
  [ "$JOBS" -eq 1 ] || flags+=(-fork="$JOBS" -ignore_crashes=0)
  start=$(date +%s)
  set +e
  "$bin" "${flags[@]}" "$corpus" >"$work/fuzz-$t.log" 2>&1
  status=$?
  set -e
  elapsed=$(($(date +%s) - start))
  [ "$elapsed" -gt 0 ] || elapsed=1
  # Executions: the final stats line, else (fork mode) the last status line `#N ...`.
  runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$work/fuzz-$t.log" |
    grep -oE "[0-9]+$" | tail -1 || true)
  if [ -z "$runs" ]; then
    runs=$(grep -oE "^#[0-9]+" "$work/fuzz-$t.log" | tail -1 | tr -d '#' || true)
  fi
  runs=${runs:-0}
  line=$(printf '%-10s %12s executions in %6s s = %8s exec/s  (exit status %s)' \
    "$t" "$runs" "$elapsed" "$((runs / elapsed))" "$status")
  echo "fuzz_$line"
  summary+=("$line")
  if [ "$status" -ne 0 ]; then
    failed=1
    tail -60 "$work/fuzz-$t.log"
    mkdir -p "build/fuzz/crashes/$t"
    cp "$artifacts"/* "build/fuzz/crashes/$t/" 2>/dev/null || true
    cp "$work/fuzz-$t.log" "build/fuzz/crashes/$t/fuzz.log"
    echo "fuzz_$t: failing inputs copied to $ROOT/build/fuzz/crashes/$t/" >&2
  fi
done

echo "== fuzz summary ($([ "$campaign" -eq 1 ] && echo campaign || echo CI)) =="
printf '%s\n' "${summary[@]}"
exit "$failed"
