"""The streaming build: papers go from the loaders through extraction straight into Turtle.

Memory holds the distinct entities (models, datasets, authors, ...) and an identifier index,
not the papers: each paper's own blocks (the paper, its author list, its evidence) are
rendered as soon as it is extracted, by worker processes when ``workers > 1``, and written in
input order. A first pass over the inputs reads identifiers only (``PaperIdentities``), so
merged and cited papers get the same IRIs as in the in-memory build; papers with several
records are assembled in this process. The result is the same graph as
:func:`graphkit.pipeline.build` (tests compare the triples); the file lists papers in input
order, then the entities in IRI order.
"""

from __future__ import annotations

import multiprocessing
import shutil
import sys
from collections.abc import Callable, Container, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from graphkit.curation import Decision, apply_curation
from graphkit.engines import _in_order, chunks
from graphkit.exporters.files import write_atomic
from graphkit.exporters.rdf import iter_turtle, turtle_header
from graphkit.extract import Extractor
from graphkit.graph import P_IDENTIFIER, KnowledgeGraph, Lit, Node
from graphkit.identity import PaperIdentities
from graphkit.models import Limits, LineageRecord, LoadIssue, PaperRecord
from graphkit.namespace import PAPER_PROPERTIES
from graphkit.perf import paused_gc
from graphkit.pipeline import Input, _within, iter_records

Key = tuple[str, str, str]
#: (record, its paper IRI, the IRIs it cites); cited is None where this process assembles it.
Job = tuple[PaperRecord | LineageRecord, str, list[str] | None]
CHUNK = 256


@dataclass(slots=True)
class PaperPart:
    """One paper rendered by a worker, with what the shared entity graph must learn from it."""

    text: str
    nodes: list[tuple[str, str, str]]
    aliases: list[tuple[str, set[str]]]
    edges: list[Key]
    introduced: list[str]
    paper_edges: int
    rejected: list[Key]
    accepted: int


@dataclass
class StreamResult:
    """The entity graph (with the build's counts) and what the summary needs of the papers."""

    graph: KnowledgeGraph
    introduced: set[str] = field(default_factory=set)
    curated: tuple[int, int] = (0, 0)


class PaperRenderer:
    """Extract one paper and render its own Turtle blocks; entities are reported once per process."""

    def __init__(self, extractor: Extractor, curation: Curation) -> None:
        self.extractor = extractor
        self.vocab = extractor.vocab
        self.curation = curation
        self.sent_nodes: set[str] = set()
        self.sent_edges: set[Key] = set()

    def render(self, record: PaperRecord, iri: str, cited: list[str]) -> PaperPart:
        extraction = self.extractor.extract(record, iri)
        mini = KnowledgeGraph()
        mini.add_paper(record, extraction, self.vocab, iri, cite=False)
        for target in cited:
            mini.add_citation(iri, target, record.source)
        rejected, accepted = self.curation.apply(mini, (iri,))
        local = (iri, f"{iri}/authors")
        text = "".join(iter_turtle(mini, part="papers", header=False))
        nodes = []
        for node in mini.nodes.values():
            if node.iri not in local and node.iri not in self.sent_nodes:
                self.sent_nodes.add(node.iri)
                nodes.append((node.iri, node.kind, node.name))
        edges, introduced, paper_edges = [], [], 0
        for key in mini.edges:
            if key[0] == iri:
                paper_edges += key[1] in PAPER_PROPERTIES
                if key[1] == "introducesModel":
                    introduced.append(key[2])
            elif key not in self.sent_edges:
                self.sent_edges.add(key)
                edges.append(key)
        aliases = list(extraction.aliases.items())
        return PaperPart(text, nodes, aliases, edges, introduced, paper_edges, rejected, accepted)


class Curation:
    """Curation decisions split for streaming: rejections apply wherever the edge turns up; decisions
    about a loaded paper's own edges apply where that paper is assembled; the rest to the entities."""

    def __init__(self, decisions: dict[Key, Decision], papers: Container[str]) -> None:
        self.rejections = {key for key, d in decisions.items() if d.decision == "reject"}
        self.by_paper: dict[str, dict[Key, Decision]] = {}
        self.entities: dict[Key, Decision] = {}
        for key, decision in decisions.items():
            if key[0] in papers:
                self.by_paper.setdefault(key[0], {})[key] = decision
            else:
                self.entities[key] = decision

    def apply(self, graph: KnowledgeGraph, papers: Iterable[str]) -> tuple[list[Key], int]:
        """Apply to a graph of the given papers; returns (rejected edges found, edges accepted)."""
        decisions = {key: Decision(*key, "reject") for key in self.rejections if key in graph.edges}
        for paper in papers:
            decisions.update(self.by_paper.get(paper, {}))
        if not decisions:
            return [], 0
        found = sorted(k for k, d in decisions.items() if d.decision == "reject" and k in graph.edges)
        return found, apply_curation(graph, decisions)[1]


_RENDERER: PaperRenderer | None = None


def _set_renderer(renderer: PaperRenderer) -> None:
    global _RENDERER
    _RENDERER = renderer


def _render_chunk(chunk: list[tuple[Job, None]]) -> list[PaperPart | None]:
    assert _RENDERER is not None
    return [_RENDERER.render(record, iri, cited) if cited is not None else None  # type: ignore[arg-type]
            for (record, iri, cited), _ in chunk]


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
) -> StreamResult:
    """Build and write Turtle to every path in ``outputs`` (same bytes), holding only entities in memory.

    ``decisions`` are curation decisions (``graphkit.curation.load_decisions``), applied as
    ``graphkit build`` applies them to an in-memory graph.
    """
    if not outputs:
        raise ValueError("stream_build needs at least one output path")
    for path in outputs:
        if path.suffix.lower() != ".ttl":
            from graphkit.errors import GraphkitError

            raise GraphkitError(f"{path}: a streaming build writes Turtle (.ttl) only")
    inputs = list(inputs)
    extractor = extractor or Extractor()
    limits = limits or Limits()
    report = on_issue or (lambda issue: print(str(issue), file=sys.stderr))
    decisions = decisions or {}

    identities = PaperIdentities()
    stats = identities.stats
    issues: list[str] = []
    position = 0
    for item in _papers(inputs, fmt, limits):
        if isinstance(item, PaperRecord):
            identities.add(item, position)
            position += 1
        elif isinstance(item, LoadIssue):
            stats.skipped += item.skipped
            stats.warnings += not item.skipped
            issues.append(str(item))
            report(item)
    identities.finish()

    writer = _Writer(extractor, identities, decisions)
    with paused_gc():
        write_atomic(outputs[0], lambda handle: writer.write(handle, inputs, fmt, limits, workers, progress))
    for extra in outputs[1:]:
        _copy(outputs[0], extra)
    graph = writer.entities
    curated = writer.curated
    stats.records, stats.lineage, stats.streamed_edges = writer.records, graph.stats.lineage, graph.stats.streamed_edges
    graph.stats = stats
    graph.issues = issues
    return StreamResult(graph, writer.introduced, curated)


def _papers(inputs: list[Input], fmt: str | None, limits: Limits) -> Iterator[PaperRecord | LineageRecord | LoadIssue]:
    """Every item of the inputs, the same in both passes (paper positions count paper records only)."""
    return _within(iter_records(inputs, fmt), limits)


class _Writer:
    """The second pass: render papers in input order, collect entities, then write them."""

    def __init__(self, extractor: Extractor, identities: PaperIdentities, decisions: dict[Key, Decision]) -> None:
        self.extractor = extractor
        self.identities = identities
        self.curation = Curation(decisions, identities.sources)
        self.renderer = PaperRenderer(extractor, self.curation)
        self.entities = KnowledgeGraph()
        self.grouped = KnowledgeGraph()
        self.grouped_local: list[str] = []
        self.introduced: set[str] = set()
        self.paper_edges = 0
        self.rejected: set[Key] = set()
        self.accepted = 0
        self.records = 0
        self.curated = (0, 0)

    def jobs(self, inputs: list[Input], fmt: str | None, limits: Limits) -> Iterator[Job]:
        position = 0
        for item in _papers(inputs, fmt, limits):
            if isinstance(item, LoadIssue):
                continue
            self.records += 1
            if isinstance(item, LineageRecord):
                yield item, "", None
                continue
            iri = self.identities.paper(position, item)
            position += 1
            if iri in self.identities.merged:
                yield item, iri, None
            else:
                yield item, iri, self.identities.cited(item, iri)

    def write(self, handle: BinaryIO, inputs: list[Input], fmt: str | None, limits: Limits, workers: int,
              progress: bool | None) -> None:
        from tqdm import tqdm

        show = sys.stderr.isatty() if progress is None else progress
        handle.write(turtle_header().encode())
        pending: list[str] = []
        jobs = self.jobs(inputs, fmt, limits)
        with tqdm(unit=" papers", disable=not show, file=sys.stderr, leave=False) as bar:
            for (item, iri, cited), part in self._parts(jobs, workers):
                if isinstance(item, LineageRecord):
                    self.entities.add_lineage(item, self.extractor.vocab)
                    continue
                if part is None:
                    part = self._grouped(item, iri)  # type: ignore[arg-type]
                else:
                    pending.append(part.text)
                self._learn(part)
                bar.update()
                if len(pending) >= 512:
                    handle.write("".join(pending).encode("utf-8", "surrogatepass"))
                    pending.clear()
        rejected, accepted = self.curation.apply(self.grouped, self.grouped_local[::2])
        self.rejected.update(rejected)
        self.accepted += accepted
        pending.extend(iter_turtle(self.grouped, part="papers", header=False))
        self._finish_entities()
        pending.extend(iter_turtle(self.entities, part="entities", header=False))
        tail = "".join(pending).rstrip("\n") + "\n"
        handle.write(tail.encode("utf-8", "surrogatepass"))

    def _parts(self, jobs: Iterator[Job], workers: int) -> Iterator[tuple[Job, PaperPart | None]]:
        """Each job with its rendered paper, in input order; None where this process must assemble it."""
        if workers <= 1:
            for job in jobs:
                record, iri, cited = job
                ready = cited is not None and isinstance(record, PaperRecord)
                yield job, self.renderer.render(record, iri, cited) if ready else None  # type: ignore[arg-type]
            return
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_set_renderer,
                                 initargs=(PaperRenderer(self.extractor, self.curation),)) as pool:
            pairs = chunks(((job, None) for job in jobs), CHUNK)  # type: ignore[misc]
            yield from _in_order(lambda chunk: pool.submit(_render_chunk, chunk), pairs, workers * 2)  # type: ignore[misc]

    def _grouped(self, record: PaperRecord, iri: str) -> PaperPart:
        """A paper with several records: merged here, in order, exactly as the in-memory graph does."""
        graph = self.grouped
        if iri not in graph.nodes:
            self.grouped_local += [iri, f"{iri}/authors"]
        text = graph.text_for_extraction(record, iri)
        extraction = self.extractor.extract(text, iri)
        nodes_before, edges_before = len(graph.nodes), len(graph.edges)
        graph.add_paper(record, extraction, self.extractor.vocab, iri, cite=False)
        for target in self.identities.cited(record, iri):
            graph.add_citation(iri, target, record.source)
        local = set(self.grouped_local)
        nodes = [(n.iri, n.kind, n.name) for n in islice(graph.nodes.values(), nodes_before, None)
                 if n.iri not in local]
        edges = [k for k in islice(graph.edges, edges_before, None) if k[0] not in local]
        introduced = [k[2] for k in islice(graph.edges, edges_before, None)
                      if k[0] == iri and k[1] == "introducesModel"]
        return PaperPart("", nodes, list(extraction.aliases.items()), edges, introduced, 0, [], 0)

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
            if iri not in graph.nodes:
                graph.nodes[iri] = Node(iri, "paper", identifier, props={P_IDENTIFIER: {Lit(identifier)}})
        graph.add_curated(self.extractor.vocab)
        rejected, accepted = self.curation.apply(graph, ())
        decided = {k: d for k, d in self.curation.entities.items() if d.decision == "accept"}
        accepted += apply_curation(graph, decided)[1] if decided else 0
        self.rejected.update(rejected)
        local = set(self.grouped_local)
        grouped_edges = sum(1 for k in self.grouped.edges if k[0] in local and k[1] in PAPER_PROPERTIES)
        graph.stats.streamed_edges = self.paper_edges + grouped_edges
        self.curated = (len(self.rejected), self.accepted + accepted)


def _copy(source: Path, target: Path) -> None:
    write_atomic(target, lambda handle: _copy_into(source, handle))


def _copy_into(source: Path, handle: BinaryIO) -> None:
    with open(source, "rb") as src:
        shutil.copyfileobj(src, handle, 1 << 20)
