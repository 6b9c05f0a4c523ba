#!/usr/bin/env bash
# host.sh ACTION LANG [ARGS]: the language hosts of the C ABI (examples/go, rust, node, ctypes)
# against an installed vshop. Environment: SOURCE_DIR (the repository), VSHOP_LIBDIR (the
# installed lib folder, with pkgconfig/vshop.pc), HOSTS_BUILD (where hosts are built), VSHOP
# (the `vshop` tool), PYTHON.
#   host.sh build LANG                  builds the Go or Rust host (one job); Node: koffi is there
#   host.sh run LANG SCENARIO WORK      the host's stdout on SCENARIO must equal, byte for byte,
#                                       `vshop simulate SCENARIO` (R-DET-1 across languages),
#                                       and some lines must have gone through typed C calls
#   host.sh long-line SOURCE OUT        OUT: SOURCE plus a command line over the 1 MiB limit
# Exit status 77 (CTest skip) only when the language's toolchain is not installed.
set -euo pipefail
action=$1
shift
if [ "$action" = long-line ]; then
  source=$1 out=$2
  mkdir -p "$(dirname "$out")"
  { cat "$source" && echo && head -c $((1 << 20)) /dev/zero | tr '\0' ' ' && echo '{}' &&
    echo '{"at":"2026-06-19T07:00:00Z","cmd":"advance"}'; } >"$out"
  exit 0
fi
lang=$1
shift
src=$SOURCE_DIR/examples/$lang
export PKG_CONFIG_PATH=$VSHOP_LIBDIR/pkgconfig VSHOP_LIB=$VSHOP_LIBDIR/libvshop.so

need() {
  if ! command -v "$1" >/dev/null; then
    echo "SKIPPED: '$1' is not installed, so the $lang host is not tested (scripts/run installs it)"
    exit 77
  fi
}
case $lang in
  go) need go ;;
  rust) need cargo ;;
  node) need node ;;
  ctypes) need "$PYTHON" ;;
esac

case $action in
  build)
    case $lang in
      go) cd "$src" && GOFLAGS=-p=1 go build -trimpath -ldflags "-r $VSHOP_LIBDIR" \
        -o "$HOSTS_BUILD/go/vshop-go-host" . ;;
      rust) CARGO_BUILD_JOBS=1 CARGO_TARGET_DIR=$HOSTS_BUILD/rust \
        cargo build --release --locked --manifest-path "$src/Cargo.toml" ;;
      node) if [ ! -d "$src/node_modules/koffi" ]; then
          echo "koffi is not installed: run 'npm ci' in examples/node (scripts/run does)" >&2
          exit 1
        fi ;;
    esac
    echo "$lang host ready"
    ;;
  run)
    scenario=$1 work=$2
    mkdir -p "$work"
    "$VSHOP" simulate "$scenario" >"$work/expected.jsonl"
    case $lang in
      go) host=("$HOSTS_BUILD/go/vshop-go-host") ;;
      rust) host=("$HOSTS_BUILD/rust/release/vshop-host") ;;
      node) host=(node "$src/host.js") ;;
      ctypes) host=("$PYTHON" "$src/host.py") ;;
    esac
    VSHOP_HOST_STATS=1 "${host[@]}" "$scenario" >"$work/actual.jsonl" 2>"$work/stats.txt"
    if ! cmp -s "$work/expected.jsonl" "$work/actual.jsonl"; then
      echo "the $lang host's output differs from vshop simulate on $scenario:" >&2
      diff -u "$work/expected.jsonl" "$work/actual.jsonl" | head -40 >&2
      exit 1
    fi
    # Every input has hot commands: the typed C calls must have run some of them.
    if ! grep -Eq '^typed [1-9][0-9]* apply_json [0-9]+$' "$work/stats.txt"; then
      echo "the $lang host ran no line through a typed C call: $(cat "$work/stats.txt")" >&2
      exit 1
    fi
    echo "$lang host: $(wc -l <"$work/expected.jsonl") lines identical to vshop simulate" \
      "($(cat "$work/stats.txt"))"
    ;;
  *)
    echo "usage: host.sh build LANG | run LANG SCENARIO WORK | long-line SOURCE OUT" >&2
    exit 2
    ;;
esac
