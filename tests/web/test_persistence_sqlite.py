"""The SQLite backend of the persistence interface on its own."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "web"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from server.persistence import SqliteStore  # noqa: E402

from persistence_contract import check_append_and_load_in_order  # noqa: E402


def test_append_and_load_in_order(tmp_path: Path) -> None:
    check_append_and_load_in_order(SqliteStore(str(tmp_path / "j.db")))


def test_snapshot_then_tail(tmp_path: Path) -> None:
    path = str(tmp_path / "j.db")
    store = SqliteStore(path)
    for i in range(5):
        store.append([f'{{"cmd":"{i}"}}'], [], {})
    store.save_snapshot(3, "SNAP3", {"k": 3})
    store.save_snapshot(4, "SNAP4", {"k": 4})
    store.close()
    saved = SqliteStore(path).load()  # a new process reads the same
    assert (saved.snapshot, saved.host_state) == ("SNAP4", {"k": 4})
    assert [s.seq for s in saved.tail] == [5]
    rows = sqlite3.connect(path).execute("SELECT seq FROM snapshots").fetchall()
    assert rows == [(4,)]  # older snapshots are dropped


def test_wal_mode(tmp_path: Path) -> None:
    path = str(tmp_path / "j.db")
    SqliteStore(path).append(["{}"], [], {})
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
