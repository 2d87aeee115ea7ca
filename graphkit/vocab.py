"""Curated vocabularies: models, techniques, datasets, tasks, languages and curated lineage.

Loaded once from the CSV files in ``ontology/vocab`` (and imported lineage in
``ontology/vocab/lineage``) through importlib.resources, so users review them in pull
requests and extraction never hard-codes a name.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

import orjson

from graphkit.exporters.files import write_atomic
from graphkit.ids import entity_iri, language_iri
from graphkit.namespace import LINEAGE_PROPERTIES
from graphkit.resources import code_digest, read_csv, split_list
from graphkit.text import fold_key

VOCAB_PACKAGE = "graphkit.ontology.vocab"
LINEAGE_PACKAGE = "graphkit.ontology.vocab.lineage"

#: MTEB/Hub relation words -> gk lineage property.
RELATION_NAMES: dict[str, str] = {
    "adapted_from": "adaptedFrom",
    "adapter": "adaptedFrom",
    "finetune": "fineTunedFrom",
    "fine_tune": "fineTunedFrom",
    "quantized": "quantizedFrom",
    "merge": "derivedFrom",
    "distilled": "distilledFrom",
    **{name: name for name in LINEAGE_PROPERTIES},
}


@dataclass(frozen=True, slots=True)
class Term:
    """A curated entity: canonical name, aliases and descriptive attributes."""

    kind: str
    iri: str
    name: str
    aliases: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()
    exact_case: bool = False
    needs_context: bool = False

    def attr(self, key: str) -> str | None:
        return dict(self.attrs).get(key)


@dataclass(frozen=True, slots=True)
class CuratedEdge:
    """A lineage edge stated by a curated source (a paper, a model card, MTEB's registry)."""

    child: str
    parent: str
    relation: str
    source: str


@dataclass(eq=False)
class Vocabulary:
    """Every curated term by IRI, plus lineage, SKOS hierarchies and an alias index."""

    terms: dict[str, Term] = field(default_factory=dict)
    lineage: dict[str, list[CuratedEdge]] = field(default_factory=dict)
    broader: dict[str, list[str]] = field(default_factory=dict)
    #: Folded language name -> a term carrying that name's "needs context" guard.
    language_names: dict[str, Term] = field(default_factory=dict)
    fingerprint: str = ""
    #: Names and aliases (not languages) that are also everyday English words: matched in exact case.
    common_words: frozenset[str] = frozenset()
    _index: dict[str, list[str]] = field(default_factory=dict)

    def add(self, term: Term) -> None:
        if term.iri in self.terms:
            return
        self.terms[term.iri] = term
        for name in (term.name, *term.aliases):
            key = fold_key(name)
            iris = self._index.setdefault(key, [])
            if term.iri not in iris:
                iris.append(term.iri)

    def resolve(self, name: str, kind: str | None = None) -> Term | None:
        """The term a name or alias means (case, spacing and hyphens ignored)."""
        for iri in self._index.get(fold_key(name), ()):
            term = self.terms[iri]
            if kind is None or term.kind == kind:
                return term
        return None

    def of_kind(self, kind: str) -> list[Term]:
        return [t for t in self.terms.values() if t.kind == kind]

    def ancestors(self, iri: str) -> list[CuratedEdge]:
        """Curated lineage edges reachable upwards from ``iri`` (breadth first, each once)."""
        seen, queue, out = {iri}, [iri], []
        while queue:
            for edge in self.lineage.get(queue.pop(0), ()):
                out.append(edge)
                if edge.parent not in seen:
                    seen.add(edge.parent)
                    queue.append(edge.parent)
        return out


def is_common_word(name: str) -> bool:
    from wordfreq import zipf_frequency

    return name.isalpha() and (len(name) <= 4 or zipf_frequency(name.casefold(), "en") >= 3.0)


def _model_terms(vocab: Vocabulary) -> dict[str, str]:
    by_repo: dict[str, str] = {}
    for row in read_csv("models.csv"):
        name = row["name"].strip()
        attrs = tuple(
            (key, row[key].strip())
            for key in ("family", "organisation", "modality", "year", "hf_repo")
            if row.get(key, "").strip()
        )
        aliases = tuple(split_list(row.get("aliases")))
        if row.get("hf_repo", "").strip():
            by_repo[row["hf_repo"].strip().casefold()] = entity_iri("model", name)
        vocab.add(
            Term("model", entity_iri("model", name), name, aliases, attrs, exact_case=is_common_word(name))
        )
    return by_repo


def _hub_model(vocab: Vocabulary, by_repo: dict[str, str], repo: str) -> str:
    """IRI for a Hub repo id or a bare model name from imported lineage data."""
    repo = repo.strip()
    if repo.casefold() in by_repo:
        return by_repo[repo.casefold()]
    known = vocab.resolve(repo, "model")
    if known:
        return known.iri
    name = repo.rsplit("/", 1)[-1]
    attrs = (("hf_repo", repo),) if "/" in repo else ()
    iri = entity_iri("model", name)
    vocab.add(Term("model", iri, name, (repo,) if "/" in repo else (), attrs, exact_case=True))
    by_repo[repo.casefold()] = iri
    return iri


def _add_lineage(vocab: Vocabulary, child: str, parent: str, relation: str, source: str) -> None:
    if child == parent:
        return
    edges = vocab.lineage.setdefault(child, [])
    edge = CuratedEdge(child, parent, relation, source)
    if edge not in edges:
        edges.append(edge)


def _simple_terms(vocab: Vocabulary, kind: str, filename: str, attr_keys: tuple[str, ...]) -> None:
    rows = read_csv(filename)
    for row in rows:
        name = row["name"].strip()
        attrs = tuple((k, row[k].strip()) for k in attr_keys if row.get(k, "").strip())
        vocab.add(
            Term(kind, entity_iri(kind, name), name, tuple(split_list(row.get("aliases"))), attrs,
                 exact_case=is_common_word(name) and kind != "technique")
        )
    for row in rows:
        for parent in split_list(row.get("broader")):
            parent_term = vocab.resolve(parent, kind)
            if parent_term:
                vocab.broader.setdefault(entity_iri(kind, row["name"].strip()), []).append(parent_term.iri)


def _language_terms(vocab: Vocabulary) -> None:
    from graphkit.languages import language_names

    grouped: dict[str, list] = {}
    for entry in language_names():
        grouped.setdefault(entry.code, []).append(entry)
    for code, entries in grouped.items():
        canonical = entries[0].canonical
        iri = language_iri(code)
        attrs = (("iso639_3", code),)
        # Each name is its own term so the "needs a language context" guard is per name.
        for entry in entries:
            term = Term("language", iri, canonical, (entry.name,), attrs, needs_context=entry.needs_context)
            vocab._index.setdefault(fold_key(entry.name), []).append(iri)
            vocab.terms.setdefault(iri, Term("language", iri, canonical, (), attrs))
            vocab.language_names[fold_key(entry.name)] = term


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for package in (VOCAB_PACKAGE, LINEAGE_PACKAGE):
        for resource in sorted(files(package).iterdir(), key=lambda r: r.name):
            if resource.name.endswith((".csv", ".jsonl")):
                digest.update(resource.name.encode() + resource.read_bytes())
    return digest.hexdigest()[:16]


#: Modules whose code decides what the vocabulary holds: a change to any of them invalidates the cache.
_BUILDERS = ("vocab.py", "languages.py", "text.py", "ids.py", "resources.py")
#: Packages whose data goes into it (language names, common-word frequencies).
_DATA_PACKAGES = ("pycountry", "langcodes", "language-data", "wordfreq")


@cache
def load_vocabulary() -> Vocabulary:
    """Every vocabulary file, read once per process.

    The built vocabulary is also kept in the user cache directory, keyed by the files, the code
    that reads them and the versions of the language data: reading it back takes a third of the
    time of building it (~0.15 s saved on every start). A missing or unreadable copy is rebuilt.
    """
    fingerprint = _fingerprint()
    path = _cache_path(fingerprint)
    try:
        with open(path, "rb") as handle:
            vocab = pickle.load(handle)
        if isinstance(vocab, Vocabulary) and vocab.fingerprint == fingerprint:
            return vocab
    except Exception:  # noqa: BLE001 - any unreadable copy (truncated, other Python) is just rebuilt
        pass
    vocab = _read_vocabulary()
    vocab.fingerprint = fingerprint
    try:
        write_atomic(path, lambda handle: pickle.dump(vocab, handle, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only cache directory only costs the rebuild next time
    return vocab


def _cache_path(fingerprint: str) -> Path:
    from importlib.metadata import PackageNotFoundError, version

    from platformdirs import user_cache_dir

    digest = hashlib.sha256(fingerprint.encode() + sys.version.encode() + code_digest(*_BUILDERS))
    for package in _DATA_PACKAGES:
        try:
            digest.update(version(package).encode())
        except PackageNotFoundError:
            digest.update(b"-")
    return Path(user_cache_dir("graphkit")) / f"vocabulary-{digest.hexdigest()[:20]}.pickle"


def _read_vocabulary() -> Vocabulary:
    vocab = Vocabulary()
    by_repo = _model_terms(vocab)
    for row in read_csv("lineage.csv"):
        child, parent = vocab.resolve(row["model"], "model"), vocab.resolve(row["base_model"], "model")
        if child and parent:
            _add_lineage(vocab, child.iri, parent.iri, row["relation"].strip(), row.get("source", "").strip())
    for resource in sorted(files(LINEAGE_PACKAGE).iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".jsonl"):
            continue
        for line in resource.read_bytes().splitlines():
            if not line.strip():
                continue
            data = orjson.loads(line)
            relation = RELATION_NAMES.get(str(data.get("relation", "")).strip(), "derivedFrom")
            child = _hub_model(vocab, by_repo, data["model"])
            parent = _hub_model(vocab, by_repo, data["base_model"])
            _add_lineage(vocab, child, parent, relation, str(data.get("source") or resource.name))
    _simple_terms(vocab, "technique", "techniques.csv", ("definition",))
    _simple_terms(vocab, "task", "tasks.csv", ())
    _simple_terms(vocab, "dataset", "datasets.csv", ("kind", "modality"))
    _language_terms(vocab)
    vocab.common_words = frozenset(name for term in vocab.terms.values() if term.kind != "language"
                                   for name in (term.name, *term.aliases) if is_common_word(name))
    return vocab
