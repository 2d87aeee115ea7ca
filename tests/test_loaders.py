"""Loaders on real inputs: the seed listing, corpus samples, CSV, and format detection."""

from __future__ import annotations

import json

from conftest import DATA, SEED

from graphkit.loaders.plaintext import PlaintextLoader
from graphkit.models import LoadIssue, PaperRecord
from graphkit.pipeline import iter_records
from graphkit.registry import detect_loader


def test_seed_listing_has_39_papers_and_no_furniture():
    items = list(PlaintextLoader().read(SEED))
    papers = [i for i in items if isinstance(i, PaperRecord)]
    assert len(papers) == 39
    assert not [i for i in items if isinstance(i, LoadIssue)]
    titles = [p.title for p in papers]
    assert titles[0].startswith("SeamlessM4T")
    assert not {"new", "Subscribe", "Daily Papers", "byAK and the research community", "Aug 5"} & set(titles)
    assert all(len(p.abstract) > 200 for p in papers)
    assert papers[0].line == 13 and papers[0].source == str(SEED)


def test_detection_by_content():
    assert detect_loader(SEED).name == "plaintext"
    assert detect_loader(DATA / "corpora" / "acl_sample.jsonl").name == "jsonl"
    assert detect_loader(DATA / "bad" / "latin1.csv").name == "csv"


def test_jsonl_corpus_sample_maps_ids():
    records = [r for r in iter_records([DATA / "corpora" / "arxiv_sample.jsonl"]) if isinstance(r, PaperRecord)]
    assert len(records) == 300
    first = json.loads((DATA / "corpora" / "arxiv_sample.jsonl").read_text().splitlines()[0])
    assert records[0].arxiv_id == first["arxiv_id"] and records[0].title == first["title"]
    assert records[0].authors == tuple(first["authors"]) and records[0].year == 2025
    acl = [r for r in iter_records([DATA / "corpora" / "acl_sample.jsonl"]) if isinstance(r, PaperRecord)]
    assert len(acl) == 300 and acl[0].acl_id and acl[0].url.startswith("https://aclanthology.org/")


def test_csv_with_authors(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text('title,abstract,authors,year,doi\n"A, B","We use BERT.","Ann Lee; Bo Chen",2021,'
                    "https://doi.org/10.18653/V1/X\n", encoding="utf-8")
    (record,) = iter_records([path])
    assert record.title == "A, B" and record.authors == ("Ann Lee", "Bo Chen")
    assert record.doi == "10.18653/v1/x" and record.year == 2021
