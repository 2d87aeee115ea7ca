"""The ``graphkit`` command line: the root group and its commands (one module each)."""

from __future__ import annotations

import sys

import click

from graphkit import __version__
from graphkit.commands.build import build
from graphkit.commands.lineage import lineage


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
def cli() -> None:
    """Build a knowledge graph of papers, models, lineage, techniques, languages and datasets.

    \b
    Example:
      graphkit build examples/hf_daily_papers.txt -o graph.ttl
      graphkit lineage BERT
    """


for command in (build, lineage):
    cli.add_command(command)


def main() -> None:
    try:
        cli(prog_name="graphkit")
    except KeyboardInterrupt:
        click.echo("graphkit: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
