#!/usr/bin/env bash
# check_exports.sh LIBVSHOP_SO: the shared library exports the C ABI (every vshop.h function
# sampled below) and nothing else: every defined dynamic symbol starts with vshop_.
set -euo pipefail
lib=$1
symbols=$(nm -D --defined-only "$lib" | awk '{print $3}')
status=0
for wanted in vshop_engine_new vshop_engine_apply_json vshop_engine_poll_effect vshop_store_new \
  vshop_validator_validate_lines vshop_status_name vshop_version; do
  if ! grep -qx "$wanted" <<<"$symbols"; then
    echo "not exported: $wanted" >&2
    status=1
  fi
done
others=$(grep -v '^vshop_' <<<"$symbols" || true)
if [ -n "$others" ]; then
  echo "symbols other than vshop_* exported by $lib:" >&2
  head -20 <<<"$others" >&2
  status=1
fi
echo "$(wc -l <<<"$symbols") symbols exported, all vshop_*"
exit $status
