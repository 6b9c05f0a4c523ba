#!/usr/bin/env bash
# check_host.sh HOST VSHOP SCENARIO OUT_PREFIX: the host program's output on SCENARIO is byte for
# byte what `vshop simulate SCENARIO` prints (R-DET-1 across the C ABI).
set -euo pipefail
host=$1 vshop=$2 scenario=$3 out=$4
"$vshop" simulate "$scenario" >"$out.expected" || [ $? -eq 1 ]
"$host" "$scenario" >"$out.actual"
if ! cmp -s "$out.expected" "$out.actual"; then
  echo "$(basename "$host") differs from vshop simulate on $scenario:" >&2
  diff "$out.expected" "$out.actual" | head -20 >&2
  exit 1
fi
echo "$(wc -l <"$out.actual") lines identical to vshop simulate on $(basename "$scenario")"
