"""CSV (or TSV) with a header row naming at least ``title``; other columns as in JSON Lines."""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from graphkit.loaders.base import Item, decode_text, record_from_mapping
from graphkit.models import LoadIssue


class CsvLoader:
    """Rows of a spreadsheet export; column names are matched case-insensitively."""

    name: ClassVar[str] = "csv"
    suffixes: ClassVar[tuple[str, ...]] = (".csv", ".tsv")

    def sniff(self, head: bytes) -> bool:
        first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].lower()
        cells = [c.strip(b' "\r') for c in first.replace(b"\t", b",").split(b",")]
        return b"title" in cells

    def read(self, path: Path) -> Iterator[Item]:
        file = str(path)
        text, warning = decode_text(path.read_bytes(), file)
        if warning:
            yield warning
        head = text[:4096]
        delimiter = "\t" if head.split("\n", 1)[0].count("\t") > head.split("\n", 1)[0].count(",") else ","
        reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            yield LoadIssue(file=file, reason="empty file")
            return
        if "title" not in header:
            yield LoadIssue(file=file, record=1, reason="no 'title' column in the header")
            return
        try:
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    yield LoadIssue(file=file, record=line, reason=f"{len(row)} cells for {len(header)} columns")
                    continue
                yield record_from_mapping(dict(zip(header, row)), file, line)
        except _csv.Error as exc:
            yield LoadIssue(file=file, record=reader.line_num, reason=f"malformed CSV ({exc})")
