"""OpenAlex works: a single work, a ``/works`` list page (``meta`` + ``results``), or a JSON Lines dump.

A dump is recognised by content (objects whose ``id`` starts ``https://openalex.org/W``), not by
suffix. Abstracts are rebuilt from ``abstract_inverted_index`` (word -> positions), the only form
OpenAlex serves them in; ``referenced_works`` become citations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

from graphkit.loaders.base import Item
from graphkit.loaders.records import (
    api_error, arxiv_of_url, clean, doi_of, json_lines, make_record, read_json, wrong_schema, year_of,
)
from graphkit.models import LoadIssue

_WORK_ID = re.compile(rb'"id"\s*:\s*"https://openalex\.org/W\d+"')
WORK_PREFIX = "https://openalex.org/W"


class OpenalexLoader:
    """OpenAlex Work objects, one document or one per line."""

    name: ClassVar[str] = "openalex"
    suffixes: ClassVar[tuple[str, ...]] = (".json", ".jsonl")

    def sniff(self, head: bytes) -> bool:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return text.startswith(b"{") and bool(_WORK_ID.search(head))

    def read(self, path: Path) -> Iterator[Item]:
        file = str(path)
        with open(path, "rb") as handle:
            first = handle.readline()
            second = handle.readline()
        if first.strip().startswith(b"{") and second.strip().startswith(b"{"):  # a dump: one work per line
            for item in json_lines(path):
                if isinstance(item, LoadIssue):
                    yield item
                else:
                    yield work_record(item[1], file, item[0])
            return
        data, issue = read_json(path, "OpenAlex")
        if issue:
            yield issue
            return
        yield from parse_document(data, file)


def parse_document(data: Any, file: str) -> Iterator[Item]:
    """Records from a decoded response: a list page, a single work, or an error body."""
    if isinstance(data, Mapping) and isinstance(data.get("results"), list):
        for number, work in enumerate(data["results"], start=1):
            yield work_record(work, file, number)
    elif isinstance(data, Mapping) and (message := api_error(data)):
        yield LoadIssue(file=file, reason=f"OpenAlex API error: {message}")
    elif isinstance(data, Mapping):
        yield work_record(data, file, 1)
    else:
        yield wrong_schema(file, None, "an OpenAlex work or list page", data)


def abstract_from_index(index: Any) -> str:
    """Rebuild the abstract text from OpenAlex's inverted index (word -> list of positions)."""
    if not isinstance(index, Mapping) or not index:
        return ""
    positions: dict[int, str] = {}
    for word, places in index.items():
        if isinstance(places, list):
            for place in places:
                if isinstance(place, int):
                    positions[place] = word
    return " ".join(positions[p] for p in sorted(positions))


def work_record(work: Any, file: str, number: int) -> Item:
    """One OpenAlex Work onto the common record."""
    if not isinstance(work, Mapping):
        return wrong_schema(file, number, "an OpenAlex work object", work)
    work_id = work.get("id")
    if not (isinstance(work_id, str) and work_id.startswith(WORK_PREFIX)):
        return LoadIssue(file=file, record=number, reason=f"record {number}: no OpenAlex work id (https://openalex.org/W…)")
    ids = work.get("ids") if isinstance(work.get("ids"), Mapping) else {}
    doi = doi_of(work.get("doi")) or doi_of(ids.get("doi"))
    primary = work.get("primary_location") if isinstance(work.get("primary_location"), Mapping) else {}
    source = primary.get("source") if isinstance(primary.get("source"), Mapping) else {}
    arxiv_id = None
    for location in work.get("locations") or ():
        if isinstance(location, Mapping) and (arxiv_id := arxiv_of_url(location.get("landing_page_url"))):
            break
    authors = []
    for authorship in work.get("authorships") or ():
        author = authorship.get("author") if isinstance(authorship, Mapping) else None
        name = clean(author.get("display_name")) if isinstance(author, Mapping) else ""
        if name:
            authors.append(name)
    date = work.get("publication_date") if isinstance(work.get("publication_date"), str) else None
    year = work.get("publication_year")
    references = tuple(r for r in work.get("referenced_works") or () if isinstance(r, str) and r.startswith(WORK_PREFIX))
    return make_record(
        file, number, repr(work_id.rsplit("/", 1)[-1]),
        title=clean(work.get("title") or work.get("display_name")),
        abstract=abstract_from_index(work.get("abstract_inverted_index")),
        openalex_id=work_id,
        doi=doi,
        arxiv_id=arxiv_id,
        date=date,
        year=year if isinstance(year, int) else year_of(date),
        authors=tuple(authors),
        venue=clean(source.get("display_name")) or None,
        url=(f"https://doi.org/{doi}" if doi else None) or primary.get("landing_page_url") or work_id,
        references=references,
    )
