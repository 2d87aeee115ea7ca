"""`graphkit validate`: built graphs conform to ontology/shapes.ttl; the broken graph fails, readably."""

from __future__ import annotations

import json

from conftest import DATA, SEED

from graphkit.cli import cli

BROKEN = DATA / "shacl" / "broken.ttl"


def test_built_graph_passes_from_state_and_file(runner):
    assert runner.invoke(cli, ["build", str(SEED), "-o", "g.ttl", "-q"]).exit_code == 0
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert "conforms to the shapes" in result.stdout
    assert runner.invoke(cli, ["validate", "--graph", "g.ttl"]).exit_code == 0


def test_broken_graph_fails_with_one_line_per_violation(runner):
    result = runner.invoke(cli, ["validate", "--graph", str(BROKEN)])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert "violations" in lines[0] and len(lines) >= 6
    assert any("language/german" in line for line in lines[1:])
    assert any("gk:confidence = 1.5" in line for line in lines[1:])
    assert "Traceback" not in result.output


def test_json_report(runner):
    result = runner.invoke(cli, ["validate", "--graph", str(BROKEN), "--format", "json"])
    doc = json.loads(result.stdout)
    assert result.exit_code == 1 and doc["conforms"] is False
    assert {r["severity"] for r in doc["results"]} == {"Violation"} and len(doc["results"]) >= 5


def test_missing_inputs_are_one_line(runner, tmp_path):
    assert "run `graphkit build INPUT...` first" in runner.invoke(cli, ["validate"]).stderr
    (tmp_path / "bad.ttl").write_text("this is not turtle")
    result = runner.invoke(cli, ["validate", "--graph", "bad.ttl"])
    assert result.exit_code == 1 and "bad.ttl: not a readable RDF graph" in result.stderr
