"""``graphkit gaps``: ranked combinations nobody has studied, as a table, JSON or a heatmap.

Without ``--graph`` it counts with SPARQL on the embedded store that ``build`` filled
(``graphkit.store_gaps``), so nothing is parsed into memory; ``--graph FILE`` reads that
file into a KnowledgeGraph (``graphkit.gaps``). Both give the same document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from graphkit.commands.options import graph_options, load_graph
from graphkit.errors import GraphkitError
from graphkit.gaps import KIND_PAIRS


@click.command()
@graph_options
@click.option("--store", "store", default=None, metavar="DIR", help="Embedded store (default: STATE/store).")
@click.option("--by", "by", multiple=True, type=click.Choice(list(KIND_PAIRS)), metavar="KIND-PAIR",
              help=f"Only these kind pairs ({', '.join(KIND_PAIRS)}); repeatable. Default: all.")
@click.option("--top", type=click.IntRange(min=1), default=None, metavar="N",
              help="Keep the N best gaps (default: 20 in a table, all in JSON).")
@click.option("--min-papers", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Ignore entities seen in fewer papers.")
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table",
              help="A readable ranked list, or one JSON document for programs.")
@click.option("--plot", "plot", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Also draw the gaps as a heatmap into FILE (reads the whole graph).")
def gaps(graph_path: str | None, state: str | None, store: str | None, by: tuple[str, ...], top: int | None,
         min_papers: int, out_format: str, plot: Path | None) -> None:
    """Ranked combinations nobody has studied (language x technique, model family x language, ...).

    A gap scores higher when both sides are frequent and their neighbours already cover the
    other side. "not-extracted" marks pairs that a paper linked to one side names together in
    its title or abstract although no edge links them; "unstudied" means no such paper.

    \b
    Examples:
      graphkit gaps
      graphkit gaps --by language-technique --top 10
      graphkit gaps --graph graph.ttl --format json > gaps.json
    """
    from graphkit.gaps import gaps_table

    if top is None and out_format == "table":
        top = 20
    options: dict[str, Any] = {"by": list(by) or None, "top": top, "min_papers": min_papers}
    try:
        document = _from_file(graph_path, options) if graph_path else _from_store(state, store, options)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if plot is not None:
        _plot(load_graph(graph_path, state), document, plot)
    if out_format == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(gaps_table(document))


def _from_file(graph_path: str, options: dict[str, Any]) -> dict[str, Any]:
    from graphkit.gaps import gaps as find

    return find(load_graph(graph_path, None), **options)


def _from_store(state: str | None, store: str | None, options: dict[str, Any]) -> dict[str, Any]:
    from graphkit.store import open_store
    from graphkit.store_gaps import gaps as find

    return find(open_store(None, state, store), **options)


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
