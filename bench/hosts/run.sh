#!/usr/bin/env bash
# bench/hosts/run.sh [BUILD_DIR [GENERATOR OPTIONS...]]: each language host of the C ABI (C, Go,
# Rust, Node, Python ctypes) and `vshop simulate` on one scenario made by the chain generator
# (examples/scenarios/generate_chain_day.py; by default `--days 24`: the default chain, 24
# opening days, about 100k lines; any of --stores --experts --shoppers --days --seed): lines per
# second, the median of 3 runs each, side by side. Every run's output is checked byte for byte
# against `vshop simulate`. BUILD_DIR: a built optimized tree with the Python extension (default
# build/bench, as bench/run.sh; build/release works too); the library is installed into
# BUILD_DIR/bench-hosts and every host is built against that install (the C host with
# `cc -O2 $(pkg-config --cflags --libs vshop)`). A host whose toolchain is missing is left out.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build/bench}" && pwd)
work=$build/bench-hosts
shift $(($# > 0 ? 1 : 0))
[ $# -gt 0 ] || set -- --days 24
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir=$(dirname "$(find "$work/prefix" -name libvshop.so | head -1)")
export SOURCE_DIR=$root VSHOP_LIBDIR=$libdir HOSTS_BUILD=$work VSHOP=$build/vshop
export VSHOP_LIB=$libdir/libvshop.so PKG_CONFIG_PATH=$libdir/pkgconfig
export PYTHON=${PYTHON:-python3}
# The generator drives an in-process engine: the `vshop` package of BUILD_DIR.
PYTHONPATH="$build/python${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" \
  "$root/examples/scenarios/generate_chain_day.py" "$@" "$work/scenario.jsonl"
lines=$(wc -l <"$work/scenario.jsonl")
"$VSHOP" simulate "$work/scenario.jsonl" >"$work/expected.jsonl"

declare -A cmd=(
  [simulate]="$VSHOP simulate"
  [go]="$work/go/vshop-go-host"
  [rust]="$work/rust/release/vshop-host"
  [node]="node $root/examples/node/host.js"
  [ctypes]="$PYTHON $root/examples/ctypes/host.py"
)
mkdir -p "$work/c"
# shellcheck disable=SC2046  # the flags are words
if cc -O2 -std=c99 "$root/examples/c/main.c" -o "$work/c/vshop-c-host" \
  $(pkg-config --cflags --libs vshop) -Wl,-rpath,"$libdir" 2>"$work/build_c.log"; then
  cmd[c]=$work/c/vshop-c-host
else
  echo "C host not built (see $work/build_c.log): left out" >&2
fi
order=(simulate c go rust node ctypes)
for lang in go rust node; do
  if ! bash "$root/tests/hosts/host.sh" build $lang >"$work/build_$lang.log" 2>&1; then
    echo "$lang host not built (see $work/build_$lang.log): left out" >&2
    unset "cmd[$lang]"
  fi
done

median_seconds() {  # median_seconds NAME: 3 runs, each output checked
  local runs=()
  for _ in 1 2 3; do
    local start end
    start=$(date +%s%N)
    # shellcheck disable=SC2086  # the command is words
    ${cmd[$1]} "$work/scenario.jsonl" >"$work/actual_$1.jsonl"
    end=$(date +%s%N)
    cmp -s "$work/expected.jsonl" "$work/actual_$1.jsonl" || {
      echo "$1: output differs from vshop simulate" >&2
      exit 1
    }
    runs+=($((end - start)))
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}

printf '%s lines (generator: %s; %s rejected), %s effect and error lines out; %s\n\n' \
  "$lines" "$*" "$(grep -c '"error"' "$work/expected.jsonl")" "$(wc -l <"$work/expected.jsonl")" \
  "median of 3 runs"
printf '| host | median time (s) | lines/s | time / simulate |\n|---|---:|---:|---:|\n'
base=""
for name in "${order[@]}"; do
  [ -n "${cmd[$name]:-}" ] || continue
  ns=$(median_seconds "$name")
  [ -n "$base" ] || base=$ns
  awk -v n="$name" -v ns="$ns" -v l=$lines -v b="$base" \
    'BEGIN { printf "| %s | %.3f | %.0f | %.2fx |\n", n, ns / 1e9, l / (ns / 1e9), ns / b }'
done
