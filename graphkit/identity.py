"""Which paper each record is: the merge rules of CONTRACT §13 over identifiers alone.

Records of one paper from several sources merge on DOI, arXiv id (any version), OpenAlex,
S2 or ACL id, else on normalised title plus year; cited papers get stub IRIs that a later
record can fill; a merged paper ends with the IRI of its strongest identifier. The in-memory
graph asks this index record by record; the streaming build runs it as a first pass, so it
knows every paper's final IRI before writing any. It keeps identifiers, never text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from graphkit.ids import paper_iri, paper_key, strip_arxiv_version, title_key
from graphkit.models import BuildStats, PaperRecord


def record_iri(record: PaperRecord) -> str:
    """The IRI a paper record gets, from its strongest identifier."""
    return paper_iri(paper_key(arxiv_id=record.arxiv_id, doi=record.doi, openalex_id=record.openalex_id,
                               s2_id=record.s2_id, title=record.title))


def merge_keys(record: PaperRecord) -> list[str]:
    """Identifier keys a record is matched on, strongest first: DOI, arXiv id (unversioned), others."""
    keys = []
    if record.doi:
        keys.append("doi:" + record.doi.lower())
    if record.arxiv_id:
        keys.append("arxiv:" + strip_arxiv_version(record.arxiv_id).lower())
    if record.openalex_id:
        keys.append("openalex:" + record.openalex_id.rsplit("/", 1)[-1].upper())
    if record.s2_id:
        keys.append("s2:" + record.s2_id.lower())
    if record.acl_id:
        keys.append("acl:" + record.acl_id.lower())
    return keys


def reference_key(reference: str) -> tuple[str, str, dict[str, str]] | None:
    """(merge key, identifier literal, paper_key arguments) of a cited paper, or None if unknown."""
    ref = reference.strip()
    lower = ref.lower()
    if lower.startswith("arxiv:"):
        arxiv = strip_arxiv_version(ref[6:])
        return ("arxiv:" + arxiv.lower(), f"arXiv:{arxiv}", {"arxiv_id": arxiv}) if arxiv else None
    if lower.startswith("10.") and "/" in lower:
        return "doi:" + lower, lower, {"doi": lower}
    if lower.startswith("https://openalex.org/w"):
        work = ref.rsplit("/", 1)[-1].upper()
        return "openalex:" + work, f"https://openalex.org/{work}", {"openalex_id": work}
    if lower.startswith("s2:") and len(lower) > 3:
        return "s2:" + lower[3:], lower, {"s2_id": lower[3:]}
    return None


def identifiers(record: PaperRecord) -> list[str]:
    ids = []
    if record.arxiv_id:
        ids.append(f"arXiv:{strip_arxiv_version(record.arxiv_id)}")
    if record.doi:
        ids.append(record.doi.lower())
    if record.openalex_id:
        ids.append(record.openalex_id)
    if record.s2_id:
        ids.append(f"s2:{record.s2_id}")
    if record.acl_id:
        ids.append(f"acl:{record.acl_id}")
    if record.id and not ids:
        ids.append(record.id)
    return ids


#: Identifier literals a merged paper's IRI may come from (see :meth:`PaperIdentities.finish`).
_STRONG = ("arXiv:", "10.", "https://openalex.org/W")


@dataclass
class PaperIdentities:
    """Identifier index of every loaded and cited paper, and the build's paper counts."""

    stats: BuildStats = field(default_factory=BuildStats)
    by_id: dict[str, str] = field(default_factory=dict)
    #: (normalised title, year) as a 128-bit digest -> IRI: a third of the memory of the pair itself.
    by_title: dict[bytes, str] = field(default_factory=dict)
    #: Each paper's merge keys (tuples: a set of one or two keys would take four times the memory).
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The arXiv, DOI and OpenAlex identifiers of each paper, for choosing a merged paper's strongest IRI.
    idents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Sources each loaded paper came from (shared strings: one per input file).
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Cited papers no record loaded: IRI -> identifier literal.
    stubs: dict[str, str] = field(default_factory=dict)
    #: Papers with more than one record (duplicates or cross-source merges).
    merged: set[str] = field(default_factory=set)
    #: Record position -> IRI, where it is not the record's own IRI.
    assigned: dict[int, str] = field(default_factory=dict)
    #: Merged papers given their strongest identifier's IRI by :meth:`finish`: old IRI -> new.
    renames: dict[str, str] = field(default_factory=dict)
    _single: dict[str, tuple[str]] = field(default_factory=dict, repr=False)

    def add(self, record: PaperRecord, position: int | None = None, own: str | None = None) -> str:
        """Resolve one record (in input order), index it and its citations; returns its paper IRI.

        ``position`` (the record's index among paper records) lets :meth:`paper` answer later;
        ``own`` is the record's own IRI if the caller has it already.
        """
        own = own or record_iri(record)
        keys = merge_keys(record)
        normal = title_key(record.title) if record.year else ""
        tkey = _title_index(normal, record.year) if normal else b""  # type: ignore[arg-type]
        iri = self._resolve(record, own, keys, tkey)
        if iri != own and position is not None:
            self.assigned[position] = iri
        sources = self.sources.get(iri)
        if sources is None:
            self.stats.papers += 1
            stub = self.stubs.pop(iri, None)
            # One shared 1-tuple per input file, not one per paper.
            self.sources[iri] = self._single.setdefault(record.source, (record.source,)) if record.source else ()
            strong = [i for i in identifiers(record) if i.startswith(_STRONG)]
            if stub and stub.startswith(_STRONG):
                strong.append(stub)
            if strong:
                self.idents[iri] = tuple(strong)
        else:
            if not record.source or record.source in sources:
                self.stats.duplicates += 1
            else:
                self.stats.merged += 1
                self.sources[iri] = (*sources, record.source)
            self.merged.add(iri)
            strong = [i for i in identifiers(record) if i.startswith(_STRONG)]
            if strong:
                self.idents[iri] = tuple(dict.fromkeys((*self.idents.get(iri, ()), *strong)))
        for key in keys:
            self.by_id.setdefault(key, iri)
        if keys:
            known = self.keys.get(iri)
            self.keys[iri] = tuple(dict.fromkeys((*known, *keys))) if known else tuple(keys)
        if tkey:
            self.by_title.setdefault(tkey, iri)
        for reference in record.references:
            self._cite(reference)
        return iri

    def _resolve(self, record: PaperRecord, own: str, keys: list[str], tkey: bytes) -> str:
        for key in keys:
            hit = self.by_id.get(key)
            if hit is not None:
                return hit
        if tkey:
            hit = self.by_title.get(tkey)
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
        """Index a cited paper: a new stub unless a loaded or cited paper has that identifier already
        (read back with :meth:`cited`)."""
        parsed = reference_key(reference)
        if parsed is None or parsed[0] in self.by_id:
            return
        key, identifier, fields = parsed
        iri = paper_iri(paper_key(**fields))
        if iri not in self.sources and iri not in self.stubs:
            self.stubs[iri] = identifier
        self.by_id[key] = iri
        known = self.keys.get(iri, ())
        if key not in known:
            self.keys[iri] = (*known, key)

    def finish(self) -> dict[str, str]:
        """Give merged papers the IRI of their strongest identifier (arXiv, DOI, OpenAlex) whichever
        source came first; returns the renames (old IRI -> new)."""
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
            return renames
        self.renames = renames
        self.merged = {renames.get(i, i) for i in self.merged}
        for index in (self.by_id, self.by_title, self.assigned):
            for key, value in index.items():
                if value in renames:
                    index[key] = renames[value]  # type: ignore[index]
        for old, new in renames.items():
            self.sources[new] = self.sources.pop(old)
            self.idents[new] = self.idents.pop(old, ())
            self.keys[new] = self.keys.pop(old, ())
        return renames

    def paper(self, position: int, record: PaperRecord) -> str:
        """The final IRI of the record at ``position`` (after :meth:`finish`)."""
        iri = self.assigned.get(position)
        if iri is None:  # the record kept its own IRI, unless its paper was renamed since
            iri = record_iri(record)
            iri = self.renames.get(iri, iri)
        return iri

    def cited(self, record: PaperRecord, iri: str) -> list[str]:
        """The papers a record cites, as final IRIs, without itself."""
        found = []
        for reference in record.references:
            parsed = reference_key(reference)
            if parsed is None:
                continue
            cited = self.by_id.get(parsed[0])
            if cited is not None and cited != iri:
                found.append(cited)
        return found


def _title_index(key: str, year: int) -> bytes:
    """The title index's key for a normalised title and year (a collision is ~2^-128 per pair)."""
    return hashlib.blake2b(f"{year}\x1f{key}".encode("utf-8", "surrogatepass"), digest_size=16).digest()
