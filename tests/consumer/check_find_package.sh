#!/usr/bin/env bash
# check_find_package.sh PREFIX SOURCE_DIR WORK_DIR EXPECTED
# Configures and builds the consumer project SOURCE_DIR against the vshop installed in PREFIX
# (find_package(vshop CONFIG)): C++ on vshop::vshop (static), C on vshop::shared (the C ABI of
# libvshop.so) and C on vshop::vshop; runs the three and compares their output with EXPECTED.
# The environment gives the compiler and flags of the vshop build (see tests.cmake).
set -euo pipefail
prefix=$1 src=$2 work=$3 expected=$4
rm -rf "$work"
cmake -S "$src" -B "$work" -G "$GENERATOR" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" \
  -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS" ${LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER="$LAUNCHER"} \
  >"$work.configure.log" 2>&1 || { cat "$work.configure.log"; exit 1; }
cmake --build "$work" -j1
for exe in consumer_static consumer_shared consumer_c_static; do
  "$work/$exe" >"$work/$exe.out"
  diff -u "$expected" "$work/$exe.out"
done
# The shared consumer runs on the installed library, not on one from the build tree.
ldd "$work/consumer_shared" | grep -F "$prefix/$LIBDIR/libvshop.so"
for exe in consumer_static consumer_c_static; do
  ! ldd "$work/$exe" | grep -F libvshop.so
done
echo "find_package(vshop CONFIG): vshop::vshop (C++, C) and vshop::shared (C) consumers built and ran"
