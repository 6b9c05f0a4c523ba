#!/usr/bin/env bash
# check_exports.sh LIBVSHOP_SO VSHOP_H: the shared library is the stable C ABI: it exports every
# function vshop.h declares and nothing else (no C++ symbol of vshop, Abseil, fmt, simdjson or
# date, whose code it contains). Run on the build tree (capi_exports) and on an install
# (package_exports).
set -euo pipefail
lib=$1 header=$2
exported=$(nm -D --defined-only "$lib" | awk '{print $3}' | sort -u)
declared=$(grep -F VSHOP_C_API "$header" | grep -oE 'vshop_[a-z0-9_]+\(' | tr -d '(' | sort -u)
status=0
missing=$(comm -13 <(echo "$exported") <(echo "$declared"))
if [ -n "$missing" ]; then
  echo "declared in vshop.h but not exported by $lib:" >&2
  echo "$missing" >&2
  status=1
fi
extra=$(comm -23 <(echo "$exported") <(echo "$declared"))
if [ -n "$extra" ]; then
  echo "exported by $lib but not a function of vshop.h:" >&2
  head -20 <<<"$extra" >&2
  status=1
fi
echo "$(wc -l <<<"$exported") symbols exported: exactly the functions of vshop.h"
exit $status
