"""The streaming build: papers go from the loaders through extraction straight into Turtle.

Memory holds the distinct entities (models, datasets, authors, ...) and an identifier index,
not the papers. A first pass over the inputs resolves identities (``PaperIdentities``), so
merged and cited papers get the same IRIs as in the in-memory build, and spools the records
to a temporary file. The second pass reads the spool back a chunk at a time: worker processes
(``workers > 1``), Dask workers (``engine="dask"``) or this process extract each paper and
render its own blocks (``graphkit.paper_parts``), and the writer here writes them in input
order, then the entities in IRI order; papers with several records are assembled here. With
an extraction cache, known records are not extracted again, and unchanged papers' Turtle is
copied from the last build's output. The result is the same graph as
:func:`graphkit.pipeline.build` (tests compare the bytes).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice, pairwise
from pathlib import Path
from typing import BinaryIO

import orjson

from graphkit.curation import Decision, apply_curation
from graphkit.engines import (
    DASK_CHUNK,
    ENGINES,
    dask_client,
    dask_width,
    in_order,
    process_extractor,
    process_pool,
)
from graphkit.errors import GraphkitError
from graphkit.exporters.files import write_atomic
from graphkit.exporters.rdf import iter_turtle, turtle_header, utf8, write_pieces
from graphkit.extract import Extraction, Extractor
from graphkit.extraction_db import ExtractionDB, Stored
from graphkit.graph import KnowledgeGraph
from graphkit.identity import PaperIdentities
from graphkit.incremental import extractor_fingerprint, record_key
from graphkit.models import Limits, LineageRecord, LoadIssue, PaperRecord
from graphkit.namespace import PAPER_PROPERTIES
from graphkit.paper_parts import Curation, Key, PaperPart, PaperRenderer
from graphkit.perf import paused_gc
from graphkit.pipeline import Input, _within, digested, iter_records
from graphkit.resources import code_digest
from graphkit.state import copy_file

CHUNK = 256


@dataclass
class StreamResult:
    """The entity graph (with the build's counts) and what the summary needs of the papers."""

    graph: KnowledgeGraph
    introduced: set[str] = field(default_factory=set)
    curated: tuple[int, int] = (0, 0)
    #: Digest of every item read and the extractor (vocabulary, version), as incremental builds use it.
    digest: str = ""
    #: True when ``unchanged(digest)`` said the outputs already hold this result: nothing was written.
    unchanged: bool = False


@dataclass
class _Context:
    """What a worker needs, inherited when it is forked after the first pass."""

    renderer: PaperRenderer
    identities: PaperIdentities
    spool: str
    cache: ExtractionDB | None = None
    #: The output of the last build, which the cache's offsets point into.
    previous: str | None = None


@dataclass
class _Rendered:
    """A chunk of rendered papers, with the extractions the cache should learn or stamp."""

    parts: list[PaperPart | None]
    new: list[tuple[str, bytes]]
    #: Extractions found in the cache, and papers whose Turtle was copied from the last build's output.
    reused: int = 0
    copied: int = 0


_CONTEXT: _Context | None = None


def _set_context(context: _Context) -> None:
    global _CONTEXT
    _CONTEXT = context


@dataclass
class _Batch:
    """A chunk of papers ready to render anywhere: final IRIs and citations resolved, stored
    extractions looked up. A None record is a merged paper, which the writer assembles."""

    records: list[PaperRecord | None]
    iris: list[str]
    cited: list[list[str]]
    keys: list[str | None]
    stored: dict[str, Stored]
    #: Digest of what each paper's Turtle depends on besides its extraction, and that Turtle as the
    #: last build wrote it when the digest is the same.
    renders: list[str | None]
    texts: list[bytes | None]


def _prepare(context: _Context, first: int, offsets: Sequence[int]) -> _Batch:
    """The spooled papers first, first+1, ... (offsets bound each record) as a batch."""
    identities, cache = context.identities, context.cache
    records: list[PaperRecord | None] = []
    iris: list[str] = []
    for index, record in enumerate(_read_spool(context.spool, offsets)):
        iri = identities.paper(first + index, record)
        records.append(None if iri in identities.merged else record)
        iris.append(iri)
    cited = [[] if record is None else identities.cited(record, iri) for record, iri in zip(records, iris)]
    none: list[None] = [None] * len(records)
    batch = _Batch(records, iris, cited, list(none), {}, list(none), list(none))
    if cache is None:
        return batch
    batch.keys = [None if record is None else record_key(record, iri) for record, iri in zip(records, iris)]
    batch.stored = cache.lookup([k for k in batch.keys if k])
    batch.renders = [None if record is None else _render_digest(record, iri, targets)
                     for record, iri, targets in zip(records, iris, cited)]
    if context.previous:
        batch.texts = _written_before(batch, context.previous)
    return batch


def _written_before(batch: _Batch, previous: str) -> list[bytes | None]:
    """Each paper's Turtle as the last build wrote it to ``previous``, where it was rendered from the
    same record, IRI and citations (the digest matches) and the bytes hold the paper's own block."""
    texts: list[bytes | None] = [None] * len(batch.keys)
    with open(previous, "rb") as handle:
        for index, (key, digest) in enumerate(zip(batch.keys, batch.renders)):
            row = batch.stored.get(key) if key else None
            if row is None or row.render != digest or row.at is None or not row.size:
                continue
            text = os.pread(handle.fileno(), row.size, row.at)
            own = f"\n<{batch.iris[index]}>\n".encode("utf-8", "surrogatepass")
            if len(text) == row.size and own in b"\n" + text:
                texts[index] = text
    return texts


def _render_digest(record: PaperRecord, iri: str, cited: list[str]) -> str:
    """What a paper's Turtle depends on besides its extraction: every field of the record, its final
    IRI, the IRIs it cites (not the spooled pickle: it holds a set, whose order varies by process)
    and the code that writes it."""
    tail = "\x1f".join((iri, *cited)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(_writer_code() + orjson.dumps(record.__dict__) + b"\x1f" + tail,
                           digest_size=16).hexdigest()


@cache
def _writer_code() -> bytes:
    """The modules a paper's Turtle text comes from: a changed writer never has old text copied."""
    return code_digest("exporters/paper_turtle.py", "exporters/rdf.py", "namespace.py", "graph.py", "ids.py")


def _render(batch: _Batch, renderer: PaperRenderer) -> _Rendered:
    """Extract (unless stored) and render every paper of a batch."""
    new: list[tuple[str, bytes]] = []
    # All extractions first, then all rendering: each step's tables stay in the CPU caches (measured faster).
    extractions: list[Extraction | None] = []
    for record, iri, key in zip(batch.records, batch.iris, batch.keys):
        if record is None:
            extractions.append(None)
        elif key in batch.stored:
            extractions.append(pickle.loads(batch.stored[key].data))
        else:
            extraction = renderer.extractor.extract(record, iri)
            extractions.append(extraction)
            if key is not None:
                new.append((key, pickle.dumps(extraction, pickle.HIGHEST_PROTOCOL)))
    parts: list[PaperPart | None] = []
    copied = 0
    for record, iri, cited, extraction, key, digest, text in zip(batch.records, batch.iris, batch.cited, extractions,
                                                                 batch.keys, batch.renders, batch.texts):
        if record is None or extraction is None:
            parts.append(None)
            continue
        part = renderer.render(record, iri, cited, extraction, text)
        copied += part.text is text
        part.key, part.render = key, None if part.curated else digest
        parts.append(part)
    return _Rendered(parts, new, len(batch.stored), copied)


def _render_range(first: int, offsets: Sequence[int]) -> _Rendered:
    """In a local worker process (or this one): prepare and render a range of the spool."""
    context = _CONTEXT
    assert context is not None
    return _render(_prepare(context, first, offsets), context.renderer)


def render_on_worker(batch: _Batch, curation: Curation) -> _Rendered:
    """A Dask task. Its renderer is new, so what it reports of entities does not depend on which
    chunks this worker happened to render before (tasks may run in any order there)."""
    return _render(batch, PaperRenderer(process_extractor(), curation))


def _read_spool(path: str, offsets: Sequence[int]) -> Iterator[PaperRecord]:
    with open(path, "rb") as handle:
        handle.seek(offsets[0])
        data = memoryview(handle.read(offsets[-1] - offsets[0]))
    base = offsets[0]
    for start, end in pairwise(offsets):
        yield pickle.loads(data[start - base:end - base])


def stream_build(
    inputs: Iterable[Input],
    outputs: list[Path],
    *,
    fmt: str | None = None,
    extractor: Extractor | None = None,
    workers: int = 1,
    limits: Limits | None = None,
    decisions: dict[Key, Decision] | None = None,
    on_issue: Callable[[LoadIssue], None] | None = None,
    progress: bool | None = None,
    unchanged: Callable[[str], bool] | None = None,
    cache: Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> StreamResult:
    """Build and write Turtle to every path in ``outputs`` (same bytes), holding only entities in memory.

    ``decisions`` are curation decisions (``graphkit.curation.load_decisions``), applied as
    ``graphkit build`` applies them to an in-memory graph. ``unchanged`` is asked, after the
    first pass, whether the outputs already hold the result for this input digest; if it says
    so, nothing is extracted or written. ``cache`` is an SQLite file of earlier extractions
    (``graphkit.extraction_db``): records found there are not extracted again. ``engine="dask"``
    renders the papers on a Dask cluster (``scheduler``, or a LocalCluster started here) instead
    of ``workers`` local processes; this process reads the spool and the cache and sends each
    chunk with what it found there.
    """
    if engine not in ENGINES:
        raise GraphkitError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    if not outputs:
        raise ValueError("stream_build needs at least one output path")
    for path in outputs:
        if path.suffix.lower() != ".ttl":
            raise GraphkitError(f"{path}: a streaming build writes Turtle (.ttl) only")
    inputs = list(inputs)
    extractor = extractor or Extractor()
    limits = limits or Limits()
    report = on_issue or (lambda issue: print(str(issue), file=sys.stderr))
    decisions = decisions or {}

    identities = PaperIdentities()
    stats = identities.stats
    issues: list[str] = []
    lineage: list[tuple[int, LineageRecord]] = []
    items = _within(iter_records(inputs, fmt), limits)
    fingerprint = extractor_fingerprint(extractor.vocab.fingerprint)
    digest = hashlib.sha256() if unchanged else None
    if digest is not None:
        items = digested(items, digest, fingerprint)
    spool_fd, spool = tempfile.mkstemp(prefix="graphkit-spool-", suffix=".pickle")
    try:
        offsets = array("q", [0])  # where each spooled record ends: 8 bytes a paper
        with os.fdopen(spool_fd, "wb", buffering=1 << 20) as handle:
            for item in items:
                if isinstance(item, PaperRecord):
                    identities.add(item, len(offsets) - 1)
                    offsets.append(offsets[-1] + handle.write(pickle.dumps(item, pickle.HIGHEST_PROTOCOL)))
                elif isinstance(item, LineageRecord):
                    lineage.append((len(offsets) - 1, item))
                else:
                    stats.skipped += item.skipped
                    stats.warnings += not item.skipped
                    issues.append(str(item))
                    report(item)
        identities.finish()
        stats.records = len(offsets) - 1 + len(lineage)
        if digest is not None and unchanged(digest.hexdigest()):  # type: ignore[misc]
            empty = KnowledgeGraph()
            empty.stats, empty.issues = stats, issues
            return StreamResult(empty, digest=digest.hexdigest(), unchanged=True)
        store = ExtractionDB(cache, fingerprint) if cache else None
        writer = _Writer(extractor, _Context(PaperRenderer(extractor, Curation(decisions, identities.sources)),
                                             identities, spool, store, store.previous() if store else None),
                         engine, scheduler)
        try:
            with paused_gc():
                write_atomic(outputs[0], lambda handle: writer.write(handle, offsets, lineage, workers, progress))
            if store is not None:
                store.finish(written=outputs[0])
                stats.reused, stats.extracted, stats.copied = store.reused, store.extracted, store.copied
        finally:
            if store is not None:
                store.close()
    finally:
        os.unlink(spool)
    for extra in outputs[1:]:
        copy_file(outputs[0], extra)
    graph = writer.entities
    stats.lineage, stats.streamed_edges = graph.stats.lineage, graph.stats.streamed_edges
    graph.stats = stats
    graph.issues = issues
    return StreamResult(graph, writer.introduced, writer.curated, digest.hexdigest() if digest else "")


class _Writer:
    """The second pass: render papers in input order, collect entities, then write them."""

    def __init__(self, extractor: Extractor, context: _Context, engine: str = "local",
                 scheduler: str | None = None) -> None:
        self.extractor = extractor
        self.engine, self.scheduler = engine, scheduler
        self.identities = context.identities
        self.context = context
        self.curation = context.renderer.curation
        self.entities = KnowledgeGraph()
        self.grouped = KnowledgeGraph()
        #: IRIs of the papers assembled here and of their author lists (blocks this graph writes itself).
        self.grouped_local: set[str] = set()
        self.introduced: set[str] = set()
        self.paper_edges = 0
        self.rejected: set[Key] = set()
        self.accepted = 0
        self.curated = (0, 0)
        #: Bytes written so far, and (cache key, render digest, offset, size) of papers not yet noted.
        self.offset = 0
        self.placed: list[tuple[str, str | None, int, int]] = []

    def write(self, handle: BinaryIO, offsets: Sequence[int], lineage: list[tuple[int, LineageRecord]], workers: int,
              progress: bool | None) -> None:
        from tqdm import tqdm

        show = sys.stderr.isatty() if progress is None else progress
        with tqdm(total=len(offsets) - 1, unit=" papers", disable=not show, file=sys.stderr, leave=False) as bar:
            write_pieces(handle, self._pieces(offsets, lineage, workers, bar.update), batch=512)

    def _pieces(self, offsets: Sequence[int], lineage: list[tuple[int, LineageRecord]], workers: int,
                tick: Callable[[], object]) -> Iterator[str | bytes]:
        """The file's text: header, papers in input order, papers assembled here, then the entities."""
        header = turtle_header()
        yield header
        self.offset = len(utf8(header))
        waiting = iter(lineage)
        following = next(waiting, None)
        for position, part in enumerate(self._parts(offsets, workers)):
            while following is not None and following[0] <= position:  # lineage records keep their place
                self.entities.add_lineage(following[1], self.extractor.vocab)
                following = next(waiting, None)
            if part is None:
                (record,) = _read_spool(self.context.spool, offsets[position:position + 2])
                part = self._grouped(record, self.identities.paper(position, record))
            else:
                yield part.text
                if part.key:
                    self.placed.append((part.key, part.render, self.offset, len(part.text)))
                self.offset += len(part.text)
            self._learn(part)
            tick()
        while following is not None:
            self.entities.add_lineage(following[1], self.extractor.vocab)
            following = next(waiting, None)
        rejected, accepted = self.curation.apply(self.grouped, self.grouped.papers)
        self.rejected.update(rejected)
        self.accepted += accepted
        yield from iter_turtle(self.grouped, part="papers", header=False)
        self._finish_entities()
        yield from iter_turtle(self.entities, part="entities", header=False)

    def _parts(self, offsets: Sequence[int], workers: int) -> Iterator[PaperPart | None]:
        """Every spooled paper rendered, in input order; None where this process must assemble it."""
        size = DASK_CHUNK if self.engine == "dask" else CHUNK
        ranges = [(first, offsets[first:first + size + 1]) for first in range(0, len(offsets) - 1, size)]
        if self.engine == "dask":
            with dask_client(self.scheduler) as client:
                curation = client.scatter(self.curation, broadcast=True)
                jobs = ((first, client.submit(render_on_worker, _prepare(self.context, first, bounds), curation,
                                              pure=False)) for first, bounds in ranges)
                yield from self._cached(result for _, result in in_order(jobs, dask_width(client)))
            return
        if workers <= 1:
            _set_context(self.context)
            yield from self._cached(_render_range(first, bounds) for first, bounds in ranges)
            return
        with process_pool(workers, _set_context, self.context) as pool:
            jobs = ((first, pool.submit(_render_range, first, bounds)) for first, bounds in ranges)
            yield from self._cached(result for _, result in in_order(jobs, workers * 2))

    def _cached(self, chunks: Iterable[_Rendered]) -> Iterator[PaperPart | None]:
        """The chunks' papers, telling the extraction cache what each chunk extracted and reused, and
        where the papers before it were written."""
        cache = self.context.cache
        for chunk in chunks:
            if cache is not None:
                cache.record(chunk.new, chunk.reused, chunk.copied)
                cache.place(self.placed)
            self.placed.clear()
            yield from chunk.parts
        if cache is not None:
            cache.place(self.placed)
        self.placed.clear()

    def _grouped(self, record: PaperRecord, iri: str) -> PaperPart:
        """A paper with several records: merged here, in order, exactly as the in-memory graph does."""
        graph = self.grouped
        local = self.grouped_local
        local.update((iri, f"{iri}/authors"))
        text = graph.text_for_extraction(record, iri)
        extraction = self.extractor.extract(text, iri)
        nodes_before, edges_before = len(graph.nodes), len(graph.edges)
        graph.add_paper(record, extraction, self.extractor.vocab, iri, cite=False)
        for target in self.identities.cited(record, iri):
            graph.add_citation(iri, target, record.source)
        nodes = [(n.iri, n.kind, n.name) for n in islice(graph.nodes.values(), nodes_before, None)
                 if n.iri not in local]
        edges = [k for k in islice(graph.edges, edges_before, None) if k[0] not in local]
        introduced = [k[2] for k in islice(graph.edges, edges_before, None)
                      if k[0] == iri and k[1] == "introducesModel"]
        return PaperPart(b"", nodes, list(extraction.aliases.items()), edges, introduced, 0, [], 0)

    def _learn(self, part: PaperPart) -> None:
        """Add what one paper taught about entities, in input order (first name seen wins)."""
        graph, terms = self.entities, self.extractor.vocab.terms
        for iri, kind, name in part.nodes:
            if iri not in graph.nodes:
                term = terms.get(iri)
                if term is not None and term.kind == kind:
                    graph.add_term(term)
                else:
                    graph.node(iri, kind, name)
        for target, surfaces in part.aliases:
            node = graph.nodes.get(target)
            if node is not None:
                node.alt_labels.update(surfaces)
        for key in part.edges:
            graph.edges.setdefault(key, {})
        self.introduced.update(part.introduced)
        self.paper_edges += part.paper_edges
        self.rejected.update(part.rejected)
        self.accepted += part.accepted

    def _finish_entities(self) -> None:
        graph = self.entities
        for iri, identifier in sorted(self.identities.stubs.items()):
            graph.add_stub(iri, identifier)
        graph.add_curated(self.extractor.vocab)
        rejected, accepted = self.curation.apply(graph, ())
        decided = {k: d for k, d in self.curation.entities.items() if d.decision == "accept"}
        accepted += apply_curation(graph, decided)[1] if decided else 0
        self.rejected.update(rejected)
        grouped_edges = sum(1 for k in self.grouped.edges if k[0] in self.grouped_local and k[1] in PAPER_PROPERTIES)
        graph.stats.streamed_edges = self.paper_edges + grouped_edges
        self.curated = (len(self.rejected), self.accepted + accepted)
