"""``graphkit viz -o graph.html``: the graph, one model's lineage or one paper's neighbourhood, as an
offline HTML page."""

from __future__ import annotations

import click

from graphkit.commands.options import graph_options, load_graph
from graphkit.errors import GraphkitError

KINDS = ("paper", "model", "technique", "language", "dataset", "task", "author")


@click.command()
@graph_options
@click.option("-o", "--output", "output", required=True, metavar="FILE.html", help="The page to write.")
@click.option("--focus", metavar="MODEL", default=None,
              help="Draw MODEL's ancestors (above) and descendants (below) with the papers that introduced them.")
@click.option("--paper", metavar="TITLE_OR_IRI", default=None,
              help="Draw this paper (IRI, title or a close title), what it links to and the papers sharing it.")
@click.option("--related", type=click.IntRange(min=0), default=30, show_default=True,
              help="With --paper: draw at most this many other papers, those sharing the most entities first.")
@click.option("--kinds", default=None, metavar="KIND,...",
              help=f"Only these kinds of node, comma-separated ({', '.join(KINDS)}).")
@click.option("--year-from", type=int, default=None, metavar="YEAR",
              help="Only papers issued in YEAR or later (papers without a date are left out).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=2000, show_default=True,
              help="Keep the most connected nodes above this; the page says how many it shows.")
def viz(graph_path: str | None, state: str | None, output: str, focus: str | None, paper: str | None,
        related: int, kinds: str | None, year_from: int | None, max_nodes: int) -> None:
    """Write the graph as one self-contained HTML page that works offline.

    Colour and shape show the kind, size the number of links; hovering a node shows its
    kind, counts and an evidence quote. With --focus, the page is MODEL's family tree; with
    --paper, the paper, everything it links to (its models with their lineage parents) and the
    other papers sharing those entities, most shared first ("N of M" says what was left out).

    \b
    Examples:
      graphkit viz -o graph.html
      graphkit viz --graph graph.ttl --kinds model,paper,language --max-nodes 500 -o graph.html
      graphkit viz --focus wav2vec2 -o wav2vec2.html
      graphkit viz --paper "GottBERT: a pure German Language Model" -o gottbert.html
    """
    from graphkit.viz.graph import write_graph

    chosen = None
    if kinds:
        chosen = [k.strip().lower() for k in kinds.split(",") if k.strip()]
        unknown = sorted(set(chosen) - set(KINDS))
        if unknown:
            raise click.UsageError(f"unknown kind {', '.join(unknown)!s} for --kinds (use {', '.join(KINDS)})")
    if focus and paper:
        raise click.UsageError("--focus and --paper draw different pages; give one of them")
    if not output.lower().endswith((".html", ".htm")):
        raise click.UsageError(f"{output}: the page must be an .html file")
    graph = load_graph(graph_path, state)
    try:
        path = write_graph(graph, output, focus=focus, kinds=chosen, year_from=year_from, max_nodes=max_nodes,
                           paper=paper, related=related)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {path}")
