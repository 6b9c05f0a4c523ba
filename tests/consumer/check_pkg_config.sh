#!/usr/bin/env bash
# check_pkg_config.sh PREFIX MAIN_CPP WORK_DIR EXPECTED
# Builds MAIN_CPP with the flags `pkg-config vshop` gives for the vshop installed in PREFIX:
# `--cflags --libs` (the shared library) and `--static --libs` (libvshop.a and its private
# dependencies); runs both and compares their output with EXPECTED.
set -euo pipefail
prefix=$1 main=$2 work=$3 expected=$4
rm -rf "$work" && mkdir -p "$work"
export PKG_CONFIG_PATH="$prefix/$LIBDIR/pkgconfig"
cflags=$(pkg-config --cflags vshop)
libs=$(pkg-config --libs vshop)
static_libs=$(pkg-config --static --libs vshop)
echo "pkg-config --cflags --libs vshop: $cflags $libs"
# shellcheck disable=SC2086  # the flags are words
compile=(${LAUNCHER:+"$LAUNCHER"} "$CXX" -std=c++20)
"${compile[@]}" $CXXFLAGS $cflags "$main" -o "$work/consumer_pc" $LDFLAGS $libs \
  -Wl,-rpath,"$prefix/$LIBDIR"
# shellcheck disable=SC2086
"${compile[@]}" $CXXFLAGS $cflags "$main" -o "$work/consumer_pc_static" $LDFLAGS \
  ${static_libs/-lvshop/-l:libvshop.a}
for exe in consumer_pc consumer_pc_static; do
  "$work/$exe" >"$work/$exe.out"
  diff -u "$expected" "$work/$exe.out"
done
ldd "$work/consumer_pc" | grep -F "$prefix/$LIBDIR/libvshop.so"
! ldd "$work/consumer_pc_static" | grep -F libvshop.so
echo "pkg-config vshop: shared and static consumers built and ran"
