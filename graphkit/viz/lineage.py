"""The lineage page: a model's ancestors above it, its descendants below, as a hierarchy.

``graphkit viz --focus BERT -o bert.html``. Base models sit at the top (each model one level
below its lowest-placed parent), every edge is labelled with its kind (``fineTunedFrom``,
``continuedPretrainingFrom``, ...), and the papers that introduced a model hang just below it.
"""

from __future__ import annotations

from typing import Any

from graphkit.graph import KnowledgeGraph
from graphkit.lineage import _hops, lineage
from graphkit.viz.graph import FONT, base_options, caption, edge_style, edge_tip, node_tip, short
from graphkit.viz.document import View
from graphkit.viz.select import Link, links_of
from graphkit.viz.style import INTRODUCED_EDGE, LINEAGE_EDGE, style


def levels(models: set[str], parents: dict[str, set[str]], fallback: dict[str, int]) -> dict[str, int]:
    """Longest-path layering (a model one level below its lowest parent); BFS depth if there is a cycle."""
    import networkx as nx

    dag = nx.DiGraph()
    dag.add_nodes_from(models)
    dag.add_edges_from((p, c) for c, ps in parents.items() for p in ps)
    if not nx.is_directed_acyclic_graph(dag):
        low = min(fallback.values())
        return {m: fallback[m] - low for m in models}
    level: dict[str, int] = {}
    for node in nx.topological_sort(dag):
        level[node] = max((level[p] + 1 for p in dag.predecessors(node)), default=0)
    return level


#: Wider levels are split over several rows so a model with 26 children still fits a slide.
PER_ROW = 8


def rows(level: dict[str, int], paper_of: dict[str, str], names: dict[str, str]) -> dict[str, int]:
    """The vis-network level (row) of every model and paper. A level wider than ``PER_ROW`` models is
    split over several rows; right below each row hang the papers that introduced its models."""
    row: dict[str, int] = {}
    base = 0
    by_model: dict[str, list[str]] = {}
    for paper, model in paper_of.items():
        by_model.setdefault(model, []).append(paper)
    for current in sorted(set(level.values())):
        models = sorted((m for m in level if level[m] == current), key=lambda m: (names[m].casefold(), m))
        needed = -(-len(models) // PER_ROW)
        chunk = -(-len(models) // needed)
        for start in range(0, len(models), chunk):
            part = models[start:start + chunk]
            papers = [p for m in part for p in sorted(by_model.get(m, ()))]
            for model in part:
                row[model] = base
            base += 1
            if papers:
                bands = -(-len(papers) // PER_ROW)
                for index, paper in enumerate(papers):
                    row[paper] = base + index % bands
                base += bands
    return row


def lineage_view(graph: KnowledgeGraph, name: str) -> View:
    """The hierarchy around one model (name or alias), with the papers that introduced each model."""
    from pyvis.network import Network

    document = lineage(graph, name)
    root = document["model"]["iri"]
    depth = {root: 0}
    depth.update({a["iri"]: -a["depth"] for a in document["ancestors"]})
    depth.update({d["iri"]: d["depth"] for d in document["descendants"]})
    models = set(depth)
    hops = {pair: found for pair, found in _hops(graph).items() if pair[0] in models and pair[1] in models}
    parents: dict[str, set[str]] = {}
    for child, parent in hops:
        parents.setdefault(child, set()).add(parent)
    level = levels(models, parents, depth)

    _, all_links = links_of(graph)
    kinds_of = {iri: n.kind for iri, n in graph.nodes.items()}
    introduced = sorted((link for link in all_links if link.kind == "introducesModel" and link.target in models),
                        key=lambda link: (link.target, link.source))
    papers: dict[str, str] = {}  # paper -> the highest model it introduced
    for link in introduced:
        if link.source not in papers or level[link.target] < level[papers[link.source]]:
            papers[link.source] = link.target
    row = rows(level, papers, {iri: graph.nodes[iri].name for iri in (*models, *papers)})
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for iri in sorted(models, key=lambda i: (level[i], graph.nodes[i].name)):
        node = graph.nodes[iri]
        is_root = iri == root
        net.add_node(iri, label=node.name, shape="dot", color=style("model").colour, kind="model",
                     level=row[iri], size=24 if is_root else 15,
                     borderWidth=3 if is_root else 1,
                     font={"size": 20 if is_root else 16, "face": FONT,
                           "bold": {"color": "#1f2933"}, "multi": False},
                     tip=node_tip(graph, iri, {"kind": "model", "name": node.name}, all_links, kinds_of))
    for iri in sorted(papers):
        node = graph.nodes[iri]
        net.add_node(iri, label=short(node.name, 64), shape="box", kind="paper", level=row[iri],
                     widthConstraint={"maximum": 170},
                     color={"background": "#eef1f4", "border": "#b9c0c8"},
                     font={"size": 12, "face": FONT, "color": "#323f4b"}, margin=6,
                     tip=node_tip(graph, iri, {"kind": "paper", "name": node.name}, all_links, kinds_of))
    for (child, parent), (relation, evidence) in sorted(hops.items()):
        quote = next((e["quote"] for e in evidence if e.get("quote")), "") or ""
        paper = next((e["paper"] for e in evidence if e.get("paper")), "") or ""
        link = Link(child, parent, relation, [relation], quote, paper)
        tip = edge_tip(graph, link)
        if not quote:
            sources = sorted({e.get("source") or "" for e in evidence} - {""})
            tip.append(("source", "curated: " + (", ".join(sources) or "graphkit vocabulary")))
        net.add_edge(child, parent, label=relation, kind=relation, tip=tip, **edge_style(relation))
    for link in introduced:
        net.add_edge(link.source, link.target, label="introduces", kind=link.kind, dashes=True,
                     tip=edge_tip(graph, link), color={"color": INTRODUCED_EDGE}, width=1.0)
    options: dict[str, Any] = base_options(len(net.nodes))
    options["nodes"]["scaling"] = {"min": 10, "max": 30, "label": {"enabled": False}}
    options["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical",
                                  "roundness": 0.4}
    options["layout"] = {"hierarchical": {"enabled": True, "direction": "UD", "levelSeparation": 120,
                                          "nodeSpacing": 190, "treeSpacing": 220, "blockShifting": True,
                                          "edgeMinimization": True, "parentCentralization": True}}
    options["physics"] = {"enabled": False}
    net.options = options
    options["edges"]["font"]["align"] = "horizontal"
    ups, downs = len(document["ancestors"]), len(document["descendants"])
    title = f"Lineage of {document['model']['name']}"
    text = (f"{_count(ups, 'ancestor')} above, {_count(downs, 'descendant')} below, "
            f"{_count(len(papers), 'introducing paper')} \u00b7 "
            + caption(len(net.nodes), len(graph.entities()), len(net.edges)).split(" \u00b7 size")[0])
    return View(title=title, caption=text, nodes=list(net.nodes), edges=list(net.edges), options=options,
                total_nodes=len(graph.entities()),
                notes=["base models at the top; arrows point from a model to the model it derives from"],
                edge_legend=[("lineage (labelled by kind)", LINEAGE_EDGE, False),
                             ("introduced in", INTRODUCED_EDGE, True)])


def _count(n: int, noun: str) -> str:
    return f"no {noun}s" if n == 0 else f"{n} {noun}{'s' if n != 1 else ''}"
