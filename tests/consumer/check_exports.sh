#!/usr/bin/env bash
# check_exports.sh LIBVSHOP_SO: the shared library exports the public API (VSHOP_API) and no
# internals: nothing of vshop::engine_detail or vshop::hours::detail, nor of the libraries it
# is built on (Abseil, fmt, simdjson, date), whose inline code it compiles in.
set -euo pipefail
lib=$1
symbols=$(nm -DC --defined-only "$lib")
status=0
for wanted in 'vshop::Engine::apply_json(' 'vshop::parse_instant(' \
  'vshop::hours::OpeningHours::is_open(' 'vshop::events::validate('; do
  if ! grep -qF "$wanted" <<<"$symbols"; then
    echo "not exported: $wanted" >&2
    status=1
  fi
done
internal='(vshop::engine_detail|vshop::hours::detail|absl::|fmt::|simdjson::|date::)'
leaked=$(grep -E "^[0-9a-f]+ [A-Za-z] ((typeinfo|vtable|VTT|guard variable) for )?$internal" \
  <<<"$symbols" || true)
if [ -n "$leaked" ]; then
  echo "internal symbols exported by $lib:" >&2
  head -20 <<<"$leaked" >&2
  status=1
fi
echo "$(wc -l <<<"$symbols") symbols exported"
exit $status
