"""The paper-neighbourhood page: one paper, everything it links to, and the papers that share it.

``graphkit viz --paper "GottBERT" -o gottbert.html``. Drawn: the paper; every node linked to it
(models used or introduced, techniques, languages, datasets, tasks, authors, cited and citing
papers); the lineage parents of its models; and the other papers linking to the same entities,
most shared first, at most ``related`` of them (the page says "N of M"). Every link among the
drawn nodes is an edge whose tooltip gives its kind and evidence quote. The page is made by the
same machinery as the whole-graph page (:func:`graphkit.viz.graph.to_view`), so styling,
tooltips and escaping are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphkit.graph import KnowledgeGraph
from graphkit.papers import resolve_paper
from graphkit.viz.graph import caption, short, to_view
from graphkit.viz.document import View
from graphkit.viz.select import Link, Selection, is_lineage, links_of

#: How many other papers sharing an entity are drawn by default (``--related``).
DEFAULT_RELATED = 30


@dataclass
class Neighbourhood:
    """What the page draws around ``paper`` and how many related papers were left out."""

    paper: str
    linked: set[str]  # nodes linked to the paper, either direction
    parents: set[str]  # lineage parents of its models (some may be linked to the paper too)
    related: list[tuple[str, int]]  # other papers kept, with how many of its entities they share
    related_total: int
    nodes: dict[str, dict[str, Any]]
    links: list[Link]
    all_links: list[Link]


def neighbourhood(graph: KnowledgeGraph, paper: str, related: int = DEFAULT_RELATED) -> Neighbourhood:
    """Select the neighbourhood of ``paper`` (IRI, title or near title) from ``graph``."""
    iri = resolve_paper(graph, paper)
    attrs, links = links_of(graph)
    outgoing = {link.target for link in links if link.source == iri}
    linked = outgoing | {link.source for link in links if link.target == iri}
    parents = {link.target for link in links if link.source in linked and attrs[link.source]["kind"] == "model"
               and any(is_lineage(kind) for kind in link.kinds)} - {iri}
    shared: dict[str, set[str]] = {}
    for link in links:
        if link.target in outgoing and link.source not in linked and link.source != iri \
                and attrs[link.source]["kind"] == "paper":
            shared.setdefault(link.source, set()).add(link.target)
    ranked = sorted(shared, key=lambda p: (-len(shared[p]), attrs[p]["name"].casefold(), p))
    kept = [(p, len(shared[p])) for p in ranked[:max(0, related)]]
    drawn = {iri} | linked | parents | {p for p, _ in kept}
    return Neighbourhood(iri, linked, parents, kept, len(ranked), {i: attrs[i] for i in drawn},
                         [link for link in links if link.source in drawn and link.target in drawn], links)


def neighbourhood_view(graph: KnowledgeGraph, paper: str, related: int = DEFAULT_RELATED) -> View:
    """The page's view: the whole-graph styling, the paper emphasised, its own edges labelled."""
    found = neighbourhood(graph, paper, related)
    degree = dict.fromkeys(found.nodes, 0)
    for link in found.links:
        degree[link.source] += 1
        degree[link.target] += 1
    total = len(graph.entities())
    notes = []
    if len(found.related) < found.related_total:
        notes.append(f"only the {len(found.related)} papers sharing the most of its entities are drawn (--related)")
    notes.append("edges: every link among the nodes drawn; hover one for its kind and evidence")
    selection = Selection(found.nodes, found.links, degree, total, notes, found.all_links)
    name = found.nodes[found.paper]["name"] or found.paper
    view = to_view(graph, selection, f"Neighbourhood of {name}")
    # Fewer nodes than the whole graph: longer springs and more repulsion keep labels apart.
    view.options["physics"]["forceAtlas2Based"].update(gravitationalConstant=-160, springLength=150,
                                                       avoidOverlap=1.0)
    for node in view.nodes:
        if node["id"] == found.paper:
            node.update(borderWidth=3, label=short(name, 60), font={"size": 22})
    for edge in view.edges:
        if found.paper in (edge["from"], edge["to"]):
            edge["label"] = edge["kind"]
    view.caption = (f"{_count(len(found.linked), 'linked node')}, {_count(len(found.parents), 'lineage parent')}, "
                    f"{len(found.related)} of {_count(found.related_total, 'paper')} sharing its entities \u00b7 "
                    + caption(len(view.nodes), total, len(view.edges)))
    return view


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
