"""The working-directory state in ``.graphkit/``: the last build's graph and curation decisions.

``build`` saves its graph here, so ``lineage``, ``gaps``, exports and views read it without
rebuilding; every such command also takes ``--graph FILE`` to read a written graph instead.
"""

from __future__ import annotations

from pathlib import Path

from graphkit.errors import GraphkitError
from graphkit.graph import KnowledgeGraph

DEFAULT_STATE = ".graphkit"
SNAPSHOT = "graph.nt"
#: A streaming build saves its Turtle output instead (it never holds the graph to write N-Triples).
STREAMED_SNAPSHOT = "graph.ttl"


def state_dir(state: str | Path | None = None) -> Path:
    return Path(state) if state else Path(DEFAULT_STATE)


def snapshot_path(state: str | Path | None = None) -> Path:
    """The last build's snapshot: N-Triples, or Turtle after a streaming build."""
    streamed = state_dir(state) / STREAMED_SNAPSHOT
    return streamed if streamed.is_file() else state_dir(state) / SNAPSHOT


def save(graph: KnowledgeGraph, state: str | Path | None = None) -> Path:
    """Write the graph as the state's snapshot (N-Triples, the fastest to read back)."""
    (state_dir(state) / STREAMED_SNAPSHOT).unlink(missing_ok=True)
    return graph.write(state_dir(state) / SNAPSHOT)


def streamed_snapshot(state: str | Path | None = None) -> Path:
    """Where a streaming build writes its snapshot (call :func:`drop_ntriples_snapshot` once written)."""
    return state_dir(state) / STREAMED_SNAPSHOT


def drop_ntriples_snapshot(state: str | Path | None = None) -> None:
    (state_dir(state) / SNAPSHOT).unlink(missing_ok=True)


def load(graph_path: str | Path | None = None, state: str | Path | None = None) -> KnowledgeGraph:
    """The graph a command works on: ``--graph FILE`` if given, else the last build's snapshot."""
    from graphkit.readers import read_graph

    if graph_path:
        return read_graph(graph_path)
    snapshot = snapshot_path(state)
    if not snapshot.is_file():
        raise GraphkitError(f"no graph in {state_dir(state)}/: run `graphkit build INPUT...` first or pass --graph FILE")
    return read_graph(snapshot)
