"""Find a paper in a graph by what a user types: its IRI, its exact title, or a title close to it.

Why fuzzy: titles are long and people paste them with other capitals, punctuation or a typo.
A near match is taken only when it is close (rapidfuzz WRatio >= 90) and clearly the best one;
otherwise the error names the nearest titles, on one line, so the user can copy one.
"""

from __future__ import annotations

from graphkit.errors import GraphkitError
from graphkit.graph import KnowledgeGraph
from graphkit.text import fold_key

#: A fuzzy match must score at least this (0-100) and beat the runner-up by ``MARGIN``.
CUTOFF = 90.0
MARGIN = 3.0


class UnknownPaper(GraphkitError):
    """The text names no paper of the graph; the message suggests the nearest titles."""


def _one_line(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def resolve_paper(graph: KnowledgeGraph, text: str) -> str:
    """The IRI of the paper ``text`` names: an IRI, an exact (case-folded) title, or a close title."""
    papers = graph.entities("paper")
    wanted = text.strip()
    if wanted in graph.nodes and graph.nodes[wanted].kind == "paper":
        return wanted
    key = fold_key(wanted)
    exact = sorted(node.iri for node in papers if fold_key(node.name) == key)
    if exact:
        return exact[0]
    from rapidfuzz import fuzz, process, utils

    by_title: dict[str, str] = {}
    for node in sorted(papers, key=lambda n: n.iri):
        by_title.setdefault(node.name, node.iri)
    ranked = process.extract(wanted, sorted(by_title), scorer=fuzz.WRatio, processor=utils.default_process,
                             limit=5)
    if ranked and ranked[0][1] >= CUTOFF and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= MARGIN):
        return by_title[ranked[0][0]]
    nearest = " | ".join(_one_line(title) for title, _, _ in ranked[:3]) or "none"
    raise UnknownPaper(f"unknown paper {_one_line(wanted)!r}; nearest: {nearest}")
