"""Where extraction runs: this process, local worker processes, or a Dask cluster.

Every engine yields each input item with its extraction in input order, so the graph,
and every file written from it, is byte-identical whatever the engine.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar

from graphkit.errors import GraphkitError
from graphkit.extract import Extraction, Extractor
from graphkit.graph import record_iri
from graphkit.models import LoadIssue, PaperRecord

Item = PaperRecord | LoadIssue
Job = tuple[Item, bool]  # (item, already known: don't extract)
ENGINES = ("local", "dask")
DASK_CHUNK = 2000
LOCAL_CHUNK = 512
P = TypeVar("P")


def chunks(items: Iterable[Job], size: int) -> Iterator[list[Job]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _extract(extractor: Extractor, item: Item, known: bool) -> Extraction | None:
    if known or not isinstance(item, PaperRecord):
        return None
    return extractor.extract(item, record_iri(item))


def extract_chunk(chunk: list[Job], extractor: Extractor | None = None) -> list[Extraction | None]:
    """Extract every new record of a chunk (None for issues and known records), under the record's own IRI."""
    extractor = extractor or process_extractor()
    return [_extract(extractor, item, known) for item, known in chunk]


_EXTRACTOR: Extractor | None = None


def process_extractor() -> Extractor:
    """This process's extractor, built on first use (on a Dask worker: once per worker process)."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


def _set_process_extractor(extractor: Extractor) -> None:
    global _EXTRACTOR
    _EXTRACTOR = extractor


def in_order(jobs: Iterator[tuple[P, Any]], width: int) -> Iterator[tuple[P, Any]]:
    """(payload, result) of lazily submitted (payload, future) jobs, in submission order, with
    ``width`` in flight: the next job is submitted before waiting, so memory stays bounded and
    workers stay busy."""
    flight = list(islice(jobs, width))
    while flight:
        payload, future = flight.pop(0)
        flight.extend(islice(jobs, 1))
        yield payload, future.result()


def process_pool(workers: int, initializer: Callable[..., None], *initargs: Any) -> ProcessPoolExecutor:
    """Worker processes forked (where the platform can) so they start with what this process built."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=initargs)


def _in_order(submit, source: Iterator[list[Job]], width: int) -> Iterator[tuple[Item, Extraction | None]]:  # type: ignore[no-untyped-def]
    """Each item of the chunks with its extraction, in input order."""
    for chunk, results in in_order(((chunk, submit(chunk)) for chunk in source), width):
        yield from zip((item for item, _ in chunk), results)


def local_extracted(items: Iterable[Job], extractor: Extractor,
                    workers: int = 1) -> Iterator[tuple[Item, Extraction | None]]:
    """Extract in ``workers`` forked processes that inherit the built matcher, or in this process.

    In this process too, records are extracted a chunk at a time, ahead of the caller: the
    matcher's tables then stay in the CPU caches (the build is ~15% faster than extracting each
    record between graph updates, measured).
    """
    if workers <= 1:
        for chunk in chunks(items, LOCAL_CHUNK):
            yield from zip((item for item, _ in chunk), extract_chunk(chunk, extractor))
        return
    with process_pool(workers, _set_process_extractor, extractor) as pool:
        yield from _in_order(lambda chunk: pool.submit(extract_chunk, chunk), chunks(items, LOCAL_CHUNK),
                             workers * 2)


@contextmanager
def dask_client(scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client of the cluster at ``scheduler``, or of a LocalCluster started (and closed) here."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise GraphkitError("--engine dask needs the dask extra: pip install 'graphkit-research[dask]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except (OSError, RuntimeError, TimeoutError) as exc:
        where = scheduler or "a LocalCluster"
        raise GraphkitError(f"cannot start or reach {where}: {str(exc).splitlines()[0]}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dask_width(client: Any) -> int:
    """Tasks to keep in flight: two per worker, so none waits while results are gathered in order."""
    return max(2, 2 * len(client.scheduler_info().get("workers", {})))


def dask_extracted(items: Iterable[Job], scheduler: str | None = None,
                   chunk_size: int = DASK_CHUNK) -> Iterator[tuple[Item, Extraction | None]]:
    """Extract on a Dask cluster: ``scheduler`` is its address, or None for a LocalCluster started here.

    Chunks are submitted a few at a time and gathered in order, so memory stays bounded and
    the result is the same as extracting in this process.
    """
    with dask_client(scheduler) as client:
        yield from _in_order(lambda chunk: client.submit(extract_chunk, chunk, pure=False),
                             chunks(items, chunk_size), dask_width(client))
