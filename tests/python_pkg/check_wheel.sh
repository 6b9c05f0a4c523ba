#!/usr/bin/env bash
# pypkg_wheel: `pip wheel .` builds the wheel from pyproject.toml (scikit-build-core, the same
# CMake build), the wheel holds only the package `vshop` (no headers, libraries, CLI), installs
# into a fresh venv without the build tree (`pip install .` into another), and
# examples/python/simulate_day.py prints there exactly what it prints against the build tree.
# usage: check_wheel.sh PYTHON SOURCE_DIR VERSION BUILD_TREE_PYTHON_DIR WORK_DIR
set -euo pipefail
PYTHON=$1 SRC=$2 VERSION=$3 TREE=$4 WORK=$5
HERE=$(cd "$(dirname "$0")" && pwd)
rm -rf "$WORK"
mkdir -p "$WORK"

# One compile job (the machine's cores are shared); ccache, when installed, reuses the release
# preset's objects: same build type, same flags (warnings as errors, as in the test run), and
# compile lines made relative to the checkout (pyproject.toml: build/wheel-<tag>, as deep as
# build/release).
export CMAKE_BUILD_PARALLEL_LEVEL=1 CCACHE_BASEDIR="$SRC" CCACHE_NOHASHDIR=1
(cd "$SRC" && env -u PYTHONPATH "$PYTHON" -m pip wheel . --no-deps -q -w "$WORK/dist" \
  -C cmake.define.VSHOP_WERROR=ON) >"$WORK/pip-wheel.log" 2>&1 || {
  tail -n 40 "$WORK/pip-wheel.log"
  echo "FAIL: pip wheel . (log: $WORK/pip-wheel.log)"
  exit 1
}
wheels=("$WORK"/dist/vshop-"$VERSION"-*.whl)
[ -f "${wheels[0]}" ] || { ls "$WORK/dist"; echo "FAIL: no vshop-$VERSION wheel"; exit 1; }
wheel=${wheels[0]}

# Only the package and its metadata: the extension, the Python files, the stubs, py.typed.
"$PYTHON" - "$wheel" "$VERSION" <<'EOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
info = f"vshop-{sys.argv[2]}.dist-info/"
stray = [n for n in names if not (n.startswith("vshop/") or n.startswith(info))]
assert not stray, f"files outside the package in the wheel: {stray}"
needed = ["vshop/__init__.py", "vshop/py.typed"]
missing = [n for n in needed if n not in names]
assert not missing, f"missing from the wheel: {missing}"
assert any(n.startswith("vshop/_vshop") and n.endswith(".so") for n in names), "no _vshop*.so"
assert any(n.endswith(".pyi") for n in names), "no .pyi stubs in the wheel"
print(f"wheel {sys.argv[1].rsplit('/', 1)[-1]}: {len(names)} files, all under vshop/")
EOF

# A fresh venv, no network, no build tree on the path; and a second one with `pip install .`
# (the same build folder, so nothing is compiled again).
"$PYTHON" -m venv "$WORK/venv"
env -u PYTHONPATH "$WORK/venv/bin/python" -m pip install -q --no-index --no-deps "$wheel"
"$PYTHON" -m venv "$WORK/venv-source"
(cd "$SRC" && env -u PYTHONPATH "$WORK/venv-source/bin/python" -m pip install -q --no-deps . \
  -C cmake.define.VSHOP_WERROR=ON) >"$WORK/pip-install.log" 2>&1 || {
  tail -n 40 "$WORK/pip-install.log"
  echo "FAIL: pip install . (log: $WORK/pip-install.log)"
  exit 1
}
cd "$WORK"
for venv in venv venv-source; do
  env -u PYTHONPATH "$WORK/$venv/bin/python" - "$VERSION" "$WORK/$venv/lib/" <<'EOF'
import importlib.metadata, sys
import vshop
assert vshop.__file__.startswith(sys.argv[2]), f"vshop imported from {vshop.__file__}"
version = importlib.metadata.version("vshop")
assert version == sys.argv[1], f"installed version {version}, CMake project version {sys.argv[1]}"
EOF
done
env -u PYTHONPATH "$WORK/venv/bin/python" "$SRC/examples/python/simulate_day.py" >wheel.out
PYTHONPATH="$TREE" "$PYTHON" "$SRC/examples/python/simulate_day.py" >tree.out
if ! cmp -s wheel.out tree.out; then
  diff tree.out wheel.out | head -n 20
  echo "FAIL: simulate_day.py prints differently from the wheel and from the build tree"
  exit 1
fi
# The output is the day's metrics: a merchant line with chats that were requested and claimed.
"$PYTHON" "$HERE/check_day_output.py" wheel.out
echo "OK: wheel built, installed in a fresh venv (and pip install . in another), output checked"
