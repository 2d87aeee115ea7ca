"""Hugging Face papers API JSON (hand-written fixtures in the documented shape; no recording exists)."""

from __future__ import annotations

import graphkit
from conftest import DATA
from graphkit.graph import P_IDENTIFIER
from graphkit.models import LoadIssue, PaperRecord
from graphkit.pipeline import iter_records
from graphkit.registry import detect_loader

HF = DATA / "payloads" / "huggingface"


def test_daily_papers_list():
    path = HF / "daily_papers_fixture.json"
    assert detect_loader(path).name == "hf-papers"
    items = list(iter_records([path]))
    records = [r for r in items if isinstance(r, PaperRecord)]
    assert [r.arxiv_id for r in records] == ["2006.11477", "2312.07559"]
    assert records[0].authors == ("Alexei Baevski", "Henry Zhou", "Abdelrahman Mohamed", "Michael Auli")
    assert records[0].date == "2020-06-20" and records[0].url == "https://huggingface.co/papers/2006.11477"
    (issue,) = [i for i in items if isinstance(i, LoadIssue)]
    assert str(issue) == f"{path}:3: record 3: missing title"


def test_single_paper_builds_with_extraction():
    kg = graphkit.build([HF / "paper_fixture.json"])
    node = kg.nodes["https://w3id.org/graphkit/id/paper/arxiv-2006.11477"]
    assert {lit.value for lit in node.props[P_IDENTIFIER]} == {"arXiv:2006.11477"}
    assert any(o.endswith("/model/wav2vec-2.0") for (s, p, o) in kg.edges if s == node.iri)
