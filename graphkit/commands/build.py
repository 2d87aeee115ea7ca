"""``graphkit build``: inputs to a graph, written to files and to the state directory."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.errors import GraphkitError


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file; the suffix picks the format (.ttl .nt .jsonld .graphml .json). Repeatable.")
@click.option("--format", "fmt", default=None, help="Force a loader (jsonl, csv, plaintext) instead of detecting it.")
@click.option("--state", "state", default=None, metavar="DIR", help="State directory (default: .graphkit).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no summary.")
def build(inputs: tuple[str, ...], outputs: tuple[Path, ...], fmt: str | None, state: str | None,
          quiet: bool) -> None:
    """Build a graph from paper listings and write it.

    The graph is also saved in the state directory, so `graphkit lineage` and the other
    commands can use it without rebuilding.

    \b
    Examples:
      graphkit build examples/hf_daily_papers.txt -o graph.ttl
      graphkit build papers.jsonl more.csv -o graph.ttl -o graph.graphml
      graphkit build listing.txt --format plaintext -o graph.jsonld
    """
    from graphkit.pipeline import build as run_build
    from graphkit.curation import apply_curation, load_decisions
    from graphkit.state import save, state_dir
    from graphkit.summary import lineage_summary, summary_line

    try:
        graph = run_build(inputs, fmt=fmt)
        if graph.stats.records == 0:
            raise GraphkitError("nothing usable was read from " + ", ".join(inputs))
        curated = apply_curation(graph, load_decisions(state_dir(state)))
        for output in outputs:
            graph.write(output)
        save(graph, state)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        click.echo(summary_line(graph) + "".join(f"\nwrote {o}" for o in outputs))
        if any(curated):
            click.echo(f"curation applied: {curated[0]} edges rejected, {curated[1]} accepted or added")
        text = lineage_summary(graph)
        if text:
            click.echo(text)
