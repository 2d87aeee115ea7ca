"""Semantic Scholar Graph API: paper by DOI, search pages, batch with nulls, references, errors."""

from __future__ import annotations

import json

import graphkit
from conftest import DATA
from graphkit.graph import P_IDENTIFIER
from graphkit.models import LoadIssue, PaperRecord
from graphkit.pipeline import iter_records
from graphkit.registry import detect_loader

S2 = DATA / "payloads" / "semanticscholar"


def _records(path, fmt=None):
    return [r for r in iter_records([path], fmt=fmt) if isinstance(r, PaperRecord)]


def test_single_paper_ids_authors():
    path = S2 / "paper_DOI_10.1038_s42256-024-00832-8.json"
    data = json.loads(path.read_text())
    assert detect_loader(path).name == "semanticscholar"
    (record,) = _records(path)
    assert record.s2_id == data["paperId"] and record.doi == "10.1038/s42256-024-00832-8"
    assert record.arxiv_id == "2304.05376" and record.year == 2023 and record.date == "2023-04-11"
    assert record.authors == tuple(a["name"] for a in data["authors"])
    kg = graphkit.build([path])
    node = kg.nodes["https://w3id.org/graphkit/id/paper/arxiv-2304.05376"]
    ids = {lit.value for lit in node.props[P_IDENTIFIER]}
    assert ids == {"arXiv:2304.05376", "10.1038/s42256-024-00832-8", f"s2:{data['paperId']}"}


def test_search_pages_and_bulk():
    for name in ("paper_search_turing_offset0.json", "paper_search_turing_offset100.json",
                 "paper_search_bulk_kubernetes.json"):
        data = json.loads((S2 / name).read_text())
        records = _records(S2 / name)
        assert len(records) == len([p for p in data["data"] if p.get("title")]), name
        assert [r.s2_id for r in records][:3] == [p["paperId"] for p in data["data"]][:3]


def test_batch_keeps_abstracts_and_reports_nulls():
    path = S2 / "paper_batch_POST_with_abstracts.json"
    data = json.loads(path.read_text())
    items = list(iter_records([path]))
    records = [r for r in items if isinstance(r, PaperRecord)]
    assert [r.abstract for r in records] == [(p["abstract"] or "").strip() for p in data if p]
    issues = [str(i) for i in items if isinstance(i, LoadIssue)]
    assert issues == [f"{path}:{n}: record {n}: null (id not found by the batch lookup)"
                      for n, p in enumerate(data, start=1) if p is None]


def test_references_response_yields_cited_papers():
    data = json.loads((S2 / "paper_references_offset0.json").read_text())
    records = _records(S2 / "paper_references_offset0.json")
    cited = [d["citedPaper"] for d in data["data"] if d["citedPaper"].get("title")]
    assert [r.s2_id for r in records] == [c["paperId"] for c in cited]
    assert [r.title for r in records] == [c["title"].strip() for c in cited]


def test_error_bodies_are_one_line_errors():
    message = json.loads((S2 / "paper_DOI_not_found_404.json").read_text())["error"]
    (issue,) = iter_records([S2 / "paper_DOI_not_found_404.json"], fmt="semanticscholar")
    assert str(issue) == f"{S2 / 'paper_DOI_not_found_404.json'}: Semantic Scholar API error: {message}"
    (issue,) = iter_records([S2 / "paper_bad_fields_400.json"], fmt="semanticscholar")
    assert "Semantic Scholar API error" in str(issue) and "\n" not in str(issue)
