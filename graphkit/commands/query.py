"""``graphkit query NAME|FILE.rq``: run a shipped or user SPARQL query on the embedded store."""

from __future__ import annotations

import click

from graphkit.commands.export_neo4j import bolt_options
from graphkit.errors import GraphkitError


def _pairs(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = value
    return params


@click.command()
@click.argument("query", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Set a parameter declared by the query's `# @param` header. Repeatable.")
@click.option("--graph", "graph_path", default=None, metavar="FILE",
              help="Query this graph file (.ttl .nt .jsonld) instead of the embedded store.")
@click.option("--state", "state", default=None, metavar="DIR", help="State directory of a build (default: .graphkit).")
@click.option("--store", "store", default=None, metavar="DIR", help="Embedded store (default: STATE/store).")
@click.option("--format", "out_format", type=click.Choice(["table", "csv", "json"]), default="table",
              help="An aligned table, CSV with a header row, or one JSON document.")
@click.option("--list", "list_queries", is_flag=True, help="List the shipped queries and their parameters.")
@click.option("--cypher", "cypher_query", default=None, metavar="NAME|FILE.cypher",
              help="Run this Cypher query on Neo4j instead (needs --uri; same as `graphkit cypher`).")
@bolt_options
def query(query: str | None, params: tuple[str, ...], graph_path: str | None, state: str | None,
          store: str | None, out_format: str, list_queries: bool, cypher_query: str | None = None,
          uri: str | None = None, user: str = "neo4j", password: str | None = None,
          database: str | None = None) -> None:
    """Run QUERY (a shipped name such as `lineage`, or a FILE.rq) on the graph.

    Shipped queries declare their parameters in a `# @param name: value` header and run
    as they are; `--param` changes a value.

    \b
    Examples:
      graphkit query --list
      graphkit query lineage --param model=BERT
      graphkit query evidence --param subject=GottBERT --param object=RoBERTa --format json
      graphkit query my-query.rq --graph graph.ttl --format csv
      graphkit query --cypher lineage --param model=GottBERT --uri bolt://localhost:7687 --password secret
    """
    if cypher_query:
        from graphkit.commands.cypher import run_and_print

        return run_and_print(cypher_query, params, uri, user, password, database, out_format)
    from graphkit.sparql import bind, find_query, render, run
    from graphkit.store import open_store

    try:
        if list_queries:
            click.echo(_listing())
            return
        if not query:
            raise click.UsageError("give a query name or FILE.rq (see --list)")
        named = find_query(query)
        text = bind(named, _pairs(params))
        columns, rows = run(open_store(graph_path, state, store), text)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(render(columns, rows, out_format))


def _listing() -> str:
    from graphkit.queries import load, names
    from graphkit.sparql import parse_params

    lines = []
    for name in names(".rq"):
        text = load(name)
        purpose = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), "")
        params = " ".join(f"--param {k}={v.strip(chr(34))}" for k, v in parse_params(text).items())
        lines.append(f"{name:<15} {purpose}\n{'':<15} e.g. graphkit query {name} {params}".rstrip())
    return "\n".join(lines)
