"""Semantic Scholar Graph API papers: single paper, search pages (``data``), batch arrays, references.

The paper id kept is the 40-hex ``paperId`` (``s2:…``), not CorpusId. A references response
(``data: [{citedPaper: …}]``) yields the cited papers; a paper with a ``references`` field gets
``gk:cites`` edges to them. ``null`` entries of a batch answer (ids not found) are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

from graphkit.loaders.base import Item
from graphkit.loaders.records import api_error, clean, doi_of, make_record, read_json, wrong_schema, year_of
from graphkit.models import LoadIssue

_PAPER_ID = re.compile(r"^[0-9a-f]{40}$")


class SemanticscholarLoader:
    """Semantic Scholar Graph API JSON responses."""

    name: ClassVar[str] = "semanticscholar"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)

    def sniff(self, head: bytes) -> bool:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return text[:1] in (b"{", b"[") and b'"paperId"' in head

    def read(self, path: Path) -> Iterator[Item]:
        data, issue = read_json(path, "Semantic Scholar")
        if issue:
            yield issue
            return
        yield from parse_document(data, str(path))


def parse_document(data: Any, file: str) -> Iterator[Item]:
    """Records from a decoded response of any of the paper endpoints."""
    if isinstance(data, list):  # POST /paper/batch
        for number, paper in enumerate(data, start=1):
            if paper is None:
                yield LoadIssue(file=file, record=number, reason=f"record {number}: null (id not found by the batch lookup)")
            else:
                yield paper_record(paper, file, number)
    elif isinstance(data, Mapping) and isinstance(data.get("data"), list):  # search, bulk search, references
        for number, item in enumerate(data["data"], start=1):
            if isinstance(item, Mapping) and "paperId" not in item:
                item = item.get("citedPaper") or item.get("citingPaper") or item
            yield paper_record(item, file, number)
    elif isinstance(data, Mapping) and (message := api_error(data)):
        yield LoadIssue(file=file, reason=f"Semantic Scholar API error: {message}")
    elif isinstance(data, Mapping):
        yield paper_record(data, file, 1)
    else:
        yield wrong_schema(file, None, "a Semantic Scholar paper, list or batch", data)


def paper_record(paper: Any, file: str, number: int) -> Item:
    """One Graph API paper object onto the common record."""
    if not isinstance(paper, Mapping):
        return wrong_schema(file, number, "a Semantic Scholar paper object", paper)
    paper_id = paper.get("paperId")
    s2_id = paper_id if isinstance(paper_id, str) and _PAPER_ID.match(paper_id) else None
    external = paper.get("externalIds") if isinstance(paper.get("externalIds"), Mapping) else {}
    journal = paper.get("journal") if isinstance(paper.get("journal"), Mapping) else {}
    date = paper.get("publicationDate") if isinstance(paper.get("publicationDate"), str) else None
    year = paper.get("year")
    authors = tuple(clean(a.get("name")) for a in paper.get("authors") or ()
                    if isinstance(a, Mapping) and clean(a.get("name")))
    references = tuple(f"s2:{r['paperId']}" for r in paper.get("references") or ()
                       if isinstance(r, Mapping) and isinstance(r.get("paperId"), str) and _PAPER_ID.match(r["paperId"]))
    arxiv = external.get("ArXiv")
    acl = external.get("ACL")
    return make_record(
        file, number, repr(paper_id) if paper_id else f"{number}",
        title=clean(paper.get("title")),
        abstract=clean(paper.get("abstract")),
        s2_id=s2_id,
        doi=doi_of(external.get("DOI")),
        arxiv_id=arxiv if isinstance(arxiv, str) else None,
        acl_id=acl if isinstance(acl, str) else None,
        date=date,
        year=year if isinstance(year, int) else year_of(date),
        authors=authors,
        venue=clean(paper.get("venue")) or clean(journal.get("name")) or None,
        url=paper.get("url") if isinstance(paper.get("url"), str) else None,
        references=references,
    )
