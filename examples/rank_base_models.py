"""Rank base models by how many models descend from them, and by how many papers build on them.

Run: python examples/rank_base_models.py [INPUT...]   (default: the seed listing next to this file)

It builds the graph in memory, takes the networkx view (node attributes ``kind``/``name``,
edges keyed by property with evidence attributes) and prints a table; nothing is plotted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx

import graphkit


def rank(kg: graphkit.KnowledgeGraph, top: int = 15) -> list[tuple[str, int, int, int]]:
    """(name, descendants, direct children, papers using it or a descendant), best first."""
    view = kg.to_networkx()
    lineage = nx.DiGraph()
    lineage.add_edges_from((child, parent) for child, parent, key in view.edges(keys=True) if key == "derivedFrom")
    rows = []
    for model in lineage.nodes:
        below = nx.ancestors(lineage, model)  # edges point child -> parent, so descendants are ancestors here
        if not below:
            continue
        family = below | {model}
        papers = {p for m in family for p, _, key in view.in_edges(m, keys=True) if key == "usesModel"}
        rows.append((view.nodes[model]["name"], len(below), lineage.in_degree(model), len(papers)))
    rows.sort(key=lambda r: (-r[1], -r[3], r[0]))
    return rows[:top]


def main(argv: list[str]) -> None:
    inputs = argv or [str(Path(__file__).parent / "hf_daily_papers.txt")]
    kg = graphkit.build(inputs)
    print(f"{'base model':<22} {'descendants':>11} {'children':>8} {'papers':>6}")
    for name, descendants, children, papers in rank(kg):
        print(f"{name:<22} {descendants:>11} {children:>8} {papers:>6}")


if __name__ == "__main__":
    main(sys.argv[1:])
