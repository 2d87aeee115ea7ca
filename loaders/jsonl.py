"""JSON Lines (and a JSON array) of flat paper records: ``title``, ``abstract`` and optional ids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import orjson

from graphkit.loaders.base import Item, decode_line, decode_text, record_from_mapping
from graphkit.models import LoadIssue


class JsonlLoader:
    """One JSON object per line; a bad line is reported and skipped, the rest are kept."""

    name: ClassVar[str] = "jsonl"
    suffixes: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson", ".json")

    def sniff(self, head: bytes) -> bool:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return text.startswith(b"{") or text.startswith(b"[")

    def read(self, path: Path) -> Iterator[Item]:
        file = str(path)
        with open(path, "rb") as handle:
            first = handle.read(1 << 16)
            handle.seek(0)
            if first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
                yield from self._read_array(handle.read(), file)
                return
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                yield from self._read_line(raw, file, number)

    def _read_line(self, raw: bytes, file: str, number: int) -> Iterator[Item]:
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            text, warning = decode_line(raw, file, number)
            try:
                data = orjson.loads(text.encode())
            except orjson.JSONDecodeError as exc:
                yield LoadIssue(file=file, record=number, reason=f"invalid JSON ({_short(exc)})")
                return
            if warning:
                yield warning
        yield record_from_mapping(data, file, number)

    def _read_array(self, raw: bytes, file: str) -> Iterator[Item]:
        text, warning = decode_text(raw, file)
        if warning:
            yield warning
        try:
            data = orjson.loads(text.encode())
        except orjson.JSONDecodeError as exc:
            yield LoadIssue(file=file, reason=f"invalid JSON ({_short(exc)})")
            return
        if not isinstance(data, list):
            yield LoadIssue(file=file, reason="expected a JSON array of records")
            return
        for index, item in enumerate(data, start=1):
            yield record_from_mapping(item, file, index)


def _short(exc: Exception) -> str:
    return str(exc).split(":")[0][:80]
