"""The whole-graph page: every entity (or the most connected ones), coloured and shaped by kind.

``graphkit viz -o graph.html`` writes it; ``--focus MODEL`` switches to the lineage page
(:mod:`graphkit.viz.lineage`). Nodes are sized by degree; hovering shows the name, the kind,
how many papers or links it has and one evidence quote. The layout settles once and then stops
(physics off), so a 2,000-node page stays responsive.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.graph import KnowledgeGraph
from graphkit.viz.document import View, render, write_page
from graphkit.viz.select import Link, Selection, is_lineage, paper_year, select
from graphkit.viz.style import INTRODUCED_EDGE, LINEAGE_EDGE, PAPER_EDGE, style

#: Above this many nodes a page keeps the most connected ones (``--max-nodes``).
DEFAULT_MAX_NODES = 2000
FONT = "Helvetica Neue, Helvetica, Arial, Liberation Sans, sans-serif"
_PLURAL = {"paper": "papers", "model": "models", "technique": "techniques", "language": "languages",
           "dataset": "datasets", "task": "tasks", "author": "authors"}


def short(text: str, limit: int = 40) -> str:
    """A label that fits on a slide: cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[:limit]).rstrip(" ,:;-") + "\u2026"


def counts_line(iri: str, kind: str, links: Sequence[Link], kinds_of: dict[str, str]) -> str:
    """'in 12 papers · 3 lineage links' for an entity; '3 models · 2 techniques' for a paper."""
    papers, lineage, neighbours = set(), 0, {}
    for link in links:
        if iri not in (link.source, link.target):
            continue
        other = link.target if link.source == iri else link.source
        other_kind = kinds_of.get(other, "")
        if is_lineage(link.kind):
            lineage += 1
        elif other_kind == "paper" and kind != "paper":
            papers.add(other)
        else:
            neighbours[other_kind] = neighbours.get(other_kind, 0) + 1
    parts = []
    if kind != "paper":
        parts.append(f"in {len(papers)} paper{'s' if len(papers) != 1 else ''}")
    for other_kind, n in sorted(neighbours.items(), key=lambda kv: (-kv[1], kv[0])):
        parts.append(f"{n} {_PLURAL.get(other_kind, other_kind) if n != 1 else other_kind}")
    if lineage:
        parts.append(f"{lineage} lineage link{'s' if lineage != 1 else ''}")
    return " \u00b7 ".join(parts)


def best_quote(iri: str, links: Sequence[Link]) -> Link | None:
    """The most confident quoted evidence on any link touching ``iri``."""
    quoted = [link for link in links if link.quote and iri in (link.source, link.target)]
    return min(quoted, key=lambda link: (-link.confidence, link.paper, link.source, link.target), default=None)


def node_tip(graph: KnowledgeGraph, iri: str, attrs: dict[str, Any], links: Sequence[Link],
             kinds_of: dict[str, str]) -> list[tuple[str, str]]:
    """Tooltip lines (class, text): label, kind, counts, an evidence quote and its paper."""
    kind = attrs["kind"]
    year = paper_year(graph, iri) if kind == "paper" else None
    lines = [("label", attrs["name"] or iri), ("kind", kind + (f", {year}" if year else ""))]
    counts = counts_line(iri, kind, links, kinds_of)
    if counts:
        lines.append(("counts", counts))
    found = best_quote(iri, links)
    if found is not None:
        lines.append(("quote", f"\u201c{short(found.quote, 300)}\u201d"))
        if found.paper and found.paper != iri and found.paper in graph.nodes:
            lines.append(("source", "\u2014 " + short(graph.nodes[found.paper].name, 120)))
    return lines


def edge_tip(graph: KnowledgeGraph, link: Link) -> list[tuple[str, str]]:
    """Tooltip lines for an edge: 'GottBERT — derivedFrom → RoBERTa' and its best quote."""
    name = {iri: graph.nodes[iri].name if iri in graph.nodes else iri for iri in (link.source, link.target)}
    lines = [("label", f"{short(name[link.source], 60)} \u2014 {link.kind} \u2192 {short(name[link.target], 60)}")]
    if len(link.kinds) > 1:
        lines.append(("counts", "also " + ", ".join(k for k in link.kinds if k != link.kind)))
    if link.quote:
        lines.append(("quote", f"\u201c{short(link.quote, 300)}\u201d"))
        if link.paper in graph.nodes and link.paper != link.source:
            lines.append(("source", "\u2014 " + short(graph.nodes[link.paper].name, 120)))
    elif link.kind in UNQUOTED:
        lines.append(("source", UNQUOTED[link.kind]))
    return lines


#: Where an edge without a quote comes from, for its tooltip.
UNQUOTED = {"creator": "from the paper's author list", "cites": "from the paper's reference list"}


def edge_style(kind: str) -> dict[str, Any]:
    """Lineage edges dark and thick, 'introduces' mid grey, other paper links light."""
    if is_lineage(kind):
        return {"color": {"color": LINEAGE_EDGE, "highlight": LINEAGE_EDGE, "hover": LINEAGE_EDGE}, "width": 2.2}
    colour = INTRODUCED_EDGE if kind.startswith("introduces") else PAPER_EDGE
    return {"color": {"color": colour, "highlight": "#3e4c59", "hover": "#3e4c59"}, "width": 1.0}


#: How many of the most connected nodes get a label readable at the first zoom; the rest show
#: theirs when zoomed in (vis-network hides labels drawn smaller than ``drawThreshold``).
LABELLED = 45


def labelled(degree: dict[str, int], nodes: dict[str, dict[str, Any]]) -> set[str]:
    """The nodes whose label is drawn large: the most connected ones, papers last."""
    ranked = sorted(nodes, key=lambda i: (nodes[i]["kind"] == "paper", -degree.get(i, 0), nodes[i]["name"], i))
    return set(ranked[:LABELLED])


def base_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options shared by the pages: fonts, scaling by degree, hover tooltips."""
    big = n_nodes > 600
    return {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "color": {"border": "#ffffff"},
            "font": {"face": FONT, "size": 14, "color": "#1f2933", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"min": 9, "max": 42, "label": {"enabled": False}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.2},
            "font": {"face": FONT, "size": 11, "color": "#52606d", "strokeWidth": 3, "strokeColor": "#ffffff",
                     "align": "middle"},
            "selectionWidth": 1.5,
            "hoverWidth": 0.6,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "keyboard": False, "navigationButtons": False, "multiselect": True},
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 150},
    }


def physics(n_nodes: int) -> dict[str, Any]:
    """ForceAtlas2 tuned to settle ~2,000 nodes in a few seconds; the page then turns physics off."""
    iterations = 1000 if n_nodes <= 300 else 600 if n_nodes <= 1000 else 350
    return {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -45, "centralGravity": 0.02, "springLength": 60,
                             "springConstant": 0.07, "damping": 0.6, "avoidOverlap": 0.5},
        "maxVelocity": 60,
        "minVelocity": 1.5,
        "timestep": 0.4,
        "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
    }


def caption(shown: int, total: int, edges: int) -> str:
    """The visible count line; a subset always says so ("120 of 1,034 nodes", CONTRACT section 9)."""
    nodes = f"{shown:,} nodes" if shown == total else f"{shown:,} of {total:,} nodes"
    return f"{nodes} \u00b7 {edges:,} edges \u00b7 size = number of links; hover a node or an edge for evidence"


def to_view(graph: KnowledgeGraph, chosen: Selection, title: str) -> View:
    """Turn a selection into vis-network nodes and edges, through a pyvis Network."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    kinds_of = {iri: a["kind"] for iri, a in chosen.nodes.items()}
    for link in chosen.all_links:
        for end in (link.source, link.target):
            if end not in kinds_of and end in graph.nodes:
                kinds_of[end] = graph.nodes[end].kind
    major = labelled(chosen.degree, chosen.nodes)
    top = max(chosen.degree.values(), default=1) or 1
    for iri in sorted(chosen.nodes, key=lambda i: (chosen.nodes[i]["kind"], chosen.nodes[i]["name"], i)):
        attrs = chosen.nodes[iri]
        look = style(attrs["kind"])
        label = short(attrs["name"] or iri, 40 if attrs["kind"] == "paper" else 32)
        degree = max(1, chosen.degree.get(iri, 0))
        size = round(14 + 10 * degree / top) if iri in major else 8
        net.add_node(iri, label=label, shape=look.shape, color=look.colour, kind=attrs["kind"],
                     value=degree, font={"size": size},
                     tip=node_tip(graph, iri, attrs, chosen.all_links, kinds_of))
    for link in chosen.links:
        net.add_edge(link.source, link.target, kind=link.kind, tip=edge_tip(graph, link), **edge_style(link.kind))
    options = base_options(len(net.nodes))
    options["physics"] = physics(len(net.nodes))
    net.options = options
    return View(title=title, caption=caption(len(net.nodes), chosen.total, len(net.edges)),
                nodes=list(net.nodes), edges=list(net.edges), options=options, total_nodes=chosen.total,
                notes=chosen.notes,
                edge_legend=[("lineage", LINEAGE_EDGE, False), ("introduces", INTRODUCED_EDGE, False),
                             ("uses / studies / applies", PAPER_EDGE, False)])


def graph_view(graph: KnowledgeGraph, kinds: Iterable[str] | None = None, year_from: int | None = None,
               max_nodes: int | None = DEFAULT_MAX_NODES, title: str | None = None) -> View:
    """The whole-graph view (filtered and capped as asked)."""
    chosen = select(graph, kinds, year_from, max_nodes)
    papers = sum(1 for a in chosen.nodes.values() if a["kind"] == "paper")
    return to_view(graph, chosen, title or f"Research landscape: {papers:,} papers and what they build on")


def page(graph: KnowledgeGraph, focus: str | None = None, kinds: Iterable[str] | None = None,
         year_from: int | None = None, max_nodes: int | None = DEFAULT_MAX_NODES, paper: str | None = None,
         related: int | None = None) -> str:
    """The HTML of the whole-graph page, of the lineage page of ``focus`` or of ``paper``'s
    neighbourhood (with at most ``related`` other papers)."""
    if focus and paper:
        raise GraphkitError("draw either a model's lineage (focus) or a paper's neighbourhood (paper), not both")
    if paper:
        from graphkit.viz.neighbourhood import DEFAULT_RELATED, neighbourhood_view

        return render(neighbourhood_view(graph, paper, DEFAULT_RELATED if related is None else related))
    if focus:
        from graphkit.viz.lineage import lineage_view

        return render(lineage_view(graph, focus))
    return render(graph_view(graph, kinds, year_from, max_nodes))


def write_graph(graph: KnowledgeGraph, path: str | Path, focus: str | None = None,
                kinds: Iterable[str] | None = None, year_from: int | None = None,
                max_nodes: int | None = DEFAULT_MAX_NODES, paper: str | None = None,
                related: int | None = None) -> Path:
    """Write the page to ``path`` (one self-contained HTML file that works offline)."""
    return write_page(page(graph, focus, kinds, year_from, max_nodes, paper, related), path)
