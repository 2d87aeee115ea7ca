"""Options shared by the commands that read a graph: ``--graph FILE`` and ``--state DIR``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from graphkit.errors import GraphkitError
from graphkit.graph import KnowledgeGraph


def graph_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--graph`` and ``--state`` to a command that reads a graph."""
    func = click.option("--state", "state", default=None, metavar="DIR",
                        help="State directory of a previous build (default: .graphkit).")(func)
    func = click.option("--graph", "graph_path", default=None, metavar="FILE",
                        help="Read this graph file (.ttl .nt .jsonld) instead of the last build's.")(func)
    return func


def load_graph(graph_path: str | None, state: str | None) -> KnowledgeGraph:
    """Load the command's graph, turning a problem into a one-line CLI error."""
    from graphkit.state import load

    try:
        return load(graph_path, state)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
