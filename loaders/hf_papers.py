"""Hugging Face papers API JSON: ``/api/daily_papers`` (a list of ``{paper: …}``) and ``/api/papers/ID``.

Written against the documented field names (``paper.id`` = the arXiv id, ``paper.authors[].name``,
``paper.summary``, ``paper.publishedAt``, ``title``); no recorded response was available, see
``tests/data/payloads/huggingface/PROVENANCE.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

from graphkit.loaders.base import Item
from graphkit.loaders.records import api_error, clean, make_record, read_json, wrong_schema, year_of
from graphkit.models import LoadIssue

PAPER_PAGE = "https://huggingface.co/papers/"


class HfPapersLoader:
    """Daily papers lists and single papers from the Hugging Face Hub API."""

    name: ClassVar[str] = "hf-papers"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)

    def sniff(self, head: bytes) -> bool:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return (text[:1] in (b"{", b"[") and b'"publishedAt"' in head
                and any(k in head for k in (b'"upvotes"', b'"summary"', b'"paper"')))

    def read(self, path: Path) -> Iterator[Item]:
        data, issue = read_json(path, "Hugging Face papers")
        if issue:
            yield issue
            return
        yield from parse_document(data, str(path))


def parse_document(data: Any, file: str) -> Iterator[Item]:
    """Records from a daily-papers list, a papers search list or one paper."""
    if isinstance(data, list):
        for number, item in enumerate(data, start=1):
            yield paper_record(item, file, number)
    elif isinstance(data, Mapping) and (message := api_error(data)):
        yield LoadIssue(file=file, reason=f"Hugging Face API error: {message}")
    elif isinstance(data, Mapping):
        yield paper_record(data, file, 1)
    else:
        yield wrong_schema(file, None, "a Hugging Face paper or list of papers", data)


def paper_record(item: Any, file: str, number: int) -> Item:
    """A daily-papers entry (``{paper: {...}, title, ...}``) or a bare paper onto the common record."""
    if not isinstance(item, Mapping):
        return wrong_schema(file, number, "a Hugging Face paper object", item)
    paper = item.get("paper") if isinstance(item.get("paper"), Mapping) else item
    arxiv_id = paper.get("id") if isinstance(paper.get("id"), str) else None
    published = paper.get("publishedAt") or item.get("publishedAt")
    published = published if isinstance(published, str) else None
    authors = tuple(clean(a.get("name")) for a in paper.get("authors") or ()
                    if isinstance(a, Mapping) and clean(a.get("name")))
    return make_record(
        file, number, repr(arxiv_id) if arxiv_id else f"{number}",
        title=clean(paper.get("title") or item.get("title")),
        abstract=clean(paper.get("summary") or item.get("summary")),
        arxiv_id=arxiv_id,
        date=published[:10] if published else None,
        year=year_of(published),
        authors=authors,
        url=f"{PAPER_PAGE}{arxiv_id}" if arxiv_id else None,
    )
