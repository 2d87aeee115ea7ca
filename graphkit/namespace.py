"""RDF namespaces: the graphkit ontology terms and the instance IRI base."""

from __future__ import annotations

GK = "https://w3id.org/graphkit/ontology#"
ID = "https://w3id.org/graphkit/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OWL = "http://www.w3.org/2002/07/owl#"
BIBO = "http://purl.org/ontology/bibo/"
FOAF = "http://xmlns.com/foaf/0.1/"

PREFIXES: dict[str, str] = {
    "gk": GK,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "owl": OWL,
    "bibo": BIBO,
    "foaf": FOAF,
}

#: The same prefixes as a SPARQL prologue, for the queries graphkit sends to a store.
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{base}>\n" for prefix, base in sorted(PREFIXES.items()))

#: Entity kinds, their ontology class and the lower-case name used in IRIs and networkx.
KINDS: dict[str, str] = {
    "paper": "Paper",
    "model": "Model",
    "technique": "Technique",
    "language": "Language",
    "dataset": "Dataset",
    "task": "Task",
    "author": "Author",
    "evidence": "Evidence",
}

#: Paper -> X properties (local names) and the kind of their object.
PAPER_PROPERTIES: dict[str, str] = {
    "usesModel": "model",
    "introducesModel": "model",
    "appliesTechnique": "technique",
    "studiesLanguage": "language",
    "usesDataset": "dataset",
    "introducesDataset": "dataset",
    "addressesTask": "task",
    "cites": "paper",
}

#: Typed lineage properties; each is a sub-property of gk:derivedFrom.
LINEAGE_KINDS: tuple[str, ...] = (
    "fineTunedFrom",
    "continuedPretrainingFrom",
    "distilledFrom",
    "quantizedFrom",
    "prunedFrom",
    "adaptedFrom",
    "successorOf",
)
LINEAGE_PROPERTIES: tuple[str, ...] = ("derivedFrom", *LINEAGE_KINDS)
