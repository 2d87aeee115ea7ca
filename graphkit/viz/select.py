"""Which part of a graph a view shows: kinds, papers from a year on, the most connected nodes.

Why a module of its own: the whole-graph page, the notebook helper and the tests must agree on
what "N of M nodes" means. M is every entity in the graph; N is what survives the filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graphkit.graph import P_ISSUED, KnowledgeGraph
from graphkit.namespace import LINEAGE_PROPERTIES

#: A pair linked by several properties is drawn once, labelled by the most telling one.
_WEAK = ("derivedFrom", "usesModel", "usesDataset")


@dataclass(slots=True)
class Link:
    """One drawn edge: the strongest property linking two nodes plus its best evidence."""

    source: str
    target: str
    kind: str
    kinds: list[str]
    quote: str = ""
    paper: str = ""
    confidence: float = 0.0
    evidence: int = 0


@dataclass
class Selection:
    """The nodes (IRI -> networkx attributes) and links a view draws, and what was left out."""

    nodes: dict[str, dict[str, Any]]
    links: list[Link]
    degree: dict[str, int]
    total: int
    notes: list[str] = field(default_factory=list)
    all_links: list[Link] = field(default_factory=list)  # before filtering: counts and quotes


def strongest(kinds: Iterable[str]) -> str:
    """The property a drawn edge is labelled with: a typed lineage kind beats ``derivedFrom``."""
    return sorted(kinds, key=lambda k: (k in _WEAK, k))[0]


def paper_year(graph: KnowledgeGraph, iri: str) -> int | None:
    """The year a paper was issued (from ``dcterms:issued``), or None when the record had none."""
    node = graph.nodes.get(iri)
    if node is None:
        return None
    for value in node.props.get(P_ISSUED, ()):
        text = getattr(value, "value", str(value))
        if text[:4].isdigit():
            return int(text[:4])
    return None


def links_of(graph: KnowledgeGraph) -> tuple[dict[str, dict[str, Any]], list[Link]]:
    """Every entity (networkx attributes) and one link per linked pair, from ``to_networkx()``."""
    view = graph.to_networkx()
    pairs: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = {}
    for source, target, key, attrs in view.edges(keys=True, data=True):
        pairs.setdefault((source, target), []).append((key, attrs))
    links = []
    for (source, target), found in sorted(pairs.items()):
        kinds = sorted(k for k, _ in found)
        with_quote = sorted((a for _, a in found if a.get("quote")),
                            key=lambda a: (-a.get("confidence", 0.0), a.get("paper", "")))
        best = with_quote[0] if with_quote else found[0][1]
        links.append(Link(source, target, strongest(kinds), kinds, best.get("quote", "") or "",
                          best.get("paper", "") or "", float(best.get("confidence", 0.0) or 0.0),
                          sum(int(a.get("evidence_count", 0) or 0) for _, a in found)))
    return dict(view.nodes(data=True)), links


def select(graph: KnowledgeGraph, kinds: Iterable[str] | None = None, year_from: int | None = None,
           max_nodes: int | None = None) -> Selection:
    """Filter by kind, then drop papers before ``year_from`` (and entities only they linked),
    then keep the ``max_nodes`` most connected nodes (ties: kind, name)."""
    nodes, links = links_of(graph)
    all_links, total = links, len(nodes)
    notes: list[str] = []
    wanted = set(kinds) if kinds else None
    if wanted is not None:
        nodes = {iri: a for iri, a in nodes.items() if a["kind"] in wanted}
        notes.append("kinds: " + ", ".join(sorted(wanted)))
    links = [link for link in links if link.source in nodes and link.target in nodes]
    if year_from is not None:
        before = {iri for iri, a in nodes.items() if a["kind"] == "paper"
                  and (paper_year(graph, iri) or 0) < year_from}
        linked = {end for link in links for end in (link.source, link.target)}
        links = [link for link in links if link.source not in before and link.target not in before]
        still = {end for link in links for end in (link.source, link.target)}
        nodes = {iri: a for iri, a in nodes.items()
                 if iri not in before and (iri in still or iri not in linked)}
        notes.append(f"papers from {year_from} on (papers without a year left out)")
    degree = _degree(nodes, links)
    if max_nodes is not None and len(nodes) > max_nodes:
        ranked = sorted(nodes, key=lambda iri: (-degree[iri], nodes[iri]["kind"], nodes[iri]["name"], iri))
        keep = set(ranked[:max_nodes])
        nodes = {iri: a for iri, a in nodes.items() if iri in keep}
        links = [link for link in links if link.source in keep and link.target in keep]
        notes.append(f"the {max_nodes:,} most connected nodes kept (--max-nodes)")
    return Selection(nodes, links, degree, total, notes, all_links)


def _degree(nodes: dict[str, dict[str, Any]], links: list[Link]) -> dict[str, int]:
    degree = dict.fromkeys(nodes, 0)
    for link in links:
        degree[link.source] += 1
        degree[link.target] += 1
    return degree


def is_lineage(kind: str) -> bool:
    return kind in LINEAGE_PROPERTIES
