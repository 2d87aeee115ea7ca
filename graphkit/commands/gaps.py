"""``graphkit gaps``: ranked combinations nobody has studied, as a table, JSON or a heatmap."""

from __future__ import annotations

import json
from pathlib import Path

import click

from graphkit.commands.options import graph_options, load_graph
from graphkit.errors import GraphkitError
from graphkit.gaps import KIND_PAIRS


@click.command()
@graph_options
@click.option("--by", "by", multiple=True, type=click.Choice(list(KIND_PAIRS)), metavar="KIND-PAIR",
              help=f"Only these kind pairs ({', '.join(KIND_PAIRS)}); repeatable. Default: all.")
@click.option("--top", type=click.IntRange(min=1), default=None, metavar="N",
              help="Keep the N best gaps (default: 20 in a table, all in JSON).")
@click.option("--min-papers", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Ignore entities seen in fewer papers.")
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table",
              help="A readable ranked list, or one JSON document for programs.")
@click.option("--plot", "plot", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Also draw the gaps as a heatmap into FILE.")
def gaps(graph_path: str | None, state: str | None, by: tuple[str, ...], top: int | None, min_papers: int,
         out_format: str, plot: Path | None) -> None:
    """Ranked combinations nobody has studied (language x technique, model family x language, ...).

    A gap scores higher when both sides are frequent and their neighbours already cover the
    other side. "not-extracted" marks pairs whose names appear together in some abstract
    although no edge links them; "unstudied" means no paper mentions both.

    \b
    Examples:
      graphkit gaps
      graphkit gaps --by language-technique --top 10
      graphkit gaps --graph graph.ttl --format json > gaps.json
    """
    from graphkit.gaps import gaps as find
    from graphkit.gaps import gaps_table

    graph = load_graph(graph_path, state)
    if top is None and out_format == "table":
        top = 20
    try:
        document = find(graph, by=list(by) or None, top=top, min_papers=min_papers)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if plot is not None:
        _plot(graph, document, plot)
    if out_format == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(gaps_table(document))


def _plot(graph: object, document: dict[str, object], path: Path) -> None:
    """Draw through the viz module (issue 7), which may not be installed or written yet."""
    try:
        from graphkit.viz.heatmap import write_gap_plot
    except ImportError as exc:
        raise click.ClickException(f"--plot is not available: graphkit.viz.heatmap cannot be imported ({exc})") from None
    try:
        write_gap_plot(graph, document, path)
    except (GraphkitError, OSError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None
