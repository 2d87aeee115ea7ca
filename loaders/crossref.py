"""Crossref REST API works: ``message-type`` ``work`` or ``work-list`` responses.

Abstracts arrive as JATS XML (``<jats:p>…``); the markup is stripped and a leading "Abstract"
heading dropped. References with a DOI become citations.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

from graphkit.loaders.base import Item
from graphkit.loaders.records import clean, doi_of, make_record, read_json, strip_markup, wrong_schema
from graphkit.models import LoadIssue

_DATE_FIELDS = ("published", "published-print", "published-online", "issued", "created")


class CrossrefLoader:
    """A Crossref ``/works`` or ``/works/DOI`` response."""

    name: ClassVar[str] = "crossref"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)

    def sniff(self, head: bytes) -> bool:
        return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and b'"message-type"' in head

    def read(self, path: Path) -> Iterator[Item]:
        data, issue = read_json(path, "Crossref")
        if issue:
            yield issue
            return
        yield from parse_document(data, str(path))


def parse_document(data: Any, file: str) -> Iterator[Item]:
    """Records from a decoded Crossref response envelope."""
    if not isinstance(data, Mapping) or not isinstance(data.get("message"), Mapping):
        yield wrong_schema(file, None, "a Crossref response with a 'message' object", data)
        return
    if data.get("status") not in (None, "ok"):
        yield LoadIssue(file=file, reason=f"Crossref API error: {str(data.get('message'))[:200]}")
        return
    message = data["message"]
    if data.get("message-type") == "work-list" or isinstance(message.get("items"), list):
        for number, item in enumerate(message.get("items") or (), start=1):
            yield work_record(item, file, number)
    else:
        yield work_record(message, file, 1)


def _date(work: Mapping[str, Any]) -> tuple[str | None, int | None]:
    for key in _DATE_FIELDS:
        value = work.get(key)
        parts = value.get("date-parts") if isinstance(value, Mapping) else None
        if parts and isinstance(parts[0], list) and parts[0] and isinstance(parts[0][0], int):
            first = parts[0]
            year = first[0]
            if len(first) >= 3:
                return f"{year:04d}-{first[1]:02d}-{first[2]:02d}", year
            return None, year
    return None, None


def work_record(work: Any, file: str, number: int) -> Item:
    """One Crossref work item onto the common record."""
    if not isinstance(work, Mapping):
        return wrong_schema(file, number, "a Crossref work object", work)
    doi = doi_of(work.get("DOI"))
    titles = work.get("title")
    title = clean(titles[0]) if isinstance(titles, list) and titles else clean(titles)
    authors = []
    for author in work.get("author") or ():
        if isinstance(author, Mapping):
            name = clean(" ".join(p for p in (author.get("given"), author.get("family")) if isinstance(p, str)))
            name = name or clean(author.get("name"))
            if name:
                authors.append(name)
    venues = work.get("container-title")
    resource = work.get("resource") if isinstance(work.get("resource"), Mapping) else {}
    primary = resource.get("primary") if isinstance(resource.get("primary"), Mapping) else {}
    date, year = _date(work)
    references = tuple(d for r in work.get("reference") or () if isinstance(r, Mapping)
                       if (d := doi_of(r.get("DOI"))))
    return make_record(
        file, number, repr(doi) if doi else f"{number}",
        title=title,
        abstract=strip_markup(work.get("abstract")),
        doi=doi,
        date=date,
        year=year,
        authors=tuple(authors),
        venue=clean(venues[0]) if isinstance(venues, list) and venues else None,
        url=work.get("URL") if isinstance(work.get("URL"), str) else primary.get("URL"),
        references=references,
    )
