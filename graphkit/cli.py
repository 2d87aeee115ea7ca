"""The ``graphkit`` command line: argument parsing only, the work is in the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from graphkit import __version__
from graphkit.errors import GraphkitError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
def cli() -> None:
    """Build a knowledge graph of papers, models, lineage, techniques, languages and datasets.

    \b
    Example:
      graphkit build examples/hf_daily_papers.txt -o graph.ttl
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file; the suffix picks the format (.ttl .nt .jsonld .graphml .json). Repeatable.")
@click.option("--format", "fmt", default=None, help="Force a loader (jsonl, csv, plaintext) instead of detecting it.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no summary.")
def build(inputs: tuple[str, ...], outputs: tuple[Path, ...], fmt: str | None, quiet: bool) -> None:
    """Build a graph from paper listings and write it.

    \b
    Examples:
      graphkit build examples/hf_daily_papers.txt -o graph.ttl
      graphkit build papers.jsonl more.csv -o graph.ttl -o graph.graphml
      graphkit build listing.txt --format plaintext -o graph.jsonld
    """
    from graphkit.pipeline import build as run_build
    from graphkit.summary import lineage_summary, summary_line

    try:
        graph = run_build(inputs, fmt=fmt)
        if graph.stats.records == 0:
            raise GraphkitError("nothing usable was read from " + ", ".join(inputs))
        for output in outputs:
            graph.write(output)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        click.echo(summary_line(graph) + "".join(f"\nwrote {o}" for o in outputs))
        text = lineage_summary(graph)
        if text:
            click.echo(text)


@cli.command()
@click.argument("model")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "out_format", type=click.Choice(["table", "json"]), default="table")
def lineage(model: str, inputs: tuple[str, ...], out_format: str) -> None:
    """Ancestors and descendants of MODEL in the graph built from INPUTS.

    \b
    Example:
      graphkit lineage BERT examples/hf_daily_papers.txt --format json
    """
    from graphkit.lineage import lineage as find
    from graphkit.pipeline import build as run_build
    from graphkit.summary import lineage_table

    try:
        graph = run_build(inputs, on_issue=lambda issue: click.echo(str(issue), err=True))
        document = find(graph, model)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if out_format == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(lineage_table(document))


def main() -> None:
    try:
        cli(prog_name="graphkit")
    except KeyboardInterrupt:
        click.echo("graphkit: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
