"""Helpers the source loaders share: reading a JSON document, identifier forms, building records.

Each source (arXiv, OpenAlex, Semantic Scholar, Crossref, Hugging Face, BibTeX) maps its own
schema onto :class:`PaperRecord`; what they have in common lives here so that identifiers come
out in exactly the contract's forms (bare lower-case DOI, unversioned arXiv id, ...) and every
bad record becomes a one-line :class:`LoadIssue` naming the file and the record.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from graphkit.loaders.base import Item
from graphkit.models import LoadIssue, PaperRecord

_WS = re.compile(r"\s+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.I)
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([^?#\s]+?)(?:\.pdf)?/?$", re.I)
_YEAR = re.compile(r"^\s*(\d{4})")
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<title)", re.I)
_TAG = re.compile(r"<[^>]+>")
_JATS_TITLE = re.compile(r"^\s*<jats:title[^>]*>\s*abstract\s*</jats:title>", re.I)


def clean(text: Any) -> str:
    """Text with line wrapping undone (runs of whitespace become one space), or ``""``."""
    if not isinstance(text, str):
        return ""
    return _WS.sub(" ", text).strip()


def strip_markup(text: Any) -> str:
    """JATS/HTML markup removed (a leading "Abstract" heading dropped), entities decoded."""
    if not isinstance(text, str):
        return ""
    text = _JATS_TITLE.sub("", text)
    return clean(html.unescape(_TAG.sub(" ", text)))


def doi_of(value: Any) -> str | None:
    """A bare lower-case DOI (``10.x/y``) from a DOI, ``doi:`` form or doi.org URL; None otherwise."""
    if not isinstance(value, str):
        return None
    doi = _DOI_PREFIX.sub("", value.strip()).lower()
    return doi if doi.startswith("10.") and "/" in doi else None


def arxiv_of_doi(doi: str | None) -> str | None:
    """``10.48550/arXiv.2312.07559`` -> ``2312.07559`` (arXiv's own DOIs name the arXiv id)."""
    match = _ARXIV_DOI.match(doi or "")
    return match.group(1) if match else None


def arxiv_of_url(url: Any) -> str | None:
    """The arXiv id of an ``arxiv.org/abs/…`` or ``/pdf/…`` link."""
    match = _ARXIV_URL.search(url) if isinstance(url, str) else None
    return match.group(1) if match else None


def year_of(date: Any) -> int | None:
    match = _YEAR.match(date) if isinstance(date, str) else None
    return int(match.group(1)) if match else None


def looks_like_html(raw: bytes) -> bool:
    return bool(_HTML.match(raw[:512]))


def read_json(path: Path, what: str) -> tuple[Any, LoadIssue | None]:
    """The whole file as JSON, or an issue: an HTML (error) page, invalid JSON, not UTF-8."""
    file = str(path)
    raw = path.read_bytes()
    if looks_like_html(raw):
        return None, LoadIssue(file=file, reason=f"an HTML page, not {what} JSON (an error page from the server?)")
    try:
        return orjson.loads(raw), None
    except orjson.JSONDecodeError as exc:
        return None, LoadIssue(file=file, reason=f"not {what} JSON ({str(exc).split(':')[0][:80]})")


def json_lines(path: Path) -> Iterator[tuple[int, Any] | LoadIssue]:
    """(line number, value) for each non-blank line of a JSON Lines file; bad lines as issues."""
    file = str(path)
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                yield number, orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                yield LoadIssue(file=file, record=number, reason=f"invalid JSON ({str(exc).split(':')[0][:80]})")


def api_error(data: Any) -> str | None:
    """The message of an API error body (``{"error": ...}``, ``{"message": ...}``), if it is one."""
    if isinstance(data, dict) and "title" not in data:
        for key in ("error", "message", "detail"):
            value = data.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, dict) and isinstance(value.get("message"), str):
                return value["message"]
    return None


def make_record(file: str, record: int | str | None, label: str, **fields: Any) -> Item:
    """A PaperRecord from mapped fields, or a LoadIssue saying which record lacks what."""
    fields = {k: v for k, v in fields.items() if v not in (None, "", ())}
    if not fields.get("title"):
        return LoadIssue(file=file, record=record, reason=f"record {label}: missing title")
    if fields.get("doi") and not fields.get("arxiv_id"):
        fields["arxiv_id"] = arxiv_of_doi(fields["doi"])
    try:
        return PaperRecord(source=file, line=record if isinstance(record, int) else None, **fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        return LoadIssue(file=file, record=record, reason=f"record {label}: {where}: {error['msg']}")


def wrong_schema(file: str, record: int | str | None, what: str, value: Any) -> LoadIssue:
    return LoadIssue(file=file, record=record, reason=f"expected {what}, got {type(value).__name__}")
