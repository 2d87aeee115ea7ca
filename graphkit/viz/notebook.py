"""Show a view inline in Jupyter: the same page as ``graphkit viz``, in an ``<iframe srcdoc>``.

Why an iframe: the page's script and styles stay isolated from the notebook's, and ``srcdoc``
needs no file or server. IPython is imported only here, when a notebook asks for a view.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from graphkit.graph import KnowledgeGraph


def iframe(page: str, height: int = 640) -> str:
    """The page inside an iframe; ``srcdoc`` is attribute-escaped, so the page stays text to the notebook."""
    return (f'<div class="graphkit-view"><iframe srcdoc="{html.escape(page, quote=True)}" style="width: 100%; height: {int(height)}px; '
            f'border: 1px solid #e4e7eb;" sandbox="allow-scripts"></iframe></div>')


def _display(markup: str) -> Any:
    try:
        from IPython.display import HTML
    except ImportError:  # outside IPython: hand back the markup
        return markup
    return HTML(markup)


def show(graph: KnowledgeGraph, focus: str | None = None, kinds: Iterable[str] | None = None,
         year_from: int | None = None, max_nodes: int | None = None, height: int = 640,
         paper: str | None = None, related: int | None = None) -> Any:
    """The graph page (or ``focus``'s lineage page, or ``paper``'s neighbourhood) as an IPython
    HTML object for a notebook cell.

    >>> import graphkit, graphkit.viz                     # doctest: +SKIP
    >>> graphkit.viz.show(kg, focus="wav2vec2")          # doctest: +SKIP
    """
    from graphkit.viz.graph import DEFAULT_MAX_NODES, page

    return _display(iframe(page(graph, focus, kinds, year_from, max_nodes or DEFAULT_MAX_NODES, paper, related),
                               height))


def show_gaps(graph: KnowledgeGraph, gaps: dict[str, Any], height: int = 760) -> Any:
    """The interactive gap heatmap for a ``graphkit.gaps(kg)`` document, inline."""
    from graphkit.viz.heatmap import build
    from graphkit.viz.heatmap_page import render_heatmap

    matrices, lines = build(graph, gaps)
    return _display(iframe(render_heatmap(matrices, lines, graph), height))
