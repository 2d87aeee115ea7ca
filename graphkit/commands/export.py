"""``graphkit export TARGET``: send the graph to a database or write its bulk-import files."""

from __future__ import annotations

import click


@click.group()
def export() -> None:
    """Export the last build's graph (or --graph FILE) to a database or bulk-import files.

    \b
    Examples:
      graphkit export neo4j --uri bolt://localhost:7687 --user neo4j --password secret
      graphkit export neo4j-csv import-dir/
      graphkit export sparql --endpoint http://localhost:7878/store
    """


# Subcommands register here, one module each (graphkit/commands/export_*.py):
#   from graphkit.commands.export_neo4j import neo4j, neo4j_csv; export.add_command(neo4j) ...

from graphkit.commands.export_sparql import sparql  # noqa: E402

export.add_command(sparql)

from graphkit.commands.export_neo4j import neo4j, neo4j_csv  # noqa: E402

export.add_command(neo4j)
export.add_command(neo4j_csv)
