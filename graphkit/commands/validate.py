"""``graphkit validate``: SHACL-check a graph against the shipped shapes; non-zero exit on violations."""

from __future__ import annotations

import json

import click

from graphkit.errors import GraphkitError


@click.command()
@click.option("--graph", "graph_path", default=None, metavar="FILE",
              help="Validate this graph file (.ttl .nt .jsonld) instead of the last build's.")
@click.option("--state", "state", default=None, metavar="DIR", help="State directory of a build (default: .graphkit).")
@click.option("--shapes", "shapes_path", default=None, metavar="FILE",
              help="SHACL shapes to use instead of the shipped ontology/shapes.ttl.")
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table",
              help="A readable report, or one JSON document.")
@click.pass_context
def validate(ctx: click.Context, graph_path: str | None, state: str | None, shapes_path: str | None,
             out_format: str) -> None:
    """Check a graph against the SHACL shapes; exit 1 when any result is reported.

    \b
    Examples:
      graphkit validate
      graphkit validate --graph graph.ttl
      graphkit validate --graph edited.ttl --format json
    """
    from graphkit.state import snapshot_path, state_dir
    from graphkit.validate import read_data, read_shapes, report_text
    from graphkit.validate import validate as run

    source = graph_path or snapshot_path(state)
    try:
        if not graph_path and not snapshot_path(state).is_file():
            raise GraphkitError(f"no graph in {state_dir(state)}/: run `graphkit build INPUT...` first "
                                "or pass --graph FILE")
        report = run(read_data(source), read_shapes(shapes_path))
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if out_format == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(report, str(source)))
    if not report.conforms:
        ctx.exit(1)
