"""SHACL: built graphs conform to ontology/shapes.ttl and a broken graph does not."""

from __future__ import annotations

from importlib.resources import files

import rdflib
from conftest import DATA
from pyshacl import validate


def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(data=files("graphkit.ontology").joinpath("shapes.ttl").read_text(), format="turtle")


def test_seed_graph_conforms(seed_graph):
    conforms, _, text = validate(seed_graph.to_rdflib(), shacl_graph=_shapes(), inference="none")
    assert conforms, text[:3000]


def test_corpus_sample_conforms():
    import graphkit

    kg = graphkit.build([DATA / "corpora" / "arxiv_sample.jsonl"])
    conforms, _, text = validate(kg.to_rdflib(), shacl_graph=_shapes(), inference="none")
    assert conforms, text[:3000]


def test_broken_graph_fails():
    data = rdflib.Graph().parse(DATA / "shacl" / "broken.ttl", format="turtle")
    conforms, _, text = validate(data, shacl_graph=_shapes(), inference="none")
    assert not conforms
    assert "language:german" in text or "language/german" in text
