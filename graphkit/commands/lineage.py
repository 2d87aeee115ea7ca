"""``graphkit lineage MODEL``: ancestors and descendants, with the kind of each hop.

Without ``--graph`` it answers with SPARQL on the embedded store that ``build`` filled
(``graphkit.store_lineage``), so nothing is parsed into memory; ``--graph FILE`` reads
that file into a KnowledgeGraph (``graphkit.lineage``). Both give the same document.
"""

from __future__ import annotations

import json
from typing import Any

import click

from graphkit.commands.options import graph_options, load_graph
from graphkit.errors import GraphkitError
from graphkit.lineage import DEFAULT_QUOTES


class _Quotes(click.ParamType):
    """A number of papers (0 or more), or ``all``."""

    name = "N|all"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | None:
        if value is None or isinstance(value, int):
            return value  # type: ignore[no-any-return]
        if str(value).strip().lower() == "all":
            return None
        try:
            number = int(value)
        except ValueError:
            number = -1
        if number < 0:
            self.fail(f"{value!r} is not a number of papers (0 or more) nor 'all'", param, ctx)
        return number


@click.command()
@click.argument("model")
@graph_options
@click.option("--store", "store", default=None, metavar="DIR", help="Embedded store (default: STATE/store).")
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table",
              help="A readable tree, or one JSON document for programs.")
@click.option("--quotes", "quotes", type=_Quotes(), default=DEFAULT_QUOTES, show_default=True, metavar="N|all",
              help="Quote at most N papers per hop (by paper IRI; 'all' for every one). "
                   "evidence_count always gives how many papers evidence the hop.")
def lineage(model: str, graph_path: str | None, state: str | None, store: str | None, out_format: str,
            quotes: int | None) -> None:
    """Ancestors and descendants of MODEL (aliases resolve: wav2vec2 -> wav2vec 2.0).

    \b
    Examples:
      graphkit lineage BERT
      graphkit lineage wav2vec2 --graph graph.ttl --format json
      graphkit lineage LLaMA --format json --quotes all
    """
    from graphkit.summary import lineage_table

    try:
        if graph_path:
            document = _from_file(model, graph_path, state, quotes)
        else:
            document = _from_store(model, state, store, quotes)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if out_format == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(lineage_table(document))


def _from_file(model: str, graph_path: str, state: str | None, quotes: int | None) -> dict[str, Any]:
    from graphkit.lineage import lineage as find

    return find(load_graph(graph_path, state), model, quotes)


def _from_store(model: str, state: str | None, store: str | None, quotes: int | None) -> dict[str, Any]:
    from graphkit.store import open_store
    from graphkit.store_lineage import lineage as find

    return find(open_store(None, state, store), model, quotes)
