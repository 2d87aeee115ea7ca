"""arXiv API Atom feeds (``export.arxiv.org/api/query``): one paper per ``<entry>``.

The API answers errors with a feed holding one entry whose id is ``…/api/errors#…``; that is
reported as an error carrying the API's own message, not loaded as a paper called "Error".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from graphkit.loaders.base import Item
from graphkit.loaders.records import clean, doi_of, looks_like_html, make_record, year_of
from graphkit.models import LoadIssue

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_ABS_ID = re.compile(r"arxiv\.org/abs/(.+)$")


class ArxivLoader:
    """An arXiv API Atom feed (search results or ``id_list`` lookups)."""

    name: ClassVar[str] = "arxiv"
    suffixes: ClassVar[tuple[str, ...]] = (".atom", ".xml")

    def sniff(self, head: bytes) -> bool:
        return b"<feed" in head and b"http://www.w3.org/2005/Atom" in head and b"arxiv" in head.lower()

    def read(self, path: Path) -> Iterator[Item]:
        file = str(path)
        raw = path.read_bytes()
        if looks_like_html(raw):
            yield LoadIssue(file=file, reason="an HTML page, not an arXiv Atom feed (an error page from the server?)")
            return
        try:
            root = ET.fromstring(raw)
        except ET.ParseError as exc:
            yield LoadIssue(file=file, reason=f"not an Atom feed ({exc})")
            return
        if root.tag != f"{ATOM}feed":
            yield LoadIssue(file=file, reason=f"not an Atom feed (root element {root.tag!r})")
            return
        yield from parse_feed(root, file)


def parse_feed(root: ET.Element, file: str) -> Iterator[Item]:
    """Records from a parsed feed; the API's error entry becomes one issue with its message."""
    for number, entry in enumerate(root.iter(f"{ATOM}entry"), start=1):
        entry_id = (entry.findtext(f"{ATOM}id") or "").strip()
        if "/api/errors" in entry_id:
            message = clean(entry.findtext(f"{ATOM}summary")) or entry_id
            yield LoadIssue(file=file, record=number, reason=f"arXiv API error: {message}")
            continue
        match = _ABS_ID.search(entry_id)
        arxiv_id = match.group(1) if match else None
        published = (entry.findtext(f"{ATOM}published") or "").strip()
        url = next((link.get("href") for link in entry.findall(f"{ATOM}link")
                    if link.get("rel") == "alternate" and link.get("href")), None)
        yield make_record(
            file, number, repr(arxiv_id or entry_id or f"entry {number}"),
            title=clean(entry.findtext(f"{ATOM}title")),
            abstract=clean(entry.findtext(f"{ATOM}summary")),
            arxiv_id=arxiv_id,
            doi=doi_of(entry.findtext(f"{ARXIV}doi")),
            date=published[:10] or None,
            year=year_of(published),
            authors=tuple(clean(a.findtext(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")
                          if clean(a.findtext(f"{ATOM}name"))),
            venue=clean(entry.findtext(f"{ARXIV}journal_ref")) or None,
            url=url or (entry_id if entry_id.startswith("http") else None),
        )
