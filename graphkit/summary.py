"""Human-readable summaries of a build: the one-line counts and a short lineage digest."""

from __future__ import annotations

from typing import Any

from graphkit.graph import KnowledgeGraph

_PLURAL = {"paper": "papers", "model": "models", "technique": "techniques", "language": "languages",
           "dataset": "datasets", "task": "tasks", "author": "authors"}


def summary_line(graph: KnowledgeGraph) -> str:
    s = graph.summary()
    kinds = ", ".join(f"{s['entities'].get(k, 0)} {_PLURAL[k]}" for k in
                      ("model", "technique", "language", "dataset", "task", "author"))
    extra = f", {s['duplicates']} duplicates" if s["duplicates"] else ""
    if s.get("merged"):
        extra += f", {s['merged']} merged across sources"
    return (f"built {s['papers']} papers: {kinds}; {s['edges']} paper edges, {s['lineage_edges']} lineage edges; "
            f"{s['skipped']} skipped records{extra}")


def lineage_summary(graph: KnowledgeGraph, limit: int = 8, introduced: set[str] | None = None) -> str:
    """Chains up from the models papers introduce: ``GottBERT -derivedFrom-> RoBERTa -...-> BERT``.

    ``introduced`` names those models when the graph does not hold the papers (a streaming build).
    """
    relations: dict[str, dict[str, str]] = {}
    for child, predicate, parent in graph.lineage_edges():
        known = relations.setdefault(child, {})
        if known.get(parent, "derivedFrom") == "derivedFrom":
            known[parent] = predicate  # the typed relation wins over plain derivedFrom
    parents = {child: sorted(found.items()) for child, found in relations.items()}
    if introduced is None:
        introduced = {o for (_, p, o) in graph.edges if p == "introducesModel"}
    introduced = {o for o in introduced if o in parents}
    chains = []
    for iri in introduced:
        chain, seen, current = [graph.nodes[iri].name], {iri}, iri
        while parents.get(current):
            parent, relation = parents[current][0]
            if parent in seen:
                break
            chain.append(f"-{relation}-> {graph.nodes[parent].name}")
            seen.add(parent)
            current = parent
        chains.append(chain)
    # Longest chains first: they show the lineage best.
    chains.sort(key=lambda c: (-len(c), c[0].casefold()))
    lines = ["  " + " ".join(chain) for chain in chains[:limit]]
    if not lines:
        return ""
    more = len(chains) - limit
    return "lineage of introduced models:\n" + "\n".join(lines) + (f"\n  ... and {more} more" if more > 0 else "")


def lineage_table(document: dict[str, Any]) -> str:
    """The lineage document as two indented trees: ancestors above, descendants below."""
    root = document["model"]
    lines = [f"{root['name']}  <{root['iri']}>"]
    for title, key, arrow in (("ancestors", "ancestors", "<-"), ("descendants", "descendants", "->")):
        lines.append(f"{title}:")
        children: dict[str, list[dict[str, Any]]] = {}
        for item in document[key]:
            children.setdefault(item["via"], []).append(item)

        def walk(iri: str, depth: int) -> None:
            for item in children.get(iri, []):
                ev = item["evidence"][0] if item["evidence"] else None
                why = f'"{ev["quote"][:80]}"' if ev else "curated"
                lines.append(f"{'  ' * depth}{arrow} {item['name']} [{item['relation']}]  {why}")
                walk(item["iri"], depth + 1)

        walk(root["iri"], 1)
        if not document[key]:
            lines.append("  (none)")
    return "\n".join(lines)
