"""Lineage of a model answered by SPARQL on the embedded store (no graph held in memory).

Why: ``graphkit lineage MODEL`` without ``--graph`` must not parse the whole graph into a
KnowledgeGraph; the store already indexes it. Property paths over ``gk:derivedFrom`` and
its typed sub-properties fetch only the hops reachable from the model, then the same
breadth-first walk (``graphkit.lineage.walk``) gives each relative its depth and ``via``, so
the JSON document is identical to the in-memory one (``tests/test_store_lineage.py``).
Names resolve through ``rdfs:label``/``skos:altLabel`` folded with ``graphkit.text.fold_key``,
then the curated vocabulary, exactly like the in-memory path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from graphkit.lineage import best_match, paper_evidence, unknown_model, walk
from graphkit.namespace import GK, LINEAGE_KINDS, LINEAGE_PROPERTIES

if TYPE_CHECKING:
    import pyoxigraph

_PREFIXES = """PREFIX gk: <https://w3id.org/graphkit/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_PATH = "(" + "|".join(f"gk:{p}" for p in LINEAGE_PROPERTIES) + ")"
#: A FILTER, not VALUES: pyoxigraph would start from a VALUES list of predicates and scan every hop.
_LINEAGE_VALUES = ", ".join(f"gk:{p}" for p in LINEAGE_PROPERTIES)

LABELS = _PREFIXES + """SELECT ?m ?label ?canonical WHERE {
  ?m a gk:Model .
  { ?m rdfs:label ?label BIND(true AS ?canonical) } UNION { ?m skos:altLabel ?label BIND(false AS ?canonical) }
}"""

#: Every lineage hop above the root (?child derives from ?parent), with the parent's label.
ANCESTOR_HOPS = _PREFIXES + """SELECT ?child ?p ?parent ?name WHERE {
  <%(root)s> %(path)s* ?child .
  ?child ?p ?parent .
  FILTER(?p IN (%(values)s))
  OPTIONAL { ?parent rdfs:label ?name }
}"""

#: Every lineage hop below the root, with the child's label.
DESCENDANT_HOPS = _PREFIXES + """SELECT ?child ?p ?parent ?name WHERE {
  ?parent %(path)s* <%(root)s> .
  ?child ?p ?parent .
  FILTER(?p IN (%(values)s))
  OPTIONAL { ?child rdfs:label ?name }
}"""

#: The paper evidence (quotes) of given hops, whichever lineage property it supports.
EVIDENCE = _PREFIXES + """SELECT ?child ?parent ?paper ?quote WHERE {
  VALUES (?child ?parent) { %(pairs)s }
  ?ev rdf:subject ?child ; rdf:object ?parent ; rdf:predicate ?p ; gk:paper ?paper .
  FILTER(?p IN (%(values)s))
  OPTIONAL { ?ev gk:quote ?quote }
}"""

Hop = tuple[str, str]  # (child, parent)


def _rows(store: pyoxigraph.Store, query: str) -> Iterator[Any]:
    yield from store.query(query)  # type: ignore[misc]


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


def resolve_model(store: pyoxigraph.Store, name: str) -> str:
    """The IRI of the model a name or alias means; raises ``UnknownModel`` with the nearest names."""
    rows = [(str(r["m"].value), str(r["label"].value), r["canonical"].value == "true")
            for r in _rows(store, LABELS)]
    found = best_match(name, rows)
    if found:
        return found
    from graphkit.vocab import load_vocabulary

    term = load_vocabulary().resolve(name, "model")
    if term and bool(store.query(f"ASK {{ <{term.iri}> ?p ?o }}")):
        return term.iri
    raise unknown_model(name, (label for _, label, canonical in rows if canonical))


def _label(store: pyoxigraph.Store, iri: str) -> str:
    rows = list(_rows(store, f"{_PREFIXES}SELECT ?name WHERE {{ <{iri}> rdfs:label ?name }}"))
    return str(rows[0]["name"].value) if rows else ""


def _hops(store: pyoxigraph.Store, template: str, root: str) -> tuple[dict[Hop, str], dict[str, str]]:
    """(child, parent) -> most specific relation, and the label of each relative, for one direction."""
    hops: dict[Hop, str] = {}
    names: dict[str, str] = {}
    upward = template is ANCESTOR_HOPS
    for row in _rows(store, template % {"root": root, "path": _PATH, "values": _LINEAGE_VALUES}):
        child, parent = str(row["child"].value), str(row["parent"].value)
        predicate = str(row["p"].value)[len(GK):]
        relation = hops.get((child, parent), "derivedFrom")
        if predicate in LINEAGE_KINDS:
            relation = predicate if relation == "derivedFrom" else min(relation, predicate)
        hops[(child, parent)] = relation
        names[parent if upward else child] = _value(row["name"]) or ""
    return hops, names


def _evidence(store: pyoxigraph.Store, pairs: Iterable[Hop]) -> dict[Hop, list[dict[str, Any]]]:
    """Paper evidence per hop, fetched for the hops the document shows only."""
    pairs = sorted(set(pairs))
    quotes: dict[Hop, list[dict[str, Any]]] = {}
    if not pairs:
        return quotes
    values = " ".join(f"(<{child}> <{parent}>)" for child, parent in pairs)
    for row in _rows(store, EVIDENCE % {"pairs": values, "values": _LINEAGE_VALUES}):
        hop = (str(row["child"].value), str(row["parent"].value))
        quotes.setdefault(hop, []).append({"paper": str(row["paper"].value), "quote": _value(row["quote"])})
    return quotes


def lineage(store: pyoxigraph.Store, name: str) -> dict[str, Any]:
    """The ``graphkit lineage --format json`` document for one model, from a store."""
    root = resolve_model(store, name)
    directions = {}
    evidence_hops: list[Hop] = []
    for key, template, upward in (("ancestors", ANCESTOR_HOPS, True), ("descendants", DESCENDANT_HOPS, False)):
        hops, names = _hops(store, template, root)
        walked = walk(root, hops, upward)
        directions[key] = (walked, names, upward)
        evidence_hops.extend((via, other) if upward else (other, via) for other, via, _, _ in walked)
    quotes = _evidence(store, evidence_hops)
    document: dict[str, Any] = {"model": {"iri": root, "name": _label(store, root)}}
    for key, (walked, names, upward) in directions.items():
        document[key] = [{
            "iri": other, "name": names.get(other, ""), "relation": relation, "depth": depth, "via": via,
            "evidence": paper_evidence(quotes.get((via, other) if upward else (other, via), [])),
        } for other, via, relation, depth in walked]
    return document
