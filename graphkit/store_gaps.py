"""Research gaps answered by SPARQL on the embedded store (no graph held in memory).

Why: ``graphkit gaps`` without ``--graph`` must not parse a million papers into a
KnowledgeGraph. The store counts instead: papers per entity group (``COUNT(DISTINCT)``) and
which groups share a paper (a hash join of two link lists), then ``graphkit.gaps`` groups,
scores and ranks exactly as it does in memory. The text check runs for the reported gaps
only: the store reads the titles and abstracts of papers linked to a side of a reported gap
and keeps, with a ``REGEX`` built from the other side's folded names
(``graphkit.text.names_pattern``, which may match more than folding finds, never less),
those that may name it; Python folds those few texts and decides as the in-memory path does.
So the document is identical to ``graphkit.gaps.gaps`` on the same graph
(``tests/test_store_gaps.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from graphkit.errors import GraphkitError
from graphkit.gaps import (
    KIND_PROPERTIES,
    Entity,
    Group,
    Request,
    Side,
    find_gaps,
    make_side,
    name_keys,
)
from graphkit.namespace import GK, KINDS, RDFS, SKOS, SPARQL_PREFIXES
from graphkit.text import names_pattern

if TYPE_CHECKING:
    import pyoxigraph


#: A node has the kind of its first class in IRI order, and evidence nodes are no entities
#: (as ``graphkit.readers`` reads a file); this keeps only nodes whose kind is ``%(cls)s``.
_OF_KIND = """?%(var)s a gk:%(cls)s .
  FILTER NOT EXISTS { ?%(var)s a ?earlier FILTER(?earlier IN (%(earlier)s)) }"""
#: The same as a test of an already bound ``?%(var)s``. (As a pattern, the store would list
#: every paper and join: 33 s for 2,000 papers of a 300k-paper graph, against 0.3 s.)
_IS_KIND = """EXISTS { ?%(var)s a gk:%(cls)s }
  && NOT EXISTS { ?%(var)s a ?earlier FILTER(?earlier IN (%(earlier)s)) }"""

#: Names and model families of the entities of one kind, one value per row. (A UNION of one
#: pattern per property would read every paper's label too: 0.5 s on 100k papers, not 8 ms.)
ENTITIES = SPARQL_PREFIXES + """SELECT ?e ?what ?value WHERE {
  %(of_kind)s
  OPTIONAL { ?e ?what ?value FILTER(?what IN (rdfs:label, skos:altLabel, gk:family) && isLiteral(?value)) }
}"""
_FIELDS = {f"{RDFS}label": "label", f"{SKOS}altLabel": "alt", f"{GK}family": "family"}

BROADER = SPARQL_PREFIXES + "SELECT ?child ?parent WHERE { ?child skos:broader ?parent FILTER(!isLiteral(?parent)) }"

#: Distinct papers per group: each entity is listed with the groups it counts for.
PAPER_COUNTS = SPARQL_PREFIXES + """SELECT ?g (COUNT(DISTINCT ?p) AS ?n) WHERE {
  VALUES (?e ?g) { %(targets)s }
  ?p %(link)s ?e .
} GROUP BY ?g"""

#: Entity pairs sharing a paper. Two subqueries make the store hash-join the link lists
#: (0.06 s on 100k papers) instead of probing one for every row of the other (1 s).
COOCCURRING = SPARQL_PREFIXES + """SELECT DISTINCT ?a ?b WHERE {
  { SELECT ?p ?a WHERE { ?p %(link_a)s ?a } }
  { SELECT ?p ?b WHERE { ?p %(link_b)s ?b } }
}"""

#: Papers linked to a side (tagged ?x) whose title or abstract may name one of its partners.
#: Both subqueries are cheap to list (no text is read); the store hash-joins them, and only
#: the texts of linked papers are read and tested, each with its own side's REGEX.
CANDIDATES = SPARQL_PREFIXES + """SELECT DISTINCT ?p ?x WHERE {
  { SELECT ?p ?x WHERE { %(links)s } }
  { SELECT ?p ?t WHERE { ?p dcterms:title|dcterms:abstract ?t } }
  FILTER(%(each)s)
}"""

LINKS = SPARQL_PREFIXES + "SELECT ?p ?e WHERE { ?p %(link)s ?e }"

TEXTS = SPARQL_PREFIXES + """SELECT ?p ?t WHERE {
  VALUES ?p { %(papers)s }
  ?p dcterms:title|dcterms:abstract ?t
  FILTER(isLiteral(?t) && %(is_paper)s)
}"""

_CHUNK = 2000  # papers per TEXTS query
_FILTERED_SIDES = 64  # up to this many sides, filter texts in the store; beyond, check every linked paper
_CHUNK_CHARS = 2000  # folded name characters per REGEX pattern (about 150 names; the store refuses ~600)


class StoreCounts:
    """Counts for ``graphkit.gaps.find_gaps`` from a pyoxigraph Store."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.store = store
        self._sides: dict[str, Side] = {}
        self._broader: list[tuple[str, str]] | None = None

    def side(self, kind: str) -> Side:
        entities: dict[str, dict[str, list[str]]] = {}
        for row in _rows(self.store, ENTITIES % {"of_kind": of_kind("e", kind)}):
            values = entities.setdefault(row["e"].value, {"label": [], "alt": [], "family": []})
            if row["what"] is not None:
                values[_FIELDS[row["what"].value]].append(row["value"].value)
        side = make_side(kind, (Entity(iri, min(v["label"], default=""), set(v["alt"]), tuple(sorted(v["family"])))
                                for iri, v in entities.items()), self.broader())
        keys = sorted(side.groups)  # a group's position is a short token to group by in SPARQL
        number = {key: n for n, key in enumerate(keys)}
        targets = " ".join(f"({_iri(iri)} {number[key]})" for iri, found in side.targets.items() for key in found)
        if targets:
            for row in _rows(self.store, PAPER_COUNTS % {"targets": targets, "link": _link(kind)}):
                side.groups[keys[int(row["g"].value)]].papers = int(row["n"].value)
        self._sides[kind] = side
        return side

    def broader(self) -> list[tuple[str, str]]:
        if self._broader is None:
            self._broader = [(r["child"].value, r["parent"].value) for r in _rows(self.store, BROADER)]
        return self._broader

    def cooccurring(self, kinds: tuple[str, str]) -> set[tuple[str, str]]:
        left, right = self._sides[kinds[0]].targets, self._sides[kinds[1]].targets
        pairs: set[tuple[str, str]] = set()
        for row in _rows(self.store, COOCCURRING % {"link_a": _link(kinds[0]), "link_b": _link(kinds[1])}):
            for key_a in left.get(row["a"].value, ()):
                for key_b in right.get(row["b"].value, ()):
                    pairs.add((key_a, key_b))
        return pairs

    def candidates(self, requests: list[Request]) -> list[set[str]]:
        """Papers linked to either side of each requested pair that may name the other side."""
        wanted: dict[tuple[str, str], tuple[Side, Group, set[str]]] = {}  # (kind, key) -> side, group, partner names
        for pairing, a, b in requests:
            for side, group, partner in ((pairing.sides[0], a, b), (pairing.sides[1], b, a)):
                _, _, keys = wanted.setdefault((side.kind, group.key), (side, group, set()))
                keys.update(name_keys(partner))
        wanted = {key: value for key, value in wanted.items() if value[2]}  # a partner without names is never named
        found = self._naming(wanted) if len(wanted) <= _FILTERED_SIDES else self._linked(wanted)
        empty: set[str] = set()
        return [found.get((pairing.kinds[0], a.key), empty) | found.get((pairing.kinds[1], b.key), empty)
                for pairing, a, b in requests]

    def _naming(self, wanted: dict[tuple[str, str], tuple[Side, Group, set[str]]]) -> dict[tuple[str, str], set[str]]:
        """The texts of papers linked to a few sides (the gaps ``--top N`` reports), filtered in the store."""
        tags = sorted(wanted)
        found: dict[tuple[str, str], set[str]] = {tag: set() for tag in tags}
        if not tags:
            return found
        links, each = [], "false"
        for number, tag in reversed(list(enumerate(tags))):
            side, group, keys = wanted[tag]
            members = " ".join(_iri(iri) for iri in side.members(group.key))
            links.append(f"{{ VALUES ?e {{ {members} }} ?p {_link(side.kind)} ?e BIND({number} AS ?x) }}")
            # IF evaluates one branch; "?x = n && REGEX(...)" would run every side's REGEX on every row
            each = f"IF(?x = {number}, {self._matches('t', sorted(keys))}, {each})"
        query = CANDIDATES % {"links": " UNION ".join(links), "each": each}
        for row in _rows(self.store, query):
            found[tags[int(row["x"].value)]].add(row["p"].value)
        return found

    def _linked(self, wanted: dict[tuple[str, str], tuple[Side, Group, set[str]]]) -> dict[tuple[str, str], set[str]]:
        """Every paper linked to each side, for many sides (all gaps): one pass over the links per kind."""
        found: dict[tuple[str, str], set[str]] = {tag: set() for tag in wanted}
        for kind in sorted({kind for kind, _ in wanted}):
            targets = self._sides[kind].targets
            for row in _rows(self.store, LINKS % {"link": _link(kind)}):
                for key in targets.get(row["e"].value, ()):
                    papers = found.get((kind, key))
                    if papers is not None:
                        papers.add(row["p"].value)
        return found

    def _matches(self, var: str, keys: list[str]) -> str:
        """A filter true when ``?var`` may name one of ``keys``: ``REGEX`` over ``names_pattern`` chunks.

        The store's regex engine refuses patterns past a size (about 600 names; a chunk stays far
        below). A refused pattern would make every ``REGEX`` false and silently report no mentions,
        so each chunk is first tried on one of its own names, and a refusal is an error instead.
        """
        import pyoxigraph

        chunks: list[list[str]] = [[]]
        size = 0
        for key in keys:
            if chunks[-1] and size + len(key) > _CHUNK_CHARS:
                chunks.append([])
                size = 0
            chunks[-1].append(key)
            size += len(key)
        tests = []
        for chunk in chunks:
            literal = str(pyoxigraph.Literal(names_pattern(chunk)))
            probe = f"ASK {{ FILTER(REGEX({pyoxigraph.Literal(chunk[0])}, {literal}, \"i\")) }}"
            if not bool(self.store.query(probe)):
                raise GraphkitError(f"the store cannot run the text check for {len(chunk)} names (pattern too large)")
            tests.append(f"REGEX(?{var}, {literal}, \"i\")")
        return " || ".join(tests)

    def texts(self, papers: set[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        ordered = sorted(papers)
        for start in range(0, len(ordered), _CHUNK):
            values = " ".join(_iri(p) for p in ordered[start:start + _CHUNK])
            for row in _rows(self.store, TEXTS % {"papers": values, "is_paper": of_kind("p", "paper", _IS_KIND)}):
                found.setdefault(row["p"].value, []).append(row["t"].value)
        return found


def gaps(store: pyoxigraph.Store, by: str | Iterable[str] | None = None, top: int | None = None,
         min_papers: int = 1) -> dict[str, Any]:
    """The ``graphkit gaps --format json`` document, from a store (parameters as ``graphkit.gaps.gaps``)."""
    return find_gaps(StoreCounts(store), by, top, min_papers)


def of_kind(var: str, kind: str, template: str = _OF_KIND) -> str:
    """The pattern (or, with ``_IS_KIND``, the test) keeping ``?var`` to the nodes a KnowledgeGraph
    read from the store gives ``kind``."""
    cls = KINDS[kind]
    earlier = sorted({name for name in KINDS.values() if name < cls} | {"Evidence"} - {cls})
    return template % {"var": var, "cls": cls, "earlier": ", ".join(f"gk:{name}" for name in earlier)}


def _link(kind: str) -> str:
    return "|".join(f"gk:{p}" for p in KIND_PROPERTIES[kind])


def _iri(iri: str) -> str:
    import pyoxigraph

    return str(pyoxigraph.NamedNode(iri))


def _rows(store: pyoxigraph.Store, query: str) -> Iterator[Any]:
    yield from store.query(query)  # type: ignore[misc]
