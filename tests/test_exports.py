"""Exports parse back, agree with each other, and are byte-identical across builds."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph
import rdflib
from conftest import SEED
from rdflib.compare import isomorphic

import graphkit
from graphkit.cli import cli

HOSTILE = {
    "title": 'Quotes " and """ and \\ backslash <script>alert(1)</script> \u200f RTL 🙂',
    "abstract": "Line one.\nLine two with \"quotes\" and a tab\t and BERT.\r\nEnd \\ .",
    "id": "hostile-1",
}


def test_turtle_ntriples_jsonld_are_the_same_graph(seed_graph, tmp_path):
    paths = {s: seed_graph.write(tmp_path / f"g{s}") for s in (".ttl", ".nt", ".jsonld")}
    ttl = rdflib.Graph().parse(paths[".ttl"], format="turtle")
    nt = rdflib.Graph().parse(paths[".nt"], format="nt")
    jsonld = rdflib.Graph().parse(paths[".jsonld"], format="json-ld")
    assert len(ttl) > 1000
    assert isomorphic(ttl, nt) and isomorphic(ttl, jsonld)
    store = pyoxigraph.Store()
    store.load(path=str(paths[".ttl"]), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(ttl)
    assert isomorphic(seed_graph.to_rdflib(), ttl)


def test_confidence_stays_decimal_in_jsonld(seed_graph, tmp_path):
    g = rdflib.Graph().parse(seed_graph.write(tmp_path / "g.jsonld"), format="json-ld")
    confidences = list(g.objects(None, rdflib.URIRef("https://w3id.org/graphkit/ontology#confidence")))
    assert confidences and all(c.datatype == rdflib.XSD.decimal for c in confidences)


def test_same_input_gives_byte_identical_output(runner, tmp_path):
    for suffix in (".ttl", ".nt", ".jsonld", ".graphml", ".json"):
        a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        assert runner.invoke(cli, ["build", str(SEED), "-o", str(a)]).exit_code == 0
        assert runner.invoke(cli, ["build", str(SEED), "-o", str(b)]).exit_code == 0
        assert a.read_bytes() == b.read_bytes(), suffix


def test_graphml_and_nodelink_hold_the_networkx_view(seed_graph, tmp_path):
    view = seed_graph.to_networkx()
    assert isinstance(view, nx.MultiDiGraph)
    graphml = nx.read_graphml(seed_graph.write(tmp_path / "g.graphml"))
    data = json.loads(seed_graph.write(tmp_path / "g.json").read_text())
    linked = nx.node_link_graph(data, edges="edges")
    for other in (graphml, linked):
        assert set(other.nodes) == set(view.nodes)
        assert other.number_of_edges() == view.number_of_edges()
    kinds = {d["kind"] for _, d in view.nodes(data=True)}
    assert {"paper", "model", "language"} <= kinds
    assert not [n for n in view.nodes if "/evidence/" in n]
    keys = {k for _, _, k in view.edges(keys=True)}
    assert "usesModel" in keys and "studiesLanguage" in keys


def test_hostile_text_round_trips_exactly(tmp_path):
    kg = graphkit.build([HOSTILE])
    for suffix, fmt in ((".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")):
        g = rdflib.Graph().parse(kg.write(tmp_path / f"h{suffix}"), format=fmt)
        titles = {str(o) for o in g.objects(None, rdflib.DCTERMS.title)}
        abstracts = {str(o) for o in g.objects(None, rdflib.DCTERMS.abstract)}
        assert titles == {HOSTILE["title"]} and abstracts == {HOSTILE["abstract"]}, suffix
    view = nx.read_graphml(kg.write(tmp_path / "h.graphml"))
    assert HOSTILE["title"] in {d["name"] for _, d in view.nodes(data=True)}
