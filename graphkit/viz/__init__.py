"""Views of a knowledge graph: offline HTML pages (whole graph, lineage) and the gap heatmap.

Heavy libraries (pyvis, matplotlib, IPython) load only when a view is made, so ``import graphkit``
stays fast. In a notebook, ``graphkit.viz.show(kg)`` displays a page inline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphkit.viz.graph import page, write_graph
    from graphkit.viz.heatmap import write_gap_plot
    from graphkit.viz.notebook import show, show_gaps

_EXPORTS = {
    "page": "graphkit.viz.graph",
    "write_graph": "graphkit.viz.graph",
    "write_gap_plot": "graphkit.viz.heatmap",
    "show": "graphkit.viz.notebook",
    "show_gaps": "graphkit.viz.notebook",
}


def __getattr__(name: str) -> Any:
    """Load a view's module on first use (PEP 562)."""
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'graphkit.viz' has no attribute {name!r}")


__all__ = list(_EXPORTS)
