"""The networkx view (one node per entity, one edge per Paper -> X or lineage triple) and its
GraphML and node-link JSON files, written with networkx's own writers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from graphkit.namespace import DCTERMS, PAPER_PROPERTIES, LINEAGE_PROPERTIES

if TYPE_CHECKING:
    import networkx

    from graphkit.graph import KnowledgeGraph

_VIEW_PROPERTIES = set(PAPER_PROPERTIES) | set(LINEAGE_PROPERTIES)


def to_networkx(graph: KnowledgeGraph) -> networkx.MultiDiGraph:
    """A MultiDiGraph: node = IRI with ``kind``/``name``; edge key = property local name with evidence."""
    import networkx as nx

    view = nx.MultiDiGraph()
    for node in sorted(graph.entities(), key=lambda n: n.iri):
        view.add_node(node.iri, kind=node.kind, name=node.name)
    for (subject, predicate, obj), evidences in sorted(graph.edges.items()):
        if predicate not in _VIEW_PROPERTIES:
            continue
        ranked = sorted(evidences.values(), key=lambda e: (-e.confidence, e.iri))
        best = ranked[0]
        view.add_edge(
            subject, obj, key=predicate,
            method=best.method, confidence=best.confidence, quote=best.quote or "",
            paper=best.paper or "", evidence_count=len(ranked),
        )
    for node in sorted(graph.entities("paper"), key=lambda n: n.iri):
        for author in sorted(node.props.get(f"{DCTERMS}creator", ())):
            view.add_edge(node.iri, author, key="creator")
    return view


class GraphMLExporter:
    name: ClassVar[str] = "graphml"
    suffixes: ClassVar[tuple[str, ...]] = (".graphml",)

    def write(self, graph: KnowledgeGraph, handle: BinaryIO) -> None:
        import networkx as nx

        nx.write_graphml(to_networkx(graph), handle, encoding="utf-8")


class NodeLinkExporter:
    name: ClassVar[str] = "nodelink"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)

    def write(self, graph: KnowledgeGraph, handle: BinaryIO) -> None:
        import networkx as nx

        data = nx.node_link_data(to_networkx(graph), edges="edges")
        handle.write(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n")
