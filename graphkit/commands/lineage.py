"""``graphkit lineage MODEL``: ancestors and descendants, with the kind of each hop."""

from __future__ import annotations

import json

import click

from graphkit.commands.options import graph_options, load_graph
from graphkit.errors import GraphkitError


@click.command()
@click.argument("model")
@graph_options
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table",
              help="A readable tree, or one JSON document for programs.")
def lineage(model: str, graph_path: str | None, state: str | None, out_format: str) -> None:
    """Ancestors and descendants of MODEL (aliases resolve: wav2vec2 -> wav2vec 2.0).

    \b
    Examples:
      graphkit lineage BERT
      graphkit lineage wav2vec2 --graph graph.ttl --format json
    """
    from graphkit.lineage import lineage as find
    from graphkit.summary import lineage_table

    graph = load_graph(graph_path, state)
    try:
        document = find(graph, model)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if out_format == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(lineage_table(document))
