"""Research gaps: combinations of two kinds of entity that no paper in the graph studies together.

Why: the second question graphkit exists for (after lineage) is "what has nobody tried?".
A gap is a pair (for example Maltese x quantization) where both sides are studied, but never
in the same paper. Gaps are ranked by how conspicuous the hole is: both sides frequent, and
their neighbours (languages studied with the same techniques as Maltese; techniques applied
to the same languages as quantization) already covering the other side. A gap whose two
names nevertheless appear together in some abstract is reported as ``not-extracted``
(the papers exist, the extractor missed the edge) rather than ``unstudied``.

The document is the ``graphkit gaps --format json`` one (CONTRACT section 7).
"""

from __future__ import annotations

import heapq
import math
from operator import attrgetter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graphkit.graph import P_ABSTRACT, P_TITLE, KnowledgeGraph, Lit
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
class Group:
    """One side of a pair: an entity, or a model family (every model sharing a ``gk:family``)."""

    key: str
    iri: str
    name: str
    names: set[str] = field(default_factory=set)
    members: int = 1
    papers: set[str] = field(default_factory=set)


def _family_groups(graph: KnowledgeGraph) -> dict[str, Group]:
    """Model IRI -> its family group (the ``gk:family`` literal, else the model itself)."""
    by_key: dict[str, list[str]] = {}
    for node in graph.entities("model"):
        families = sorted(o.value for o in node.props.get(P_FAMILY, ()) if isinstance(o, Lit))
        by_key.setdefault(f"family:{families[0]}" if families else node.iri, []).append(node.iri)
    groups: dict[str, Group] = {}
    for key, iris in by_key.items():
        nodes = [graph.nodes[i] for i in sorted(iris)]
        if key.startswith("family:"):
            name = key[len("family:"):]
            head = next((n for n in nodes if fold_key(n.name) == fold_key(name)), nodes[0])
        else:
            head = nodes[0]
            name = head.name
        group = Group(key, head.iri, name, members=len(nodes))
        for node in nodes:
            group.names.update({node.name, *node.alt_labels})
            groups[node.iri] = group
    return groups


def _groups(graph: KnowledgeGraph, kind: str) -> dict[str, Group]:
    """Entity IRI -> group, with the papers linked to each group filled in."""
    if kind == "model":
        groups = _family_groups(graph)
    else:
        groups = {n.iri: Group(n.iri, n.iri, n.name, {n.name, *n.alt_labels}) for n in graph.entities(kind)}
    broader: dict[str, set[str]] = {}
    for child, parent in graph.broader:
        broader.setdefault(child, set()).add(parent)
    properties = set(KIND_PROPERTIES[kind])
    for paper, predicate, obj in graph.edges:
        if predicate not in properties or obj not in groups:
            continue
        targets, queue = {obj}, [obj]
        while queue:  # a paper applying quantization-aware training also studies quantization
            for parent in broader.get(queue.pop(), ()):
                if parent in groups and parent not in targets:
                    targets.add(parent)
                    queue.append(parent)
        for target in targets:
            groups[target].papers.add(paper)
    return groups


def _unique(groups: dict[str, Group]) -> list[Group]:
    seen: dict[str, Group] = {}
    for group in groups.values():
        seen.setdefault(group.key, group)
    return sorted((g for g in seen.values() if g.papers), key=lambda g: g.key)


class _Mentions:
    """Which papers' titles and abstracts mention which names: the text check for ``not-extracted``."""

    def __init__(self, graph: KnowledgeGraph, groups: Iterable[Group]) -> None:
        import ahocorasick

        self.papers: dict[str, set[str]] = {}
        automaton = ahocorasick.Automaton()
        owners: dict[str, set[str]] = {}
        for group in groups:
            for name in group.names:
                key = fold_key(name)
                if len(key.strip()) >= 2:
                    owners.setdefault(key, set()).add(group.key)
        if not owners:
            return
        for key, keys in owners.items():
            automaton.add_word(key, (len(key), frozenset(keys)))
        automaton.make_automaton()
        for paper in graph.entities("paper"):
            texts = [o.value for p in (P_TITLE, P_ABSTRACT) for o in paper.props.get(p, ()) if isinstance(o, Lit)]
            for text in texts:
                folded, _ = fold(text)
                folded = " " + " ".join(folded.split()) + " "
                for keys in _outermost(automaton.iter(folded)):
                    for key in keys:
                        self.papers.setdefault(key, set()).add(paper.iri)

    def both(self, a: Group, b: Group) -> set[str]:
        return self.papers.get(a.key, set()) & self.papers.get(b.key, set())


def _outermost(matches: Iterable[tuple[int, tuple[int, frozenset[str]]]]) -> list[frozenset[str]]:
    """Drop a match inside a longer one ("BERT" inside "w2v-BERT" is not a mention of BERT)."""
    spans = sorted(((end - length + 1, end, keys) for end, (length, keys) in matches), key=lambda m: (m[0], -m[1]))
    kept: list[frozenset[str]] = []
    reach = -1
    for _, end, keys in spans:
        if end > reach:
            kept.append(keys)
            reach = end
    return kept


def _partners(left: list[Group], right: list[Group]) -> dict[str, set[str]]:
    """Group key -> keys of the groups on the other side it shares a paper with."""
    by_paper: dict[str, list[str]] = {}
    for group in right:
        for paper in group.papers:
            by_paper.setdefault(paper, []).append(group.key)
    partners: dict[str, set[str]] = {g.key: set() for g in left}
    for group in left:
        for paper in group.papers:
            partners[group.key].update(by_paper.get(paper, ()))
    return partners


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


def _pair_gaps(graph: KnowledgeGraph, by: str, kinds: tuple[str, str], min_papers: int) -> list[_Candidate]:
    kind_a, kind_b = kinds
    left = [g for g in _unique(_groups(graph, kind_a)) if len(g.papers) >= min_papers]
    right = [g for g in _unique(_groups(graph, kind_b)) if len(g.papers) >= min_papers]
    if not left or not right:
        return []
    partners_a = _partners(left, right)
    partners_b = _partners(right, left)
    near_a = _neighbours(partners_a, partners_b)
    near_b = _neighbours(partners_b, partners_a)
    top_a = max(len(g.papers) for g in left)
    top_b = max(len(g.papers) for g in right)
    mentions = _Mentions(graph, [*left, *right])
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
            frequency = math.sqrt(len(a.papers) / top_a * len(b.papers) / top_b)
            score = round(frequency * (0.5 + coverage / 4), 4)
            candidates.append(_Candidate((-score, by, a.name, b.name), score, by, kinds, a, b,
                                         len(near_of_a), covered_a, len(near_b[b.key]), covered_b, mentions))
    return candidates


@dataclass(slots=True)
class _Candidate:
    """A scored gap; the full JSON item (text check, explanation) is only made for those reported."""

    order: tuple[Any, ...]
    score: float
    by: str
    kinds: tuple[str, str]
    a: Group
    b: Group
    near_a: int
    covered_a: int
    near_b: int
    covered_b: int
    mentions: _Mentions

    def item(self) -> dict[str, Any]:
        kind_a, kind_b = self.kinds
        a, b = self.a, self.b
        both = self.mentions.both(a, b)
        support = {
            f"{kind_a}_papers": len(a.papers), f"{kind_b}_papers": len(b.papers),
            "papers_with_both": 0, "papers_mentioning_both": len(both),
            f"{kind_a}_neighbours": self.near_a,
            f"{kind_a}_neighbours_with_{kind_b}": self.covered_a,
            f"{kind_b}_neighbours": self.near_b,
            f"{kind_b}_neighbours_with_{kind_a}": self.covered_b,
        }
        if kind_a == "model":
            support["family_models"] = a.members
        return {
            "score": self.score, "kinds": [kind_a, kind_b], "by": self.by,
            "entities": {kind_a: {"iri": a.iri, "name": a.name}, kind_b: {"iri": b.iri, "name": b.name}},
            "reason": "not-extracted" if both else "unstudied",
            "explanation": _explain(kind_a, kind_b, a, b, support, sorted(both)),
            "support": support, "papers": sorted(both),
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
    if by is None:
        chosen = list(KIND_PAIRS)
    else:
        chosen = [by] if isinstance(by, str) else list(by)
    unknown = [b for b in chosen if b not in KIND_PAIRS]
    if unknown:
        from graphkit.errors import GraphkitError

        raise GraphkitError(f"unknown kind pair {unknown[0]!r}; choose from {', '.join(KIND_PAIRS)}")
    found: list[_Candidate] = []
    with paused_gc():  # millions of short-lived candidates on big graphs
        for name in chosen:
            found.extend(_pair_gaps(graph, name, KIND_PAIRS[name], min_papers))
    ranked = heapq.nsmallest(top, found, key=_ORDER) if top is not None else sorted(found, key=_ORDER)
    return {"gaps": [candidate.item() for candidate in ranked]}


def gaps_table(document: dict[str, Any]) -> str:
    """A readable table: score, reason, the two entities and the one-line explanation."""
    lines = []
    for item in document["gaps"]:
        a, b = item["kinds"]
        pair = f"{item['entities'][a]['name']} x {item['entities'][b]['name']}"
        lines.append(f"{item['score']:.3f}  {item['reason']:<13}  {item['by']:<18}  {pair}\n"
                     f"       {item['explanation']}")
    return "\n".join(lines) if lines else "no gaps found"
