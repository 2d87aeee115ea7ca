"""Lineage from the embedded store (SPARQL) gives the very document the in-memory path gives."""

from __future__ import annotations

import gc
import json

import pytest
from conftest import DATA, SEED

import graphkit
from graphkit.cli import cli
from graphkit.lineage import UnknownModel
from graphkit.lineage import lineage as in_memory
from graphkit.store import open_store
from graphkit.store_lineage import lineage as from_store

MODELS = ("BERT", "wav2vec2", "GottBERT", "Qwen2.5", "RoBERTa", "w2v-BERT")


@pytest.fixture
def built_store(runner):
    """The on-disk store a real `graphkit build` of the seed listing fills."""
    assert runner.invoke(cli, ["build", str(SEED), "-q"]).exit_code == 0
    store = open_store()
    yield store
    del store  # close RocksDB before pytest removes its directory (a store left open crashes the exit)
    gc.collect()


@pytest.mark.parametrize("model", MODELS)
def test_store_document_equals_the_in_memory_one(model, seed_graph, built_store):
    expected = in_memory(seed_graph, model)
    assert from_store(built_store, model) == expected
    assert expected["ancestors"] or expected["descendants"]


def test_seed_checks_hold_on_the_store(built_store):
    bert = from_store(built_store, "BERT")
    assert {"GottBERT", "BERTu", "mBERTu", "MosaicBERT"} <= {d["name"] for d in bert["descendants"]}
    assert any(e["quote"] for d in bert["descendants"] for e in d["evidence"])
    w2v = from_store(built_store, "wav2vec2")
    assert w2v["model"]["name"] == "wav2vec 2.0" and "w2v-BERT" in {d["name"] for d in w2v["descendants"]}


def test_unknown_model_error_is_the_same(seed_graph, built_store):
    with pytest.raises(UnknownModel) as memory:
        in_memory(seed_graph, "bertt")
    with pytest.raises(UnknownModel) as store:
        from_store(built_store, "bertt")
    assert str(store.value) == str(memory.value) and "nearest: BERT" in str(store.value)


def test_cli_reads_the_store_not_the_snapshot(runner, tmp_path, seed_graph):
    assert runner.invoke(cli, ["build", str(SEED), "--store", "kg", "-q"]).exit_code == 0
    (tmp_path / ".graphkit" / "graph.ttl").unlink()  # only the store is left to answer from
    result = runner.invoke(cli, ["lineage", "GottBERT", "--store", "kg", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == in_memory(seed_graph, "GottBERT")
    missing = runner.invoke(cli, ["lineage", "bertt", "--store", "kg"])
    assert missing.exit_code == 1 and len(missing.stderr.strip().splitlines()) == 1


def test_graph_file_still_uses_the_in_memory_path(runner, seed_graph):
    assert runner.invoke(cli, ["build", str(SEED), "-o", "g.ttl", "-q"]).exit_code == 0
    result = runner.invoke(cli, ["lineage", "Qwen2.5", "--graph", "g.ttl", "--format", "json"])
    assert json.loads(result.stdout) == in_memory(seed_graph, "Qwen2.5")


@pytest.fixture(scope="module")
def replicated(tmp_path_factory):
    """The corpus samples three times over as distinct papers, so hops are evidenced by several
    papers; the built graph and the directory of an on-disk store filled from it."""
    from graphkit.store import fill

    records = [json.loads(line) for path in sorted((DATA / "corpora").glob("*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    copies = [{"id": f"copy{k}-{r['id']}", "title": f"{r['title']} (copy {k})", "abstract": r["abstract"],
               "year": r.get("year")} for k in range(3) for r in records]
    directory = tmp_path_factory.mktemp("store-lineage")
    graph = graphkit.build(copies)
    fill(graph.write(directory / "graph.nt"), directory / "store")
    return graph, directory / "store"


@pytest.mark.parametrize("model", ["LLaMA", "BERT", "RoBERTa", "Qwen2.5", "wav2vec 2.0"])
def test_capped_quotes_are_the_same_and_counted(model, replicated):
    graph, directory = replicated
    everything = in_memory(graph, model, quotes=None)
    hops = everything["ancestors"] + everything["descendants"]
    assert any(item["evidence_count"] > 1 for item in hops)
    store = open_store(store=directory)
    try:
        for quotes in (None, 0, 1, 2):
            expected = in_memory(graph, model, quotes=quotes)
            assert from_store(store, model, quotes=quotes) == expected
            for item, full in zip(expected["ancestors"] + expected["descendants"], hops):
                papers = sorted({e["paper"] for e in full["evidence"]})
                assert item["evidence_count"] == full["evidence_count"] == len(papers)
                shown = papers if quotes is None else papers[:quotes]  # the first papers by IRI, all their quotes
                assert item["evidence"] == [e for e in full["evidence"] if e["paper"] in shown]
    finally:
        del store
        gc.collect()


def test_quotes_option(runner):
    assert runner.invoke(cli, ["build", str(SEED), "-q"]).exit_code == 0
    default = json.loads(runner.invoke(cli, ["lineage", "BERT", "--format", "json"]).stdout)
    every = json.loads(runner.invoke(cli, ["lineage", "BERT", "--format", "json", "--quotes", "all"]).stdout)
    none = json.loads(runner.invoke(cli, ["lineage", "BERT", "--format", "json", "--quotes", "0"]).stdout)
    for a, b, c in zip(default["descendants"], every["descendants"], none["descendants"]):
        assert a["evidence_count"] == b["evidence_count"] == c["evidence_count"] == len({e["paper"] for e in b["evidence"]})
        assert c["evidence"] == [] and a["evidence"] == [e for e in b["evidence"] if e["paper"] in
                                                          sorted({x["paper"] for x in b["evidence"]})[:3]]
    bad = runner.invoke(cli, ["lineage", "BERT", "--quotes", "-1"])
    assert bad.exit_code == 2 and "number of papers" in bad.output
