"""Cross-source merge (DOI, arXiv id, title + year), citations with stub papers, lineage records."""

from __future__ import annotations

import json
from importlib.resources import files

import graphkit
import rdflib
from conftest import DATA
from graphkit.cli import cli
from graphkit.graph import P_ABSTRACT, P_IDENTIFIER, P_SOURCE, P_TITLE
from graphkit.summary import summary_line
from pyshacl import validate

PAYLOADS = DATA / "payloads"
ID = "https://w3id.org/graphkit/id/"


def _ids(node):
    return {lit.value for lit in node.props.get(P_IDENTIFIER, ())}


def _titled(kg):
    return [n for n in kg.entities("paper") if P_TITLE in n.props]


def test_one_paper_through_four_sources_is_one_node():
    inputs = [
        PAYLOADS / "semanticscholar" / "paper_DOI_10.1038_s42256-024-00832-8.json",
        PAYLOADS / "crossref" / "work_10.1038_s42256-024-00832-8.json",
        PAYLOADS / "openalex" / "works_filter_title.search_chemistry_tools.json",
        PAYLOADS / "crossref" / "work_10.1038_s42256-024-00832-8_transform_bibtex.bib",
    ]
    kg = graphkit.build(inputs)
    (node,) = _titled(kg)
    assert node.iri == f"{ID}paper/arxiv-2304.05376"
    assert {"arXiv:2304.05376", "10.1038/s42256-024-00832-8", "https://openalex.org/W4396723768",
            "s2:354dcdebf3f8b5feeed5c62090e0bc1f0c28db06"} <= _ids(node)
    assert {lit.value for lit in node.props[P_SOURCE]} == {str(p) for p in inputs}
    assert len(node.props[P_TITLE]) == 1 and len(node.props[P_ABSTRACT]) == 1
    assert kg.summary()["merged"] == 3
    assert "3 merged across sources" in summary_line(kg)


def test_arxiv_id_any_version_and_arxiv_doi(tmp_path):
    hf = PAYLOADS / "huggingface" / "daily_papers_fixture.json"
    inputs = [PAYLOADS / "openalex" / "works_filter_title.search_PaperQA.json",
              PAYLOADS / "semanticscholar" / "paper_search_match_PaperQA.json", hf]
    kg = graphkit.build(inputs)
    node = kg.nodes[f"{ID}paper/arxiv-2312.07559"]
    assert {"arXiv:2312.07559", "10.48550/arxiv.2312.07559"} <= _ids(node)
    assert len(node.props[P_SOURCE]) == 3
    versioned = tmp_path / "v.jsonl"
    versioned.write_text(json.dumps({"title": "PaperQA (v2 listing)", "arxiv_id": "2312.07559v2"}) + "\n")
    kg = graphkit.build([*inputs, versioned])
    assert len([n for n in _titled(kg) if "arXiv:2312.07559" in _ids(n)]) == 1


def test_title_and_year_rule(tmp_path):
    def write(name, **record):
        path = tmp_path / name
        path.write_text(json.dumps({"abstract": "", **record}) + "\n")
        return path

    a = write("a.jsonl", title="Speech Translation for Maltese!", year=2023)
    b = write("b.jsonl", title="speech translation for MALTESE", year=2023)
    c = write("c.jsonl", title="Speech translation for Maltese", year=2019)
    d = write("d.jsonl", title="Speech translation for Maltese")
    e = write("e.jsonl", title="Speech translation for Maltese")
    assert len(_titled(graphkit.build([a, b]))) == 1          # equal normalised title and year
    assert len(_titled(graphkit.build([a, c]))) == 2          # another year
    assert len(_titled(graphkit.build([d, e]))) == 2          # no year: never on title alone
    f = write("f.jsonl", title="!!!", year=2023)
    g = write("g.jsonl", title="???", year=2023)
    assert len(_titled(graphkit.build([f, g]))) == 2          # empty normalised title never merges
    h = write("h.jsonl", title="Speech translation for Maltese", year=2023, doi="10.1/x")
    i = write("i.jsonl", title="Speech translation for Maltese", year=2023, doi="10.1/y")
    assert len(_titled(graphkit.build([h, i]))) == 2          # different DOIs are different papers


def test_citations_become_stubs_then_point_at_loaded_papers(tmp_path):
    work = PAYLOADS / "openalex" / "work_W2741809807.json"
    references = json.loads(work.read_text())["referenced_works"]
    kg = graphkit.build([work])
    paper = f"{ID}paper/doi-10.7717%2Fpeerj.4375"
    cited = sorted(o for (s, p, o) in kg.edges if s == paper and p == "cites")
    assert len(cited) == len(set(references))
    stub = kg.nodes[f"{ID}paper/openalex-{references[0].rsplit('/', 1)[1]}"]
    assert P_TITLE not in stub.props and _ids(stub) == {references[0]} and stub.name == references[0]
    loaded = tmp_path / "cited.jsonl"
    loaded.write_text(json.dumps({"title": "A cited paper", "openalex_id": references[0], "year": 2015}) + "\n")
    for order in ([work, loaded], [loaded, work]):
        kg = graphkit.build(order)
        (target,) = [n for n in kg.entities("paper") if references[0] in _ids(n)]
        assert target.name == "A cited paper" and (paper, "cites", target.iri) in kg.edges


def test_graph_with_stubs_and_merges_conforms_to_shapes():
    kg = graphkit.build([PAYLOADS / "openalex" / "work_W2741809807.json",
                         PAYLOADS / "semanticscholar" / "paper_DOI_10.1038_s42256-024-00832-8.json",
                         PAYLOADS / "crossref" / "work_10.1038_s42256-024-00832-8.json",
                         PAYLOADS / "arxiv" / "query_all-testing_start0_max10.xml",
                         PAYLOADS / "bibtex" / "P19-1007.bib"])
    shapes = rdflib.Graph().parse(data=files("graphkit.ontology").joinpath("shapes.ttl").read_text(), format="turtle")
    conforms, _, text = validate(kg.to_rdflib(), shacl_graph=shapes, inference="none")
    assert conforms, text[:3000]


def test_lineage_records_enrich_a_build(tmp_path, runner):
    papers = tmp_path / "papers.jsonl"
    papers.write_text(json.dumps({"title": "GottBERT: a pure German language model",
                                  "abstract": "We present GottBERT, a German RoBERTa model."}) + "\n")
    lineage = tmp_path / "lineage.jsonl"
    lineage.write_text("\n".join(json.dumps(r) for r in [
        {"model": "acme/gottbert-ner", "base_model": "uklfr/gottbert-base", "relation": "finetune",
         "source": "https://huggingface.co/acme/gottbert-ner"},
        {"model": "acme/gottbert-ner-gguf", "base_model": "acme/gottbert-ner", "relation": "quantized"},
        {"model": "acme/mix", "base_model": "acme/gottbert-ner", "relation": "merge"},
        {"model": "acme/lora", "base_model": "acme/gottbert-ner", "relation": "adapter"},
        {"model": "acme/x", "base_model": "acme/y", "relation": "teleported"},
        {"model": "acme/only"},
    ]) + "\n")
    result = runner.invoke(cli, ["build", str(papers), str(lineage), "-o", str(tmp_path / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert f"{lineage}:5: record 'acme/x': unknown relation 'teleported'" in result.output
    assert f"{lineage}:6: lineage record needs 'model' and 'base_model' names" in result.output
    g = rdflib.Graph().parse(tmp_path / "graph.ttl")
    gk = rdflib.Namespace("https://w3id.org/graphkit/ontology#")
    model = rdflib.Namespace(f"{ID}model/")
    for child, prop in (("gottbert-ner-gguf", gk.quantizedFrom), ("lora", gk.adaptedFrom),
                        ("gottbert-ner", gk.fineTunedFrom)):
        assert (None, prop, None) in g
    assert (model["gottbert-ner-gguf"], gk.quantizedFrom, model["gottbert-ner"]) in g
    assert (model["gottbert-ner-gguf"], gk.derivedFrom, model["gottbert-ner"]) in g
    assert (model["mix"], gk.derivedFrom, model["gottbert-ner"]) in g
    assert (model["gottbert-ner"], rdflib.URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"),
            rdflib.URIRef("https://huggingface.co/acme/gottbert-ner")) in g
    evidence = {str(o) for s, p, o in g.triples((None, rdflib.URIRef("http://purl.org/dc/terms/source"), None))
                if (s, gk.method, rdflib.Literal("curated")) in g}
    assert "https://huggingface.co/acme/gottbert-ner" in evidence and str(lineage) in evidence


def test_merged_paper_takes_its_strongest_identifier_whatever_the_order():
    doi_record = {"title": "GottBERT: a pure German Language Model", "abstract": "We present GottBERT, a German "
                  "RoBERTa model.", "doi": "10.18653/v1/2024.emnlp-main.1183", "year": 2024, "authors": ["A B"]}
    arxiv_record = {"title": "GottBERT: a pure German Language Model", "abstract": "We present GottBERT, a German "
                    "RoBERTa model.", "arxiv_id": "2012.02110v2", "doi": "10.18653/v1/2024.emnlp-main.1183",
                    "year": 2024}
    for order in ([doi_record, arxiv_record], [arxiv_record, doi_record]):
        kg = graphkit.build(order)
        (node,) = _titled(kg)
        assert node.iri == f"{ID}paper/arxiv-2012.02110"
        assert f"{ID}paper/arxiv-2012.02110/authors" in kg.nodes
        edges = [k for k in kg.edges if k[0] == node.iri]
        assert edges and all(ev.paper == node.iri for k in edges for ev in kg.edges[k].values())
        assert not [k for k in kg.edges if "doi-10" in k[0] or "doi-10" in k[2]]
        conforms, _, text = validate(kg.to_rdflib(), shacl_graph=rdflib.Graph().parse(
            data=files("graphkit.ontology").joinpath("shapes.ttl").read_text(), format="turtle"))
        assert conforms, text[:2000]
