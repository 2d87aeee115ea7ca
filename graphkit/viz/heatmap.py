"""The gap heatmap: which languages were studied with which techniques (and model families), and
where nobody looked, beside the ranked gap list of ``graphkit gaps``.

``write_gap_plot(graph, gaps, path)`` writes a static image (``.png``/``.svg``, matplotlib with the
Agg backend, for reports) or an interactive page (``.html``, self-contained and offline). Cells
count papers linking both sides; zeros are marked; rows and columns are ordered by their totals;
the gaps of the list are outlined in the matrix with their rank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.graph import KnowledgeGraph, Lit
from graphkit.namespace import GK

#: Paper properties that link a paper to each kind (a model counts through its family).
_PROPERTIES: dict[str, tuple[str, ...]] = {
    "language": ("studiesLanguage",),
    "technique": ("appliesTechnique",),
    "model": ("usesModel", "introducesModel"),
}
#: The two matrices: (rows, columns, title).
MATRICES: tuple[tuple[str, str, str], ...] = (
    ("language", "technique", "Languages \u00d7 techniques"),
    ("model", "language", "Model families \u00d7 languages"),
)
TOP = 18  # rows / columns shown per matrix; the figure says how many were left out
GAPS_SHOWN = 15
SUFFIXES = (".png", ".svg", ".html")
_LABEL = {"language": "languages", "technique": "techniques", "model": "model families"}


@dataclass
class Matrix:
    """Paper counts for every (row, column) pair, ordered by totals, cut to the top rows/columns."""

    title: str
    row_kind: str
    col_kind: str
    rows: list[str]
    cols: list[str]
    counts: list[list[int]]
    papers: dict[tuple[str, str], list[str]]
    all_rows: int
    all_cols: int
    marked: dict[tuple[str, str], int] = field(default_factory=dict)  # cell -> gap rank

    def note(self) -> str:
        """'top 18 of 46 techniques' when rows or columns were cut, else ''."""
        cut = [f"top {len(items)} of {total} {_LABEL[kind]}"
               for items, total, kind in ((self.rows, self.all_rows, self.row_kind),
                                          (self.cols, self.all_cols, self.col_kind)) if len(items) < total]
        return "; ".join(cut)


def family(graph: KnowledgeGraph, iri: str) -> str:
    """A model's family (its ``gk:family``), or the model's own name, as ``graphkit gaps`` groups them."""
    node = graph.nodes[iri]
    families = sorted(o.value for o in node.props.get(f"{GK}family", ()) if isinstance(o, Lit))
    return families[0] if families else node.name


def paper_sides(graph: KnowledgeGraph, kind: str) -> dict[str, set[str]]:
    """Paper IRI -> names of the ``kind`` entities it links (techniques include their broader ones)."""
    broader: dict[str, set[str]] = {}
    for child, parent in graph.broader:
        broader.setdefault(child, set()).add(parent)
    properties = set(_PROPERTIES[kind])
    found: dict[str, set[str]] = {}
    for paper, predicate, obj in graph.edges:
        if predicate not in properties or obj not in graph.nodes:
            continue
        targets, queue = {obj}, [obj]
        while queue and kind == "technique":
            for parent in broader.get(queue.pop(), ()):
                if parent not in targets and parent in graph.nodes:
                    targets.add(parent)
                    queue.append(parent)
        names = found.setdefault(paper, set())
        names.update(family(graph, t) if kind == "model" else graph.nodes[t].name for t in targets)
    return found


def matrix(graph: KnowledgeGraph, row_kind: str, col_kind: str, title: str, top: int = TOP) -> Matrix:
    """Count papers per (row, column) pair and order both axes by their totals (then by name)."""
    rows_of, cols_of = paper_sides(graph, row_kind), paper_sides(graph, col_kind)
    cells: dict[tuple[str, str], list[str]] = {}
    row_total: dict[str, int] = {name: 0 for names in rows_of.values() for name in names}
    col_total: dict[str, int] = {name: 0 for names in cols_of.values() for name in names}
    for paper in sorted(set(rows_of) & set(cols_of)):
        title_text = graph.nodes[paper].name if paper in graph.nodes else paper
        for r in rows_of[paper]:
            for c in cols_of[paper]:
                cells.setdefault((r, c), []).append(title_text)
                row_total[r] += 1
                col_total[c] += 1
    rows = sorted(row_total, key=lambda n: (-row_total[n], n.casefold()))[:top]
    cols = sorted(col_total, key=lambda n: (-col_total[n], n.casefold()))[:top]
    counts = [[len(cells.get((r, c), ())) for c in cols] for r in rows]
    return Matrix(title, row_kind, col_kind, rows, cols, counts, cells, len(row_total), len(col_total))


def gap_lines(gaps: dict[str, Any], limit: int = GAPS_SHOWN) -> list[tuple[int, str, str]]:
    """(rank, 'Maltese \u00d7 quantization', 'unstudied \u00b7 score 0.83') for the first gaps."""
    items = gaps.get("gaps")
    if not isinstance(items, list):
        raise GraphkitError("gaps document has no 'gaps' list")
    lines = []
    for rank, gap in enumerate(items[:limit], start=1):
        entities = gap.get("entities", {})
        names = [str(entities.get(kind, {}).get("name", "?")) for kind in gap.get("kinds", entities)]
        score = gap.get("score")
        detail = str(gap.get("reason", ""))
        if isinstance(score, (int, float)):
            detail += f" \u00b7 score {score:.2f}"
        lines.append((rank, " \u00d7 ".join(names), detail))
    return lines


def mark_gaps(matrices: list[Matrix], gaps: dict[str, Any], limit: int = GAPS_SHOWN) -> None:
    """Note the rank of each listed gap on its cell, when that cell is shown."""
    for rank, gap in enumerate(gaps.get("gaps", [])[:limit], start=1):
        entities = gap.get("entities", {})
        for m in matrices:
            if m.row_kind in entities and m.col_kind in entities:
                cell = (str(entities[m.row_kind].get("name")), str(entities[m.col_kind].get("name")))
                if cell[0] in m.rows and cell[1] in m.cols:
                    m.marked.setdefault(cell, rank)


def build(graph: KnowledgeGraph, gaps: dict[str, Any]) -> tuple[list[Matrix], list[tuple[int, str, str]]]:
    """Both matrices (with listed gaps marked) and the gap list."""
    matrices = [matrix(graph, r, c, t) for r, c, t in MATRICES]
    lines = gap_lines(gaps)
    mark_gaps(matrices, gaps)
    return matrices, lines


def write_gap_plot(graph: KnowledgeGraph, gaps: dict[str, Any], path: Path) -> Path:
    """Write the heatmap with the ranked gap list; the suffix picks ``.png``, ``.svg`` or ``.html``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise GraphkitError(f"{path}: cannot write a gap plot as {suffix or 'no suffix'!r} (use .png, .svg or .html)")
    matrices, lines = build(graph, gaps)
    if suffix == ".html":
        from graphkit.viz.heatmap_page import render_heatmap
        from graphkit.viz.document import write_page

        return write_page(render_heatmap(matrices, lines, graph), path)
    from graphkit.viz.heatmap_figure import save_figure

    return save_figure(matrices, lines, path)
