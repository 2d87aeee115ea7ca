"""The working-directory state in ``.graphkit/``: the last build's graph and curation decisions.

``build`` saves its graph here, so ``lineage``, ``gaps``, exports and views read it without
rebuilding; every such command also takes ``--graph FILE`` to read a written graph instead.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from graphkit.errors import GraphkitError
from graphkit.exporters.files import write_atomic
from graphkit.graph import KnowledgeGraph

DEFAULT_STATE = ".graphkit"
SNAPSHOT = "graph.ttl"
#: Where earlier builds kept the snapshot (N-Triples); still read, removed by the next build.
LEGACY_SNAPSHOT = "graph.nt"


def state_dir(state: str | Path | None = None) -> Path:
    return Path(state) if state else Path(DEFAULT_STATE)


def snapshot_path(state: str | Path | None = None) -> Path:
    """The last build's snapshot (Turtle; N-Triples if an older build wrote it)."""
    current = state_dir(state) / SNAPSHOT
    legacy = state_dir(state) / LEGACY_SNAPSHOT
    return legacy if legacy.is_file() and not current.is_file() else current


def save(graph: KnowledgeGraph, state: str | Path | None = None, written: Iterable[Path] = ()) -> Path:
    """Write the graph as the state's snapshot: a copy of a Turtle file the build just wrote
    from it (``written``), so the text is rendered once, else the graph written anew."""
    snapshot = state_dir(state) / SNAPSHOT
    turtle = next((Path(p) for p in written if Path(p).suffix.lower() == ".ttl"), None)
    if turtle is not None:
        copy_file(turtle, snapshot)
    else:
        graph.write(snapshot)
    drop_legacy_snapshot(state)
    return snapshot


def copy_file(source: Path, target: Path) -> Path:
    """Copy ``source`` over ``target`` atomically (a reader never sees half a file)."""
    return write_atomic(target, lambda handle: _copy_into(source, handle))


def _copy_into(source: Path, handle: BinaryIO) -> None:
    with open(source, "rb") as src:
        shutil.copyfileobj(src, handle, 1 << 20)


def drop_legacy_snapshot(state: str | Path | None = None) -> None:
    (state_dir(state) / LEGACY_SNAPSHOT).unlink(missing_ok=True)


def load(graph_path: str | Path | None = None, state: str | Path | None = None) -> KnowledgeGraph:
    """The graph a command works on: ``--graph FILE`` if given, else the last build's snapshot."""
    from graphkit.readers import read_graph

    if graph_path:
        return read_graph(graph_path)
    snapshot = snapshot_path(state)
    if not snapshot.is_file():
        raise GraphkitError(f"no graph in {state_dir(state)}/: run `graphkit build INPUT...` first or pass --graph FILE")
    return read_graph(snapshot)
