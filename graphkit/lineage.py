"""Lineage of a model: ancestors and descendants with the kind of each hop and its evidence."""

from __future__ import annotations

from typing import Any

from graphkit.errors import GraphkitError
from graphkit.graph import KnowledgeGraph
from graphkit.namespace import LINEAGE_KINDS
from graphkit.text import fold_key


class UnknownModel(GraphkitError):
    """The name matches no model; the message suggests the nearest names."""


def resolve_model(graph: KnowledgeGraph, name: str) -> str:
    """The IRI of the model a name or alias means, through labels, aliases and the vocabulary."""
    key = fold_key(name)
    models = graph.entities("model")
    for node in models:
        if key in {fold_key(node.name), *map(fold_key, node.alt_labels)}:
            return node.iri
    from graphkit.vocab import load_vocabulary

    term = load_vocabulary().resolve(name, "model")
    if term and term.iri in graph.nodes:
        return term.iri
    from rapidfuzz import fuzz, process, utils

    names = sorted({n.name for n in models})
    close = [match for match, _, _ in process.extract(name, names, scorer=fuzz.ratio,
                                                       processor=utils.default_process, limit=5)]
    raise UnknownModel(f"unknown model {name!r}; nearest: {', '.join(close) or 'none'}")


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


def lineage(graph: KnowledgeGraph, name: str) -> dict[str, Any]:
    """The ``graphkit lineage --format json`` document for one model."""
    root = resolve_model(graph, name)
    hops = _hops(graph)
    up: dict[str, list[tuple[str, str]]] = {}
    down: dict[str, list[tuple[str, str]]] = {}
    for (child, parent), (relation, _) in sorted(hops.items()):
        up.setdefault(child, []).append((parent, relation))
        down.setdefault(parent, []).append((child, relation))

    def walk(links: dict[str, list[tuple[str, str]]], upward: bool) -> list[dict[str, Any]]:
        seen, frontier, items = {root}, [root], []
        depth = 0
        while frontier:
            depth += 1
            following = []
            for via in frontier:
                for other, relation in links.get(via, ()):
                    if other in seen:
                        continue
                    seen.add(other)
                    following.append(other)
                    key = (via, other) if upward else (other, via)
                    items.append({
                        "iri": other, "name": graph.nodes[other].name, "relation": relation,
                        "depth": depth, "via": via,
                        "evidence": [e for e in hops[key][1] if e.get("paper")],
                    })
            frontier = following
        return items

    return {
        "model": {"iri": root, "name": graph.nodes[root].name},
        "ancestors": walk(up, True),
        "descendants": walk(down, False),
    }
