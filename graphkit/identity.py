"""Which paper each record is, decided before any extraction (for the streaming build).

The in-memory graph merges records as it adds them (CONTRACT §13); a streaming build writes
each paper as soon as it is extracted, so it must know every paper's final IRI first. This
index replays the graph's merge rules over the records alone, keeping only identifiers,
never titles' text or abstracts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphkit.graph import BuildStats, _identifiers, _merge_keys, _reference, record_iri
from graphkit.ids import paper_iri, paper_key, title_key
from graphkit.models import PaperRecord


@dataclass
class PaperIdentities:
    """Identifier index of every loaded and cited paper, with the same outcomes as
    :meth:`KnowledgeGraph.resolve_paper`, ``add_paper``, ``_cited_paper`` and ``rekey_merged``."""

    stats: BuildStats = field(default_factory=BuildStats)
    by_id: dict[str, str] = field(default_factory=dict)
    by_title: dict[tuple[str, int], str] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)
    #: Identifier literals of each paper, for choosing a merged paper's strongest IRI.
    idents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Sources each loaded paper came from (shared strings: one per input file).
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Cited papers no record loaded: IRI -> identifier literal.
    stubs: dict[str, str] = field(default_factory=dict)
    #: Papers with more than one record (duplicates or cross-source merges).
    merged: set[str] = field(default_factory=set)
    #: Record position -> IRI, where it is not the record's own IRI.
    assigned: dict[int, str] = field(default_factory=dict)

    def add(self, position: int, record: PaperRecord) -> str:
        """Resolve one record (in input order), index it and its citations; returns its paper IRI."""
        own = record_iri(record)
        keys = _merge_keys(record)
        iri = self._resolve(record, own, keys)
        if iri != own:
            self.assigned[position] = iri
        sources = self.sources.get(iri)
        if sources is None:
            self.stats.papers += 1
            stub = self.stubs.pop(iri, None)
            self.sources[iri] = (record.source,)
            self.idents[iri] = tuple(_identifiers(record)) + ((stub,) if stub else ())
        else:
            if not record.source or record.source in sources:
                self.stats.duplicates += 1
            else:
                self.stats.merged += 1
                self.sources[iri] = (*sources, record.source)
            self.merged.add(iri)
            self.idents[iri] = tuple(dict.fromkeys((*self.idents[iri], *_identifiers(record))))
        for key in keys:
            self.by_id.setdefault(key, iri)
        if keys:
            self.keys.setdefault(iri, set()).update(keys)
        if record.year:
            tkey = title_key(record.title)
            if tkey:
                self.by_title.setdefault((tkey, record.year), iri)
        for reference in record.references:
            self._cite(reference)
        return iri

    def _resolve(self, record: PaperRecord, own: str, keys: list[str]) -> str:
        for key in keys:
            hit = self.by_id.get(key)
            if hit is not None:
                return hit
        tkey = title_key(record.title) if record.year else ""
        if tkey:
            hit = self.by_title.get((tkey, record.year))  # type: ignore[arg-type]
            if hit is not None and not self._conflicts(hit, keys):
                return hit
        exists = own in self.sources or own in self.stubs
        if exists and not keys and record.source not in self.sources.get(own, ()):
            return paper_iri(paper_key(title=record.title, salt=f"{record.source}\x1f{record.line}"))
        return own

    def _conflicts(self, iri: str, keys: list[str]) -> bool:
        known = self.keys.get(iri)
        if not known or not keys:
            return False
        schemes = {k.partition(":")[0] for k in keys}
        return any(k.partition(":")[0] in schemes and k not in keys for k in known)

    def _cite(self, reference: str) -> None:
        parsed = _reference(reference)
        if parsed is None:
            return
        key, identifier, fields = parsed
        if key in self.by_id:
            return
        iri = paper_iri(paper_key(**fields))
        if iri not in self.sources and iri not in self.stubs:
            self.stubs[iri] = identifier
        self.by_id.setdefault(key, iri)
        self.keys.setdefault(iri, set()).add(key)

    def finish(self) -> None:
        """Give merged papers the IRI of their strongest identifier, as ``rekey_merged`` does."""
        renames: dict[str, str] = {}
        for iri in sorted(self.merged):
            ids = sorted(self.idents.get(iri, ()))
            arxiv = next((i[6:] for i in ids if i.startswith("arXiv:")), None)
            doi = next((i for i in ids if i.startswith("10.")), None)
            openalex = next((i for i in ids if i.startswith("https://openalex.org/W")), None)
            if not (arxiv or doi or openalex):
                continue
            target = paper_iri(paper_key(arxiv_id=arxiv, doi=doi, openalex_id=openalex))
            if target != iri and target not in self.sources and target not in self.stubs:
                renames[iri] = target
        if not renames:
            return
        self.merged = {renames.get(i, i) for i in self.merged}
        for index in (self.by_id, self.by_title, self.assigned):
            for key, value in index.items():
                if value in renames:
                    index[key] = renames[value]  # type: ignore[index]
        for old, new in renames.items():
            self.sources[new] = self.sources.pop(old)

    def paper(self, position: int, record: PaperRecord) -> str:
        """The final IRI of the record at ``position`` (after :meth:`finish`)."""
        return self.assigned.get(position) or record_iri(record)

    def cited(self, record: PaperRecord, iri: str) -> list[str]:
        """The papers a record cites, as final IRIs, without itself."""
        found = []
        for reference in record.references:
            parsed = _reference(reference)
            if parsed is None:
                continue
            cited = self.by_id.get(parsed[0])
            if cited is not None and cited != iri:
                found.append(cited)
        return found
