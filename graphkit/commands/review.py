"""``graphkit review export|import``: people accept or reject low-confidence edges."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.commands.options import graph_options, load_graph
from graphkit.errors import GraphkitError


@click.group()
def review() -> None:
    """Review low-confidence edges in a spreadsheet; decisions survive every rebuild.

    \b
    Example:
      graphkit review export -o review.csv      # write accept/reject in `decision`
      graphkit review import review.csv
      graphkit build papers.jsonl -o graph.ttl   # rejected edges stay out
    """


@review.command("export")
@graph_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="CSV file to write (one row per edge).")
@click.option("--min-confidence", type=float, default=0.8, show_default=True,
              help="List edges whose best evidence is below this confidence.")
@click.option("--all", "everything", is_flag=True, help="List every edge, whatever its confidence.")
def export_review(graph_path: str | None, state: str | None, output: Path, min_confidence: float,
                  everything: bool) -> None:
    """Write low-confidence edges with their evidence to a CSV for review.

    \b
    Example:
      graphkit review export -o review.csv --min-confidence 0.75
    """
    from graphkit.curation import review_rows, write_review

    graph = load_graph(graph_path, state)
    count = write_review(review_rows(graph, min_confidence, everything), output)
    click.echo(f"wrote {count} edges to {output}; fill in `decision` with accept or reject")


@review.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--state", "state", default=None, metavar="DIR", help="State directory (default: .graphkit).")
def import_review(path: Path, state: str | None) -> None:
    """Record the decisions of a reviewed CSV; every later build applies them.

    \b
    Example:
      graphkit review import review.csv
    """
    from graphkit.curation import read_decisions, record_decisions
    from graphkit.state import state_dir

    try:
        decisions = read_decisions(path)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    target = record_decisions(decisions, state_dir(state))
    counts = {d: sum(1 for x in decisions if x.decision == d) for d in ("accept", "reject")}
    click.echo(f"recorded {counts['accept']} accepted and {counts['reject']} rejected edges in {target}")
