"""OpenAlex works: list pages, single works, a JSON Lines dump recognised by content, abstracts."""

from __future__ import annotations

import json

import graphkit
from conftest import DATA
from graphkit.graph import P_ABSTRACT, P_IDENTIFIER
from graphkit.loaders.openalex import abstract_from_index
from graphkit.models import LoadIssue, PaperRecord
from graphkit.pipeline import iter_records
from graphkit.registry import detect_loader

OPENALEX = DATA / "payloads" / "openalex"


def _records(path):
    return [r for r in iter_records([path]) if isinstance(r, PaperRecord)]


def test_abstract_rebuilt_from_inverted_index():
    assert abstract_from_index({"b": [1], "a": [0, 2]}) == "a b a"
    work = json.loads((OPENALEX / "work_W2741809807.json").read_text())
    (record,) = _records(OPENALEX / "work_W2741809807.json")
    words = record.abstract.split(" ")
    assert len(words) == sum(len(p) for p in work["abstract_inverted_index"].values())
    assert record.abstract.startswith("Despite growing interest in Open Access (OA)")


def test_single_work_maps_ids_authors_references():
    work = json.loads((OPENALEX / "work_W2741809807.json").read_text())
    path = OPENALEX / "work_W2741809807.json"
    assert detect_loader(path).name == "openalex"
    (record,) = _records(path)
    assert record.openalex_id == "https://openalex.org/W2741809807"
    assert record.doi == "10.7717/peerj.4375"
    assert record.authors == tuple(a["author"]["display_name"] for a in work["authorships"])
    assert record.date == "2018-02-13" and record.venue == "PeerJ"
    assert record.references == tuple(work["referenced_works"])
    kg = graphkit.build([path])
    node = kg.nodes["https://w3id.org/graphkit/id/paper/doi-10.7717%2Fpeerj.4375"]
    assert {"10.7717/peerj.4375", "https://openalex.org/W2741809807"} <= {lit.value for lit in node.props[P_IDENTIFIER]}


def test_list_page_counts_and_arxiv_doi():
    page = json.loads((OPENALEX / "works_filter_title.search_PaperQA.json").read_text())
    records = _records(OPENALEX / "works_filter_title.search_PaperQA.json")
    assert len(records) == len(page["results"]) == 1
    assert records[0].doi == "10.48550/arxiv.2312.07559" and records[0].arxiv_id == "2312.07559"
    kg = graphkit.build([OPENALEX / "works_filter_title.search_copper_oxide.json"])
    assert kg.summary()["papers"] == 1
    (node,) = [n for n in kg.entities("paper") if n.props.get(P_ABSTRACT)]
    assert next(iter(node.props[P_ABSTRACT])).value.startswith("Metal-oxide layers are likely")


def test_dump_recognised_by_content_not_suffix(tmp_path):
    works = [json.loads((OPENALEX / name).read_text()) for name in
             ("work_W2741809807.json", "work_doi_10.1073_pnas.1414271111.json")]
    dump = tmp_path / "works.txt"
    dump.write_bytes(b"".join(json.dumps(w).encode() + b"\n" for w in works) + b"not json\n")
    assert detect_loader(dump).name == "openalex"
    items = list(iter_records([dump]))
    assert [r.openalex_id for r in items if isinstance(r, PaperRecord)] == [w["id"] for w in works]
    (issue,) = [i for i in items if isinstance(i, LoadIssue)]
    assert str(issue).startswith(f"{dump}:3: invalid JSON")


def test_html_error_page_and_partial_record(tmp_path):
    html = OPENALEX / "work_doi_not_found_404.html"
    (issue,) = iter_records([html])
    assert "HTML page" in str(issue) and str(issue).startswith(str(html))
    (issue,) = iter_records([html], fmt="openalex")
    assert "HTML page" in str(issue)
    (issue,) = iter_records([OPENALEX / "work_doi_select_open_access.json"], fmt="openalex")
    assert "no OpenAlex work id" in str(issue)
