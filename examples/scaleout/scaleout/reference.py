"""The single-process run the distributed one must equal: every command of one merchant
through one engine, in order."""

from __future__ import annotations

from .merchant import apply_entry, new_engine


def run_merchant(lines: list[str]) -> tuple[list[tuple[str, str]], str]:
    """(effects, error) per command and the final engine snapshot."""
    engine = new_engine()
    results = [apply_entry(engine, line) for line in lines]
    return results, engine.snapshot()
