"""Crossref works: single works and work lists, JATS stripped from abstracts, references."""

from __future__ import annotations

import json

import graphkit
from conftest import DATA
from graphkit.graph import P_ABSTRACT, P_IDENTIFIER
from graphkit.models import PaperRecord
from graphkit.pipeline import iter_records
from graphkit.registry import detect_loader

CROSSREF = DATA / "payloads" / "crossref"


def _records(path):
    return [r for r in iter_records([path]) if isinstance(r, PaperRecord)]


def test_single_work_with_jats_abstract():
    path = CROSSREF / "work_10.1038_s42256-024-00832-8.json"
    work = json.loads(path.read_text())["message"]
    assert detect_loader(path).name == "crossref"
    (record,) = _records(path)
    assert record.doi == "10.1038/s42256-024-00832-8"
    assert record.title == "Augmenting large language models with chemistry tools"
    assert record.abstract.startswith("Large language models (LLMs) have shown strong performance")
    assert "<" not in record.abstract and "jats" not in record.abstract
    assert record.authors == tuple(f"{a['given']} {a['family']}" for a in work["author"])
    assert record.date == "2024-05-08" and record.venue == "Nature Machine Intelligence"
    assert record.references == tuple(r["DOI"].lower() for r in work["reference"] if r.get("DOI"))


def test_work_lists_build_every_item():
    for name in ("works_query_ecology_rows2.json", "works_rows2.json", "works_query.title_PaperQA_rows1.json"):
        items = json.loads((CROSSREF / name).read_text())["message"]["items"]
        kg = graphkit.build([CROSSREF / name])
        assert kg.summary()["papers"] == len(items), name
        for item in items:
            node = kg.nodes[f"https://w3id.org/graphkit/id/paper/doi-{item['DOI'].lower().replace('/', '%2F')}"]
            assert item["DOI"].lower() in {lit.value for lit in node.props[P_IDENTIFIER]}
    (record,) = _records(CROSSREF / "works_query.title_PaperQA_rows1.json")
    assert record.abstract.startswith("Objective To automate scientific claim verification")


def test_abstract_of_plos_work_absent_is_empty():
    kg = graphkit.build([CROSSREF / "work_10.1371_journal.pone.0033693.json"])
    (node,) = [n for n in kg.entities("paper") if n.name.startswith("Methylphenidate")]
    assert P_ABSTRACT not in node.props
