"""Lineage of a model answered by SPARQL on the embedded store (no graph held in memory).

Why: ``graphkit lineage MODEL`` without ``--graph`` must not parse the whole graph into a
KnowledgeGraph; the store already indexes it. Property paths over ``gk:derivedFrom`` and
its typed sub-properties fetch only the hops reachable from the model, then the same
breadth-first walk (``graphkit.lineage.walk``) gives each relative its depth and ``via``, so
the JSON document is identical to the in-memory one (``tests/test_store_lineage.py``).
Names resolve through ``rdfs:label``/``skos:altLabel`` folded with ``graphkit.text.fold_key``,
then the curated vocabulary, exactly like the in-memory path.

Evidence is what grows with the graph (a hop of BERT is quoted by thousands of papers at a
million papers), so the store counts the papers of each hop and reads quotes only for the
first ``quotes`` papers of each (``graphkit.lineage.hop_evidence`` picks the same ones in
memory).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from graphkit.lineage import (
    DEFAULT_QUOTES,
    best_match,
    hop_evidence,
    unknown_model,
    walk,
)
from graphkit.namespace import GK, LINEAGE_KINDS, LINEAGE_PROPERTIES, SPARQL_PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

_PATH = "(" + "|".join(f"gk:{p}" for p in LINEAGE_PROPERTIES) + ")"
#: A FILTER, not VALUES: pyoxigraph would start from a VALUES list of predicates and scan every hop.
_LINEAGE_VALUES = ", ".join(f"gk:{p}" for p in LINEAGE_PROPERTIES)

LABELS = SPARQL_PREFIXES + """SELECT ?m ?label ?canonical WHERE {
  ?m a gk:Model .
  { ?m rdfs:label ?label BIND(true AS ?canonical) } UNION { ?m skos:altLabel ?label BIND(false AS ?canonical) }
}"""

#: Every lineage hop above the root (?child derives from ?parent), with the parent's label.
ANCESTOR_HOPS = SPARQL_PREFIXES + """SELECT ?child ?p ?parent ?name WHERE {
  <%(root)s> %(path)s* ?child .
  ?child ?p ?parent .
  FILTER(?p IN (%(values)s))
  OPTIONAL { ?parent rdfs:label ?name }
}"""

#: Every lineage hop below the root, with the child's label. One pattern per property:
#: ``?child ?p ?parent`` would read every triple pointing at the parent, and a popular model
#: is the object of every paper using it (BERT at 1M papers: 64 ms before, 1 ms with these).
DESCENDANT_HOPS = SPARQL_PREFIXES + """SELECT ?child ?p ?parent ?name WHERE {
  ?parent %(path)s* <%(root)s> .
  %(each)s
  OPTIONAL { ?child rdfs:label ?name }
}"""
_EACH = " UNION ".join(f"{{ ?child gk:{p} ?parent BIND(gk:{p} AS ?p) }}" for p in LINEAGE_PROPERTIES)

#: The paper evidence (quotes) of given hops, whichever lineage property it supports.
EVIDENCE = SPARQL_PREFIXES + """SELECT ?child ?parent ?paper ?quote WHERE {
  VALUES (?child ?parent) { %(pairs)s }
  ?ev rdf:subject ?child ; rdf:object ?parent ; rdf:predicate ?p ; gk:paper ?paper .
  FILTER(?p IN (%(values)s))
  OPTIONAL { ?ev gk:quote ?quote }
}"""

#: How many papers evidence each hop, and (``%(listed)s``) their IRIs, space-separated.
EVIDENCE_PAPERS = SPARQL_PREFIXES + """SELECT ?child ?parent (COUNT(DISTINCT ?paper) AS ?n) %(listed)s WHERE {
  VALUES (?child ?parent) { %(pairs)s }
  ?ev rdf:subject ?child ; rdf:object ?parent ; rdf:predicate ?p ; gk:paper ?paper .
  FILTER(?p IN (%(values)s))
} GROUP BY ?child ?parent"""
_LISTED = '(GROUP_CONCAT(DISTINCT STR(?paper); separator=" ") AS ?papers)'  # an IRI holds no space

#: The quotes of chosen (hop, paper) pairs.
QUOTES = SPARQL_PREFIXES + """SELECT ?child ?parent ?paper ?quote WHERE {
  VALUES (?child ?parent ?paper) { %(triples)s }
  ?ev gk:paper ?paper ; rdf:subject ?child ; rdf:object ?parent ; rdf:predicate ?p .
  FILTER(?p IN (%(values)s))
  OPTIONAL { ?ev gk:quote ?quote }
}"""

Hop = tuple[str, str]  # (child, parent)
Evidence = tuple[list[dict[str, Any]], int]  # a hop's "evidence" and "evidence_count"


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
    rows = list(_rows(store, f"{SPARQL_PREFIXES}SELECT ?name WHERE {{ <{iri}> rdfs:label ?name }}"))
    return str(rows[0]["name"].value) if rows else ""


def _hops(store: pyoxigraph.Store, template: str, root: str) -> tuple[dict[Hop, str], dict[str, str]]:
    """(child, parent) -> most specific relation, and the label of each relative, for one direction."""
    hops: dict[Hop, str] = {}
    names: dict[str, str] = {}
    upward = template is ANCESTOR_HOPS
    for row in _rows(store, template % {"root": root, "path": _PATH, "values": _LINEAGE_VALUES, "each": _EACH}):
        child, parent = str(row["child"].value), str(row["parent"].value)
        predicate = str(row["p"].value)[len(GK):]
        relation = hops.get((child, parent), "derivedFrom")
        if predicate in LINEAGE_KINDS:
            relation = predicate if relation == "derivedFrom" else min(relation, predicate)
        hops[(child, parent)] = relation
        names[parent if upward else child] = _value(row["name"]) or ""
    return hops, names


def _evidence(store: pyoxigraph.Store, pairs: Iterable[Hop], quotes: int | None) -> dict[Hop, Evidence]:
    """``evidence`` and ``evidence_count`` per hop, for the hops the document shows only."""
    pairs = sorted(set(pairs))
    if not pairs:
        return {}
    values = " ".join(f"(<{child}> <{parent}>)" for child, parent in pairs)
    items: dict[Hop, list[tuple[str | None, str | None]]] = {}
    if quotes is None:
        for row in _rows(store, EVIDENCE % {"pairs": values, "values": _LINEAGE_VALUES}):
            hop = (str(row["child"].value), str(row["parent"].value))
            items.setdefault(hop, []).append((str(row["paper"].value), _value(row["quote"])))
        return {hop: hop_evidence(found, None) for hop, found in items.items()}
    counts: dict[Hop, int] = {}
    chosen: list[tuple[Hop, str]] = []
    query = EVIDENCE_PAPERS % {"pairs": values, "values": _LINEAGE_VALUES, "listed": _LISTED if quotes else ""}
    for row in _rows(store, query):
        hop = (str(row["child"].value), str(row["parent"].value))
        counts[hop] = int(row["n"].value)
        if quotes:
            chosen.extend((hop, paper) for paper in sorted(set(str(row["papers"].value).split(" ")))[:quotes])
    if chosen:
        triples = " ".join(f"(<{child}> <{parent}> <{paper}>)" for (child, parent), paper in chosen)
        for row in _rows(store, QUOTES % {"triples": triples, "values": _LINEAGE_VALUES}):
            hop = (str(row["child"].value), str(row["parent"].value))
            items.setdefault(hop, []).append((str(row["paper"].value), _value(row["quote"])))
    return {hop: (hop_evidence(items.get(hop, ()), quotes)[0], count) for hop, count in counts.items()}


def lineage(store: pyoxigraph.Store, name: str, quotes: int | None = DEFAULT_QUOTES) -> dict[str, Any]:
    """The ``graphkit lineage --format json`` document for one model, from a store."""
    root = resolve_model(store, name)
    directions = {}
    evidence_hops: list[Hop] = []
    for key, template, upward in (("ancestors", ANCESTOR_HOPS, True), ("descendants", DESCENDANT_HOPS, False)):
        hops, names = _hops(store, template, root)
        walked = walk(root, hops, upward)
        directions[key] = (walked, names, upward)
        evidence_hops.extend((via, other) if upward else (other, via) for other, via, _, _ in walked)
    evidence = _evidence(store, evidence_hops, quotes)
    document: dict[str, Any] = {"model": {"iri": root, "name": _label(store, root)}}
    for key, (walked, names, upward) in directions.items():
        items = []
        for other, via, relation, depth in walked:
            listed, count = evidence.get((via, other) if upward else (other, via), ([], 0))
            items.append({"iri": other, "name": names.get(other, ""), "relation": relation, "depth": depth,
                          "via": via, "evidence": listed, "evidence_count": count})
        document[key] = items
    return document
