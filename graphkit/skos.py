"""The SKOS technique scheme (``ontology/techniques.ttl``), generated from techniques.csv.

Run ``python -m graphkit.skos`` after editing the vocabulary; a test checks the two agree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from graphkit.graph import KnowledgeGraph
from graphkit.namespace import ID, RDF, SKOS
from graphkit.vocab import load_vocabulary

SCHEME = f"{ID}technique/"


def techniques_graph() -> KnowledgeGraph:
    """Every curated technique with labels, definition and skos:broader, in one scheme."""
    vocab = load_vocabulary()
    graph = KnowledgeGraph()
    scheme = graph.node(SCHEME, "seq", "")
    scheme.add(f"{RDF}type", f"{SKOS}ConceptScheme")
    for term in vocab.of_kind("technique"):
        node = graph.add_term(term)
        node.add(f"{RDF}type", f"{SKOS}Concept")
        node.add(f"{SKOS}inScheme", SCHEME)
        parents = vocab.broader.get(term.iri, [])
        for parent in parents:
            graph.broader.add((term.iri, parent))
        if not parents:
            node.add(f"{SKOS}topConceptOf", SCHEME)
            scheme.add(f"{SKOS}hasTopConcept", term.iri)
    return graph


def main() -> None:
    from graphkit.exporters.rdf import dump_turtle

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "ontology" / "techniques.ttl"
    target.write_text(dump_turtle(techniques_graph()), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
