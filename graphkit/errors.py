"""Errors and load issues: every problem names the file, the record and the reason."""

from __future__ import annotations


class GraphkitError(Exception):
    """Base class for errors shown to the user as one line, without a traceback."""


class LoadError(GraphkitError):
    """A whole input could not be read (missing, binary, unknown format)."""

    def __init__(self, file: str, reason: str, record: str | int | None = None) -> None:
        self.file, self.reason, self.record = file, reason, record
        where = f"{file}:{record}" if record is not None else file
        super().__init__(f"{where}: {reason}")
