"""Gaps counted by SPARQL on the embedded store give the very document the in-memory path gives."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from conftest import DATA, SEED

import graphkit
from graphkit.cli import cli
from graphkit.gaps import KIND_PAIRS, KIND_PROPERTIES, GraphCounts
from graphkit.gaps import gaps as in_memory
from graphkit.graph import P_ABSTRACT, P_TITLE
from graphkit.store import fill, open_store
from graphkit.store_gaps import gaps as from_store
from graphkit.text import fold_key


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus samples and the seed listing: the built graph, the graph read back from its
    N-Triples, and the directory of an on-disk store filled from them (as ``build`` fills it)."""
    from graphkit.readers import read_graph

    directory = tmp_path_factory.mktemp("store-gaps")
    graph = graphkit.build([*sorted((DATA / "corpora").glob("*.jsonl")), SEED])
    snapshot = graph.write(directory / "graph.nt")
    fill(snapshot, directory / "store")
    return graph, read_graph(snapshot), directory / "store"


@pytest.fixture
def store(corpus):
    opened = open_store(store=corpus[2])
    yield opened
    del opened  # close RocksDB before the directory goes (a store left open crashes the exit)
    gc.collect()


@pytest.mark.parametrize("by", [*KIND_PAIRS, None])
def test_every_kind_pair_gives_the_same_document(by, corpus, store):
    built, read_back, _ = corpus
    expected = in_memory(read_back, by=by)
    assert from_store(store, by=by) == expected == in_memory(built, by=by)
    assert len(expected["gaps"]) > 100
    for top, least in ((20, 1), (5, 3)):
        assert from_store(store, by=by, top=top, min_papers=least) == in_memory(read_back, by=by, top=top,
                                                                                 min_papers=least)


def test_reasons_and_the_text_check_agree(corpus, store):
    """Both reasons occur, and a not-extracted gap's papers are linked to one side and name both."""
    graph = corpus[1]
    document = from_store(store)
    flagged = [g for g in document["gaps"] if g["reason"] == "not-extracted"]
    assert flagged and any(g["reason"] == "unstudied" for g in document["gaps"])
    counts = GraphCounts(graph)
    sides = {kind: counts.side(kind) for kind in KIND_PROPERTIES}
    for item in flagged:
        assert item["support"]["papers_mentioning_both"] == len(item["papers"]) > 0
        names, members = [], set()
        for kind in item["kinds"]:
            side = sides[kind]
            group = next(g for g in side.groups.values() if g.iri == item["entities"][kind]["iri"])
            names.append({fold_key(n) for n in group.names})
            members |= {(kind, iri) for iri in side.members(group.key)}
        for paper in item["papers"]:
            linked = {(kind, obj) for (subject, predicate, obj) in graph.edges if subject == paper
                      for kind in item["kinds"] if predicate in KIND_PROPERTIES[kind]}
            assert linked & members, (item["entities"], paper)
            node = graph.nodes[paper]
            text = fold_key(" ".join(o.value for p in (P_TITLE, P_ABSTRACT) for o in node.props.get(p, ())))
            assert all(any(key in text for key in keys) for keys in names), (item["entities"], paper)


def test_cli_reads_the_store_not_the_snapshot(runner, seed_graph):
    assert runner.invoke(cli, ["build", str(SEED), "--store", "kg", "-o", "g.ttl", "-q"]).exit_code == 0
    from_file = runner.invoke(cli, ["gaps", "--graph", "g.ttl", "--format", "json"])
    Path(".graphkit/graph.ttl").unlink()  # only the store is left to answer from
    result = runner.invoke(cli, ["gaps", "--store", "kg", "--format", "json", "--by", "model-language"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == in_memory(seed_graph, by="model-language")
    every = runner.invoke(cli, ["gaps", "--store", "kg", "--format", "json"])
    assert json.loads(every.stdout) == json.loads(from_file.stdout) == in_memory(seed_graph)
    table = runner.invoke(cli, ["gaps", "--store", "kg", "--top", "3"]).stdout
    assert len(table.strip().splitlines()) == 6


def test_no_store_and_no_graph_is_one_line(runner):
    result = runner.invoke(cli, ["gaps"])
    assert result.exit_code == 1 and "run `graphkit build" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
