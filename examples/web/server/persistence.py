"""Persistence of the host: a journal of accepted steps and periodic snapshots.

`Persistence` is the small interface the host uses; `SqliteStore` is the embedded backend
(stdlib sqlite3, WAL). A second backend (e.g. Redis) implements the same four methods.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from typing import Any, Protocol


@dataclasses.dataclass(frozen=True)
class Step:
    """One persisted step: the engine's journal lines, the effects delivered, host data."""

    seq: int
    lines: list[str]
    effects: list[str]
    extra: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Saved:
    """What a restart reads: the latest snapshot (or None) and the steps after it."""

    snapshot: str | None
    host_state: dict[str, Any] | None
    tail: list[Step]


class Persistence(Protocol):
    """The host's storage: append steps atomically, snapshot now and then, load on start."""

    def append(self, lines: list[str], effects: list[str], extra: dict[str, Any]) -> int:
        """Stores one step in one transaction; returns its sequence number."""
        ...

    def save_snapshot(self, seq: int, snapshot: str, host_state: dict[str, Any]) -> None:
        """Stores the engine snapshot and host state as of step `seq` (included)."""
        ...

    def load(self) -> Saved:
        """The latest snapshot and the steps journaled after it, in order."""
        ...

    def close(self) -> None:
        """Releases the storage."""
        ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS steps (
  seq INTEGER PRIMARY KEY,
  lines TEXT NOT NULL,
  effects TEXT NOT NULL,
  extra TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
  seq INTEGER PRIMARY KEY,
  snapshot TEXT NOT NULL,
  host_state TEXT NOT NULL
);
"""


class SqliteStore:
    """The SQLite backend: one file, WAL mode, one transaction per step."""

    def __init__(self, path: str) -> None:
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def append(self, lines: list[str], effects: list[str], extra: dict[str, Any]) -> int:
        with self._db:  # BEGIN ... COMMIT (ROLLBACK on error)
            self._db.execute("BEGIN")
            cur = self._db.execute(
                "INSERT INTO steps (lines, effects, extra) VALUES (?, ?, ?)",
                ("\n".join(lines), "\n".join(effects), json.dumps(extra, sort_keys=True)),
            )
        return int(cur.lastrowid or 0)

    def save_snapshot(self, seq: int, snapshot: str, host_state: dict[str, Any]) -> None:
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                "INSERT OR REPLACE INTO snapshots (seq, snapshot, host_state) VALUES (?, ?, ?)",
                (seq, snapshot, json.dumps(host_state, sort_keys=True)),
            )
            self._db.execute("DELETE FROM snapshots WHERE seq < ?", (seq,))

    def load(self) -> Saved:
        row = self._db.execute(
            "SELECT seq, snapshot, host_state FROM snapshots ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        since, snapshot, host = (row[0], row[1], json.loads(row[2])) if row else (0, None, None)
        tail = [
            Step(seq, lines.split("\n") if lines else [], effects.split("\n") if effects else [],
                 json.loads(extra))
            for seq, lines, effects, extra in self._db.execute(
                "SELECT seq, lines, effects, extra FROM steps WHERE seq > ? ORDER BY seq", (since,)
            )
        ]
        return Saved(snapshot, host, tail)

    def close(self) -> None:
        self._db.close()
