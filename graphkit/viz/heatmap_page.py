"""The interactive gap heatmap: HTML tables coloured like the static figure, offline and escaped.

Hovering a cell shows its papers; hovering a gap in the list lights up its cell. All text goes
through Jinja's autoescaping, and the script only reads attributes and sets ``textContent``.
"""

from __future__ import annotations

from graphkit.graph import KnowledgeGraph
from graphkit.viz.heatmap import Matrix

CMAP = "YlGnBu"


def render_heatmap(matrices: list[Matrix], lines: list[tuple[int, str, str]], graph: KnowledgeGraph) -> str:
    """The page's HTML."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    from graphkit.viz.document import _environment

    cmap = colormaps[CMAP]
    vmax = max((v for m in matrices for row in m.counts for v in row), default=1) or 1

    def colour(value: int) -> str:
        return "#ffffff" if value == 0 else to_hex(cmap(0.15 + 0.85 * (value / vmax)))

    def ink(value: int) -> str:
        return "#9aa5b1" if value == 0 else ("#ffffff" if value > 0.55 * vmax else "#1f2933")

    papers = len(graph.entities("paper"))
    return _environment().get_template("heatmap.html").render(
        title="Research gaps", matrices=matrices, lines=lines, colour=colour, ink=ink,
        subtitle=(f"papers per pair in a graph of {papers:,} papers \u00b7 \u00b7 = no paper \u00b7 "
                  "red = a listed gap, by rank \u00b7 hover a cell for its papers"))
