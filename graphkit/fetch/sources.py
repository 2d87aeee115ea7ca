"""The five sources ``graphkit fetch`` knows: base URLs, search requests, paging, record mapping.

Each source turns QUERY (verbatim into its search parameter) into pages of records, using the
same mapping as the file loaders, so a fetched record and a loaded payload agree field by field.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from graphkit.fetch.http import FetchError, Http
from graphkit.loaders import arxiv, crossref, hf_papers, openalex, semanticscholar
from graphkit.loaders.base import Item
from graphkit.models import LoadIssue

Pages = Iterator[tuple[str, list[Item]]]  # (request URL, records and issues of that page)


@dataclass(frozen=True)
class Source:
    name: str
    default_base: str
    #: Seconds between two network requests (the source's published rate limit).
    interval: float
    pages: Callable[[Http, str, str, int, str | None], Pages]

    @property
    def env_var(self) -> str:
        return f"GRAPHKIT_{self.name.upper().replace('-', '_')}_BASE_URL"

    def base_url(self, flag: str | None = None) -> str:
        """The flag wins over ``GRAPHKIT_<SOURCE>_BASE_URL``, which wins over the public API."""
        return (flag or os.environ.get(self.env_var) or self.default_base).rstrip("/")


def _json(url: str, body: bytes, what: str) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        raise FetchError(f"{url}: the answer is not {what} JSON ({' '.join(body[:80].decode('utf-8', 'replace').split())!r})") from None


def _arxiv(http: Http, base: str, query: str, limit: int, mailto: str | None) -> Pages:
    start = 0
    while start < limit:
        try:
            url, body = http.get(f"{base}/query", {"search_query": query, "start": start,
                                                   "max_results": min(100, limit - start)})
        except FetchError as exc:
            # arXiv answers a bad query with HTTP 400 and an error feed: report the API's message.
            errors = [str(i.reason) for i in _feed_items(exc.body, base) if isinstance(i, LoadIssue)]
            message = f"{str(exc).split(' (', 1)[0]} ({errors[0]})" if errors else str(exc)
            raise FetchError(message) from None
        root = _feed(url, body)
        entries = list(root.iter(f"{arxiv.ATOM}entry"))
        items = list(arxiv.parse_feed(root, url))
        errors = [i for i in items if isinstance(i, LoadIssue) and i.reason.startswith("arXiv API error")]
        if errors:
            raise FetchError(f"{url}: {errors[0].reason}")
        yield url, items
        total = root.findtext("{http://a9.com/-/spec/opensearch/1.1/}totalResults")
        start += len(entries)
        if not entries or (total and total.strip().isdigit() and start >= int(total)):
            return


def _feed(url: str, body: bytes) -> ET.Element:
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        raise FetchError(f"{url}: the answer is not an Atom feed ({exc})") from None


def _feed_items(body: bytes, url: str) -> list[Item]:
    try:
        return list(arxiv.parse_feed(ET.fromstring(body), url)) if body else []
    except ET.ParseError:
        return []


def _openalex(http: Http, base: str, query: str, limit: int, mailto: str | None) -> Pages:
    cursor, seen = "*", 0
    while cursor and seen < limit:
        params = {"search": query, "per-page": min(200, limit - seen), "cursor": cursor}
        if mailto:
            params["mailto"] = mailto
        url, body = http.get(f"{base}/works", params)
        data = _json(url, body, "OpenAlex")
        items = list(openalex.parse_document(data, url))
        yield url, items
        results = data.get("results") if isinstance(data, dict) else None
        if not results:
            return
        seen += len(results)
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
        cursor = meta.get("next_cursor")


_S2_FIELDS = "title,abstract,authors,year,publicationDate,venue,journal,externalIds,url"


def _semanticscholar(http: Http, base: str, query: str, limit: int, mailto: str | None) -> Pages:
    offset: int | None = 0
    while offset is not None and offset < limit:
        url, body = http.get(f"{base}/paper/search", {"query": query, "offset": offset,
                                                      "limit": min(100, limit - offset), "fields": _S2_FIELDS})
        data = _json(url, body, "Semantic Scholar")
        yield url, list(semanticscholar.parse_document(data, url))
        if not isinstance(data, dict) or not data.get("data"):
            return
        following = data.get("next")
        offset = following if isinstance(following, int) and following > offset else None


def _crossref(http: Http, base: str, query: str, limit: int, mailto: str | None) -> Pages:
    cursor, seen = "*", 0
    while cursor and seen < limit:
        params = {"query": query, "rows": min(1000, limit - seen), "cursor": cursor}
        if mailto:
            params["mailto"] = mailto
        url, body = http.get(f"{base}/works", params)
        data = _json(url, body, "Crossref")
        yield url, list(crossref.parse_document(data, url))
        message = data.get("message") if isinstance(data, dict) else None
        items = message.get("items") if isinstance(message, dict) else None
        if not items:
            return
        seen += len(items)
        following = message.get("next-cursor")
        cursor = following if following and following != cursor else None


def _hf_papers(http: Http, base: str, query: str, limit: int, mailto: str | None) -> Pages:
    url, body = http.get(f"{base}/papers/search", {"q": query, "limit": limit})
    yield url, list(hf_papers.parse_document(_json(url, body, "Hugging Face papers"), url))


SOURCES: dict[str, Source] = {
    "arxiv": Source("arxiv", "https://export.arxiv.org/api", 3.0, _arxiv),
    "openalex": Source("openalex", "https://api.openalex.org", 0.1, _openalex),
    "semanticscholar": Source("semanticscholar", "https://api.semanticscholar.org/graph/v1", 1.0, _semanticscholar),
    "crossref": Source("crossref", "https://api.crossref.org", 0.1, _crossref),
    "hf-papers": Source("hf-papers", "https://huggingface.co/api", 0.5, _hf_papers),
}
