"""The in-memory knowledge graph: nodes and edges keyed by IRI, evidence on every edge.

Everything downstream (RDF, GraphML, networkx, Neo4j, views) reads this one model, so the
exports agree with each other. Adding the same paper or edge twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.extract import Extraction
from graphkit.identity import PaperIdentities, identifiers, record_iri
from graphkit.ids import author_iri, entity_iri, evidence_iri, language_iri
from graphkit.models import BuildStats, LineageRecord, PaperRecord
from graphkit.namespace import (
    BIBO,
    DCTERMS,
    FOAF,
    GK,
    KINDS,
    LINEAGE_KINDS,
    LINEAGE_PROPERTIES,
    PAPER_PROPERTIES,
    RDF,
    RDFS,
    SKOS,
    XSD,
)
from graphkit.vocab import Term, Vocabulary

if TYPE_CHECKING:
    import networkx
    import pyoxigraph
    import rdflib


P_TITLE = f"{DCTERMS}title"
P_ABSTRACT = f"{DCTERMS}abstract"
P_ISSUED = f"{DCTERMS}issued"
P_IDENTIFIER = f"{DCTERMS}identifier"
P_SOURCE = f"{DCTERMS}source"
P_VENUE = f"{GK}venue"
P_PAGE = f"{FOAF}page"
P_AUTHOR_LIST = f"{BIBO}authorList"
P_TYPE = f"{RDF}type"
C_SEQ = f"{RDF}Seq"
P_CREATOR = f"{DCTERMS}creator"
P_LABEL = f"{RDFS}label"
P_ALT_LABEL = f"{SKOS}altLabel"
P_BROADER = f"{SKOS}broader"
XSD_DATE = f"{XSD}date"
XSD_GYEAR = f"{XSD}gYear"
XSD_DECIMAL = f"{XSD}decimal"
XSD_INTEGER = f"{XSD}integer"
P_EXACT_MATCH = f"{SKOS}exactMatch"
CLASS_IRIS = {kind: f"{GK}{name}" for kind, name in KINDS.items()}


@cache
def _gk(local: str) -> str:
    return f"{GK}{local}"


@cache
def _member(position: int) -> str:
    return f"{RDF}_{position}"


@dataclass(slots=True, unsafe_hash=True, order=True)  # not frozen: 3x faster to create, never mutated
class Lit:
    """An RDF literal: lexical value plus datatype IRI (None for a plain string)."""

    value: str
    datatype: str | None = None


Obj = str | Lit


@dataclass(slots=True, unsafe_hash=True)
class Evidence:
    """Where an edge came from: a quote in a paper, or a curated source."""

    iri: str
    method: str
    confidence: float
    paper: str | None = None
    quote: str | None = None
    field: str | None = None
    start: int | None = None
    end: int | None = None
    source: str | None = None


@dataclass(slots=True)
class Node:
    iri: str
    kind: str
    name: str
    alt_labels: set[str] = field(default_factory=set)
    props: dict[str, set[Obj]] = field(default_factory=dict)

    def add(self, predicate: str, obj: Obj) -> None:
        values = self.props.get(predicate)
        if values is None:
            self.props[predicate] = {obj}
        else:
            values.add(obj)


class KnowledgeGraph:
    """Nodes and evidence-bearing edges, keyed by IRI; exporters read it, never write it."""

    def __init__(self, *, term_details: bool = True) -> None:
        #: False for a graph that only ever writes its papers' own blocks (the streaming build's
        #: per-paper graphs): vocabulary terms then get a bare node, without curated attributes.
        self.term_details = term_details
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Evidence]] = {}
        self.broader: set[tuple[str, str]] = set()
        self.stats = BuildStats()
        self.issues: list[str] = []
        #: The merge rules (CONTRACT §13): which paper each record is, citations, strongest IRIs.
        self.identities = PaperIdentities(self.stats)
        #: Loaded papers (not citation stubs) in the order their first record came.
        self.papers: list[str] = []

    # -- building ---------------------------------------------------------------------
    def node(self, iri: str, kind: str, name: str) -> Node:
        existing = self.nodes.get(iri)
        if existing is None:
            existing = self.nodes[iri] = Node(iri, kind, name)
        return existing

    def add_term(self, term: Term) -> Node:
        node = self.nodes.get(term.iri)
        if node is not None:
            return node
        node = self.node(term.iri, term.kind, term.name)
        if not self.term_details:
            return node
        node.alt_labels.update(a for a in term.aliases if a != term.name)
        for key, value in term.attrs:
            if key == "hf_repo":
                node.add(P_EXACT_MATCH, f"https://huggingface.co/{value}")
            elif key == "iso639_3":
                node.add(P_EXACT_MATCH, f"http://lexvo.org/id/iso639-3/{value}")
            elif key == "year":
                node.add(f"{GK}year", Lit(value, XSD_GYEAR))
            elif key in ("family", "organisation", "modality", "definition"):
                predicate = f"{SKOS}definition" if key == "definition" else f"{GK}{key}"
                node.add(predicate, Lit(value))
        return node

    def add_edge(self, subject: str, predicate: str, obj: str, evidence: Evidence) -> None:
        self.edges.setdefault((subject, predicate, obj), {})[evidence.iri] = evidence

    def resolve_paper(self, record: PaperRecord, own: str | None = None) -> str:
        """The IRI this record's paper has (an already loaded or cited paper with the same DOI, arXiv
        id, OpenAlex, S2 or ACL id, or the same title and year), registering the record and its
        citations; call once per record, before extracting, so evidence points at the merged node."""
        iri = self.identities.add(record, own=own)
        for cited in self.identities.cited(record, iri):
            identifier = self.identities.stubs.get(cited)
            if identifier is not None:
                self.add_stub(cited, identifier)
        return iri

    def add_stub(self, iri: str, identifier: str) -> None:
        """A cited paper no record has loaded (yet): a gk:Paper with its identifier and no title."""
        if iri not in self.nodes:
            self.nodes[iri] = Node(iri, "paper", identifier, props={P_IDENTIFIER: {Lit(identifier)}})

    def text_for_extraction(self, record: PaperRecord, iri: str) -> PaperRecord:
        """The record with the title and abstract its node keeps (the first seen), so evidence
        offsets of a merged record point into the node's own text."""
        node = self.nodes.get(iri)
        if node is None:
            return record
        title = next(iter(node.props.get(P_TITLE, ())), None)
        abstract = next(iter(node.props.get(P_ABSTRACT, ())), None)
        update = {}
        if title is not None and title.value != record.title:
            update["title"] = title.value
        if abstract is not None and abstract.value != record.abstract:
            update["abstract"] = abstract.value
        return record.model_copy(update=update) if update else record

    def add_paper(self, record: PaperRecord, extraction: Extraction, vocab: Vocabulary, iri: str | None = None,
                  cite: bool = True) -> str:
        """Add one paper with what was extracted from it; returns the paper's IRI.

        A record of a paper already in the graph (see :meth:`resolve_paper`) is merged into its
        node: every identifier and source is kept; title, abstract and date stay the first seen.
        ``cite=False`` leaves the references to the caller (the streaming build resolves them ahead).
        """
        iri = iri or self.resolve_paper(record)
        paper = self.nodes.get(iri)
        if paper is None or P_TITLE not in paper.props:  # new, or a citation stub now loaded
            self.papers.append(iri)
            if paper is not None:
                paper.name = record.title
        paper = self.node(iri, "paper", record.title)
        props: dict[str, set[Obj]] = {}
        if P_TITLE not in paper.props:
            props[P_TITLE] = {Lit(record.title)}
        if record.abstract and P_ABSTRACT not in paper.props:
            props[P_ABSTRACT] = {Lit(record.abstract)}
        if P_ISSUED in paper.props:
            pass
        elif record.date and len(record.date) >= 10:
            props[P_ISSUED] = {Lit(record.date[:10], XSD_DATE)}
        elif record.year:
            props[P_ISSUED] = {Lit(str(record.year), XSD_GYEAR)}
        ids = identifiers(record)
        if ids:
            props[P_IDENTIFIER] = {Lit(i) for i in ids}
        if record.source:
            props[P_SOURCE] = {Lit(record.source)}
        if record.venue:
            props[P_VENUE] = {Lit(record.venue)}
        if record.url and _safe_iri(record.url):
            props[P_PAGE] = {record.url}
        if record.authors and P_AUTHOR_LIST not in paper.props:
            seq = f"{iri}/authors"
            props[P_AUTHOR_LIST] = {seq}
            seq_props: dict[str, set[Obj]] = {P_TYPE: {C_SEQ}}
            creators: set[Obj] = set()
            nodes = self.nodes
            for position, name in enumerate(record.authors, start=1):
                author = author_iri(name)
                if author not in nodes:
                    nodes[author] = Node(author, "author", name)
                creators.add(author)
                seq_props[_member(position)] = {author}
            props[P_CREATOR] = creators
            self.node(seq, "seq", "").props = seq_props
        if paper.props:
            for predicate, values in props.items():
                paper.props.setdefault(predicate, set()).update(values)
        else:
            paper.props = props
        for cited in self.identities.cited(record, iri) if cite else ():
            self.add_citation(iri, cited, record.source)

        for entity in extraction.entities.values():
            self.node(entity.iri, entity.kind, entity.name)
        for found in extraction.edges:
            for endpoint in (found.subject, found.object):
                if endpoint not in self.nodes and endpoint in vocab.terms:
                    self.add_term(vocab.terms[endpoint])
            evidence = Evidence(
                evidence_iri(found.subject, found.predicate, found.object, iri, found.field, found.start),
                found.method, found.confidence, iri, found.quote, found.field, found.start, found.end,
            )
            self.add_edge(found.subject, found.predicate, found.object, evidence)
            if found.predicate in LINEAGE_KINDS:
                self.add_edge(found.subject, "derivedFrom", found.object, Evidence(
                    evidence_iri(found.subject, "derivedFrom", found.object, iri, found.field, found.start),
                    found.method, found.confidence, iri, found.quote, found.field, found.start, found.end,
                ))
        for target, surfaces in extraction.aliases.items():
            if target in self.nodes:
                self.nodes[target].alt_labels.update(surfaces)
        return iri

    def add_citation(self, iri: str, cited: str, source: str) -> None:
        """``iri gk:cites cited``, evidenced by the reference list of the record from ``source``."""
        self.add_edge(iri, "cites", cited, Evidence(
            evidence_iri("cites", iri, cited, source), "curated", 1.0,
            source=source or "reference list of the source record",
        ))

    def rekey_merged(self) -> int:
        """Give every merged paper the IRI of its strongest identifier (arXiv, DOI, OpenAlex), as
        CONTRACT §1 asks, whichever source came first; returns how many papers were renamed."""
        renames = self.identities.finish()
        if renames:
            self._rename_papers(renames)
        return len(renames)

    def _rename_papers(self, renames: dict[str, str]) -> None:
        """Move nodes, author lists, edges and evidence from old to new paper IRIs in one pass."""
        self.papers = [renames.get(iri, iri) for iri in self.papers]
        seqs = {f"{old}/authors": f"{new}/authors" for old, new in renames.items()}
        moves = {**renames, **seqs}
        for old, new in moves.items():
            node = self.nodes.pop(old, None)
            if node is not None:
                node.iri = new
                self.nodes[new] = node
        for new in renames.values():
            props = self.nodes[new].props
            if P_AUTHOR_LIST in props:
                props[P_AUTHOR_LIST] = {moves.get(v, v) for v in props[P_AUTHOR_LIST]}  # type: ignore[arg-type]
        edges: dict[tuple[str, str, str], dict[str, Evidence]] = {}
        for (subject, predicate, obj), evidences in self.edges.items():
            key = (renames.get(subject, subject), predicate, renames.get(obj, obj))
            moved = edges.setdefault(key, {})
            for ev in evidences.values():
                if ev.paper in renames or key != (subject, predicate, obj):
                    paper = renames.get(ev.paper, ev.paper) if ev.paper else None
                    if ev.paper:
                        new_iri = evidence_iri(key[0], predicate, key[2], paper, ev.field, ev.start)
                    elif predicate == "cites":
                        new_iri = evidence_iri("cites", key[0], key[2], ev.source)
                    else:
                        new_iri = evidence_iri(ev.method, *key, ev.source)
                    ev = Evidence(new_iri, ev.method, ev.confidence, paper, ev.quote, ev.field, ev.start, ev.end,
                                  ev.source)
                moved[ev.iri] = ev
        self.edges = edges

    def add_lineage(self, record: LineageRecord, vocab: Vocabulary) -> None:
        """A curated lineage statement: typed edge plus gk:derivedFrom, each with curated evidence."""
        child, parent = self._model(record.model, vocab), self._model(record.base_model, vocab)
        if child == parent:
            return
        self.stats.lineage += 1
        for predicate in {record.relation, "derivedFrom"}:
            self.add_edge(child, predicate, parent, Evidence(
                evidence_iri("curated", child, predicate, parent, record.source),
                "curated", 1.0, source=record.source or "lineage record",
            ))

    def _model(self, name: str, vocab: Vocabulary) -> str:
        """A model node for a Hub repo id or model name: the curated term when known, else a new node."""
        term = vocab.resolve(name, "model")
        if term is None and "/" in name:
            term = vocab.resolve(name.rsplit("/", 1)[-1], "model")
        if term is not None:
            return self.add_term(term).iri
        short = name.rsplit("/", 1)[-1]
        node = self.node(entity_iri("model", short), "model", short)
        if "/" in name:
            node.alt_labels.add(name)
            if _safe_iri(f"https://huggingface.co/{name}"):
                node.add(P_EXACT_MATCH, f"https://huggingface.co/{name}")
        return node.iri

    def add_curated(self, vocab: Vocabulary) -> None:
        """Add curated lineage above every model and the SKOS hierarchy above every concept."""
        models = [iri for iri, n in self.nodes.items() if n.kind == "model"]
        for iri in models:
            for edge in vocab.ancestors(iri):
                for endpoint in (edge.child, edge.parent):
                    if endpoint not in self.nodes:
                        self.add_term(vocab.terms[endpoint])
                predicates = {edge.relation, "derivedFrom"}
                for predicate in predicates:
                    self.add_edge(edge.child, predicate, edge.parent, Evidence(
                        evidence_iri("curated", edge.child, predicate, edge.parent, edge.source),
                        "curated", 1.0, source=edge.source or "graphkit vocabulary",
                    ))
        queue = [iri for iri, n in self.nodes.items() if n.kind in ("technique", "task")]
        while queue:
            iri = queue.pop()
            for parent in vocab.broader.get(iri, ()):
                self.broader.add((iri, parent))
                if parent not in self.nodes:
                    self.add_term(vocab.terms[parent])
                    queue.append(parent)

    # -- reading ----------------------------------------------------------------------
    def entities(self, kind: str | None = None) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind != "seq" and (kind is None or n.kind == kind)]

    def lineage_edges(self) -> list[tuple[str, str, str]]:
        return sorted(k for k in self.edges if k[1] in LINEAGE_PROPERTIES)

    def node_pairs(self) -> Iterator[tuple[str, list[tuple[str, Obj]]]]:
        """Every non-evidence subject with its (predicate, object) pairs, unsorted."""
        by_subject: dict[str, list[tuple[str, Obj]]] = {}
        for iri, node in self.nodes.items():
            pairs = by_subject.setdefault(iri, [])
            if node.kind != "seq":
                pairs.append((P_TYPE, CLASS_IRIS[node.kind]))
                pairs.append((P_LABEL, Lit(node.name)))
                pairs.extend([(P_ALT_LABEL, Lit(a)) for a in node.alt_labels if a != node.name])
            for predicate, objects in node.props.items():
                pairs.extend([(predicate, o) for o in objects])
        for child, parent in self.broader:
            by_subject[child].append((P_BROADER, parent))
        for subject, predicate, obj in self.edges:
            by_subject.setdefault(subject, []).append((_gk(predicate), obj))
        return iter(by_subject.items())

    def evidence_items(self) -> Iterator[tuple[str, str, str, Evidence]]:
        """(subject, predicate local name, object, evidence) for every evidence node."""
        for (subject, predicate, obj), evidences in self.edges.items():
            for ev in evidences.values():
                yield subject, predicate, obj, ev

    @staticmethod
    def evidence_pairs(subject: str, predicate: str, obj: str, ev: Evidence) -> list[tuple[str, Obj]]:
        pairs: list[tuple[str, Obj]] = [
            (P_TYPE, f"{GK}Evidence"),
            (f"{RDF}subject", subject),
            (f"{RDF}predicate", f"{GK}{predicate}"),
            (f"{RDF}object", obj),
            (f"{GK}method", Lit(ev.method)),
            (f"{GK}confidence", Lit(f"{ev.confidence:.2f}", XSD_DECIMAL)),
        ]
        if ev.paper:
            pairs.extend([
                (f"{GK}paper", ev.paper),
                (f"{GK}quote", Lit(ev.quote or "")),
                (f"{GK}field", Lit(ev.field or "")),
                (f"{GK}start", Lit(str(ev.start), XSD_INTEGER)),
                (f"{GK}end", Lit(str(ev.end), XSD_INTEGER)),
            ])
        if ev.source:
            pairs.append((P_SOURCE, Lit(ev.source)))
        return pairs

    def triples(self) -> Iterator[tuple[str, list[tuple[str, Obj]]]]:
        """Every subject with its (predicate, object) pairs, sorted: the one source of all RDF exports."""
        subjects = [(s, pairs) for s, pairs in self.node_pairs()]
        subjects.extend((ev.iri, self.evidence_pairs(s, p, o, ev)) for s, p, o, ev in self.evidence_items())
        subjects.sort(key=lambda item: item[0])
        for subject, pairs in subjects:
            yield subject, sorted(set(pairs), key=_pair_order)

    def summary(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for node in self.entities():
            counts[node.kind] = counts.get(node.kind, 0) + 1
        edges = self.stats.streamed_edges + sum(1 for k in self.edges if k[1] in PAPER_PROPERTIES)
        lineage = sum(1 for k in self.edges if k[1] == "derivedFrom")
        return {"papers": self.stats.papers, "entities": counts, "edges": edges, "lineage_edges": lineage,
                "skipped": self.stats.skipped, "duplicates": self.stats.duplicates, "merged": self.stats.merged}

    # -- views and files --------------------------------------------------------------
    def to_networkx(self) -> networkx.MultiDiGraph:
        from graphkit.exporters.networkx import to_networkx

        return to_networkx(self)

    def to_rdflib(self) -> rdflib.Graph:
        from graphkit.exporters.rdf import to_rdflib

        return to_rdflib(self)

    def to_oxigraph(self) -> pyoxigraph.Store:
        """An in-memory pyoxigraph Store with the N-Triples export's triples (SPARQL 1.1)."""
        from graphkit.store import to_oxigraph

        return to_oxigraph(self)

    def write(self, path: str | Path, fmt: str | None = None) -> Path:
        """Write the graph; the suffix picks the format (.ttl .nt .jsonld .graphml .json)."""
        from graphkit.exporters.files import write_atomic
        from graphkit.perf import paused_gc
        from graphkit.registry import exporter_for

        path = Path(path)
        exporter = exporter_for(path, fmt)
        with paused_gc():
            return write_atomic(path, lambda handle: exporter.write(self, handle))


_PRED_FIRST = {P_TYPE: "0", P_LABEL: "1"}


def _pair_order(pair: tuple[str, Obj]) -> tuple[str, int, str, str]:
    predicate, obj = pair
    if isinstance(obj, Lit):
        return (_PRED_FIRST.get(predicate, "2") + predicate, 1, obj.value, obj.datatype or "")
    return (_PRED_FIRST.get(predicate, "2") + predicate, 0, obj, "")


_UNSAFE_IRI = re.compile(r'[\s<>"{}|^`\\]')


def _safe_iri(value: str) -> bool:
    return value.startswith(("http://", "https://")) and not _UNSAFE_IRI.search(value)


__all__ = ["BuildStats", "Evidence", "KnowledgeGraph", "Lit", "Node", "language_iri", "record_iri"]
