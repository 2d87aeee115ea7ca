"""Fetch paper metadata from arXiv, OpenAlex, Semantic Scholar, Crossref and Hugging Face papers.

``fetch(source, query, output)`` writes JSON Lines of the common record (ids, title, abstract,
date, authors, venue, url, references, and the request URL as ``source``), which ``graphkit
build`` reads. The CLI is ``graphkit fetch SOURCE QUERY -o FILE``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import orjson

from graphkit.errors import GraphkitError
from graphkit.fetch.http import DEADLINE, FetchError, Http
from graphkit.fetch.sources import SOURCES
from graphkit.models import LoadIssue, PaperRecord

_FIELDS = ("title", "abstract", "doi", "arxiv_id", "openalex_id", "s2_id", "acl_id", "year", "date", "authors",
           "venue", "url", "references", "source")


def common_record(record: PaperRecord) -> dict[str, object]:
    """The JSON Lines form of a record: the fields ``build`` reads, empty ones left out."""
    data = record.model_dump(include=set(_FIELDS))
    return {k: (list(v) if isinstance(v, tuple) else v) for k in _FIELDS if (v := data.get(k)) not in (None, "", ())}


def fetch(source: str, query: str, output: str | Path, *, limit: int = 100, mailto: str | None = None,
          base_url: str | None = None, use_cache: bool = True, interval: float | None = None,
          deadline: float = DEADLINE, on_issue: Callable[[LoadIssue], None] | None = None) -> int:
    """Search ``source`` for ``query`` and write up to ``limit`` papers to ``output``; returns the count.

    The output is replaced atomically, and only when the fetch succeeded.
    """
    if source not in SOURCES:
        raise GraphkitError(f"unknown source {source!r}; known: {', '.join(SOURCES)}")
    if limit < 1:
        raise GraphkitError("--limit must be at least 1")
    spec = SOURCES[source]
    output = Path(output)
    lines: list[bytes] = []
    with Http(mailto=mailto, use_cache=use_cache, deadline=deadline,
              interval=spec.interval if interval is None else interval) as http:
        for _, items in spec.pages(http, spec.base_url(base_url), query, limit, mailto):
            for item in items:
                if isinstance(item, LoadIssue):
                    if on_issue:
                        on_issue(item)
                    continue
                if len(lines) < limit:
                    lines.append(orjson.dumps(common_record(item)))
            if len(lines) >= limit:
                break
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(b"".join(line + b"\n" for line in lines))
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(lines)


__all__ = ["SOURCES", "FetchError", "fetch", "common_record"]
