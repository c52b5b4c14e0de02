"""SQLite-file index storage: the default for an index kept across runs.

WAL mode and a busy timeout let several processes read and write one file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from ...errors import StorageError
from . import ParaRef

#: How long a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_SECONDS = 60.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS params (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS paragraphs (
    id INTEGER PRIMARY KEY, doc TEXT NOT NULL, idx INTEGER NOT NULL, signature BLOB NOT NULL,
    UNIQUE (doc, idx));
CREATE TABLE IF NOT EXISTS bands (
    key BLOB NOT NULL, paragraph INTEGER NOT NULL, PRIMARY KEY (key, paragraph)) WITHOUT ROWID;
"""
# The band table is its own index (WITHOUT ROWID): one copy of each (key, paragraph) instead of
# a table row plus an index entry.


class SqliteStorage:
    """Paragraph rows with signatures; a band-key table indexed by key."""

    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StorageError(f"{path}: cannot open dedup index ({exc})") from exc

    def get_params(self) -> dict[str, str] | None:
        rows = self._db.execute("SELECT key, value FROM params").fetchall()
        return {k: json.loads(v) for k, v in rows} or None

    def set_params(self, params: dict[str, str]) -> None:
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO params VALUES (?, ?)",
                                 [(k, json.dumps(v)) for k, v in params.items()])

    def add(self, entries: Sequence[tuple[ParaRef, Sequence[bytes], bytes]]) -> None:
        with self._transaction():
            for (doc, idx), keys, signature in entries:
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO paragraphs (doc, idx, signature) VALUES (?, ?, ?)",
                    (doc, idx, signature))
                if cursor.rowcount:
                    self._db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                                         [(key, cursor.lastrowid) for key in keys])

    def candidates(self, band_keys: Iterable[bytes]) -> list[ParaRef]:
        keys = list(band_keys)
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            f"SELECT DISTINCT p.id, p.doc, p.idx FROM bands b JOIN paragraphs p ON p.id = b.paragraph "
            f"WHERE b.key IN ({marks}) ORDER BY p.id", keys).fetchall()
        return [(doc, idx) for _, doc, idx in rows]

    def signatures(self, refs: Sequence[ParaRef]) -> list[bytes | None]:
        found = {}
        for doc, idx in refs:
            row = self._db.execute("SELECT signature FROM paragraphs WHERE doc = ? AND idx = ?",
                                   (doc, idx)).fetchone()
            found[(doc, idx)] = row[0] if row else None
        return [found[ref] for ref in refs]

    def close(self) -> None:
        self._db.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, so concurrent writers queue instead of failing mid-way."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")
