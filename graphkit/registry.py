"""Plug-in tables: built-in loaders and exporters by dotted path, plus entry points.

Names are known at import and classes load on first use, so a broken plug-in only
breaks the format that needs it. A duplicate name is an error.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError, LoadError
from graphkit.loaders.base import looks_binary

_HTML_PAGE = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body)", re.I)

BUILTIN_LOADERS: dict[str, str] = {
    "jsonl": "graphkit.loaders.jsonl:JsonlLoader",
    "csv": "graphkit.loaders.csv:CsvLoader",
    "plaintext": "graphkit.loaders.plaintext:PlaintextLoader",
    "arxiv": "graphkit.loaders.arxiv:ArxivLoader",
    "openalex": "graphkit.loaders.openalex:OpenalexLoader",
    "semanticscholar": "graphkit.loaders.semanticscholar:SemanticscholarLoader",
    "crossref": "graphkit.loaders.crossref:CrossrefLoader",
    "hf-papers": "graphkit.loaders.hf_papers:HfPapersLoader",
    "bibtex": "graphkit.loaders.bibtex:BibtexLoader",
    "lineage": "graphkit.loaders.lineage:LineageLoader",
}
#: Sniffing order: specific formats first (source APIs before generic JSON Lines), the
#: permissive plain-text reader last.
SNIFF_ORDER: tuple[str, ...] = (
    "arxiv", "openalex", "semanticscholar", "crossref", "hf-papers", "lineage", "bibtex", "jsonl", "csv", "plaintext",
)

BUILTIN_EXPORTERS: dict[str, str] = {
    "turtle": "graphkit.exporters.rdf:TurtleExporter",
    "ntriples": "graphkit.exporters.rdf:NTriplesExporter",
    "jsonld": "graphkit.exporters.rdf:JsonLdExporter",
    "graphml": "graphkit.exporters.networkx:GraphMLExporter",
    "nodelink": "graphkit.exporters.networkx:NodeLinkExporter",
}


def _table(group: str, builtins: dict[str, str]) -> dict[str, str]:
    table = dict(builtins)
    for ep in entry_points(group=group):
        if ep.name in table:
            raise GraphkitError(f"plug-in {ep.name!r} in {group} is defined twice")
        table[ep.name] = ep.value
    return table


@cache
def loaders() -> dict[str, str]:
    return _table("graphkit.loaders", BUILTIN_LOADERS)


@cache
def exporters() -> dict[str, str]:
    return _table("graphkit.exporters", BUILTIN_EXPORTERS)


@cache
def _load(target: str) -> Any:
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)()


def get_loader(name: str) -> Any:
    try:
        return _load(loaders()[name])
    except KeyError:
        raise GraphkitError(f"unknown format {name!r}; known: {', '.join(sorted(loaders()))}") from None


def get_exporter(name: str) -> Any:
    try:
        return _load(exporters()[name])
    except KeyError:
        raise GraphkitError(f"unknown export format {name!r}; known: {', '.join(sorted(exporters()))}") from None


def detect_loader(path: Path, fmt: str | None = None) -> Any:
    """Pick a loader by explicit name, then by sniffing the first bytes, then by suffix."""
    if fmt:
        return get_loader(fmt)
    file = str(path)
    if not path.exists():
        raise LoadError(file, "no such file")
    if path.is_dir():
        raise LoadError(file, "is a directory, not a file")
    with open(path, "rb") as handle:
        head = handle.read(8192)
    if not head.strip():
        raise LoadError(file, "empty file, no records")
    if looks_binary(head):
        raise LoadError(file, "binary file, not a paper listing")
    if _HTML_PAGE.match(head):
        raise LoadError(file, "an HTML page, not paper data (an error page saved instead of the API's answer?)")
    order = [n for n in SNIFF_ORDER if n in loaders()] + [n for n in loaders() if n not in SNIFF_ORDER]
    by_suffix = [n for n in order if path.suffix.lower() in get_loader(n).suffixes]
    for name in by_suffix + [n for n in order if n not in by_suffix]:
        if get_loader(name).sniff(head):
            return get_loader(name)
    raise LoadError(file, "unknown format (use --format)")


def exporter_for(path: Path, fmt: str | None = None) -> Any:
    """Pick an exporter by explicit name or by the output's suffix."""
    if fmt:
        return get_exporter(fmt)
    suffix = path.suffix.lower()
    for name in exporters():
        exporter = get_exporter(name)
        if suffix in exporter.suffixes:
            return exporter
    raise GraphkitError(f"{path}: unknown output suffix {suffix!r} (use .ttl .nt .jsonld .graphml .json)")
