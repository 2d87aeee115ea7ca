"""KnowledgeGraph -> property-graph rows, exactly as CONTRACT §4 maps it.

Both the Bolt writer and the ``neo4j-admin`` CSV writer read these rows, so a live export and a
bulk import give the same graph. Labels, relationship types and property names come from the
tables below, never from input text: the only Cypher identifiers we ever build are these.

Nodes: one label per entity kind (``Paper Model Technique Language Dataset Task Author``), a unique
``iri``, a ``name`` and the other literal properties in snake_case.

Relationships: one per (start, type, end). ``DERIVED_FROM`` merges the typed lineage edges
(``fineTunedFrom``...) with the always-asserted ``derivedFrom`` into one relationship per model
pair whose ``kind`` is the typed local name when one is known (else ``derivedFrom``) and whose
``kinds`` lists every typed kind; so variable-length paths never count a hop twice. Evidence goes
on the relationship (``quote field start end method confidence paper source``): scalars when there
is one piece of evidence, parallel lists (same order, ``""``/``-1`` where a piece has no value) when
there are several, and ``evidence`` is always their number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphkit.graph import Evidence, KnowledgeGraph, Lit, Node
from graphkit.namespace import BIBO, DCTERMS, FOAF, GK, KINDS, LINEAGE_KINDS, LINEAGE_PROPERTIES, RDF, SKOS, XSD

#: Entity kind -> node label (the ontology class name); evidence is not a node in Neo4j.
LABELS: dict[str, str] = {kind: name for kind, name in KINDS.items() if kind != "evidence"}

#: Paper -> X property local name -> (relationship type, start label, end label).
PAPER_RELATIONSHIPS: dict[str, tuple[str, str, str]] = {
    "usesModel": ("USES_MODEL", "Paper", "Model"),
    "introducesModel": ("INTRODUCES_MODEL", "Paper", "Model"),
    "appliesTechnique": ("APPLIES_TECHNIQUE", "Paper", "Technique"),
    "studiesLanguage": ("STUDIES_LANGUAGE", "Paper", "Language"),
    "usesDataset": ("USES_DATASET", "Paper", "Dataset"),
    "introducesDataset": ("INTRODUCES_DATASET", "Paper", "Dataset"),
    "addressesTask": ("ADDRESSES_TASK", "Paper", "Task"),
    "cites": ("CITES", "Paper", "Paper"),
}
AUTHORED_BY = ("AUTHORED_BY", "Paper", "Author")
DERIVED_FROM = ("DERIVED_FROM", "Model", "Model")

#: Every relationship type with its endpoint labels (the writers build one statement per entry).
RELATIONSHIP_TYPES: dict[str, tuple[str, str]] = {
    rel: (start, end) for rel, start, end in (*PAPER_RELATIONSHIPS.values(), AUTHORED_BY, DERIVED_FROM)
}


@dataclass(frozen=True, slots=True)
class PropertySpec:
    """How one RDF predicate becomes a node property: its name, list or scalar, and value type."""

    name: str
    many: bool = False
    type: str = "string"  # string | int


#: Node properties. A scalar property with several values keeps the smallest (deterministic).
NODE_PROPERTIES: dict[str, PropertySpec] = {
    f"{DCTERMS}title": PropertySpec("title"),
    f"{DCTERMS}abstract": PropertySpec("abstract"),
    f"{DCTERMS}issued": PropertySpec("issued"),
    f"{DCTERMS}identifier": PropertySpec("identifiers", many=True),
    f"{DCTERMS}source": PropertySpec("sources", many=True),
    f"{GK}venue": PropertySpec("venue"),
    f"{FOAF}page": PropertySpec("page"),
    f"{SKOS}exactMatch": PropertySpec("exact_match", many=True),
    f"{SKOS}definition": PropertySpec("definition"),
    f"{GK}family": PropertySpec("family"),
    f"{GK}organisation": PropertySpec("organisation"),
    f"{GK}modality": PropertySpec("modality", many=True),
    f"{GK}year": PropertySpec("year", type="int"),
}
#: Derived node properties that are not RDF predicates.
EXTRA_NODE_PROPERTIES: dict[str, PropertySpec] = {
    "iri": PropertySpec("iri"),
    "name": PropertySpec("name"),
    "alt_labels": PropertySpec("alt_labels", many=True),
    "broader": PropertySpec("broader", many=True),
}
#: Predicates that become relationships or are structural, not node properties.
_NOT_PROPERTIES = {f"{DCTERMS}creator", f"{BIBO}authorList", f"{RDF}type"}

#: Evidence properties on relationships, in order, with their value type and the filler used
#: inside a list for a piece of evidence that has no value.
EVIDENCE_PROPERTIES: dict[str, tuple[str, Any]] = {
    "quote": ("string", ""),
    "field": ("string", ""),
    "start": ("int", -1),
    "end": ("int", -1),
    "method": ("string", ""),
    "confidence": ("float", -1.0),
    "paper": ("string", ""),
    "source": ("string", ""),
}
#: Non-evidence relationship properties and their types.
RELATIONSHIP_PROPERTIES: dict[str, tuple[str, bool]] = {
    "kind": ("string", False),
    "kinds": ("string", True),
    "evidence": ("int", False),
    "position": ("int", False),
}


@dataclass(slots=True)
class NodeRow:
    iri: str
    props: dict[str, Any]


@dataclass(slots=True)
class RelRow:
    start: str
    end: str
    props: dict[str, Any]


@dataclass
class PropertyGraph:
    """Rows per label and per relationship type, ready for UNWIND or CSV."""

    nodes: dict[str, list[NodeRow]] = field(default_factory=dict)
    relationships: dict[str, list[RelRow]] = field(default_factory=dict)

    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    def relationship_count(self) -> int:
        return sum(len(rows) for rows in self.relationships.values())

    def counts(self) -> dict[str, dict[str, int]]:
        return {"nodes": {k: len(v) for k, v in self.nodes.items()},
                "relationships": {k: len(v) for k, v in self.relationships.items()}}


def to_property_graph(graph: KnowledgeGraph) -> PropertyGraph:
    """Map a KnowledgeGraph to node and relationship rows (sorted, so output is deterministic)."""
    pg = PropertyGraph(nodes={label: [] for label in LABELS.values()},
                       relationships={rel: [] for rel in RELATIONSHIP_TYPES})
    broader: dict[str, list[str]] = {}
    for child, parent in graph.broader:
        broader.setdefault(child, []).append(parent)
    for iri in sorted(graph.nodes):
        node = graph.nodes[iri]
        label = LABELS.get(node.kind)
        if label is None:
            continue
        pg.nodes[label].append(NodeRow(iri, node_properties(node, broader.get(iri, ()))))
    known = {iri for iri, n in graph.nodes.items() if n.kind in LABELS}
    for rel, row in _relationships(graph, known):
        pg.relationships[rel].append(row)
    for rows in pg.relationships.values():
        rows.sort(key=lambda r: (r.start, r.end))
    return pg


def node_properties(node: Node, broader: Any = ()) -> dict[str, Any]:
    """The property map of one node: iri, name, alt_labels and the mapped literal properties."""
    props: dict[str, Any] = {"iri": node.iri, "name": node.name or _fallback_name(node)}
    if node.alt_labels:
        props["alt_labels"] = sorted(a for a in node.alt_labels if a != node.name) or None
    if broader:
        props["broader"] = sorted(broader)
    for predicate, values in node.props.items():
        if predicate in _NOT_PROPERTIES:
            continue
        spec = NODE_PROPERTIES.get(predicate) or PropertySpec(_snake(_local(predicate)), many=True)
        converted = sorted({_value(v, spec.type) for v in values}, key=lambda v: (str(type(v)), v))
        if not converted:
            continue
        props[spec.name] = converted if spec.many else converted[0]
    if node.kind == "paper" and "year" not in props and isinstance(props.get("issued"), str):
        year = props["issued"][:4]
        if year.isdigit():
            props["year"] = int(year)
    return {k: v for k, v in props.items() if v is not None}


def _relationships(graph: KnowledgeGraph, known: set[str]) -> Iterator[tuple[str, RelRow]]:
    lineage: dict[tuple[str, str], dict[str, dict[str, Evidence]]] = {}
    for (subject, predicate, obj), evidences in graph.edges.items():
        if subject not in known or obj not in known:
            continue
        if predicate in PAPER_RELATIONSHIPS:
            rel = PAPER_RELATIONSHIPS[predicate][0]
            yield rel, RelRow(subject, obj, evidence_properties(evidences.values()))
        elif predicate in LINEAGE_PROPERTIES:
            lineage.setdefault((subject, obj), {})[predicate] = evidences
    for (child, parent), by_kind in lineage.items():
        typed = [k for k in LINEAGE_KINDS if k in by_kind]
        curated_typed = [k for k in typed if any(e.method == "curated" for e in by_kind[k].values())]
        kind = (curated_typed or typed or ["derivedFrom"])[0]
        unique: dict[tuple[Any, ...], Evidence] = {}
        for evidences in by_kind.values():
            for ev in evidences.values():
                unique.setdefault(_evidence_key(ev), ev)
        props = {"kind": kind, **evidence_properties(unique.values())}
        if typed:
            props["kinds"] = typed
        yield DERIVED_FROM[0], RelRow(child, parent, props)
    for iri, node in graph.nodes.items():
        creators = node.props.get(f"{DCTERMS}creator")
        if node.kind != "paper" or not creators:
            continue
        positions = _author_positions(graph, node)
        for author in creators:
            if isinstance(author, str) and author in known:
                props = {"position": positions[author]} if author in positions else {}
                yield AUTHORED_BY[0], RelRow(iri, author, props)


def evidence_properties(evidences: Any) -> dict[str, Any]:
    """Evidence as relationship properties: scalars for one piece, parallel lists for several."""
    items = sorted(evidences, key=_evidence_key)
    if not items:
        return {"evidence": 0}
    props: dict[str, Any] = {"evidence": len(items)}
    for name, (_, filler) in EVIDENCE_PROPERTIES.items():
        values = [getattr(ev, name) for ev in items]
        if all(v is None or v == "" for v in values):
            continue
        if name == "confidence":
            values = [round(float(v), 4) if v is not None else filler for v in values]
        else:
            values = [filler if v is None else v for v in values]
        props[name] = values[0] if len(values) == 1 else values
    return props


def _evidence_key(ev: Evidence) -> tuple[Any, ...]:
    return (ev.paper or "", ev.field or "", ev.start if ev.start is not None else -1,
            ev.end if ev.end is not None else -1, ev.method, ev.quote or "", ev.source or "",
            round(ev.confidence, 4))


def _author_positions(graph: KnowledgeGraph, paper: Node) -> dict[str, int]:
    positions: dict[str, int] = {}
    for seq in paper.props.get(f"{BIBO}authorList", ()):
        seq_node = graph.nodes.get(seq) if isinstance(seq, str) else None
        if seq_node is None:
            continue
        for predicate, members in seq_node.props.items():
            suffix = predicate[len(RDF) + 1:] if predicate.startswith(f"{RDF}_") else ""
            if suffix.isdigit():
                for member in members:
                    if isinstance(member, str):
                        positions.setdefault(member, int(suffix))
    return positions


def _value(value: Any, kind: str) -> Any:
    text = value.value if isinstance(value, Lit) else str(value)
    if kind == "int" or (isinstance(value, Lit) and value.datatype in (f"{XSD}integer", f"{XSD}gYear")):
        head = text[:4] if isinstance(value, Lit) and value.datatype == f"{XSD}gYear" else text
        try:
            return int(head)
        except ValueError:
            return text
    return text


def _fallback_name(node: Node) -> str:
    return node.iri.rstrip("/").rsplit("/", 1)[-1]


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[-1]
    return iri


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append("_")
        out.append(ch.lower() if ch.isalnum() else "_")
    return "".join(out).strip("_") or "value"
