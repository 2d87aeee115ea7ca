"""The build pipeline: inputs -> loaders -> records -> extraction -> graph, one direction."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from graphkit.errors import LoadError
from graphkit.extract import Extractor
from graphkit.graph import KnowledgeGraph, record_iri
from graphkit.loaders.base import record_from_mapping
from graphkit.models import LoadIssue, PaperRecord
from graphkit.perf import paused_gc
from graphkit.registry import detect_loader

Input = str | Path | PaperRecord | Mapping[str, Any]


def iter_records(inputs: Iterable[Input], fmt: str | None = None) -> Iterator[PaperRecord | LoadIssue]:
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
) -> KnowledgeGraph:
    """Load, extract and assemble a graph; issues go to ``on_issue`` (default: stderr)."""
    extractor = extractor or Extractor()
    graph = KnowledgeGraph()
    report = on_issue or (lambda issue: print(str(issue), file=sys.stderr))
    show = sys.stderr.isatty() if progress is None else progress
    from tqdm import tqdm

    with paused_gc(), tqdm(unit=" papers", disable=not show, file=sys.stderr, leave=False) as bar:
        for item in iter_records(inputs, fmt):
            if isinstance(item, LoadIssue):
                if item.skipped:
                    graph.stats.skipped += 1
                else:
                    graph.stats.warnings += 1
                graph.issues.append(str(item))
                report(item)
                continue
            graph.stats.records += 1
            paper = record_iri(item)
            graph.add_paper(item, extractor.extract(item, paper), extractor.vocab, paper)
            bar.update()
        graph.add_curated(extractor.vocab)
    return graph

