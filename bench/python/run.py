#!/usr/bin/env python3
"""Python overhead benchmarks (bench/README.md, "Python"), measured in one run against the
C++ figures of the same build (the `bench` preset, Release):

1. the chat cycle of bench/engine (request -> offer to the 5 nearest -> claim -> 3 messages ->
   finish, 8 engine calls with the two drains) through `vshop.Engine`, against
   `bench_engine --benchmark_filter=BM_ChatCycle/N`: the extra time per call (target <= 1 us);
2. bulk validation of a JSON Lines file of tracking events: `Validator.validate_lines` on the
   file's bytes, against the C++ batch API `validate_lines` (`bench_events`,
   BM_VshopValidateLines) on the same bytes (target: within 1.2x); `vshop.inspect(path)` (which
   also reads the file) and `vshop inspect --summary` (a process) for reference.

CPU seconds of this process (time.process_time) and Google Benchmark's CPU time, medians of
REPS repetitions: the machine is shared, wall time is noisy.

usage: run.py BUILD_DIR [--experts 1000 10000] [--cycles 20000] [--reps 5]
       (PYTHONPATH=BUILD_DIR/python; bench/python/run.sh sets it up)
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

import vshop

ROOT = Path(__file__).resolve().parents[2]
CALLS_PER_CYCLE = 8  # request_chat, drain_effects, claim, 3 x send_message, finish_chat, drain
START = datetime.fromtimestamp(1_780_000_000, tz=timezone.utc)  # bench/engine's kStart


def make_world(experts: int) -> vshop.Engine:
    """bench/engine's make_world: experts in experts/10 stores open all week, all available."""
    rng = random.Random(42)
    engine = vshop.Engine()
    engine.set_journaling(False)
    engine.apply_json('{"cmd":"configure","invite_code":"BENCH01","max_active_chats":20,'
                      '"offer_fanout":5}')
    week = {d: ["00:00-24:00"] for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}
    stores = max(1, experts // 10)
    for s in range(stores):
        engine.apply({"cmd": "add_store", "store": f"st{s}", "timezone": "UTC",
                      "lat": round(rng.uniform(36, 60), 4), "lon": round(rng.uniform(-9, 30), 4),
                      "hours": week})
    for e in range(experts):
        engine.apply({"at": START, "cmd": "register_expert", "expert": f"x{e}",
                      "email": f"x{e}@b.example", "invite_code": "BENCH01", "name": "X"})
        engine.apply({"at": START, "cmd": "approve_expert", "expert": f"x{e}",
                      "store": f"st{e % stores}"})
        engine.go_available(START, f"x{e}")
    engine.drain_effects()
    return engine


def chat_cycles(engine: vshop.Engine, cycles: int, offset: int) -> float:
    """Runs `cycles` chat cycles; returns the CPU seconds they took. Times and locations are
    made before the clock starts (a host has its datetimes already)."""
    rng = random.Random(offset)
    spots = [(rng.uniform(36, 60), rng.uniform(-9, 30)) for _ in range(4096)]
    times = [START + timedelta(seconds=offset + i + 1) for i in range(cycles)]
    shoppers = [f"sh{i % 1000}" for i in range(cycles)]
    begin = time.process_time()
    for i in range(cycles):
        t = times[i]
        lat, lon = spots[i % 4096]
        chat = engine.request_chat(t, shoppers[i], lat=lat, lon=lon)
        offered = engine.drain_effects()
        expert = offered[0].experts[0]
        engine.claim(t, expert, chat)
        engine.send_message(t, chat, "expert")
        engine.send_message(t, chat, "shopper")
        engine.send_message(t, chat, "expert")
        engine.finish_chat(t, expert, chat)
        engine.drain_effects()
    return time.process_time() - begin


def google_benchmark(program: Path, pattern: str, env: dict[str, str] | None = None,
                     extra: list[str] | None = None) -> dict[str, float]:
    """Median CPU time in seconds of each benchmark matching `pattern`."""
    done = subprocess.run(
        [str(program), f"--benchmark_filter={pattern}", "--benchmark_repetitions=5",
         "--benchmark_report_aggregates_only=true", "--benchmark_format=json", *(extra or [])],
        capture_output=True, text=True, check=True, env=env)
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    return {b["run_name"]: b["cpu_time"] * scale[b["time_unit"]]
            for b in json.loads(done.stdout)["benchmarks"] if b.get("aggregate_name") == "median"}


def median_cpu(reps: int, run: Callable[[], object]) -> float:
    samples = []
    for _ in range(reps):
        begin = time.process_time()
        run()
        samples.append(time.process_time() - begin)
    return statistics.median(samples)


def bench_chat_cycle(build: Path, experts: list[int], cycles: int, reps: int) -> None:
    cpp = google_benchmark(build / "bench" / "bench_engine",
                           "BM_ChatCycle/(" + "|".join(map(str, experts)) + ")$",
                           extra=["--benchmark_min_time=0.3"])
    print("| experts | C++ cycle (CPU) | Python cycle (CPU) | extra per call | target |")
    print("|---:|---:|---:|---:|---|")
    for n in experts:
        engine = make_world(n)
        chat_cycles(engine, 1000, 0)  # warm up the tables, as bench/engine does
        python = statistics.median(
            chat_cycles(engine, cycles, 1000 + r * cycles) / cycles for r in range(reps))
        native = cpp[f"BM_ChatCycle/{n}"]
        extra = (python - native) / CALLS_PER_CYCLE
        verdict = "met" if extra <= 1e-6 else "not met"
        print(f"| {n:,} | {native * 1e6:.2f} us | {python * 1e6:.2f} us | "
              f"{extra * 1e6:.2f} us | <= 1 us: {verdict} |")


def bench_inspect(build: Path, events: int, reps: int) -> None:
    out = build / "events-corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "events" / "generate_corpus.py"),
                    str(out), str(events)], check=True, capture_output=True)
    corpus = out / "events.jsonl"
    size_mb = corpus.stat().st_size / 1e6
    cpp = google_benchmark(build / "bench" / "bench_events", "BM_VshopValidateLines$",
                           env={"VSHOP_EVENTS_CORPUS": str(corpus)})["BM_VshopValidateLines"]
    data = corpus.read_bytes()
    validator = vshop.Validator()
    same_work = median_cpu(reps, lambda: validator.validate_lines(data))
    python = median_cpu(reps, lambda: vshop.inspect(corpus))
    cli_samples = []
    for _ in range(reps):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([str(build / "vshop"), "inspect", "--summary", str(corpus)],
                       capture_output=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_samples.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    cli = statistics.median(cli_samples)
    ratio = same_work / cpp
    print(f"\n{events:,} events, {size_mb:.1f} MB (bench/events/generate_corpus.py, seed 42)\n")
    print("| implementation | CPU s | MB/s | vs C++ batch |")
    print("|---|---:|---:|---:|")
    for name, seconds in [("C++ `validate_lines` (bench_events)", cpp),
                          ("Python `Validator().validate_lines(data)` (same work)", same_work),
                          ("Python `vshop.inspect(path)` (reads the file too)", python),
                          ("`vshop inspect --summary` (process)", cli)]:
        print(f"| {name} | {seconds:.4f} | {size_mb / seconds:.0f} | {seconds / cpp:.2f}x |")
    print(f"\nPython / C++ on the same bytes: {ratio:.2f}x (target <= 1.2x: "
          f"{'met' if ratio <= 1.2 else 'not met'}); inspect(path) / C++: {python / cpp:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--experts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--cycles", type=int, default=20000)
    parser.add_argument("--events", type=int, default=100000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    bench_chat_cycle(args.build, args.experts, args.cycles, args.reps)
    bench_inspect(args.build, args.events, args.reps)


if __name__ == "__main__":
    main()
