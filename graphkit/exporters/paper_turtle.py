"""One loaded paper's own Turtle blocks (the paper, its author list, its evidence) formatted
straight from its record and extraction: the streaming build's hot path.

The text is what :func:`graphkit.exporters.rdf.iter_turtle` writes for a graph holding only
that paper (``part="papers"``); going through a graph first (nodes, literal objects, sets per
predicate) took twice as long. ``tests/test_stream.py`` compares the two on every sample paper.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphkit.exporters.rdf import _escape, _evidence_block, _iri, _predicate_key, _ttl_name
from graphkit.extract import Extraction
from graphkit.graph import (
    CLASS_IRIS,
    P_ABSTRACT,
    P_AUTHOR_LIST,
    P_CREATOR,
    P_IDENTIFIER,
    P_ISSUED,
    P_LABEL,
    P_PAGE,
    P_SOURCE,
    P_TITLE,
    P_TYPE,
    P_VENUE,
    XSD_DATE,
    XSD_GYEAR,
    Evidence,
    _safe_iri,
)
from graphkit.identity import identifiers
from graphkit.ids import evidence_iri
from graphkit.models import PaperRecord
from graphkit.namespace import GK, LINEAGE_KINDS

_PAPER_CLASS = _ttl_name(CLASS_IRIS["paper"])
_DATE = '"^^' + _ttl_name(XSD_DATE)
_YEAR = '"^^' + _ttl_name(XSD_GYEAR)


def paper_turtle(record: PaperRecord, iri: str, authors: list[str], extraction: Extraction,
                 cited: Sequence[str] = ()) -> str:
    """The paper's blocks in IRI order; ``authors`` are the IRIs of ``record.authors``, in order, and
    ``cited`` the papers it cites (``gk:cites``, evidenced by the record's reference list)."""
    title = '"' + _escape(record.title) + '"'
    groups: dict[str, set[str]] = {P_TYPE: {_PAPER_CLASS}, P_LABEL: {title}, P_TITLE: {title}}
    if record.abstract:
        groups[P_ABSTRACT] = {'"' + _escape(record.abstract) + '"'}
    if record.date and len(record.date) >= 10:
        groups[P_ISSUED] = {'"' + _escape(record.date[:10]) + _DATE}
    elif record.year:
        groups[P_ISSUED] = {f'"{record.year}{_YEAR}'}
    ids = identifiers(record)
    if ids:
        groups[P_IDENTIFIER] = {'"' + _escape(i) + '"' for i in ids}
    if record.source:
        groups[P_SOURCE] = {'"' + _escape(record.source) + '"'}
    if record.venue:
        groups[P_VENUE] = {'"' + _escape(record.venue) + '"'}
    if record.url and _safe_iri(record.url):
        groups[P_PAGE] = {_ttl_name(record.url)}
    blocks: dict[str, str] = {}
    if authors:
        seq = f"{iri}/authors"
        groups[P_AUTHOR_LIST] = {_ttl_name(seq)}
        groups[P_CREATOR] = {_ttl_name(a) for a in authors}
        members = "".join(f" ;\n    rdf:_{n} {_ttl_name(a)}" for n, a in enumerate(authors, start=1))
        blocks[seq] = f"<{seq}>\n    a rdf:Seq{members} .\n\n"
    for found in extraction.edges:
        subject, predicate, obj = found.subject, found.predicate, found.object
        for local in (predicate, "derivedFrom") if predicate in LINEAGE_KINDS else (predicate,):
            if subject == iri:
                groups.setdefault(GK + local, set()).add(_ttl_name(obj))
            ev = Evidence(evidence_iri(subject, local, obj, iri, found.field, found.start), found.method,
                          found.confidence, iri, found.quote, found.field, found.start, found.end)
            blocks[ev.iri] = _evidence_block(subject, local, obj, ev) + "\n\n"  # the last of a repeat wins
    for target in cited:
        groups.setdefault(GK + "cites", set()).add(_ttl_name(target))
        ev = Evidence(evidence_iri("cites", iri, target, record.source), "curated", 1.0,
                      source=record.source or "reference list of the source record")
        blocks[ev.iri] = _evidence_block(iri, "cites", target, ev) + "\n\n"
    blocks[iri] = _paper_block(iri, groups)
    return "".join(blocks[key] for key in sorted(blocks))


def _paper_block(iri: str, groups: dict[str, set[str]]) -> str:
    parts = []
    for (_, name), predicate in sorted((_predicate_key(p), p) for p in groups):
        values = groups[predicate]
        if len(values) == 1:
            (single,) = values
            parts.append(f"    {name} {single}")
        else:
            parts.append(f"    {name} " + " ,\n        ".join(sorted(values)))
    return _iri(iri) + "\n" + " ;\n".join(parts) + " .\n\n"
