"""The shared examples (tests/data/examples) through Python: effects byte-identical to the
expected files and to `vshop simulate`, snapshots byte-identical to `vshop simulate --snapshot`
(R-DET-1, the text contract of SPEC §11)."""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import pathlib
import subprocess

import pytest

import vshop

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "data" / "examples"
NAMES = sorted(p.name.removesuffix(".expected.jsonl") for p in EXAMPLES.glob("*.expected.jsonl"))
CLI = os.environ.get("VSHOP_CLI")


def run_python(name: str) -> tuple[list[str], str]:
    """Effects (canonical lines) and final snapshot of one example, command by command."""
    engine = vshop.Engine()
    lines: list[str] = []
    for line in (EXAMPLES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            engine.apply_json(line)
            lines += [effect.to_json() for effect in engine.drain_effects()]
    return lines, engine.snapshot()


def test_examples_found() -> None:
    assert len(NAMES) >= 3


@pytest.mark.parametrize("name", NAMES)
def test_effects_match_expected_file(name: str) -> None:
    effects, _ = run_python(name)
    expected = (EXAMPLES / f"{name}.expected.jsonl").read_text(encoding="utf-8")
    assert "".join(line + "\n" for line in effects) == expected


@pytest.mark.parametrize("name", NAMES)
def test_replay_gives_the_same_effects(name: str) -> None:
    effects, snapshot = run_python(name)
    engine = vshop.Engine()
    replayed = engine.replay((EXAMPLES / f"{name}.jsonl").read_bytes())
    assert [e.to_json() for e in replayed] == effects
    assert engine.snapshot() == snapshot
    again = vshop.Engine()
    assert again.apply_many((EXAMPLES / f"{name}.jsonl").read_text().splitlines()) == replayed
    from_file = vshop.Engine()
    with open(EXAMPLES / f"{name}.jsonl", encoding="utf-8") as lines:  # lines keep their "\n"
        assert from_file.replay(lines) == replayed


@pytest.mark.skipif(CLI is None, reason="VSHOP_CLI (the vshop tool) not given")
@pytest.mark.parametrize("name", NAMES)
def test_python_equals_cli(name: str, tmp_path: pathlib.Path) -> None:
    assert CLI is not None
    snapshot_file = tmp_path / "snapshot.json"
    out = subprocess.run(
        [CLI, "simulate", str(EXAMPLES / f"{name}.jsonl"), "--snapshot", str(snapshot_file)],
        check=True, capture_output=True,
    )  # fmt: skip
    effects, snapshot = run_python(name)
    assert out.stdout.decode() == "".join(line + "\n" for line in effects)
    assert snapshot_file.read_text(encoding="utf-8").rstrip("\n") == snapshot


@pytest.mark.parametrize("name", NAMES)
def test_restore_then_continue_equals_uninterrupted(name: str) -> None:
    lines = [l for l in (EXAMPLES / f"{name}.jsonl").read_text().splitlines() if l.strip()]
    whole = vshop.Engine()
    whole.replay(lines)
    half = vshop.Engine()
    half.replay(lines[: len(lines) // 2])
    half.drain_effects()
    resumed = vshop.Engine.restore(half.snapshot())
    assert isinstance(resumed, vshop.Engine)
    resumed.replay(lines[len(lines) // 2 :])
    assert resumed.snapshot() == whole.snapshot()


def test_journal_replays_to_the_same_state() -> None:
    engine = vshop.Engine()
    engine.replay((EXAMPLES / f"{NAMES[0]}.jsonl").read_text())
    journal = engine.drain_journal()
    assert journal and all(line.startswith('{"at":') for line in journal)
    again = vshop.Engine()
    again.replay(journal)
    assert again.snapshot() == engine.snapshot()


def _as_json_value(value: object) -> object:
    """A property value as the JSON form writes it."""
    if isinstance(value, dt.datetime):
        return vshop.format_instant(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


@pytest.mark.parametrize("name", NAMES)
def test_effect_properties_match_their_json_fields(name: str) -> None:
    engine = vshop.Engine()
    effects = engine.replay((EXAMPLES / f"{name}.jsonl").read_text())
    for effect in effects:
        fields = json.loads(effect.to_json())
        assert fields.pop("effect") == effect.kind.value
        for key, value in fields.items():
            assert _as_json_value(getattr(effect, "from_" if key == "from" else key)) == value, key
        carried = set(fields) | {"kind"}
        for prop in ("chat", "expert", "shopper", "from_", "to", "deadline", "reason", "channel",
                     "address", "order", "subtotal", "currency", "pending"):  # fmt: skip
            if prop.rstrip("_") not in carried:
                assert getattr(effect, prop) is None, (effect, prop)
        assert _as_json_value(effect.at) == fields["at"]
        assert effect.to_dict() == {"kind": effect.kind, **{
            k: getattr(effect, k) if k in ("at", "deadline", "reason", "channel") else v
            for k, v in fields.items()}}  # fmt: skip
