"""arXiv Atom feeds: the recorded search pages and id_list answers, and the API's error feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import graphkit
from conftest import DATA
from graphkit.graph import P_ABSTRACT, P_IDENTIFIER, P_SOURCE
from graphkit.models import LoadIssue, PaperRecord
from graphkit.pipeline import iter_records
from graphkit.registry import detect_loader

ARXIV = DATA / "payloads" / "arxiv"
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(path):
    return list(ET.parse(path).getroot().iter(f"{ATOM}entry"))


def test_search_page_builds_one_paper_per_entry():
    path = ARXIV / "query_all-testing_start0_max10.xml"
    assert detect_loader(path).name == "arxiv"
    entries = _entries(path)
    kg = graphkit.build([path])
    assert kg.summary()["papers"] == len(entries) == 10
    for entry in entries:
        arxiv_id = entry.findtext(f"{ATOM}id").rsplit("/abs/", 1)[1].rsplit("v", 1)[0]
        node = kg.nodes[f"https://w3id.org/graphkit/id/paper/arxiv-{arxiv_id}"]
        assert f"arXiv:{arxiv_id}" in {lit.value for lit in node.props[P_IDENTIFIER]}
        assert node.name == " ".join(entry.findtext(f"{ATOM}title").split())
        (abstract,) = node.props[P_ABSTRACT]
        assert abstract.value == " ".join(entry.findtext(f"{ATOM}summary").split())
        assert {lit.value for lit in node.props[P_SOURCE]} == {str(path)}


def test_authors_in_order_and_doi_and_venue():
    records = [r for r in iter_records([ARXIV / "query_all-testing_start0_max10.xml"]) if isinstance(r, PaperRecord)]
    first = records[0]
    entry = _entries(ARXIV / "query_all-testing_start0_max10.xml")[0]
    assert first.authors == tuple(a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author"))
    assert first.arxiv_id == "2202.12139v1" and first.doi == "10.1109/icstw55395.2022.00035"
    assert first.date == "2022-02-24" and first.year == 2022
    assert first.url == "https://arxiv.org/abs/2202.12139v1"


def test_versioned_id_gives_unversioned_identifier():
    kg = graphkit.build([ARXIV / "idlist_2104.12255v1.xml"])
    node = kg.nodes["https://w3id.org/graphkit/id/paper/arxiv-2104.12255"]
    assert {lit.value for lit in node.props[P_IDENTIFIER]} == {"arXiv:2104.12255"}
    assert node.name == "0"  # a real paper titled "0"


def test_missing_id_and_empty_feed():
    records = list(iter_records([ARXIV / "idlist_0808.05394_1707.08567.xml"]))
    assert [r.arxiv_id for r in records] == ["1707.08567v1"]
    assert list(iter_records([ARXIV / "idlist_0000.0000_empty.xml"])) == []


def test_error_feed_is_an_error_with_the_api_message():
    (issue,) = iter_records([ARXIV / "idlist_abc_error400.xml"])
    assert isinstance(issue, LoadIssue)
    assert str(issue).endswith("arXiv API error: incorrect id format for abc")
    assert str(issue).startswith(str(ARXIV / "idlist_abc_error400.xml"))
