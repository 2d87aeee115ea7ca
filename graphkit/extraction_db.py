"""The streaming build's extraction cache: one SQLite row per record, so memory stays bounded.

The in-memory build keeps its cache in one pickle (``incremental.ExtractionCache``), loaded
whole; at 10^6 papers that would break the streaming build's memory budget. Here each record's
extraction is a row keyed like that cache's entries (the record's IRI, title and abstract), for
one extractor fingerprint (graphkit version and vocabulary): a new fingerprint empties the table.
Worker processes read with connections of their own; the building process adds the new rows,
stamps the rows it reused, and at the end drops the rows this build did not use.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

DB_FILE = "extractions.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, build INTEGER NOT NULL, data BLOB NOT NULL);
"""


class ExtractionDB:
    """Pickled extractions by record key; open it in the building process, fork, then read anywhere."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = sqlite3.connect(path, isolation_level=None)
        self._writer.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;" + _SCHEMA)
        meta = dict(self._writer.execute("SELECT key, value FROM meta"))
        self.build = int(meta.get("build", "0")) + 1
        with self._writer:
            if meta.get("fingerprint") != fingerprint:
                self._writer.execute("DELETE FROM extraction")
            self._writer.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                     [("fingerprint", fingerprint), ("build", str(self.build))])
        self._reader: sqlite3.Connection | None = None
        self._reader_pid = 0
        self.reused = 0
        self.extracted = 0

    def lookup(self, keys: list[str]) -> dict[str, bytes]:
        """The stored extractions among ``keys`` (any process; each opens its own connection)."""
        if self._reader is None or self._reader_pid != os.getpid():
            self._reader = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self._reader_pid = os.getpid()
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            batch = keys[start:start + 500]
            marks = ",".join("?" * len(batch))
            found.update(self._reader.execute(f"SELECT key, data FROM extraction WHERE key IN ({marks})", batch))
        return found

    def record(self, new: list[tuple[str, bytes]], reused: list[str]) -> None:
        """Store new extractions and stamp reused ones as used by this build (building process only)."""
        with self._writer:
            self._writer.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?)",
                                     [(key, self.build, data) for key, data in new])
            self._writer.executemany("UPDATE extraction SET build = ? WHERE key = ?",
                                     [(self.build, key) for key in reused])
        self.extracted += len(new)
        self.reused += len(reused)

    def finish(self) -> None:
        """Drop what this build did not use, so the cache never outgrows the inputs."""
        with self._writer:
            self._writer.execute("DELETE FROM extraction WHERE build != ?", (self.build,))
        self.close()

    def close(self) -> None:
        self._writer.close()
        if self._reader is not None and self._reader_pid == os.getpid():
            self._reader.close()
        self._reader = None

    def __getstate__(self) -> dict[str, object]:
        # Forked workers inherit the object; a pickled copy (spawn) gets the path and reopens.
        return {"path": self.path, "_reader": None, "_reader_pid": 0}
