"""The loader plug-in interface and what every loader shares: decoding and record mapping.

A loader has a ``name``, the file ``suffixes`` it usually reads, ``sniff(head)`` to recognise
its format from the first bytes, and ``read(path)`` yielding :class:`PaperRecord` for good
records and :class:`LoadIssue` for each bad one, so a bad record never loses the good ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from pydantic import ValidationError

from graphkit.models import LoadIssue, PaperRecord

Item = PaperRecord | LoadIssue


@runtime_checkable
class Loader(Protocol):
    """What the registry needs from a loader plug-in."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    def sniff(self, head: bytes) -> bool: ...

    def read(self, path: Path) -> Iterator[Item]: ...


def looks_binary(head: bytes) -> bool:
    """Most lines of the first bytes are not text (NUL or control bytes, invalid UTF-8).

    Judged line by line, so a stray bad line in a text file does not make the file binary:
    its good records are still read and the bad line is reported.
    """
    lines = [line for line in head.split(b"\n") if line.strip()]
    if not lines:
        return False
    bad = 0
    for line in lines:
        text = line.decode("utf-8", errors="replace")
        odd = sum(1 for ch in text if ch == "\ufffd" or (ch < " " and ch not in "\t\r\f\x1b"))
        bad += b"\x00" in line or odd > len(text) // 10
    return bad > len(lines) // 2


def decode_line(raw: bytes, file: str, line: int) -> tuple[str, LoadIssue | None]:
    """Decode UTF-8 (a BOM is dropped); fall back to Latin-1 with a warning instead of losing the record."""
    try:
        return raw.decode("utf-8-sig" if line == 1 else "utf-8"), None
    except UnicodeDecodeError as exc:
        warning = LoadIssue(
            file=file, record=line, reason=f"not UTF-8 (byte {exc.start}), read as Latin-1", skipped=False
        )
        return raw.decode("latin-1"), warning


def decode_text(raw: bytes, file: str) -> tuple[str, LoadIssue | None]:
    """Decode a whole file as UTF-8, or as Latin-1 with a warning naming the first bad line."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        warning = LoadIssue(file=file, record=line, reason="not UTF-8, read as Latin-1", skipped=False)
        return raw.decode("latin-1"), warning


_ARXIV_ID = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)$", re.I)
_ACL_URL = re.compile(r"aclanthology\.org/([A-Za-z0-9.\-]+?)/?$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.I)
_YEAR = re.compile(r"^\s*(\d{4})")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"expected text, got {type(value).__name__}")


def _authors(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        parts = re.split(r"\s*[;|]\s*|\s+and\s+", value)
        return tuple(p.strip() for p in parts if p.strip())
    if isinstance(value, list):
        names = []
        for item in value:
            if isinstance(item, Mapping):
                item = item.get("name") or item.get("display_name")
            if isinstance(item, str) and item.strip():
                names.append(item.strip())
        return tuple(names)
    raise ValueError(f"authors: expected a list or text, got {type(value).__name__}")


def _references(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("references: expected a list of identifiers")
    return tuple(v.strip() for v in value if v.strip())


def record_from_mapping(data: Any, file: str, line: int) -> Item:
    """Map a flat record (JSON Lines object, CSV row) onto a PaperRecord, or say why not."""
    if not isinstance(data, Mapping):
        return LoadIssue(file=file, record=line, reason=f"expected an object, got {type(data).__name__}")
    try:
        title = _text(data.get("title"))
        if not title:
            return LoadIssue(file=file, record=line, reason=f"record {_label(data)}: missing title")
        raw_id = _text(data.get("id"))
        arxiv_id = _text(data.get("arxiv_id"))
        if not arxiv_id and raw_id and _ARXIV_ID.match(raw_id):
            arxiv_id = _ARXIV_ID.match(raw_id).group(1)
        doi = _text(data.get("doi"))
        if doi:
            doi = _DOI_PREFIX.sub("", doi).lower()
        url = _text(data.get("url"))
        acl_id = _text(data.get("acl_id"))
        if not acl_id and url and (m := _ACL_URL.search(url)):
            acl_id = m.group(1)
        year_value = data.get("year")
        date = _text(data.get("date") or data.get("published"))
        year = None
        if year_value not in (None, ""):
            year = int(str(year_value).strip()[:4])
        elif date and (m := _YEAR.match(date)):
            year = int(m.group(1))
        source = _text(data.get("source"))
        return PaperRecord(
            title=title,
            abstract=_text(data.get("abstract")) or "",
            id=raw_id,
            doi=doi,
            arxiv_id=arxiv_id,
            openalex_id=_text(data.get("openalex_id")),
            s2_id=_text(data.get("s2_id")),
            acl_id=acl_id,
            year=year,
            date=date,
            authors=_authors(data.get("authors")),
            url=url,
            venue=_text(data.get("venue")),
            references=_references(data.get("references")),
            # Records written by `graphkit fetch` carry the request URL they came from.
            source=source if source and source.startswith(("http://", "https://")) else file,
            line=line,
        )
    except (ValueError, ValidationError) as exc:
        reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        return LoadIssue(file=file, record=line, reason=f"record {_label(data)}: {reason}")


def _label(data: Mapping[str, Any]) -> str:
    value = data.get("id") or data.get("arxiv_id") or data.get("doi")
    return repr(str(value)[:60]) if value else "without id"
