"""Lineage of a model: ancestors and descendants with the kind of each hop and its evidence.

This is the in-memory path (``--graph FILE``, the Python API); ``graphkit.store_lineage``
answers the same question with SPARQL on the embedded store. Both order everything by
IRI (model resolution ties, evidence by paper then quote), so the document is the same
whichever way the graph was read.

A hop of a popular model is evidenced by thousands of papers on a large graph; listing every
quote made the document slow and long. Each hop lists the quotes of its first ``quotes``
papers (by IRI, default ``DEFAULT_QUOTES``) and says in ``evidence_count`` how many papers
evidence it in all, so nothing is hidden silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.graph import KnowledgeGraph
from graphkit.namespace import LINEAGE_KINDS
from graphkit.text import fold_key

#: Papers whose quotes a hop lists by default (``graphkit lineage --quotes N``).
DEFAULT_QUOTES = 3


class UnknownModel(GraphkitError):
    """The name matches no model; the message suggests the nearest names."""


def resolve_model(graph: KnowledgeGraph, name: str) -> str:
    """The IRI of the model a name or alias means, through labels, aliases and the vocabulary."""
    models = graph.entities("model")
    found = best_match(name, ((n.iri, n.name, True) for n in models),
                       ((n.iri, alias, False) for n in models for alias in n.alt_labels))
    if found:
        return found
    from graphkit.vocab import load_vocabulary

    term = load_vocabulary().resolve(name, "model")
    if term and term.iri in graph.nodes:
        return term.iri
    raise unknown_model(name, {n.name for n in models})


def best_match(name: str, *labels: Iterable[tuple[str, str, bool]]) -> str | None:
    """The model a name means among ``(iri, label, is_canonical)`` rows, by graphkit's name folding.

    A canonical label beats an alias, then the smallest IRI wins, so the answer does not
    depend on the order the graph was read in.
    """
    key = fold_key(name)
    hits = [(not canonical, iri) for rows in labels for iri, label, canonical in rows if fold_key(label) == key]
    return min(hits)[1] if hits else None


def unknown_model(name: str, names: Iterable[str]) -> UnknownModel:
    """The one-line error for a name that matches no model, with the nearest names."""
    from rapidfuzz import fuzz, process, utils

    close = [match for match, _, _ in process.extract(name, sorted(set(names)), scorer=fuzz.ratio,
                                                       processor=utils.default_process, limit=5)]
    return UnknownModel(f"unknown model {name!r}; nearest: {', '.join(close) or 'none'}")


def _hops(graph: KnowledgeGraph) -> dict[tuple[str, str], tuple[str, list[dict[str, str]]]]:
    """(child, parent) -> (most specific relation, evidence quotes)."""
    hops: dict[tuple[str, str], tuple[str, list[dict[str, str]]]] = {}
    for (child, predicate, parent), evidences in graph.edges.items():
        if predicate != "derivedFrom" and predicate not in LINEAGE_KINDS:
            continue
        relation, quotes = hops.get((child, parent), ("derivedFrom", []))
        if predicate in LINEAGE_KINDS:
            relation = predicate if relation == "derivedFrom" else min(relation, predicate)
        for ev in evidences.values():
            item = {"paper": ev.paper, "quote": ev.quote} if ev.paper else {"source": ev.source, "quote": None}
            if item not in quotes:
                quotes.append(item)
        hops[(child, parent)] = (relation, quotes)
    return hops


def walk(root: str, relations: dict[tuple[str, str], str], upward: bool) -> list[tuple[str, str, str, int]]:
    """Breadth-first (other, via, relation, depth) from ``root`` over (child, parent) hops,
    nearest first, each relative once; shared by the in-memory and the store paths."""
    links: dict[str, list[tuple[str, str]]] = {}
    for (child, parent), relation in sorted(relations.items()):
        start, other = (child, parent) if upward else (parent, child)
        links.setdefault(start, []).append((other, relation))
    seen, frontier, found = {root}, [root], []
    depth = 0
    while frontier:
        depth += 1
        following = []
        for via in frontier:
            for other, relation in links.get(via, ()):
                if other not in seen:
                    seen.add(other)
                    following.append(other)
                    found.append((other, via, relation, depth))
        frontier = following
    return found


def lineage(graph: KnowledgeGraph, name: str, quotes: int | None = DEFAULT_QUOTES) -> dict[str, Any]:
    """The ``graphkit lineage --format json`` document for one model.

    Each hop lists the quotes of its first ``quotes`` evidencing papers (``None``: all) and
    counts them all in ``evidence_count``.
    """
    root = resolve_model(graph, name)
    hops = _hops(graph)
    relations = {hop: relation for hop, (relation, _) in hops.items()}
    document: dict[str, Any] = {"model": {"iri": root, "name": graph.nodes[root].name}}
    for key, upward in (("ancestors", True), ("descendants", False)):
        items = []
        for other, via, relation, depth in walk(root, relations, upward):
            found = hops[(via, other) if upward else (other, via)][1]
            evidence, count = hop_evidence(((e.get("paper"), e["quote"]) for e in found), quotes)
            items.append({"iri": other, "name": graph.nodes[other].name, "relation": relation, "depth": depth,
                          "via": via, "evidence": evidence, "evidence_count": count})
        document[key] = items
    return document


def hop_evidence(items: Iterable[tuple[str | None, str | None]], quotes: int | None) -> tuple[list[dict[str, Any]], int]:
    """A hop's ``evidence`` and ``evidence_count``: the distinct ``{"paper", "quote"}`` items of
    its first ``quotes`` papers by IRI (all when ``None``), ordered by paper then quote, and the
    number of papers evidencing it. Items without a paper (curated sources) are not listed."""
    unique = {(paper, quote) for paper, quote in items if paper}
    papers = sorted({paper for paper, _ in unique})
    shown = set(papers if quotes is None else papers[:quotes])
    listed = sorted(((p, q) for p, q in unique if p in shown), key=lambda pq: (pq[0], pq[1] or ""))
    return [{"paper": paper, "quote": quote} for paper, quote in listed], len(papers)
