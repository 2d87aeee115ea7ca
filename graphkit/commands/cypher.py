"""``graphkit cypher NAME|FILE.cypher``: run a shipped or own Cypher query on a Bolt server."""

from __future__ import annotations

import json

import click

from graphkit.commands.export_neo4j import bolt_options, require_uri
from graphkit.errors import GraphkitError


def parse_params(values: tuple[str, ...]) -> dict[str, object]:
    """``k=v`` pairs as query parameters (JSON values when they parse: 3, true, ["a"])."""
    from graphkit.neo4j.queries import parse_value

    params: dict[str, object] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not k=v", param_hint="--param")
        params[key.strip()] = parse_value(value)
    return params


@click.command()
@click.argument("query", metavar="NAME|FILE.cypher", required=False)
@click.option("--param", "params", multiple=True, metavar="k=v", help="Query parameter; overrides the example value.")
@bolt_options
@click.option("--format", "out_format", type=click.Choice(["table", "csv", "json"]), default="table",
              help="An aligned table, CSV with a header row, or one JSON document for programs.")
@click.option("--list", "list_queries", is_flag=True, help="List the shipped queries and their parameters.")
def cypher(query: str | None, params: tuple[str, ...], uri: str, user: str, password: str | None,
           database: str | None, out_format: str, list_queries: bool) -> None:
    """Run a shipped Cypher query (lineage, gaps, ...) or a .cypher file on Neo4j.

    Each shipped query declares its parameters with example values for the seed graph;
    --param k=v overrides them. Export the graph first with `graphkit export neo4j`.

    \b
    Examples:
      graphkit cypher lineage --param model=GottBERT --uri bolt://localhost:7687 --password secret
      graphkit cypher gaps --param min_papers=3 --uri bolt://localhost:7687 --format json
      graphkit cypher my_query.cypher --param k=v --uri bolt://localhost:7687
      graphkit cypher --list
    """
    from graphkit.neo4j.queries import shipped_queries

    if list_queries or not query:
        for name, q in shipped_queries().items():
            click.echo(f"{name}: {q.purpose}")
            for key, value in q.params.items():
                click.echo(f"    --param {key}={json.dumps(value) if not isinstance(value, str) else value}")
        return
    run_and_print(query, params, uri, user, password, database, out_format)


def run_and_print(query: str, params: tuple[str, ...], uri: str | None, user: str, password: str | None,
                  database: str | None, out_format: str) -> None:
    """Run a Cypher query and print it as a table, CSV or JSON (shared with `graphkit query --cypher`)."""
    from graphkit.neo4j.queries import format_csv, format_table, run_cypher

    try:
        result = run_cypher(query, parse_params(params), require_uri(uri), user, password, database)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if out_format == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif out_format == "csv":
        click.echo(format_csv(result), nl=False)
    else:
        click.echo(format_table(result))
