"""The embedded RDF store: a pyoxigraph Store persisted next to the build's snapshot.

Why: SPARQL (``graphkit query``, property paths for lineage) needs an indexed store, and
re-parsing a large graph for every query would cost seconds. ``graphkit build`` bulk-loads
its Turtle snapshot into ``.graphkit/store`` (``--store DIR`` elsewhere); later commands
open it read-only. A store is replaced whole (built beside the old one, then swapped in),
so a reader never sees half a graph.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import GraphkitError
from graphkit.rdf_formats import required_format

if TYPE_CHECKING:
    import pyoxigraph
    from tqdm import tqdm

    from graphkit.graph import KnowledgeGraph

STORE = "store"


def store_path(state: str | Path | None = None, store: str | Path | None = None) -> Path:
    """Where the store lives: ``--store DIR`` if given, else ``<state>/store``."""
    from graphkit.state import state_dir

    return Path(store) if store else state_dir(state) / STORE


def _format(path: Path) -> pyoxigraph.RdfFormat:
    import pyoxigraph

    fmt = required_format(path, "load {suffix} files into a store")
    return pyoxigraph.RdfFormat.from_media_type(fmt.media_type)


def _bytes_read(total: int, what: str) -> tqdm:
    """A progress bar over bytes read, shown when stderr is a terminal (at 1M papers filling the
    store takes minutes, comparing snapshots tens of seconds)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="B", unit_scale=True, desc=what, disable=not sys.stderr.isatty(), file=sys.stderr,
                leave=False)


def _bulk_load(store: pyoxigraph.Store, path: Path, what: str) -> None:
    """Bulk-load an RDF file, with a progress bar."""
    from tqdm.utils import CallbackIOWrapper

    fmt = _format(path)
    with open(path, "rb") as handle, _bytes_read(path.stat().st_size, what) as bar:
        store.bulk_load(input=CallbackIOWrapper(bar.update, handle, "read"), format=fmt)


def fill(source: str | Path, directory: str | Path) -> Path:
    """Replace the store in ``directory`` with the triples of an RDF file (bulk load)."""
    import pyoxigraph

    source, directory = Path(source), Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
    try:
        store = pyoxigraph.Store(str(fresh))
        _bulk_load(store, source, "filling the store")
        store.flush()
        del store  # closes the database before it is moved
        old = directory.with_name(f".{directory.name}-old")
        if directory.exists():
            shutil.rmtree(old, ignore_errors=True)
            directory.rename(old)
        fresh.rename(directory)
        shutil.rmtree(old, ignore_errors=True)
    except (OSError, SyntaxError, ValueError) as exc:
        raise GraphkitError(f"{directory}: cannot fill the store ({str(exc).splitlines()[0][:120]})") from None
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return directory


#: Largest change (Turtle bytes taken out plus put in) applied to a store in place; beyond it a
#: bulk load is faster, and the change is never held in memory whole.
PATCH_LIMIT = 64 << 20


def sync(snapshot: Path, directory: Path, enabled: bool = True, changed: bool = True) -> str:
    """Bring the store in line with the build's snapshot; returns what it did, in words ("kept",
    "removed", "filled", or "updated in place: ..." with the subjects taken out and put in).

    A changed graph is applied as the difference between the snapshot the store was filled from
    (kept as a hard link, ``<store>.source.ttl``) and the new one, in one transaction, when that
    difference is small (adding papers to a large graph); otherwise the store is filled anew.
    With ``enabled=False`` (``build --no-store``) any older store is removed, so no query
    answers from a stale graph (they read the snapshot instead).
    """
    source = directory.with_name(f"{directory.name}.source.ttl")
    if not enabled:
        shutil.rmtree(directory, ignore_errors=True)
        source.unlink(missing_ok=True)
        return "removed"
    if not changed and directory.is_dir():
        return "kept"
    done = _patch(source, snapshot, directory) if directory.is_dir() else ""
    if not done:
        source.unlink(missing_ok=True)
        fill(snapshot, directory)
        done = "filled"
    if snapshot.suffix == ".ttl":
        try:
            os.link(snapshot, source)  # the new snapshot replaces, never rewrites, this file
        except OSError:
            pass  # another file system: the next change fills the store
    return done


def _patch(source: Path, snapshot: Path, directory: Path) -> str:
    """Apply the blocks ``snapshot`` adds and removes since ``source`` to the store; "" if it cannot."""
    import pyoxigraph

    from graphkit.namespace import PREFIXES
    from graphkit.snapshot_diff import diff

    if snapshot.suffix != ".ttl" or not source.is_file():
        return ""
    with _bytes_read(source.stat().st_size + snapshot.stat().st_size, "comparing snapshots") as bar:
        delta = diff(source, snapshot, PATCH_LIMIT, bar.update)
    source.unlink()  # from here the store may be ahead of it
    if delta is None:
        return ""
    update = "DELETE DATA {\n" + "\n".join(delta.removed) + "\n} ;\nINSERT DATA {\n" + "\n".join(delta.added) + "\n}"
    try:
        store = pyoxigraph.Store(str(directory))
        store.update(update, prefixes=PREFIXES)  # one transaction: readers see the old graph or the new
        store.flush()
        del store
    except (OSError, SyntaxError, ValueError):
        return ""
    return f"updated in place: {len(delta.removed)} subject blocks out, {len(delta.added)} in"


def from_file(path: str | Path) -> pyoxigraph.Store:
    """An in-memory store holding one RDF file (``--graph FILE``)."""
    import pyoxigraph

    path = Path(path)
    if not path.is_file():
        raise GraphkitError(f"{path}: no such file")
    store = pyoxigraph.Store()
    try:
        _bulk_load(store, path, f"loading {path.name}")
    except (OSError, SyntaxError, ValueError) as exc:
        raise GraphkitError(f"{path}: not a readable RDF graph ({str(exc).splitlines()[0][:120]})") from None
    return store


def open_store(graph_path: str | Path | None = None, state: str | Path | None = None,
               store: str | Path | None = None) -> pyoxigraph.Store:
    """The store a query runs on: ``--graph FILE`` in memory, else the build's store, else its snapshot."""
    import pyoxigraph

    from graphkit.state import snapshot_path, state_dir

    if graph_path:
        return from_file(graph_path)
    directory = store_path(state, store)
    if directory.is_dir():
        try:
            return pyoxigraph.Store.read_only(str(directory))
        except OSError as exc:
            raise GraphkitError(f"{directory}: cannot open the store ({str(exc).splitlines()[0][:120]})") from None
    if store:
        raise GraphkitError(f"{directory}: no store there; run `graphkit build INPUT... --store {store}` first")
    snapshot = snapshot_path(state)
    if snapshot.is_file():
        return from_file(snapshot)
    raise GraphkitError(f"no graph in {state_dir(state)}/: run `graphkit build INPUT...` first or pass --graph FILE")


def to_oxigraph(graph: KnowledgeGraph) -> pyoxigraph.Store:
    """An in-memory pyoxigraph Store holding exactly the graph's N-Triples export."""
    import pyoxigraph

    from graphkit.exporters.rdf import dump_ntriples

    store = pyoxigraph.Store()
    store.bulk_load(input=dump_ntriples(graph).encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store
