"""Research gaps: combinations of two kinds of entity that no paper in the graph studies together.

Why: the second question graphkit exists for (after lineage) is "what has nobody tried?".
A gap is a pair (for example Maltese x quantization) where both sides are studied, but never
in the same paper. Gaps are ranked by how conspicuous the hole is: both sides frequent, and
their neighbours (languages studied with the same techniques as Maltese; techniques applied
to the same languages as quantization) already covering the other side. A gap is reported as
``not-extracted`` rather than ``unstudied`` when a paper linked to one side names both sides
in its title or abstract: the paper exists, the extractor missed the edge.

Two sources give the counts this needs: a KnowledgeGraph in memory (``GraphCounts``: the
Python API, ``graphkit gaps --graph FILE``) and the embedded store (``graphkit.store_gaps``:
SPARQL, what ``graphkit gaps`` runs). Grouping, scores, ranking, the text check and the
document are shared here, so both give the same document (CONTRACT section 7).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Protocol

from graphkit.graph import P_ABSTRACT, P_TITLE, KnowledgeGraph, Lit, Node
from graphkit.namespace import GK
from graphkit.perf import paused_gc
from graphkit.text import fold, fold_key

# Which paper properties link a paper to an entity of each kind.
KIND_PROPERTIES: dict[str, tuple[str, ...]] = {
    "language": ("studiesLanguage",),
    "technique": ("appliesTechnique",),
    "model": ("usesModel", "introducesModel"),
    "task": ("addressesTask",),
    "dataset": ("usesDataset", "introducesDataset"),
}

# The kind pairs analysed, by their ``--by`` name; "model" means the model family.
KIND_PAIRS: dict[str, tuple[str, str]] = {
    "language-technique": ("language", "technique"),
    "model-language": ("model", "language"),
    "model-task": ("model", "task"),
    "dataset-language": ("dataset", "language"),
}

P_FAMILY = f"{GK}family"


@dataclass(slots=True)
class Entity:
    """What grouping needs of one entity: its names and, for a model, its ``gk:family`` values."""

    iri: str
    name: str
    alt_labels: Collection[str] = ()
    families: tuple[str, ...] = ()  # sorted


@dataclass(slots=True)
class Group:
    """One side of a pair: an entity, or a model family (every model sharing a ``gk:family``)."""

    key: str
    iri: str
    name: str
    names: set[str] = field(default_factory=set)
    members: int = 1
    papers: int = 0  # distinct papers linked to a member (or to a narrower entity)


@dataclass(slots=True)
class Side:
    """Every group of one kind, and which groups each entity of that kind counts for."""

    kind: str
    groups: dict[str, Group]
    #: Entity IRI -> keys of its group and of the groups of its broader entities (a paper
    #: applying quantization-aware training also studies quantization).
    targets: dict[str, frozenset[str]]

    def ranked(self, min_papers: int) -> list[Group]:
        """Groups seen in at least ``min_papers`` papers (and at least one), by key."""
        least = max(min_papers, 1)
        return sorted((g for g in self.groups.values() if g.papers >= least), key=attrgetter("key"))

    def members(self, key: str) -> list[str]:
        """The entity IRIs whose papers count for group ``key``."""
        return sorted(iri for iri, keys in self.targets.items() if key in keys)


def make_side(kind: str, entities: Iterable[Entity], broader: Iterable[tuple[str, str]]) -> Side:
    """Group the entities of one kind (models by family) and follow ``skos:broader`` among them."""
    entities = list(entities)
    group_of = _family_groups(entities) if kind == "model" else {
        e.iri: Group(e.iri, e.iri, e.name, {e.name, *e.alt_labels}) for e in entities}
    parents: dict[str, set[str]] = {}
    for child, parent in broader:
        parents.setdefault(child, set()).add(parent)
    targets: dict[str, frozenset[str]] = {}
    for iri in group_of:
        found, queue = {iri}, [iri]
        while queue:
            for parent in parents.get(queue.pop(), ()):
                if parent in group_of and parent not in found:
                    found.add(parent)
                    queue.append(parent)
        targets[iri] = frozenset(group_of[t].key for t in found)
    return Side(kind, {g.key: g for g in group_of.values()}, targets)


def _family_groups(entities: list[Entity]) -> dict[str, Group]:
    """Model IRI -> its family group (the ``gk:family`` literal, else the model itself)."""
    by_key: dict[str, list[Entity]] = {}
    for entity in entities:
        by_key.setdefault(f"family:{entity.families[0]}" if entity.families else entity.iri, []).append(entity)
    groups: dict[str, Group] = {}
    for key, members in by_key.items():
        members.sort(key=attrgetter("iri"))
        if key.startswith("family:"):
            name = key[len("family:"):]
            head = next((m for m in members if fold_key(m.name) == fold_key(name)), members[0])
        else:
            head = members[0]
            name = head.name
        group = Group(key, head.iri, name, members=len(members))
        for member in members:
            group.names.update({member.name, *member.alt_labels})
            groups[member.iri] = group
    return groups


@dataclass(slots=True, eq=False)
class Pairing:
    """One kind pair under analysis, its two sides cut to ``min_papers``.

    The text check of this pair looks for the names of all these groups at once, so a name
    inside a longer one ("BERT" in "w2v-BERT") is not a mention of the shorter.
    """

    by: str
    kinds: tuple[str, str]
    sides: tuple[Side, Side]
    left: list[Group]
    right: list[Group]
    _mentions: _Mentions | None = None

    def mentions(self) -> _Mentions:
        if self._mentions is None:
            self._mentions = _Mentions([*self.left, *self.right])
        return self._mentions


#: A reported gap whose text check is asked for: its pairing and its two groups.
Request = tuple[Pairing, Group, Group]


class Counts(Protocol):
    """Where the counts come from; ``GraphCounts`` (in memory) and ``store_gaps.StoreCounts`` (SPARQL)."""

    def side(self, kind: str) -> Side:
        """The groups of one kind with ``papers`` filled in."""

    def cooccurring(self, kinds: tuple[str, str]) -> set[tuple[str, str]]:
        """(left key, right key) of every two groups some paper is linked to both of."""

    def candidates(self, requests: list[Request]) -> list[set[str]]:
        """For each request, papers linked to one side that may name both; a superset is fine."""

    def texts(self, papers: set[str]) -> dict[str, list[str]]:
        """Titles and abstracts of the given papers (papers only: ``gk:Paper`` nodes)."""


class GraphCounts:
    """Counts from a KnowledgeGraph in memory."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self.graph = graph
        self._papers: dict[str, dict[str, set[str]]] = {}  # kind -> group key -> papers

    def side(self, kind: str) -> Side:
        entities = [Entity(n.iri, n.name, n.alt_labels, _families(n)) for n in self.graph.entities(kind)]
        side = make_side(kind, entities, self.graph.broader)
        papers: dict[str, set[str]] = {}
        properties = set(KIND_PROPERTIES[kind])
        for paper, predicate, obj in self.graph.edges:
            if predicate in properties and obj in side.targets:
                for key in side.targets[obj]:
                    papers.setdefault(key, set()).add(paper)
        for key, group in side.groups.items():
            group.papers = len(papers.get(key, ()))
        self._papers[kind] = papers
        return side

    def cooccurring(self, kinds: tuple[str, str]) -> set[tuple[str, str]]:
        kind_a, kind_b = kinds
        by_paper: dict[str, list[str]] = {}
        for key, papers in self._papers[kind_b].items():
            for paper in papers:
                by_paper.setdefault(paper, []).append(key)
        return {(key, other) for key, papers in self._papers[kind_a].items()
                for paper in papers for other in by_paper.get(paper, ())}

    def candidates(self, requests: list[Request]) -> list[set[str]]:
        return [self._papers[pairing.kinds[0]].get(a.key, set()) | self._papers[pairing.kinds[1]].get(b.key, set())
                for pairing, a, b in requests]

    def texts(self, papers: set[str]) -> dict[str, list[str]]:
        found = {}
        for iri in papers:
            node = self.graph.nodes.get(iri)
            if node is not None and node.kind == "paper":
                found[iri] = [o.value for p in (P_TITLE, P_ABSTRACT) for o in node.props.get(p, ()) if isinstance(o, Lit)]
        return found


def _families(node: Node) -> tuple[str, ...]:
    return tuple(sorted(o.value for o in node.props.get(P_FAMILY, ()) if isinstance(o, Lit)))


class _Mentions:
    """Which groups' names a paper's title and abstract mention: the text check for ``not-extracted``."""

    def __init__(self, groups: Iterable[Group]) -> None:
        import ahocorasick_rs

        owners: dict[str, set[str]] = {}
        for group in groups:
            for key in name_keys(group):
                owners.setdefault(key, set()).add(group.key)
        self.owners = [frozenset(keys) for keys in owners.values()]
        self.automaton = ahocorasick_rs.AhoCorasick(list(owners)) if owners else None

    def keys(self, texts: Iterable[str]) -> set[str]:
        found: set[str] = set()
        if self.automaton is None:
            return found
        for text in texts:
            folded, _ = fold(text)
            folded = " " + " ".join(folded.split()) + " "
            for index in _outermost(self.automaton.find_matches_as_indexes(folded, overlapping=True)):
                found.update(self.owners[index])
        return found


def name_keys(group: Group) -> list[str]:
    """The folded names the text check looks for (keys of at least two characters)."""
    return sorted({key for key in map(fold_key, group.names) if len(key.strip()) >= 2})


def _outermost(matches: Iterable[tuple[int, int, int]]) -> list[int]:
    """Drop a match inside a longer one ("BERT" inside "w2v-BERT" is not a mention of BERT)."""
    kept: list[int] = []
    reach = -1
    for _start, end, index in sorted((start, -end, index) for index, start, end in matches):
        if -end > reach:
            kept.append(index)
            reach = -end
    return kept


def _neighbours(partners: dict[str, set[str]], reverse: dict[str, set[str]]) -> dict[str, set[str]]:
    """Group key -> same-side groups that share at least one partner with it."""
    result: dict[str, set[str]] = {}
    for key, mine in partners.items():
        near: set[str] = set()
        for partner in mine:
            near.update(reverse.get(partner, ()))
        near.discard(key)
        result[key] = near
    return result


def _pair_gaps(pairing: Pairing, cooccurring: set[tuple[str, str]]) -> list[_Candidate]:
    """Score every pair of groups (left x right) that no paper links both of."""
    left, right = pairing.left, pairing.right
    partners_a: dict[str, set[str]] = {g.key: set() for g in left}
    partners_b: dict[str, set[str]] = {g.key: set() for g in right}
    for key_a, key_b in cooccurring:
        if key_a in partners_a and key_b in partners_b:
            partners_a[key_a].add(key_b)
            partners_b[key_b].add(key_a)
    near_a = _neighbours(partners_a, partners_b)
    near_b = _neighbours(partners_b, partners_a)
    top_a = max(g.papers for g in left)
    top_b = max(g.papers for g in right)
    candidates = []
    for a in left:
        partners_of_a = partners_a[a.key]
        near_of_a = near_a[a.key]
        for b in right:
            if b.key in partners_of_a:
                continue
            covered_a = len(near_of_a & partners_b[b.key])
            covered_b = len(near_b[b.key] & partners_of_a)
            coverage = _share(covered_a, len(near_of_a)) + _share(covered_b, len(near_b[b.key]))
            frequency = math.sqrt(a.papers / top_a * b.papers / top_b)
            score = round(frequency * (0.5 + coverage / 4), 4)
            candidates.append(_Candidate((-score, pairing.by, a.name, b.name), score, pairing, a, b,
                                         len(near_of_a), covered_a, len(near_b[b.key]), covered_b))
    return candidates


@dataclass(slots=True)
class _Candidate:
    """A scored gap; the full JSON item (text check, explanation) is only made for those reported."""

    order: tuple[Any, ...]
    score: float
    pairing: Pairing
    a: Group
    b: Group
    near_a: int
    covered_a: int
    near_b: int
    covered_b: int

    def item(self, both: list[str]) -> dict[str, Any]:
        kind_a, kind_b = self.pairing.kinds
        a, b = self.a, self.b
        support = {
            f"{kind_a}_papers": a.papers, f"{kind_b}_papers": b.papers,
            "papers_with_both": 0, "papers_mentioning_both": len(both),
            f"{kind_a}_neighbours": self.near_a,
            f"{kind_a}_neighbours_with_{kind_b}": self.covered_a,
            f"{kind_b}_neighbours": self.near_b,
            f"{kind_b}_neighbours_with_{kind_a}": self.covered_b,
        }
        if kind_a == "model":
            support["family_models"] = a.members
        return {
            "score": self.score, "kinds": [kind_a, kind_b], "by": self.pairing.by,
            "entities": {kind_a: {"iri": a.iri, "name": a.name}, kind_b: {"iri": b.iri, "name": b.name}},
            "reason": "not-extracted" if both else "unstudied",
            "explanation": _explain(kind_a, kind_b, a, b, support, both),
            "support": support, "papers": both,
        }


_ORDER = attrgetter("order")


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _explain(kind_a: str, kind_b: str, a: Group, b: Group, s: dict[str, int], both: list[str]) -> str:
    """The one-line reason a person reads in the table."""
    label_a = f"{a.name} (family)" if kind_a == "model" and a.members > 1 else a.name
    head = (f"{label_a} in {s[f'{kind_a}_papers']} papers, {b.name} in {s[f'{kind_b}_papers']}, "
            f"{s[f'{kind_a}_neighbours_with_{kind_b}']}/{s[f'{kind_a}_neighbours']} similar {kind_a}s "
            f"studied with {b.name}")
    if both:
        count = f"{len(both)} abstract{'s mention' if len(both) > 1 else ' mentions'} both"
        return f"{head}; {count} but no edge was extracted"
    return f"{head}; no paper combines them"


def chosen_pairs(by: str | Iterable[str] | None) -> list[str]:
    """The ``--by`` names asked for (default all), or one error naming the unknown one."""
    chosen = list(KIND_PAIRS) if by is None else [by] if isinstance(by, str) else list(by)
    unknown = [b for b in chosen if b not in KIND_PAIRS]
    if unknown:
        from graphkit.errors import GraphkitError

        raise GraphkitError(f"unknown kind pair {unknown[0]!r}; choose from {', '.join(KIND_PAIRS)}")
    return chosen


def find_gaps(counts: Counts, by: str | Iterable[str] | None = None, top: int | None = None,
              min_papers: int = 1) -> dict[str, Any]:
    """The gaps document from any source of counts (see ``gaps`` for the parameters)."""
    chosen = chosen_pairs(by)
    sides: dict[str, Side] = {}
    found: list[_Candidate] = []
    for name in chosen:
        kinds = KIND_PAIRS[name]
        for kind in kinds:
            if kind not in sides:
                sides[kind] = counts.side(kind)
        side_a, side_b = sides[kinds[0]], sides[kinds[1]]
        pairing = Pairing(name, kinds, (side_a, side_b), side_a.ranked(min_papers), side_b.ranked(min_papers))
        if pairing.left and pairing.right:
            cooccurring = counts.cooccurring(kinds)
            with paused_gc():  # millions of short-lived candidates on big graphs
                found.extend(_pair_gaps(pairing, cooccurring))
    ranked = heapq.nsmallest(top, found, key=_ORDER) if top is not None else sorted(found, key=_ORDER)
    return {"gaps": [c.item(both) for c, both in zip(ranked, _named_together(counts, ranked))]}


def _named_together(counts: Counts, ranked: list[_Candidate]) -> list[list[str]]:
    """For each reported gap, the papers linked to one side whose title or abstract names both."""
    candidates = counts.candidates([(c.pairing, c.a, c.b) for c in ranked])
    texts = counts.texts(set().union(*candidates))
    found: dict[tuple[int, str], set[str]] = {}  # (pairing, paper) -> group keys its texts name
    result = []
    for candidate, papers in zip(ranked, candidates):
        pairing, wanted = candidate.pairing, {candidate.a.key, candidate.b.key}
        both = []
        for paper in papers:
            if paper not in texts:
                continue
            named = found.get((id(pairing), paper))
            if named is None:
                named = found[(id(pairing), paper)] = pairing.mentions().keys(texts[paper])
            if wanted <= named:
                both.append(paper)
        result.append(sorted(both))
    return result


def gaps(graph: KnowledgeGraph, by: str | Iterable[str] | None = None, top: int | None = None,
         min_papers: int = 1) -> dict[str, Any]:
    """Ranked unstudied combinations: the ``graphkit gaps --format json`` document.

    ``by`` picks kind pairs (``language-technique``, ``model-language``, ``model-task``,
    ``dataset-language``; default all); ``top`` keeps the best N; ``min_papers`` drops sides
    seen in fewer papers.

    >>> import graphkit
    >>> kg = graphkit.build([
    ...     {"title": "A", "abstract": "We apply quantization to BERT for German."},
    ...     {"title": "B", "abstract": "We apply pruning to BERT for Maltese."}])
    >>> doc = gaps(kg, by="language-technique")
    >>> [(g["entities"]["language"]["name"], g["entities"]["technique"]["name"]) for g in doc["gaps"]]
    [('German', 'pruning'), ('Maltese', 'quantization')]
    """
    return find_gaps(GraphCounts(graph), by, top, min_papers)


def gaps_table(document: dict[str, Any]) -> str:
    """A readable table: score, reason, the two entities and the one-line explanation."""
    lines = []
    for item in document["gaps"]:
        a, b = item["kinds"]
        pair = f"{item['entities'][a]['name']} x {item['entities'][b]['name']}"
        lines.append(f"{item['score']:.3f}  {item['reason']:<13}  {item['by']:<18}  {pair}\n"
                     f"       {item['explanation']}")
    return "\n".join(lines) if lines else "no gaps found"
