"""Human-readable summaries of a build: the one-line counts and a short lineage digest."""

from __future__ import annotations

from typing import Any

from graphkit.graph import KnowledgeGraph
from graphkit.namespace import LINEAGE_KINDS

_PLURAL = {"paper": "papers", "model": "models", "technique": "techniques", "language": "languages",
           "dataset": "datasets", "task": "tasks", "author": "authors"}


def summary_line(graph: KnowledgeGraph) -> str:
    s = graph.summary()
    kinds = ", ".join(f"{s['entities'].get(k, 0)} {_PLURAL[k]}" for k in
                      ("model", "technique", "language", "dataset", "task", "author"))
    extra = f", {s['duplicates']} duplicates" if s["duplicates"] else ""
    return (f"built {s['papers']} papers: {kinds}; {s['edges']} paper edges, {s['lineage_edges']} lineage edges; "
            f"{s['skipped']} skipped records{extra}")


def lineage_summary(graph: KnowledgeGraph, limit: int = 8) -> str:
    """Chains up from the models papers introduce: ``GottBERT -derivedFrom-> RoBERTa -...-> BERT``."""
    parents: dict[str, list[tuple[str, str]]] = {}
    for child, predicate, parent in graph.lineage_edges():
        if predicate in LINEAGE_KINDS or (child, parent) not in {(c, p) for p, c in []}:
            parents.setdefault(child, [])
            known = dict(parents[child])
            if parent not in known or (predicate in LINEAGE_KINDS and known[parent] == "derivedFrom"):
                parents[child] = [(p, r) for p, r in parents[child] if p != parent] + [(parent, predicate)]
    introduced = sorted({o for (_, p, o) in graph.edges if p == "introducesModel" and o in parents},
                        key=lambda iri: graph.nodes[iri].name.casefold())
    lines = []
    for iri in introduced[:limit]:
        chain, seen, current = [graph.nodes[iri].name], {iri}, iri
        while parents.get(current):
            parent, relation = sorted(parents[current])[0]
            if parent in seen:
                break
            chain.append(f"-{relation}-> {graph.nodes[parent].name}")
            seen.add(parent)
            current = parent
        lines.append("  " + " ".join(chain))
    if not lines:
        return ""
    more = len(introduced) - limit
    return "lineage of introduced models:\n" + "\n".join(lines) + (f"\n  ... and {more} more" if more > 0 else "")


def lineage_table(document: dict[str, Any]) -> str:
    lines = [f"{document['model']['name']} <{document['model']['iri']}>"]
    for title, key, arrow in (("ancestors", "ancestors", "<-"), ("descendants", "descendants", "->")):
        lines.append(f"{title}:")
        for item in document[key]:
            quote = item["evidence"][0]["quote"] if item["evidence"] else "curated"
            lines.append(f"{'  ' * item['depth']}{arrow} {item['name']} [{item['relation']}]  {quote[:90]}")
        if not document[key]:
            lines.append("  (none)")
    return "\n".join(lines)
