"""The ``graphkit`` command line: the root group and its commands (one module each)."""

from __future__ import annotations

import signal
import sys

import click

from graphkit import __version__
from graphkit.commands.build import build
from graphkit.commands.cypher import cypher
from graphkit.commands.fetch import fetch
from graphkit.commands.export import export
from graphkit.commands.gaps import gaps
from graphkit.commands.lineage import lineage
from graphkit.commands.query import query
from graphkit.commands.validate import validate
from graphkit.commands.viz import viz
from graphkit.commands.review import review


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
def cli() -> None:
    """Build a knowledge graph of papers, models, lineage, techniques, languages and datasets.

    \b
    Example:
      graphkit build examples/hf_daily_papers.txt -o graph.ttl
      graphkit lineage BERT
    """


for command in (build, lineage, review, gaps, query, validate, export):
    cli.add_command(command)
cli.add_command(fetch)
cli.add_command(viz)
cli.add_command(cypher)


class Interrupted(BaseException):
    """Raised by the signal handlers; a BaseException so no command swallows it on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def main() -> None:
    """Entry point: SIGINT/SIGTERM stop with one line and exit 130/143; outputs are written
    atomically, so an interrupted command leaves earlier files as they were."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        cli(prog_name="graphkit")
    except Interrupted as exc:
        name = signal.Signals(exc.signum).name
        click.echo(f"graphkit: stopped by {name}; earlier outputs left unchanged", err=True)
        sys.exit(128 + exc.signum)


if __name__ == "__main__":
    main()
