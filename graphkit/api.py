"""The Python API: the same operations as the CLI, on paths or records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphkit.gaps import gaps as _gaps
from graphkit.graph import KnowledgeGraph
from graphkit.lineage import DEFAULT_QUOTES
from graphkit.lineage import lineage as _lineage
from graphkit.pipeline import Input
from graphkit.pipeline import build as _build


def build(inputs: Iterable[Input] | Input, *, fmt: str | None = None, progress: bool = False) -> KnowledgeGraph:
    """Build a graph from paths (any supported format) or records (dicts or PaperRecord).

    >>> kg = build([{"title": "GottBERT: a pure German Language Model",
    ...              "abstract": "We present GottBERT, a German RoBERTa model."}])
    >>> kg.summary()["papers"]
    1
    """
    if isinstance(inputs, (str, bytes)) or hasattr(inputs, "__fspath__") or isinstance(inputs, dict):
        inputs = [inputs]  # type: ignore[list-item]
    return _build(inputs, fmt=fmt, progress=progress)  # type: ignore[arg-type]


def lineage(graph: KnowledgeGraph, model: str, quotes: int | None = DEFAULT_QUOTES) -> dict[str, Any]:
    """Ancestors and descendants of ``model`` (resolved through aliases) as the CLI's JSON document.

    Each hop quotes its first ``quotes`` evidencing papers (``None``: all) and counts them all
    in ``evidence_count``.
    """
    return _lineage(graph, model, quotes)


def gaps(graph: KnowledgeGraph, by: str | list[str] | None = None, top: int | None = None,
         min_papers: int = 1) -> dict[str, Any]:
    """Ranked unstudied combinations as the CLI's ``gaps --format json`` document."""
    return _gaps(graph, by=by, top=top, min_papers=min_papers)
