#!/usr/bin/env bash
# install.sh BUILD_DIR PREFIX: a fresh `cmake --install` of the build into PREFIX, then checks
# that everything a user of the package relies on is there ($LIBDIR: CMAKE_INSTALL_LIBDIR).
set -euo pipefail
build=$1 prefix=$2
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
status=0
for f in include/vshop/vshop.hpp include/vshop/export.hpp include/vshop/engine/engine.hpp \
  include/vshop/vshop.h bin/vshop "$LIBDIR/libvshop.a" "$LIBDIR/libvshop.so" \
  "$LIBDIR/pkgconfig/vshop.pc" "$LIBDIR/pkgconfig/vshop-cpp.pc" \
  "$LIBDIR/cmake/vshop/vshopConfig.cmake" "$LIBDIR/cmake/vshop/vshopConfigVersion.cmake" \
  "$LIBDIR/cmake/vshop/vshopTargets.cmake"; do
  if [ ! -e "$prefix/$f" ]; then
    echo "not installed: $f" >&2
    status=1
  fi
done
# Only public headers are installed: nothing from src/.
if find "$prefix/include" -type f ! -path "$prefix/include/vshop/*" | grep .; then
  echo "files installed outside include/vshop" >&2
  status=1
fi
"$prefix/bin/vshop" --help >/dev/null
exit $status
