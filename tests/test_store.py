"""The embedded store: build fills it, later commands read it; the Python API's three views agree."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pyoxigraph
import pytest
from conftest import DATA, SEED

import graphkit
import graphkit.store
from graphkit.cli import cli
from graphkit.snapshot_diff import blocks, diff
from graphkit.store import fill, open_store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(store: pyoxigraph.Store) -> int:
    return int(next(iter(store.query(COUNT)))["n"].value)


def test_build_fills_the_store_in_the_state_dir(runner, tmp_path):
    assert runner.invoke(cli, ["build", str(SEED), "-q"]).exit_code == 0
    assert (tmp_path / ".graphkit" / "store").is_dir()
    store = open_store()
    snapshot = tmp_path / ".graphkit" / "graph.ttl"
    triples = sum(1 for _ in pyoxigraph.parse(path=str(snapshot), format=pyoxigraph.RdfFormat.TURTLE))
    assert _count(store) == triples > 1000


def test_store_option_and_rebuild_replace_the_store(runner, tmp_path):
    assert runner.invoke(cli, ["build", str(SEED), "--store", "elsewhere", "-q"]).exit_code == 0
    first = _count(open_store(store="elsewhere"))
    small = tmp_path / "one.jsonl"
    small.write_text('{"title": "GottBERT", "abstract": "We present GottBERT, a German RoBERTa model."}\n')
    assert runner.invoke(cli, ["build", str(small), "--store", "elsewhere", "-q"]).exit_code == 0
    second = _count(open_store(store="elsewhere"))
    assert 0 < second < first
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".elsewhere")) == []
    result = runner.invoke(cli, ["query", "lineage", "--store", "elsewhere", "--param", "model=GottBERT"])
    assert result.exit_code == 0 and "RoBERTa" in result.stdout


def test_a_snapshot_without_a_store_still_answers(runner, tmp_path):
    import shutil

    runner.invoke(cli, ["build", str(SEED), "-q"])
    shutil.rmtree(tmp_path / ".graphkit" / "store")
    assert _count(open_store()) > 1000
    assert runner.invoke(cli, ["query", "gaps"]).exit_code == 0


def test_store_is_readable_from_another_process(runner, tmp_path):
    runner.invoke(cli, ["build", str(SEED), "-q"])
    code = ("import pyoxigraph, sys; s = pyoxigraph.Store.read_only(sys.argv[1]);"
            "print(len(list(s.query('SELECT ?m WHERE { ?m a <https://w3id.org/graphkit/ontology#Model> }'))))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / ".graphkit" / "store")],
                         capture_output=True, text=True, check=True).stdout
    assert int(out) > 50


def test_python_views_hold_the_same_graph(seed_graph):
    store = seed_graph.to_oxigraph()
    rdf = seed_graph.to_rdflib()
    assert isinstance(store, pyoxigraph.Store) and _count(store) == len(rdf)
    view = seed_graph.to_networkx()
    models = {str(r["m"].value) for r in store.query(
        "SELECT ?m WHERE { ?m a <https://w3id.org/graphkit/ontology#Model> }")}
    assert models == {n for n, d in view.nodes(data=True) if d["kind"] == "model"}


def test_snapshot_is_the_written_turtle_and_an_old_n_triples_one_is_still_read(runner, tmp_path):
    """The build renders Turtle once: the snapshot is a copy of ``-o graph.ttl``. A state dir from
    a build that kept N-Triples is read until the next build replaces it."""
    assert runner.invoke(cli, ["build", str(SEED), "-q", "-o", "graph.ttl"]).exit_code == 0
    snapshot = tmp_path / ".graphkit" / "graph.ttl"
    assert snapshot.read_bytes() == (tmp_path / "graph.ttl").read_bytes()
    legacy = tmp_path / ".graphkit" / "graph.nt"
    graphkit.build([SEED]).write(legacy)
    snapshot.unlink()
    shutil.rmtree(tmp_path / ".graphkit" / "store")
    lineage = runner.invoke(cli, ["lineage", "BERT", "--format", "json"])  # answers from the old snapshot
    assert lineage.exit_code == 0 and "GottBERT" in lineage.output
    assert runner.invoke(cli, ["build", str(SEED), "-q", "--no-cache", "-o", "graph.nt"]).exit_code == 0
    assert snapshot.is_file() and not legacy.exists()  # no Turtle output: the snapshot is written itself
    triples = sum(1 for _ in pyoxigraph.parse(path=str(snapshot), format=pyoxigraph.RdfFormat.TURTLE))
    assert triples == sum(1 for line in (tmp_path / "graph.nt").open(encoding="utf-8") if line.strip())


@pytest.mark.parametrize("stream", [[], ["--stream"]])
def test_no_store_skips_the_store_and_a_later_build_fills_it(runner, tmp_path, stream):
    store = tmp_path / ".graphkit" / "store"
    assert runner.invoke(cli, ["build", str(SEED), "-q", *stream]).exit_code == 0 and store.is_dir()
    # --no-store removes the older store: nothing answers from a stale graph.
    assert runner.invoke(cli, ["build", str(SEED), "-q", "--no-cache", "--no-store", *stream]).exit_code == 0
    assert not store.exists()
    lineage = runner.invoke(cli, ["lineage", "BERT", "--format", "json"])  # from the snapshot, in memory
    assert lineage.exit_code == 0 and "GottBERT" in lineage.output
    again = runner.invoke(cli, ["build", str(SEED), *stream])  # unchanged input: no rebuild, but the store is back
    assert again.output.startswith("nothing new") and store.is_dir()
    assert _count(open_store()) > 1000


def _quads(directory) -> set:
    return set(pyoxigraph.Store.read_only(str(directory)))


@pytest.mark.parametrize("stream", [[], ["--stream"]])
def test_adding_papers_updates_the_store_in_place(runner, tmp_path, stream):
    """A rebuild with papers added (and a few dropped) applies the snapshot's difference to the store
    in one transaction; the store then holds exactly what a fresh bulk load of the new snapshot holds."""
    lines = (DATA / "corpora" / "arxiv_sample.jsonl").read_text().splitlines()
    papers = tmp_path / "papers.jsonl"
    papers.write_text("\n".join(lines[:200]) + "\n")
    first = runner.invoke(cli, ["build", str(papers), *stream])
    assert first.exit_code == 0 and "store .graphkit/store: filled" in first.output
    papers.write_text("\n".join(lines[10:230]) + "\n")
    second = runner.invoke(cli, ["build", str(papers), *stream])
    assert second.exit_code == 0, second.output
    assert "store .graphkit/store: updated in place: " in second.output
    state = tmp_path / ".graphkit"
    fill(state / "graph.ttl", tmp_path / "fresh")
    patched = _quads(state / "store")
    assert patched == _quads(tmp_path / "fresh") and len(patched) > 10_000
    titles = {q.object.value for q in patched if q.predicate.value.endswith("/title")}
    assert json.loads(lines[229])["title"] in titles and json.loads(lines[0])["title"] not in titles
    # The store remembers the snapshot it now holds (a hard link, no copy).
    assert (state / "store.source.ttl").samefile(state / "graph.ttl")


def test_store_is_filled_when_it_cannot_be_patched(runner, tmp_path, monkeypatch):
    lines = (DATA / "corpora" / "acl_sample.jsonl").read_text().splitlines()
    papers = tmp_path / "papers.jsonl"
    papers.write_text("\n".join(lines[:100]) + "\n")
    assert runner.invoke(cli, ["build", str(papers), "-q"]).exit_code == 0
    state = tmp_path / ".graphkit"
    (state / "store.source.ttl").unlink()  # a store from an older version: nothing to compare with
    papers.write_text("\n".join(lines[:120]) + "\n")
    assert "store .graphkit/store: filled" in runner.invoke(cli, ["build", str(papers)]).output
    monkeypatch.setattr(graphkit.store, "PATCH_LIMIT", 1000)  # a change larger than the limit: bulk load
    papers.write_text("\n".join(lines[:140]) + "\n")
    assert "store .graphkit/store: filled" in runner.invoke(cli, ["build", str(papers)]).output
    fill(state / "graph.ttl", tmp_path / "fresh")
    assert _quads(state / "store") == _quads(tmp_path / "fresh")


def test_snapshot_diff_finds_the_blocks_that_changed(tmp_path):
    header = "@prefix gk: <https://w3id.org/graphkit/ontology#> .\n\n"
    a = "<http://x/a>\n    gk:p <http://x/b> .\n\n"
    b = '<http://x/b>\n    gk:q "line\\nbreak" .\n\n'
    b2 = '<http://x/b>\n    gk:q "changed" .\n\n'
    c = "<http://x/c>\n    gk:p <http://x/a> .\n"
    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    old.write_text(header + a + b + c)
    new.write_text(header + a + b2 + c.rstrip("\n") + "\n\n" + "<http://x/d>\n    a gk:Paper .\n")
    delta = diff(old, new, limit=10_000)
    assert delta is not None and delta.unchanged == 2
    assert delta.removed == [b.rstrip("\n")]
    assert delta.added == [b2.rstrip("\n"), "<http://x/d>\n    a gk:Paper ."]
    assert diff(old, new, limit=10) is None
    assert [(at, x.decode()) for at, x in blocks(old)] == [
        (len(header), a.rstrip("\n")), (len(header + a), b.rstrip("\n")), (len(header + a + b), c.rstrip("\n"))]
