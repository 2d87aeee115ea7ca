"""Colours and shapes per entity kind, shared by every view so a model looks the same everywhere.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies);
shapes are vis-network shapes that scale with a node's value, so size can show degree.
"""

from __future__ import annotations

from typing import NamedTuple


class KindStyle(NamedTuple):
    """How one kind of entity is drawn: fill colour, vis-network shape, legend label."""

    colour: str
    shape: str
    label: str


KIND_STYLES: dict[str, KindStyle] = {
    "model": KindStyle("#0072B2", "dot", "model"),
    "paper": KindStyle("#8C96A0", "square", "paper"),
    "technique": KindStyle("#E69F00", "triangle", "technique"),
    "language": KindStyle("#009E73", "diamond", "language"),
    "dataset": KindStyle("#CC79A7", "hexagon", "dataset"),
    "task": KindStyle("#D55E00", "star", "task"),
    "author": KindStyle("#56B4E9", "triangleDown", "author"),
}
OTHER = KindStyle("#666666", "dot", "other")

#: Edge colours: lineage stands out, paper links stay in the background.
LINEAGE_EDGE = "#0b4f7c"
PAPER_EDGE = "#b9c0c8"
INTRODUCED_EDGE = "#7a8590"


def style(kind: str) -> KindStyle:
    """The style of a kind (a neutral grey dot for a kind this module does not know)."""
    return KIND_STYLES.get(kind, OTHER)


#: Legend order: the kinds people look for first.
KIND_ORDER: tuple[str, ...] = tuple(KIND_STYLES)
