#!/usr/bin/env bash
# check_subproject.sh SUBPROJECT_DIR WORK_DIR GENERATOR VSHOP_SOURCE_DIR
# Configures (only) a project that adds vshop with add_subdirectory, outside CI (CI unset).
set -euo pipefail
src=$1 work=$2 generator=$3 vshop=$4
rm -rf "$work"
env -u CI cmake -S "$src" -B "$work" -G "$generator" -DVSHOP_SOURCE_DIR="$vshop" \
  >"$work.log" 2>&1 || { cat "$work.log"; exit 1; }
grep -F "vshop as a subproject" "$work.log"
