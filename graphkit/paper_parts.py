"""One paper's part of a streaming build: its own Turtle blocks, and what the shared entity graph
must learn from it (entities, aliases, edges between entities), with curation applied.

Worker processes (or Dask workers) make the parts; the writer (``graphkit.stream``) writes their
text in input order and learns the rest. Each renderer reports an entity once, so the parts of
one process together carry everything its papers found.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass

from graphkit.curation import Decision, apply_curation
from graphkit.exporters.paper_turtle import paper_turtle
from graphkit.exporters.rdf import iter_turtle, utf8
from graphkit.extract import Extraction, Extractor
from graphkit.graph import KnowledgeGraph
from graphkit.ids import author_iri
from graphkit.models import PaperRecord
from graphkit.namespace import LINEAGE_KINDS, PAPER_PROPERTIES

Key = tuple[str, str, str]


@dataclass(slots=True)
class PaperPart:
    """One paper rendered by a worker, with what the shared entity graph must learn from it."""

    #: The paper's blocks, UTF-8 encoded by the worker (the writer passes them through as they are).
    text: bytes
    nodes: list[tuple[str, str, str]]
    aliases: list[tuple[str, set[str]]]
    edges: list[Key]
    introduced: list[str]
    paper_edges: int
    rejected: list[Key]
    accepted: int
    #: The extraction cache's key for the record, and the digest of what the text was rendered from.
    key: str | None = None
    render: str | None = None
    #: Rendered through a one-paper graph because curation decides about the paper: never copied later.
    curated: bool = False


class PaperRenderer:
    """Render an extracted paper's own Turtle blocks; entities are reported once per renderer."""

    def __init__(self, extractor: Extractor, curation: Curation) -> None:
        self.extractor = extractor
        self.vocab = extractor.vocab
        self.curation = curation
        self.sent_nodes: set[str] = set()
        self.sent_edges: set[Key] = set()
        self.sent_aliases: dict[str, set[str]] = {}

    def render(self, record: PaperRecord, iri: str, cited: list[str], extraction: Extraction,
               text: bytes | None = None) -> PaperPart:
        """The paper's part; ``text`` is its Turtle as an earlier build wrote it from the same record,
        IRI, citations and extraction (used unless curation decides about the paper)."""
        keys = _edge_keys(extraction)
        for target in cited:
            keys.setdefault((iri, "cites", target), None)
        if self.curation.touches(iri, keys):
            part = self._render_graph(record, iri, cited, extraction)
            part.curated = True
            return part
        authors = [author_iri(name) for name in record.authors]
        if text is None:
            text = utf8(paper_turtle(record, iri, authors, extraction, cited))
        # The nodes a one-paper graph would hold besides the paper's own, in the order it adds them.
        found: dict[str, tuple[str, str, str]] = {}
        for author, name in zip(authors, record.authors):
            if author not in found:
                found[author] = (author, "author", name)
        for entity in extraction.entities.values():
            if entity.iri not in found:
                found[entity.iri] = (entity.iri, entity.kind, entity.name)
        terms = self.vocab.terms
        for subject, _, obj in keys:
            for endpoint in (subject, obj):
                if endpoint not in found and endpoint != iri and endpoint in terms:
                    term = terms[endpoint]
                    found[endpoint] = (endpoint, term.kind, term.name)
        return self._part(iri, text, found.values(), keys, extraction, [], 0)

    def _render_graph(self, record: PaperRecord, iri: str, cited: list[str], extraction: Extraction) -> PaperPart:
        """The general way, through a one-paper graph: for papers that curation decides about."""
        mini = KnowledgeGraph(term_details=False)  # the writer adds each term's details once
        mini.add_paper(record, extraction, self.vocab, iri, cite=False)
        for target in cited:
            mini.add_citation(iri, target, record.source)
        rejected, accepted = self.curation.apply(mini, (iri,))
        text = utf8("".join(iter_turtle(mini, part="papers", header=False)))
        local = (iri, f"{iri}/authors")
        nodes = [(n.iri, n.kind, n.name) for n in mini.nodes.values() if n.iri not in local]
        return self._part(iri, text, nodes, mini.edges, extraction, rejected, accepted)

    def _part(self, iri: str, text: bytes, nodes: Iterable[tuple[str, str, str]], keys: Iterable[Key],
              extraction: Extraction, rejected: list[Key], accepted: int) -> PaperPart:
        """The part with only what this process has not told the writer before (the paper's own edges
        are counted, the others sent once)."""
        introduced, paper_edges = [], 0
        others = []
        for key in keys:
            if key[0] == iri:
                paper_edges += key[1] in PAPER_PROPERTIES
                if key[1] == "introducesModel":
                    introduced.append(key[2])
            else:
                others.append(key)
        fresh = []
        for node in nodes:
            if node[0] not in self.sent_nodes:
                self.sent_nodes.add(node[0])
                fresh.append(node)
        edges = []
        for key in others:
            if key not in self.sent_edges:
                self.sent_edges.add(key)
                edges.append(key)
        aliases = []
        for target, surfaces in extraction.aliases.items():
            if target not in self.sent_nodes:
                aliases.append((target, surfaces))  # the writer may not hold the node yet: it decides
                continue
            # Sent before with its node, which the writer holds by now: only new spellings travel.
            known = self.sent_aliases.setdefault(target, set())
            if not surfaces <= known:
                aliases.append((target, surfaces - known))
                known.update(surfaces)
        return PaperPart(text, fresh, aliases, edges, introduced, paper_edges, rejected, accepted)


def _edge_keys(extraction: Extraction) -> dict[Key, None]:
    """The distinct edges a paper's extraction adds to a graph, in the order it adds them."""
    keys: dict[Key, None] = {}
    for found in extraction.edges:
        keys[(found.subject, found.predicate, found.object)] = None
        if found.predicate in LINEAGE_KINDS:
            keys[(found.subject, "derivedFrom", found.object)] = None
    return keys


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

    def touches(self, paper: str, keys: Iterable[Key]) -> bool:
        """True when a decision may change this paper's edges (about the paper, or rejecting one of them)."""
        return paper in self.by_paper or (bool(self.rejections) and not self.rejections.isdisjoint(keys))

    def apply(self, graph: KnowledgeGraph, papers: Iterable[str]) -> tuple[list[Key], int]:
        """Apply to a graph of the given papers; returns (rejected edges found, edges accepted)."""
        decisions = {key: Decision(*key, "reject") for key in self.rejections if key in graph.edges}
        for paper in papers:
            decisions.update(self.by_paper.get(paper, {}))
        if not decisions:
            return [], 0
        found = sorted(k for k, d in decisions.items() if d.decision == "reject" and k in graph.edges)
        return found, apply_curation(graph, decisions)[1]
