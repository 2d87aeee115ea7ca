"""The streaming build's extraction cache: one SQLite row per record, so memory stays bounded.

The in-memory build keeps its cache in one pickle (``incremental.ExtractionCache``), loaded
whole; at 10^6 papers that would break the streaming build's memory budget. Here each record's
extraction is a row keyed like that cache's entries (the record's IRI, title and abstract), for
one extractor fingerprint (graphkit version and vocabulary): a new fingerprint empties the table.
Worker processes read with connections of their own; the building process adds the new rows,
notes every row it wrote a paper for (in a small table of its own, so the extractions' blobs are
not rewritten), and at the end drops the rows this build did not use.

Each row also says where the last build wrote that paper's Turtle (offset and size in its
output file) and what it was rendered from (a digest of the record, its IRI and citations): a
rebuild copies those bytes instead of rendering the paper again when nothing it depends on changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DB_FILE = "extractions.sqlite"

# Extractions (large rows, written once) apart from what each build notes about them (small rows,
# rewritten every build): updating a row rewrites it whole, and rewriting the blobs cost ~19 us a paper.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY, build INTEGER NOT NULL, render TEXT, at INTEGER,
                                 size INTEGER);
"""


@dataclass(slots=True)
class Stored:
    """A cached extraction, and where its paper's Turtle was written last (if it was)."""

    data: bytes
    render: str | None
    at: int | None
    size: int | None


class ExtractionDB:
    """Pickled extractions by record key; open it in the building process, fork, then read anywhere."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = sqlite3.connect(path, isolation_level=None)
        self._writer.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;" + _SCHEMA)
        columns = {row[1] for row in self._writer.execute("PRAGMA table_info(extraction)")}
        if columns != {"key", "data"}:  # made by an earlier version: start again
            self._writer.executescript("DROP TABLE extraction; DROP TABLE used;" + _SCHEMA)
        meta = dict(self._writer.execute("SELECT key, value FROM meta"))
        self._written = meta.get("written")
        self.build = int(meta.get("build", "0")) + 1
        with self._transaction():
            if meta.get("fingerprint") != fingerprint:
                self._writer.execute("DELETE FROM extraction")
                self._writer.execute("DELETE FROM used")
                self._written = None
            # Offsets this build notes point into its own output, which exists once it finishes.
            self._writer.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                     [("fingerprint", fingerprint), ("build", str(self.build)), ("written", "")])
        self._reader: sqlite3.Connection | None = None
        self._reader_pid = 0
        self.reused = 0
        self.extracted = 0
        self.copied = 0

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction (the connection is in autocommit mode, where each row of an executemany
        would be a transaction of its own: ~27 us a row instead of ~4, measured)."""
        self._writer.execute("BEGIN")
        try:
            yield
        except BaseException:
            self._writer.execute("ROLLBACK")
            raise
        self._writer.execute("COMMIT")

    def previous(self) -> str | None:
        """The file the rows' offsets point into, if it is still there as the last build left it."""
        if not self._written:
            return None
        written = json.loads(self._written)
        try:
            stat = os.stat(written["path"])
        except OSError:
            return None
        return written["path"] if [stat.st_size, stat.st_mtime_ns, stat.st_ino] == written["stat"] else None

    def lookup(self, keys: list[str]) -> dict[str, Stored]:
        """The stored extractions among ``keys`` (any process; each opens its own connection)."""
        if self._reader is None or self._reader_pid != os.getpid():
            self._reader = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self._reader_pid = os.getpid()
        found: dict[str, Stored] = {}
        for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            batch = keys[start:start + 500]
            marks = ",".join("?" * len(batch))
            query = ("SELECT key, data, render, at, size FROM extraction LEFT JOIN used USING (key) "
                     f"WHERE key IN ({marks})")
            found.update((row[0], Stored(*row[1:])) for row in self._reader.execute(query, batch))
        return found

    def record(self, new: list[tuple[str, bytes]], reused: int, copied: int) -> None:
        """Store new extractions and count the reused ones and the papers whose Turtle was copied
        (building process only); :meth:`place` then notes every row this build wrote a paper for."""
        with self._transaction():
            self._writer.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?)", new)
        self.extracted += len(new)
        self.reused += reused
        self.copied += copied

    def place(self, rows: list[tuple[str, str | None, int, int]]) -> None:
        """Stamp rows as used by this build and note where it wrote their papers' Turtle: (key, render
        digest or None if the text must not be copied later, offset, size) (building process)."""
        with self._transaction():
            self._writer.executemany("INSERT OR REPLACE INTO used VALUES (?, ?, ?, ?, ?)",
                                     [(key, self.build, render, at, size) for key, render, at, size in rows])

    def finish(self, written: Path | None = None) -> None:
        """Drop what this build did not use, so the cache never outgrows the inputs; ``written`` is the
        file the offsets now point into (None: they point nowhere)."""
        value = ""
        if written is not None:
            stat = os.stat(written)
            value = json.dumps({"path": str(Path(written).resolve()),
                                "stat": [stat.st_size, stat.st_mtime_ns, stat.st_ino]})
        with self._transaction():
            self._writer.execute("DELETE FROM used WHERE build != ?", (self.build,))
            self._writer.execute("DELETE FROM extraction WHERE key NOT IN (SELECT key FROM used)")
            self._writer.execute("INSERT OR REPLACE INTO meta VALUES ('written', ?)", (value,))
        self.close()

    def close(self) -> None:
        self._writer.close()
        if self._reader is not None and self._reader_pid == os.getpid():
            self._reader.close()
        self._reader = None

    def __getstate__(self) -> dict[str, object]:
        # Forked workers inherit the object; a pickled copy (spawn) gets the path and reopens.
        return {"path": self.path, "_reader": None, "_reader_pid": 0}
