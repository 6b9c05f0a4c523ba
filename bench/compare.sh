#!/usr/bin/env bash
# The issue-15 table of bench/README.md: every figure of this tree (build/bench) against an
# older build of the same programs, in one run.
# usage: bench/compare.sh OLD_DIR   (OLD_DIR holds the old bench_engine, bench_events and vshop)
set -uo pipefail
cd "$(dirname "$0")/.."
B=build/bench/bench; O=${1:?usage: bench/compare.sh OLD_DIR}
R="--benchmark_repetitions=5 --benchmark_report_aggregates_only=true"
echo "=== engine: cycle (after, before)"
$B/bench_engine $R --benchmark_min_time=0.3 --benchmark_filter='BM_ChatCycle' 2>/dev/null | grep median
$O/bench_engine $R --benchmark_min_time=0.3 --benchmark_filter='BM_ChatCycle' 2>/dev/null | grep median
echo "=== engine: replay + parse peers (after, before)"
$B/bench_engine $R --benchmark_filter='BM_Journal' 2>/dev/null | grep median
$O/bench_engine $R --benchmark_filter='BM_Journal' 2>/dev/null | grep median
echo "=== engine: memory (after, before)"
$B/bench_engine --benchmark_filter='BM_MemoryPerFinishedChat' 2>/dev/null | grep BM_
$O/bench_engine --benchmark_filter='BM_MemoryPerFinishedChat' 2>/dev/null | grep BM_
echo "=== purchase"
$B/bench_attribution $R --benchmark_filter='BM_Engine_RecordPurchase' 2>/dev/null | grep median
echo "=== events (after, before)"
bash bench/events/inspect_process.sh build/bench/vshop 200000 2>&1 | tail -8
bash bench/events/inspect_process.sh $O/vshop 200000 2>&1 | tail -8
C=build/bench/inspect-process/c200000/events.jsonl
VSHOP_EVENTS_CORPUS=$C $B/bench_events $R 2>/dev/null | grep median
VSHOP_EVENTS_CORPUS=$C $O/bench_events $R 2>/dev/null | grep median
echo "=== hours"
bash bench/hours/run.sh 2>&1 | tail -12
echo "=== simulate process"
RUNS=3 bash bench/engine/simulate_process.sh build/bench $O/vshop 2>&1 | tail -12
echo "=== scale"
bash bench/engine_scale/run.sh --repetitions 1 2>&1 >/dev/null | tail -20
