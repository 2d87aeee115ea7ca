"""The command line on the seed listing: build, state, lineage as table and JSON, errors."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SEED

from graphkit.cli import cli


def test_build_then_lineage_from_state(runner):
    result = runner.invoke(cli, ["build", str(SEED), "-o", "graph.ttl"])
    assert result.exit_code == 0, result.output
    assert "built 39 papers" in result.stdout and "lineage of introduced models:" in result.stdout
    doc = json.loads(runner.invoke(cli, ["lineage", "BERT", "--format", "json"]).stdout)
    assert doc["model"]["name"] == "BERT"
    names = {d["name"] for d in doc["descendants"]}
    assert {"GottBERT", "BERTu", "mBERTu", "MosaicBERT"} <= names
    for item in doc["descendants"]:
        assert set(item) >= {"iri", "name", "relation", "depth", "via", "evidence"}
    w2v = json.loads(runner.invoke(cli, ["lineage", "wav2vec2", "--graph", "graph.ttl", "--format", "json"]).stdout)
    assert w2v["model"]["name"] == "wav2vec 2.0"
    assert "w2v-BERT" in {d["name"] for d in w2v["descendants"]}
    table = runner.invoke(cli, ["lineage", "GottBERT"]).stdout
    assert "<- RoBERTa [derivedFrom]" in table and "<- BERT [derivedFrom]" in table


def test_unknown_model_suggests_names(runner):
    runner.invoke(cli, ["build", str(SEED)])
    result = runner.invoke(cli, ["lineage", "bertt"])
    assert result.exit_code == 1
    assert "unknown model 'bertt'; nearest: BERT" in result.stderr


def test_lineage_without_a_build_says_what_to_do(runner):
    result = runner.invoke(cli, ["lineage", "BERT"])
    assert result.exit_code == 1
    assert "run `graphkit build INPUT...` first or pass --graph FILE" in result.stderr


def test_every_command_has_help_with_an_example(runner):
    for command in cli.commands:
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "graphkit " + command in result.stdout, command


def test_console_script_runs(tmp_path):
    bin_dir = __import__("pathlib").Path(sys.executable).parent
    out = subprocess.run([str(bin_dir / "graphkit"), "build", str(SEED), "-o", "g.nt", "-q"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "g.nt").stat().st_size > 10_000 and (tmp_path / ".graphkit" / "graph.ttl").exists()
