#!/usr/bin/env bash
# check_pkg_config.sh PREFIX CONSUMER_DIR WORK_DIR EXPECTED
# Builds the consumers of CONSUMER_DIR with the flags pkg-config gives for the vshop installed in
# PREFIX: main.c with `pkg-config --cflags --libs vshop` (libvshop.so, the C ABI) and with
# `--static` (libvshop.a and its private dependencies); main.cpp with `pkg-config --cflags --libs
# vshop-cpp` (the C++ API, static). Runs the three and compares their output with EXPECTED.
set -euo pipefail
prefix=$1 src=$2 work=$3 expected=$4
rm -rf "$work" && mkdir -p "$work"
export PKG_CONFIG_PATH="$prefix/$LIBDIR/pkgconfig"
cflags=$(pkg-config --cflags vshop)
libs=$(pkg-config --libs vshop)
static_libs=$(pkg-config --static --libs vshop)
cpp_cflags=$(pkg-config --cflags vshop-cpp)
cpp_libs=$(pkg-config --libs vshop-cpp)
echo "pkg-config --cflags --libs vshop: $cflags $libs"
echo "pkg-config --cflags --libs vshop-cpp: $cpp_cflags $cpp_libs"
# shellcheck disable=SC2086  # the flags are words
c=(${LAUNCHER:+"$LAUNCHER"} "$CC" -std=c99)
cxx=(${LAUNCHER:+"$LAUNCHER"} "$CXX" -std=c++20)
# shellcheck disable=SC2086
"${c[@]}" $CFLAGS $cflags "$src/main.c" -o "$work/consumer_pc" $LDFLAGS $libs \
  -Wl,-rpath,"$prefix/$LIBDIR"
# shellcheck disable=SC2086
"${c[@]}" $CFLAGS $cflags "$src/main.c" -o "$work/consumer_pc_static" $LDFLAGS \
  ${static_libs/-lvshop/-l:libvshop.a}
# shellcheck disable=SC2086
"${cxx[@]}" $CXXFLAGS $cpp_cflags "$src/main.cpp" -o "$work/consumer_pc_cpp" $LDFLAGS $cpp_libs
for exe in consumer_pc consumer_pc_static consumer_pc_cpp; do
  "$work/$exe" >"$work/$exe.out"
  diff -u "$expected" "$work/$exe.out"
done
ldd "$work/consumer_pc" | grep -F "$prefix/$LIBDIR/libvshop.so"
for exe in consumer_pc_static consumer_pc_cpp; do
  ! ldd "$work/$exe" | grep -F libvshop.so
done
echo "pkg-config: vshop (C, shared and static) and vshop-cpp (C++) consumers built and ran"
