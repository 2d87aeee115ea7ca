"""Render a view (nodes, edges, options, captions) into one self-contained, offline HTML page.

Why not pyvis's own template: it links Bootstrap from a CDN even with ``cdn_resources="in_line"``
and puts tooltips in as HTML. Our template in-lines vis-network (the copy pyvis ships), loads
nothing from the network, and builds every tooltip from text nodes, so a paper titled
``<img src=x onerror=alert(1)>`` is shown as text and runs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from graphkit.viz.style import KIND_ORDER, style

#: The vis-network build pyvis ships (pyvis 0.3.x); in-lined into every page.
VIS_DIR = ("templates", "lib", "vis-9.1.2")


@dataclass
class LegendItem:
    """One legend entry: a kind with its colour, shape and how many of it the page shows."""

    kind: str
    colour: str
    shape: str
    count: int


@dataclass
class View:
    """Everything a page shows; ``nodes``/``edges`` are vis-network items (``tip``: text lines)."""

    title: str
    caption: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    total_nodes: int
    notes: list[str] = field(default_factory=list)
    edge_legend: list[tuple[str, str, bool]] = field(default_factory=list)  # (label, colour, dashed)

    def legend(self) -> list[LegendItem]:
        counts: dict[str, int] = {}
        for node in self.nodes:
            counts[node["kind"]] = counts.get(node["kind"], 0) + 1
        order = {kind: i for i, kind in enumerate(KIND_ORDER)}
        return [LegendItem(kind, style(kind).colour, style(kind).shape, n)
                for kind, n in sorted(counts.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))]


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """(JavaScript, CSS) of vis-network, read from the pyvis package."""
    lib = files("pyvis")
    for part in VIS_DIR:
        lib = lib.joinpath(part)
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


_SHAPES = {
    "dot": '<circle cx="7" cy="7" r="6"/>',
    "square": '<rect x="1.5" y="1.5" width="11" height="11"/>',
    "triangle": '<polygon points="7,1 13,13 1,13"/>',
    "triangleDown": '<polygon points="1,1 13,1 7,13"/>',
    "diamond": '<polygon points="7,0.5 13.5,7 7,13.5 0.5,7"/>',
    "hexagon": '<polygon points="3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7"/>',
    "star": '<polygon points="7,0.5 8.8,5 13.6,5.2 9.9,8.2 11.1,13 7,10.3 2.9,13 4.1,8.2 0.4,5.2 5.2,5"/>',
}


def shape_svg(shape: str, colour: str) -> str:
    """A 14-pixel legend glyph; markup from the constants above only, never from data."""
    inner = _SHAPES.get(shape, _SHAPES["dot"])
    return (f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            f'<g fill="{colour}" stroke="#ffffff" stroke-width="0.8">{inner}</g></svg>')


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("graphkit.viz", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env


def render(view: View) -> str:
    """The page's HTML; data goes in as JSON that cannot close the script tag (``|tojson``)."""
    from markupsafe import Markup

    js, css = vis_assets()
    legend = [(item, Markup(shape_svg(item.shape, item.colour))) for item in view.legend()]
    data = {"nodes": view.nodes, "edges": view.edges, "options": view.options,
            "total": view.total_nodes}
    return _environment().get_template("graph.html").render(
        view=view, legend=legend, data=data, vis_js=Markup(js), vis_css=Markup(css))


def write_page(html: str, path: str | Path) -> Path:
    """Write atomically (a temporary file renamed into place), so a reader never sees half a page."""
    from graphkit.exporters.files import write_atomic

    return write_atomic(Path(path), lambda handle: handle.write(html.encode("utf-8")))

