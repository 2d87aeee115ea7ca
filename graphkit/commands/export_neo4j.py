"""``graphkit export neo4j`` (live, over Bolt) and ``graphkit export neo4j-csv`` (bulk-import files)."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.commands.options import graph_options, load_graph
from graphkit.errors import GraphkitError


def bolt_options(func):  # type: ignore[no-untyped-def]
    """``--uri --user --password --database``, also read from GRAPHKIT_NEO4J_* variables."""
    func = click.option("--database", default=None, envvar="GRAPHKIT_NEO4J_DATABASE",
                        help="Database name (default: the server's default database).")(func)
    func = click.option("--password", default=None, envvar="GRAPHKIT_NEO4J_PASSWORD",
                        help="Password (or GRAPHKIT_NEO4J_PASSWORD, to keep it off the command line).")(func)
    func = click.option("--user", default="neo4j", show_default=True, envvar="GRAPHKIT_NEO4J_USER",
                        help="User name (or GRAPHKIT_NEO4J_USER).")(func)
    func = click.option("--uri", default=None, envvar="GRAPHKIT_NEO4J_URI", metavar="bolt://HOST:PORT",
                        help="Bolt URI of the server (or GRAPHKIT_NEO4J_URI).")(func)
    return func


def require_uri(uri: str | None) -> str:
    """The --uri value, or a usage error naming the option and its variable."""
    if not uri:
        raise click.UsageError("--uri bolt://HOST:PORT is required (or set GRAPHKIT_NEO4J_URI)")
    return uri


@click.command("neo4j")
@graph_options
@bolt_options
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(min=1),
              help="Rows per UNWIND transaction.")
def neo4j(graph_path: str | None, state: str | None, uri: str, user: str, password: str | None,
          database: str | None, batch_size: int) -> None:
    """Send the graph to Neo4j over Bolt (MERGE on iri: running it again changes nothing).

    Creates a unique-iri constraint per label, then writes nodes and relationships in
    batched transactions, and prints what was created and updated.

    \b
    Examples:
      graphkit export neo4j --uri bolt://localhost:7687 --user neo4j --password secret
      GRAPHKIT_NEO4J_PASSWORD=secret graphkit export neo4j --graph graph.ttl --uri bolt://db:7687 --database papers
    """
    from graphkit.neo4j.bolt import export

    uri = require_uri(uri)
    graph = load_graph(graph_path, state)
    try:
        summary = export(graph, uri, user, password, database, batch_size)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(summary.line())


@click.command("neo4j-csv")
@graph_options
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def neo4j_csv(graph_path: str | None, state: str | None, directory: Path) -> None:
    """Write CSV files for `neo4j-admin database import full` (Neo4j 5.x / 2025.x) into DIRECTORY.

    DIRECTORY gets nodes/ and relationships/ (a header and a data file each), import.sh with
    the exact import command, and constraints.cypher to run once the database is up.

    \b
    Examples:
      graphkit export neo4j-csv import/
      graphkit export neo4j-csv --graph graph.ttl import/ && sh import/import.sh papers
    """
    from graphkit.neo4j.csv import write_import_files

    graph = load_graph(graph_path, state)
    try:
        info = write_import_files(graph, directory)
    except OSError as exc:
        raise click.ClickException(f"{directory}: {exc.strerror or exc}") from None
    nodes, rels = sum(info["nodes"].values()), sum(info["relationships"].values())
    click.echo(f"wrote {nodes} nodes and {rels} relationships to {directory}/; "
               f"import with: sh {directory}/import.sh [DATABASE] (command inside)")
