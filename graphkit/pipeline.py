"""The build pipeline: inputs -> loaders -> records -> extraction -> graph, one direction."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

from graphkit.engines import ENGINES, dask_extracted, local_extracted
from graphkit.errors import GraphkitError, LoadError
from graphkit.extract import Extraction, Extractor
from graphkit.graph import KnowledgeGraph, record_iri
from graphkit.incremental import ExtractionCache, record_key
from graphkit.loaders.base import record_from_mapping
from graphkit.models import Limits, LineageRecord, LoadIssue, PaperRecord
from graphkit.perf import paused_gc
from graphkit.registry import detect_loader

Input = str | Path | PaperRecord | Mapping[str, Any]
Item = PaperRecord | LineageRecord | LoadIssue


def iter_records(inputs: Iterable[Input], fmt: str | None = None) -> Iterator[PaperRecord | LineageRecord | LoadIssue]:
    """Records and issues from every input, in input order; a bad file becomes one issue."""
    for index, item in enumerate(inputs, start=1):
        if isinstance(item, PaperRecord):
            yield item
        elif isinstance(item, Mapping):
            yield record_from_mapping(item, "<records>", index)
        else:
            path = Path(item)
            try:
                loader = detect_loader(path, fmt)
                yield from loader.read(path)
            except LoadError as exc:
                yield LoadIssue(file=exc.file, record=exc.record, reason=exc.reason)
            except OSError as exc:
                yield LoadIssue(file=str(path), reason=exc.strerror or str(exc))


def build(
    inputs: Iterable[Input],
    *,
    fmt: str | None = None,
    extractor: Extractor | None = None,
    on_issue: Callable[[LoadIssue], None] | None = None,
    progress: bool | None = None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    cache: ExtractionCache | None = None,
    limits: Limits | None = None,
) -> KnowledgeGraph:
    """Load, extract and assemble a graph; issues go to ``on_issue`` (default: stderr).

    ``engine``/``workers``/``scheduler`` choose where extraction runs (the graph is the same
    either way); ``cache`` reuses the extraction of records seen by an earlier build.
    """
    extractor = extractor or Extractor()
    graph = KnowledgeGraph()
    report = on_issue or (lambda issue: print(str(issue), file=sys.stderr))
    show = sys.stderr.isatty() if progress is None else progress
    from tqdm import tqdm

    digest = hashlib.sha256()
    items = _within(iter_records(inputs, fmt), limits or Limits())
    jobs = ((item, _cached(cache, item)) for item in _digested(items, digest, cache))
    if engine == "dask":
        stream = dask_extracted(jobs, scheduler)
    elif engine == "local":
        stream = local_extracted(jobs, extractor, workers)
    else:
        raise GraphkitError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    with paused_gc(), tqdm(unit=" papers", disable=not show, file=sys.stderr, leave=False) as bar:
        for item, extracted in stream:
            if isinstance(item, LoadIssue):
                if item.skipped:
                    graph.stats.skipped += 1
                else:
                    graph.stats.warnings += 1
                graph.issues.append(str(item))
                report(item)
                continue
            graph.stats.records += 1
            if isinstance(item, LineageRecord):
                graph.add_lineage(item, extractor.vocab)
                continue
            own = record_iri(item)
            paper = graph.resolve_paper(item, own)
            text = graph.text_for_extraction(item, paper)
            if text is item and paper == own:
                extraction = _reuse(cache, item, paper, extracted, extractor)
            else:
                # Merged into an earlier paper: extract on that node's own text and IRI.
                extraction = extractor.extract(text, paper)
            graph.add_paper(item, extraction, extractor.vocab, paper)
            bar.update()
        graph.rekey_merged()
        graph.add_curated(extractor.vocab)
    if cache is not None:
        graph.stats.reused, graph.stats.extracted = cache.reused, cache.extracted
        graph.stats.input_digest = digest.hexdigest()
    return graph


def _digested(items: Iterator[Item], digest: Any, cache: ExtractionCache | None) -> Iterator[Item]:
    """Pass items through, hashing each (only for incremental builds, which need to know)."""
    if cache is None:
        return items
    return digested(items, digest, cache.fingerprint)


def digested(items: Iterator[Item], digest: Any, fingerprint: str) -> Iterator[Item]:
    """Pass items through, hashing the extractor fingerprint and every item's content: the input
    digest incremental builds compare (the same for an in-memory and a streaming build)."""
    digest.update(fingerprint.encode())
    for item in items:
        digest.update(orjson.dumps(item.__dict__) + b"\n")  # the fields in declaration order
        yield item


def _within(items: Iterator[Item], limits: Limits) -> Iterator[Item]:
    """Replace records over the limits by a one-line issue naming file, line, record and reason."""
    for item in items:
        if isinstance(item, PaperRecord):
            reason = None
            if len(item.abstract) > limits.max_abstract_chars:
                reason = f"abstract has {len(item.abstract):,} characters (limit {limits.max_abstract_chars:,})"
            else:
                size = len(item.title) + len(item.abstract)
                size += sum(len(a) for a in item.authors) + sum(len(r) for r in item.references)
                if size * 4 > limits.max_record_bytes:  # only then can the UTF-8 size be over the limit
                    size += sum(len(v.encode("utf-8", "surrogatepass")) - len(v) for v in (item.title, item.abstract))
                if size > limits.max_record_bytes:
                    reason = f"record has {size:,} bytes (limit {limits.max_record_bytes:,})"
            if reason:
                label = item.id or item.doi or item.arxiv_id or repr(item.title[:40])
                item = LoadIssue(file=item.source, record=item.line, reason=f"record {label} skipped: {reason}")
        yield item


def _cached(cache: ExtractionCache | None, item: object) -> bool:
    """Is this record's extraction already known (so no worker needs to extract it)?"""
    if cache is None or not isinstance(item, PaperRecord):
        return False
    return record_key(item, record_iri(item)) in cache.entries


def _reuse(cache: ExtractionCache | None, item: PaperRecord, paper: str, extracted: Extraction | None,
           extractor: Extractor) -> Extraction:
    """The record's extraction: from the cache, from a worker, or made here; remembered in the cache."""
    if cache is None:
        return extracted if extracted is not None else extractor.extract(item, paper)
    key = record_key(item, paper)
    found = cache.get(key)
    if found is None:
        found = extracted if extracted is not None else extractor.extract(item, paper)
        cache.put(key, found)
    return found

