"""The streaming build writes the same file as the in-memory build, holding only entities."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyoxigraph
import pytest
from conftest import DATA, HOSTILE_RECORD, SEED

from graphkit.cli import cli
from graphkit.curation import Decision, apply_curation
from graphkit.extract import Extractor
from graphkit.extraction_db import ExtractionDB, Stored
from graphkit.graph import P_TITLE, record_iri
from graphkit.identity import PaperIdentities
from graphkit.models import PaperRecord
from graphkit.paper_parts import Curation, PaperRenderer
from graphkit.pipeline import build, iter_records
from graphkit.stream import stream_build

ID = "https://w3id.org/graphkit/id/"
GK = "https://w3id.org/graphkit/ontology#"
CORPORA = sorted((DATA / "corpora").glob("*.jsonl"))


def _inputs(tmp_path: Path) -> list[Path]:
    """Every kind of input at once: API payloads that merge and cite, the seed, corpora, bad lines, lineage."""
    payloads = sorted(p for p in (DATA / "payloads").rglob("*") if p.suffix in (".json", ".xml", ".bib")
                      and p.name != "requests.json")
    lineage = tmp_path / "lineage.jsonl"
    lineage.write_text("\n".join(json.dumps(r) for r in [
        {"model": "acme/gottbert-ner", "base_model": "uklfr/gottbert-base", "relation": "finetune"},
        {"model": "acme/gottbert-ner-gguf", "base_model": "acme/gottbert-ner", "relation": "quantized"},
    ]) + "\n")
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_RECORD) + "\n")
    return [*payloads, SEED, *CORPORA, DATA / "bad" / "duplicate_ids.jsonl", DATA / "bad" / "truncated_line.jsonl",
            lineage, hostile]


def _triples(path: Path) -> set[pyoxigraph.Triple]:
    return set(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))


def _decisions(graph) -> dict[tuple[str, str, str], Decision]:
    """Reject a paper edge and a typed lineage edge; accept one new paper edge and one new lineage edge."""
    paper_edge = next(k for k in sorted(graph.edges) if k[1] == "usesModel")
    lineage_edge = next(k for k in sorted(graph.edges) if k[1] == "fineTunedFrom")
    paper = paper_edge[0]
    chosen = [
        Decision(*paper_edge, "reject"),
        Decision(*lineage_edge, "reject"),
        Decision(paper, "usesDataset", f"{ID}dataset/squad", "accept"),
        Decision(f"{ID}model/gottbert", "distilledFrom", f"{ID}model/bert", "accept"),
    ]
    return {d.key(): d for d in chosen}


def test_stream_writes_the_in_memory_graph(tmp_path):
    inputs = _inputs(tmp_path)
    quiet = lambda issue: None
    graph = build(inputs, on_issue=quiet)
    decisions = _decisions(graph)
    assert graph.stats.merged and graph.stats.lineage and any(k[1] == "cites" for k in graph.edges)
    apply_curation(graph, decisions)
    graph.write(tmp_path / "memory.ttl")
    result = stream_build(inputs, [tmp_path / "stream.ttl"], decisions=decisions, on_issue=quiet)

    # One Turtle layout whatever built the graph: the files are the same bytes.
    assert (tmp_path / "memory.ttl").read_bytes() == (tmp_path / "stream.ttl").read_bytes()
    memory, streamed = _triples(tmp_path / "memory.ttl"), _triples(tmp_path / "stream.ttl")
    assert len(memory) > 50_000
    assert memory == streamed
    expected = graph.summary()
    expected["entities"].pop("paper")  # the stream's graph holds only cited stubs of papers
    streamed_summary = result.graph.summary()
    streamed_summary["entities"].pop("paper", None)
    assert streamed_summary == expected
    assert result.curated == (2, 2)
    rejected = next(k for k, d in decisions.items() if d.decision == "reject")
    assert pyoxigraph.Triple(pyoxigraph.NamedNode(rejected[0]), pyoxigraph.NamedNode(GK + rejected[1]),
                             pyoxigraph.NamedNode(rejected[2])) not in streamed
    # Only entities are held: the papers themselves went to the file (stubs of cited papers have no title).
    assert not any(n.kind == "paper" and P_TITLE in n.props for n in result.graph.nodes.values())
    assert sum(n.kind == "paper" for n in graph.nodes.values()) > 1900


def test_stream_renames_a_merged_paper_whose_first_record_had_no_identifier(tmp_path):
    """An ACL record, then the arXiv record of the same paper (same title and year): the merged paper
    takes the arXiv IRI, in the streaming build as in the in-memory one (it once kept the first
    record's title IRI for that record's blocks)."""
    abstract = "We fine-tune BERT on German legal texts and release GottBERT-legal, a new model."
    first = {"id": "2025.acl-long.1", "title": "Legal BERT for German", "abstract": abstract, "year": 2025}
    second = {"arxiv_id": "2501.00001", "title": "Legal BERT for German", "abstract": abstract, "year": 2025}
    other = {"title": "Another paper on Qwen2.5", "abstract": "We quantize Qwen2.5-7B.", "year": 2025}
    source = tmp_path / "papers.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in (first, other, second)))
    build([source]).write(tmp_path / "memory.ttl")
    stream_build([source], [tmp_path / "stream.ttl"])
    text = (tmp_path / "stream.ttl").read_text()
    assert f"<{ID}paper/arxiv-2501.00001>" in text and "paper/title-" in text
    assert record_iri(PaperRecord(**first)) not in text  # the first record's own IRI is gone
    assert (tmp_path / "memory.ttl").read_bytes() == (tmp_path / "stream.ttl").read_bytes()


def test_direct_paper_rendering_matches_the_graph_path(tmp_path):
    """Workers format a paper's blocks straight from its extraction; the result must be what a one-paper
    graph renders, for every sample paper (dates, pages, identifiers of every source, citations,
    hostile text)."""
    records = [r for r in iter_records(_inputs(tmp_path)) if isinstance(r, PaperRecord)]
    records.append(PaperRecord(title="Twice the same author", abstract="We fine-tune BERT and LLaMA-2 into Lama-Legal.",
                               authors=("A. Author", "B. Author", "A. Author"), url="https://example.org/p?q=1",
                               date="2025-03-04T10:00:00Z", doi="10.1/X", references=("10.1/Y", "arXiv:2501.00001")))
    identities = PaperIdentities()
    for position, record in enumerate(records):
        identities.add(record, position)
    identities.finish()
    extractor = Extractor()
    direct, general = PaperRenderer(extractor, Curation({}, set())), PaperRenderer(extractor, Curation({}, set()))
    citing = 0
    for position, record in enumerate(records):
        iri = identities.paper(position, record)
        if iri in identities.merged:
            continue
        cited = identities.cited(record, iri)
        citing += bool(cited)
        extraction = extractor.extract(record, iri)
        assert direct.render(record, iri, cited, extraction) == general._render_graph(record, iri, cited, extraction)
    assert len(records) > 1900 and citing >= 5


def test_stream_with_workers_is_byte_identical(tmp_path):
    inputs = [SEED, *CORPORA]
    one = stream_build(inputs, [tmp_path / "one.ttl"], workers=1)
    two = stream_build(inputs, [tmp_path / "two.ttl", tmp_path / "copy.ttl"], workers=2)
    data = (tmp_path / "one.ttl").read_bytes()
    assert len(data) > 1_000_000
    assert data == (tmp_path / "two.ttl").read_bytes() == (tmp_path / "copy.ttl").read_bytes()
    assert one.graph.summary() == two.graph.summary()
    # Papers come first, in input order; entities follow.
    text = data.decode()
    seed = [record_iri(r) for r in iter_records([SEED]) if isinstance(r, PaperRecord)]
    where = [text.index(f"\n<{iri}>\n") for iri in seed]
    assert where == sorted(where)
    assert where[-1] < text.index(f"\n<{ID}model/")


def test_build_stream_cli_fills_store_and_snapshot(runner):
    result = runner.invoke(cli, ["build", str(SEED), "--stream", "-o", "graph.ttl"])
    assert result.exit_code == 0, result.output
    assert "built 39 papers" in result.output and "lineage of introduced models" in result.output
    assert Path(".graphkit/graph.ttl").read_bytes() == Path("graph.ttl").read_bytes()
    assert not Path(".graphkit/graph.nt").exists()
    lineage = runner.invoke(cli, ["lineage", "BERT", "--format", "json"])
    assert lineage.exit_code == 0, lineage.output
    names = {item["name"] for item in json.loads(lineage.output)["descendants"]}
    assert {"GottBERT", "BERTu", "MosaicBERT"} <= names
    gaps = runner.invoke(cli, ["gaps", "--format", "json", "--top", "3"])
    assert gaps.exit_code == 0, gaps.output
    # The same input again is a no-op for either kind of build; a forced in-memory build
    # writes the same snapshot (one Turtle layout for both builds).
    assert runner.invoke(cli, ["build", str(SEED)]).output.startswith("nothing new")
    streamed = Path(".graphkit/graph.ttl").read_bytes()
    assert runner.invoke(cli, ["build", str(SEED), "-q", "--no-cache"]).exit_code == 0
    assert Path(".graphkit/graph.ttl").read_bytes() == streamed and not Path(".graphkit/graph.nt").exists()


@pytest.mark.parametrize(("args", "reason"), [
    (["-o", "graph.nt"], "graph.nt: a streaming build writes Turtle (.ttl) only"),
    (["-o", "graph.ttl", "-o", "graph.jsonld"], "graph.jsonld: a streaming build writes Turtle (.ttl) only"),
])
def test_build_stream_refuses_what_it_cannot_do(runner, args, reason):
    result = runner.invoke(cli, ["build", str(SEED), "--stream", *args])
    assert result.exit_code != 0
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: ") and reason in last, result.output
    assert not Path("graph.nt").exists() and not Path("graph.ttl").exists()
    assert not Path(".graphkit/graph.ttl").exists()


def test_build_stream_unchanged_input_is_a_no_op(runner):
    first = runner.invoke(cli, ["build", str(SEED), "--stream", "-o", "graph.ttl"])
    assert first.exit_code == 0, first.output
    written = Path("graph.ttl").read_bytes()
    again = runner.invoke(cli, ["build", str(SEED), "--stream", "-o", "graph.ttl"])
    assert again.exit_code == 0 and again.output.startswith("nothing new: 39 records unchanged"), again.output
    # An output changed on disk, or a new input, means a real build again.
    Path("graph.ttl").write_text("broken")
    repaired = runner.invoke(cli, ["build", str(SEED), "--stream", "-o", "graph.ttl"])
    assert repaired.output.startswith("built 39 papers") and Path("graph.ttl").read_bytes() == written
    more = runner.invoke(cli, ["build", str(SEED), str(CORPORA[0]), "--stream", "-o", "graph.ttl"])
    assert more.exit_code == 0 and "built 339 papers" in more.output, more.output


@pytest.mark.parametrize("workers", ["1", "2"])
def test_build_stream_extracts_only_records_the_cache_lacks(runner, tmp_path, workers):
    first = runner.invoke(cli, ["build", str(SEED), "--stream", "-j", workers, "-o", "graph.ttl", "--no-store"])
    assert first.exit_code == 0, first.output
    more = runner.invoke(cli, ["build", str(SEED), str(CORPORA[0]), "--stream", "-j", workers, "-o", "graph.ttl",
                               "--no-store"])
    assert more.exit_code == 0, more.output
    # The seed's papers are neither extracted nor rendered again: their Turtle is copied from graph.ttl.
    assert "reused 39 extractions, extracted 300 new records; 39 papers' Turtle copied" in more.output, more.output
    # The same bytes as a build that extracts everything.
    fresh = runner.invoke(cli, ["build", str(SEED), str(CORPORA[0]), "--stream", "-o", "fresh.ttl", "--no-cache",
                                "--no-store", "--state", str(tmp_path / "other")])
    assert fresh.exit_code == 0 and Path("graph.ttl").read_bytes() == Path("fresh.ttl").read_bytes()
    # An output edited since is never copied from: everything is rendered again, and right.
    Path("graph.ttl").write_bytes(Path("graph.ttl").read_bytes().replace(b"gk:Paper ;", b"gk:Paper  ;", 1))
    again = runner.invoke(cli, ["build", str(SEED), str(CORPORA[0]), str(one_more(tmp_path)), "--stream", "-j",
                                workers, "-o", "graph.ttl", "--no-store"])
    assert "extracted 1 new records; 0 papers' Turtle copied" in again.output, again.output
    _same_as_fresh(tmp_path, [SEED, CORPORA[0], one_more(tmp_path)])
    # Rows the last build did not use are dropped: only the corpus sample is left after a build of it alone.
    assert runner.invoke(cli, ["build", str(CORPORA[0]), "--stream", "-o", "graph.ttl", "--no-store"]).exit_code == 0
    with sqlite3.connect(".graphkit/extractions.sqlite") as db:
        assert db.execute("SELECT count(*) FROM extraction").fetchone()[0] == 300


def one_more(tmp_path: Path) -> Path:
    path = tmp_path / "one_more.jsonl"
    path.write_text(json.dumps({"title": "GottBERT-legal", "abstract": "We fine-tune GottBERT on rulings.",
                                "authors": ["A. Author", "B. Author"], "year": 2025}) + "\n")
    return path


def _same_as_fresh(tmp_path: Path, inputs: list[Path]) -> None:
    """graph.ttl holds what a build that extracts and renders everything writes."""
    fresh = runner_build(tmp_path, inputs)
    assert Path("graph.ttl").read_bytes() == fresh


def runner_build(tmp_path: Path, inputs: list[Path]) -> bytes:
    from click.testing import CliRunner

    out = tmp_path / "fresh-check.ttl"
    result = CliRunner().invoke(cli, ["build", *map(str, inputs), "--stream", "-o", str(out), "--no-cache", "-q",
                                      "--no-store", "--state", str(tmp_path / "fresh-state")])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_a_changed_record_is_rendered_again_and_the_rest_copied(runner, tmp_path):
    """Same title and abstract (the extraction is reused) but other authors: that paper's Turtle is
    rendered anew, the other paper's is copied; the file is what a fresh build writes."""
    papers = tmp_path / "papers.jsonl"
    records = [{"title": "Legal GottBERT", "abstract": "We fine-tune GottBERT on German rulings.", "year": 2025,
                "authors": ["A. Author"]},
               {"title": "Qwen for Welsh", "abstract": "We adapt Qwen2.5-7B to Welsh.", "year": 2025,
                "authors": ["C. Author"]}]
    papers.write_text("".join(json.dumps(r) + "\n" for r in records))
    assert runner.invoke(cli, ["build", str(papers), "--stream", "-o", "graph.ttl", "--no-store"]).exit_code == 0
    records[0]["authors"] = ["A. Author", "B. Author"]
    papers.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = runner.invoke(cli, ["build", str(papers), "--stream", "-o", "graph.ttl", "--no-store"])
    assert "reused 2 extractions, extracted 0 new records; 1 papers' Turtle copied" in result.output, result.output
    assert b"B. Author" in Path("graph.ttl").read_bytes()
    _same_as_fresh(tmp_path, [papers])


def test_extraction_cache_is_emptied_by_a_new_extractor(tmp_path):
    db = ExtractionDB(tmp_path / "x.sqlite", "vocabulary-1")
    db.record([("k1", b"one"), ("k2", b"two"), ("k3", b"three")], 0, 0)
    assert {k: v.data for k, v in db.lookup(["k1", "k2", "k4"]).items()} == {"k1": b"one", "k2": b"two"}
    db.place([("k1", "digest-1", 120, 40), ("k2", None, 160, 50)])  # k3: extracted, never written
    db.finish()
    same = ExtractionDB(tmp_path / "x.sqlite", "vocabulary-1")
    assert same.lookup(["k1", "k2", "k3"]) == {"k1": Stored(b"one", "digest-1", 120, 40),
                                               "k2": Stored(b"two", None, 160, 50)}
    same.close()
    changed = ExtractionDB(tmp_path / "x.sqlite", "vocabulary-2")  # a vocabulary change: nothing is reused
    assert changed.lookup(["k1", "k2"]) == {}
    changed.close()
