"""Lineage from the embedded store (SPARQL) gives the very document the in-memory path gives."""

from __future__ import annotations

import gc
import json

import pytest
from conftest import SEED

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
    (tmp_path / ".graphkit" / "graph.nt").unlink()  # only the store is left to answer from
    result = runner.invoke(cli, ["lineage", "GottBERT", "--store", "kg", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == in_memory(seed_graph, "GottBERT")
    missing = runner.invoke(cli, ["lineage", "bertt", "--store", "kg"])
    assert missing.exit_code == 1 and len(missing.stderr.strip().splitlines()) == 1


def test_graph_file_still_uses_the_in_memory_path(runner, seed_graph):
    assert runner.invoke(cli, ["build", str(SEED), "-o", "g.ttl", "-q"]).exit_code == 0
    result = runner.invoke(cli, ["lineage", "Qwen2.5", "--graph", "g.ttl", "--format", "json"])
    assert json.loads(result.stdout) == in_memory(seed_graph, "Qwen2.5")
