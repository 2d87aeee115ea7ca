"""The static gap heatmap (PNG/SVG) with matplotlib's Agg canvas: no display, no pyplot state."""

from __future__ import annotations

from pathlib import Path

from graphkit.viz.heatmap import Matrix

CMAP = "YlGnBu"
GAP_RED = "#c0392b"
FONT = ["Helvetica Neue", "Helvetica", "Arial", "Liberation Sans", "DejaVu Sans"]


def _draw_matrix(ax, m: Matrix, vmax: int) -> object:  # noqa: ANN001 - matplotlib Axes
    import numpy as np

    data = np.array(m.counts, dtype=float) if m.rows and m.cols else np.zeros((1, 1))
    shown = np.ma.masked_where(data == 0, data)
    image = ax.imshow(shown, cmap=CMAP, vmin=0.5, vmax=max(vmax, 1), aspect="auto", interpolation="nearest")
    ax.set_facecolor("#ffffff")
    ax.set_xticks(range(len(m.cols)), labels=m.cols, rotation=50, ha="right", rotation_mode="anchor", fontsize=8.5)
    ax.set_yticks(range(len(m.rows)), labels=m.rows, fontsize=8.5)
    ax.set_xticks([x - 0.5 for x in range(1, len(m.cols))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(m.rows))], minor=True)
    ax.grid(which="minor", color="#e4e7eb", linewidth=0.6)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_color("#cbd2d9")
    from matplotlib.patches import Rectangle

    for i, row in enumerate(m.rows):
        for j, col in enumerate(m.cols):
            value = m.counts[i][j]
            rank = m.marked.get((row, col))
            if rank is not None:
                ax.add_patch(Rectangle((j - 0.46, i - 0.46), 0.92, 0.92, fill=False, edgecolor=GAP_RED, linewidth=1.6))
                ax.text(j, i, str(rank), ha="center", va="center", fontsize=7.5, color=GAP_RED, fontweight="bold")
            elif value == 0:
                ax.text(j, i, "\u00b7", ha="center", va="center", fontsize=9, color="#9aa5b1")
            else:
                dark = value > 0.55 * vmax
                ax.text(j, i, str(value), ha="center", va="center", fontsize=7.5,
                        color="#ffffff" if dark else "#1f2933")
    title = m.title + (f"  ({m.note()})" if m.note() else "")
    ax.set_title(title, fontsize=11, loc="left", pad=8, color="#1f2933")
    return image


def figure(matrices: list[Matrix], lines: list[tuple[int, str, str]]) -> object:
    """The whole figure: both matrices side by side and the ranked gap list on the right."""
    from matplotlib.figure import Figure

    widths = [max(len(m.cols), 3) for m in matrices] + [9]
    height = max(max((len(m.rows) for m in matrices), default=4), 10) * 0.36 + 2.6
    fig = Figure(figsize=(0.36 * sum(widths) + 3.5, height), layout="constrained", facecolor="#ffffff")
    grid = fig.add_gridspec(1, len(widths), width_ratios=widths)
    vmax = max((v for m in matrices for row in m.counts for v in row), default=1)
    image = None
    for index, m in enumerate(matrices):
        image = _draw_matrix(fig.add_subplot(grid[0, index]), m, vmax)
    panel = fig.add_subplot(grid[0, len(matrices)])
    panel.axis("off")
    panel.set_title("Ranked gaps", fontsize=11, loc="left", pad=8, color="#1f2933")
    step = 1.0 / max(len(lines), 12)
    for position, (rank, names, detail) in enumerate(lines):
        y = 0.98 - position * step
        panel.text(0.0, y, f"{rank:>2}", fontsize=9, color=GAP_RED, fontweight="bold", va="top",
                   transform=panel.transAxes)
        panel.text(0.07, y, names, fontsize=9, color="#1f2933", va="top", transform=panel.transAxes)
        panel.text(0.07, y - step * 0.42, detail, fontsize=7.5, color="#7b8794", va="top", transform=panel.transAxes)
    if not lines:
        panel.text(0.0, 0.95, "no gaps listed", fontsize=9, color="#7b8794", transform=panel.transAxes)
    if image is not None:
        bar = fig.colorbar(image, ax=fig.axes[: len(matrices)], shrink=0.5, pad=0.01, aspect=30)
        bar.set_label("papers", fontsize=8.5)
        bar.ax.tick_params(labelsize=7.5)
        from matplotlib.ticker import MaxNLocator

        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
    fig.suptitle("Research gaps: papers per pair (\u00b7 none; red box = a listed gap, by rank)",
                 fontsize=13, x=0.01, ha="left", color="#1f2933")
    return fig


def save_figure(matrices: list[Matrix], lines: list[tuple[int, str, str]], path: Path) -> Path:
    """Save as PNG or SVG (by suffix), atomically."""
    from matplotlib import rc_context, rcParams

    style = {"font.family": "sans-serif", "font.sans-serif": FONT + list(rcParams["font.sans-serif"]),
             "svg.hashsalt": "graphkit", "svg.fonttype": "none"}  # SVG text stays text: searchable, small
    with rc_context(style):
        return _save(figure(matrices, lines), path)


def _save(fig: object, path: Path) -> Path:
    """Save as PNG or SVG (by suffix), atomically, with stable metadata so reruns give the same bytes."""
    from graphkit.exporters.files import write_atomic

    fmt = path.suffix.lstrip(".").lower()
    metadata = {"Software": "graphkit"} if fmt == "png" else {"Date": None, "Creator": "graphkit"}
    return write_atomic(path, lambda handle: fig.savefig(handle, format=fmt, dpi=110, metadata=metadata))

