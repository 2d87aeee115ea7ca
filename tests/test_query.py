"""Shipped SPARQL queries: headers per CONTRACT section 8, each runs with rows on the seed graph."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import SEED

from graphkit.cli import cli
from graphkit.errors import GraphkitError
from graphkit.queries import load, names
from graphkit.sparql import NamedQuery, bind, find_query, parse_params, run

SHIPPED = names(".rq")


@pytest.fixture(scope="module")
def seed_store(seed_graph):
    return seed_graph.to_oxigraph()


def test_the_four_questions_are_shipped():
    assert {"lineage", "gaps", "base_models_by_year", "evidence"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_header_and_example_run_on_the_seed(name, seed_store):
    text = load(name)
    lines = text.splitlines()
    assert lines[0].startswith("# ") and "@param" not in lines[0]  # one line of purpose first
    params = parse_params(text)
    header = [line for line in lines if line.startswith("#")]
    assert len(header) == 1 + len(params)
    for param, example in params.items():
        assert f"?{param}" in text and example.strip('"') in text  # pre-bound in the query body
    columns, rows = run(seed_store, text)
    assert columns and rows, name


def test_lineage_query_finds_the_bert_family(seed_store):
    text = bind(find_query("lineage"), {"model": "BERT"})
    columns, rows = run(seed_store, text)
    descendants = {r[columns.index("name")] for r in rows if r[0] == "descendant"}
    assert {"GottBERT", "BERTu", "mBERTu", "MosaicBERT"} <= descendants


def test_alias_resolves_in_the_lineage_query(seed_store):
    columns, rows = run(seed_store, bind(find_query("lineage"), {"model": "wav2vec2"}))
    assert "w2v-BERT" in {r[2] for r in rows if r[0] == "descendant"}


def test_bind_escapes_and_checks():
    query = NamedQuery("t", '# t\n# @param name: "x"\n# @param n: 2\nSELECT * { VALUES ?name { "x" } BIND(2 AS ?n) }',
                       {"name": '"x"', "n": "2"})
    text = bind(query, {"name": 'a "quoted" } name', "n": "5"})
    assert 'VALUES ?name { "a \\"quoted\\" } name" }' in text and "BIND(5 AS ?n)" in text
    with pytest.raises(GraphkitError, match="no parameter 'nope'"):
        bind(query, {"nope": "1"})
    with pytest.raises(GraphkitError, match="expected a number"):
        bind(query, {"n": "1; DROP ALL"})


def test_cli_formats_from_the_store(runner):
    assert runner.invoke(cli, ["build", str(SEED), "-q"]).exit_code == 0
    table = runner.invoke(cli, ["query", "lineage", "--param", "model=BERT"])
    assert table.exit_code == 0, table.output
    assert "GottBERT" in table.stdout and "rows)" in table.stdout
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["query", "evidence", "--format", "csv"]).stdout)))
    assert any(r["method"] == "lineage-pattern" and "RoBERTa" in r["quote"] for r in rows)
    doc = json.loads(runner.invoke(cli, ["query", "base_models_by_year", "--format", "json"]).stdout)
    assert doc["columns"] == ["year", "model", "name", "papers"] and doc["rows"][0]["name"] == "BERT"


def test_cli_runs_a_user_file_on_a_graph_file(runner, tmp_path):
    runner.invoke(cli, ["build", str(SEED), "-o", "g.ttl", "-q"])
    (tmp_path / "count.rq").write_text("# Count models.\nPREFIX gk: <https://w3id.org/graphkit/ontology#>\n"
                                       "SELECT (COUNT(?m) AS ?n) WHERE { ?m a gk:Model }\n")
    result = runner.invoke(cli, ["query", "count.rq", "--graph", "g.ttl", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"][0]["n"] > 50


def test_cli_errors_are_one_line(runner):
    runner.invoke(cli, ["build", str(SEED), "-q"])
    for args, message in ((["query", "nope"], "no shipped query 'nope.rq'"),
                          (["query", "lineage", "--param", "modl=x"], "has no parameter 'modl'"),
                          (["query", "missing.rq"], "no such file"),
                          (["query", "lineage", "--graph", "none.ttl"], "none.ttl: no such file")):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1 and message in result.stderr, (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1
    listing = runner.invoke(cli, ["query", "--list"]).stdout
    assert all(name in listing for name in SHIPPED)
