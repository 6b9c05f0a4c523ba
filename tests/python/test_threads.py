"""The thread rules through Python: commands on one engine are serialized by the wrapper (replay
runs without the GIL while other threads query or command), and the result is the same as one
thread's."""

from __future__ import annotations

import pathlib
import sys
import threading
from typing import Callable

import vshop
from conftest import at, merchant

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "data" / "examples"


def test_concurrent_commands_are_serialized() -> None:
    engine = merchant()
    errors: list[BaseException] = []

    def expert_cycle(name: str, offset: int) -> None:
        try:
            for i in range(200):
                t = at(1000 + offset + 2 * i)
                try:
                    engine.go_available(t, name)
                    engine.go_unavailable(t, name)
                except vshop.OutOfOrderTime:
                    pass  # the other thread's clock is ahead: rejected, nothing changed
                engine.expert(name)
        except BaseException as e:  # noqa: BLE001  (reported below)
            errors.append(e)

    threads = [threading.Thread(target=expert_cycle, args=(n, k)) for k, n in enumerate(["lisa", "omar"])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine.check_invariants()


def test_replay_releases_the_gil_and_equals_one_thread() -> None:
    lines = (EXAMPLES / "timers.jsonl").read_text()
    reference = vshop.Engine()
    reference.replay(lines)
    engines = [vshop.Engine() for _ in range(4)]
    threads = [threading.Thread(target=e.replay, args=(lines,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {e.snapshot() for e in engines} == {reference.snapshot()}


def _main_thread_runs_during(call: Callable[[], object]) -> bool:
    """Whether the main thread gets to run while `call` is still running in another thread. With
    a huge switch interval a thread keeps the GIL until it blocks or releases it, so this is
    true only when `call` releases the GIL."""
    started, finished = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        started.set()
        try:
            call()
        except BaseException as e:  # noqa: BLE001  (reported below)
            errors.append(e)
        finished.set()

    interval = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    try:
        worker = threading.Thread(target=run)
        worker.start()
        started.wait()
        running = not finished.is_set()
        worker.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    return running


def test_replay_runs_without_the_gil() -> None:
    engine = vshop.Engine()
    engine.set_journaling(False)
    lines = [f'{{"at":{1_780_000_000_000 + i},"cmd":"advance"}}' for i in range(300_000)]
    assert _main_thread_runs_during(lambda: engine.replay(lines))
    assert engine.now == vshop.parse_instant(str(1_780_000_000_000 + 299_999))


def test_restore_snapshot_and_bulk_validation_run_without_the_gil() -> None:
    engine = vshop.Engine()
    engine.configure(invite_code="TULIP26")
    engine.replay(
        f'{{"cmd":"register_expert","expert":"x{i}","email":"x{i}@b.example",'
        f'"invite_code":"TULIP26","name":"X"}}'
        for i in range(30_000)
    )
    snapshot = engine.snapshot()
    assert _main_thread_runs_during(lambda: vshop.Engine.restore(snapshot))
    assert _main_thread_runs_during(engine.snapshot)
    events = b'{"type":"ecommerce:detail","products":[{"id":"1","price":2}]}\n' * 200_000
    assert _main_thread_runs_during(lambda: vshop.inspect_lines(events))


def test_a_python_loop_keeps_the_gil_control() -> None:
    engine = vshop.Engine()
    engine.set_journaling(False)
    lines = [f'{{"at":{1_780_000_000_000 + i},"cmd":"advance"}}' for i in range(300_000)]

    def apply_each() -> None:
        for line in lines:
            engine.apply_json(line)

    assert not _main_thread_runs_during(apply_each)
