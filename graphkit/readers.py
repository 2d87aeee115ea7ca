"""Read a written graph (Turtle, N-Triples, JSON-LD) back into a KnowledgeGraph.

Commands that take ``--graph FILE`` and the state snapshot in ``.graphkit/`` use this, so
every exporter and query works the same on a fresh build or a file from last week.
"""

from __future__ import annotations

from pathlib import Path

from graphkit.errors import GraphkitError
from graphkit.graph import Evidence, KnowledgeGraph, Lit, Node
from graphkit.namespace import DCTERMS, GK, KINDS, RDF, RDFS, SKOS
from graphkit.rdf_formats import required_format

_KIND_BY_CLASS = {f"{GK}{name}": kind for kind, name in KINDS.items()}
_EVIDENCE_FIELDS = {f"{GK}{k}": k for k in ("method", "confidence", "paper", "quote", "field", "start", "end")}


def read_graph(path: str | Path) -> KnowledgeGraph:
    """Parse an RDF file written by graphkit (or matching its ontology) into a KnowledgeGraph."""
    import pyoxigraph

    path = Path(path)
    fmt = required_format(path, "read a graph from {suffix} files")
    if not path.is_file():
        raise GraphkitError(f"{path}: no such file")
    try:
        quads = pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.from_media_type(fmt.media_type))
        return from_triples((q.subject, q.predicate, q.object) for q in quads)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphkitError(f"{path}: not a readable RDF graph ({str(exc).splitlines()[0][:120]})") from None


def from_triples(triples) -> KnowledgeGraph:  # type: ignore[no-untyped-def]
    """Rebuild nodes, edges and evidence from pyoxigraph terms."""
    import pyoxigraph

    by_subject: dict[str, list[tuple[str, object]]] = {}
    for s, p, o in triples:
        if isinstance(o, pyoxigraph.Literal):
            dt = o.datatype.value if o.datatype and o.datatype.value != "http://www.w3.org/2001/XMLSchema#string" else None
            value: object = Lit(o.value, dt)
        else:
            value = o.value
        by_subject.setdefault(s.value, []).append((p.value, value))

    graph = KnowledgeGraph()
    evidence_nodes: list[tuple[str, list[tuple[str, object]]]] = []
    edges: list[tuple[str, str, str]] = []
    for subject, pairs in by_subject.items():
        types = {o for p, o in pairs if p == f"{RDF}type"}
        if f"{GK}Evidence" in types:
            evidence_nodes.append((subject, pairs))
            continue
        kind = next((_KIND_BY_CLASS[t] for t in sorted(types) if t in _KIND_BY_CLASS), None)
        if kind is None:
            kind = "seq"
        label = next((o.value for p, o in pairs if p == f"{RDFS}label" and isinstance(o, Lit)), "")
        node = graph.nodes.setdefault(subject, Node(subject, kind, label))
        for predicate, obj in pairs:
            if predicate == f"{RDFS}label" and kind != "seq":
                continue
            if predicate == f"{RDF}type" and obj in _KIND_BY_CLASS:
                continue
            if predicate == f"{SKOS}altLabel" and isinstance(obj, Lit):
                node.alt_labels.add(obj.value)
            elif predicate == f"{SKOS}broader" and isinstance(obj, str):
                graph.broader.add((subject, obj))
            elif predicate.startswith(GK) and isinstance(obj, str) and predicate[len(GK):] not in ("paper",):
                edges.append((subject, predicate[len(GK):], obj))
            else:
                node.add(predicate, obj)  # type: ignore[arg-type]
    for subject, predicate, obj in edges:
        graph.edges.setdefault((subject, predicate, obj), {})
    for iri, pairs in evidence_nodes:
        data: dict[str, object] = {}
        triple = {}
        for predicate, obj in pairs:
            if predicate in _EVIDENCE_FIELDS:
                data[_EVIDENCE_FIELDS[predicate]] = obj.value if isinstance(obj, Lit) else obj
            elif predicate in (f"{RDF}subject", f"{RDF}predicate", f"{RDF}object"):
                triple[predicate[len(RDF):]] = obj
            elif predicate == f"{DCTERMS}source" and isinstance(obj, Lit):
                data["source"] = obj.value
        if len(triple) != 3 or not str(triple["predicate"]).startswith(GK):
            continue
        key = (str(triple["subject"]), str(triple["predicate"])[len(GK):], str(triple["object"]))
        evidence = Evidence(
            iri, str(data.get("method", "")), float(data.get("confidence", 0) or 0),  # type: ignore[arg-type]
            data.get("paper"), data.get("quote"), data.get("field"),  # type: ignore[arg-type]
            int(data["start"]) if "start" in data else None,  # type: ignore[arg-type]
            int(data["end"]) if "end" in data else None,  # type: ignore[arg-type]
            data.get("source"),  # type: ignore[arg-type]
        )
        graph.edges.setdefault(key, {})[iri] = evidence
    graph.stats.papers = sum(1 for n in graph.nodes.values() if n.kind == "paper")
    return graph
