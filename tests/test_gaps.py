"""Gaps on the seed listing: a ranked list over several kind pairs, scores, reasons, the text check."""

from __future__ import annotations

import json

import pytest
from conftest import SEED

import graphkit
from graphkit.cli import cli

KEYS = {"score", "kinds", "entities", "reason", "support"}


def test_seed_gaps_json_is_ranked_over_several_kinds(runner):
    assert runner.invoke(cli, ["build", str(SEED), "-q"]).exit_code == 0
    result = runner.invoke(cli, ["gaps", "--format", "json"])
    assert result.exit_code == 0, result.output
    gaps = json.loads(result.stdout)["gaps"]
    assert len(gaps) > 50
    scores = [g["score"] for g in gaps]
    assert scores == sorted(scores, reverse=True) and all(isinstance(s, float) for s in scores)
    assert len({tuple(g["kinds"]) for g in gaps}) >= 2
    for item in gaps[:100]:
        assert set(item) >= KEYS
        assert set(item["entities"]) == set(item["kinds"])
        assert all(set(e) >= {"iri", "name"} for e in item["entities"].values())
        assert item["reason"] in {"unstudied", "not-extracted"} and item["explanation"]
        assert item["support"]["papers_with_both"] == 0


def test_a_gap_is_a_pair_no_paper_links(seed_graph):
    doc = graphkit.gaps(seed_graph, by="language-technique")
    view = seed_graph.to_networkx()
    for item in doc["gaps"][:30]:
        lang, tech = item["entities"]["language"]["iri"], item["entities"]["technique"]["iri"]
        papers = [p for p in view.predecessors(lang) if view.has_edge(p, tech)]
        assert papers == [], item


def test_not_extracted_means_abstracts_mention_both(seed_graph):
    doc = graphkit.gaps(seed_graph)
    flagged = [g for g in doc["gaps"] if g["reason"] == "not-extracted"]
    assert flagged, "the seed has pairs named together in an abstract without an edge"
    for item in flagged:
        assert item["support"]["papers_mentioning_both"] == len(item["papers"]) > 0
    plain = [g for g in doc["gaps"] if g["reason"] == "unstudied"]
    assert all(g["support"]["papers_mentioning_both"] == 0 for g in plain)


def test_family_groups_models_and_substrings_do_not_count():
    kg = graphkit.build([
        {"title": "A", "abstract": "We fine-tune BERT for German named entity recognition."},
        {"title": "B", "abstract": "We study w2v-BERT for Maltese speech recognition."},
        {"title": "C", "abstract": "We fine-tune BERT-large for Maltese sentiment analysis."},
    ])
    doc = graphkit.gaps(kg, by="model-language")
    names = {(g["entities"]["model"]["name"], g["entities"]["language"]["name"]): g for g in doc["gaps"]}
    assert ("BERT", "Maltese") not in names  # BERT-large is in the BERT family and studied Maltese
    # "BERT" inside "w2v-BERT" is not a mention: w2v-BERT x German is plain unstudied
    assert names[("w2v-BERT", "German")]["reason"] == "unstudied"


def test_by_and_top_and_table(runner):
    runner.invoke(cli, ["build", str(SEED), "-q"])
    doc = json.loads(runner.invoke(cli, ["gaps", "--by", "model-task", "--top", "5", "--format", "json"]).stdout)
    assert len(doc["gaps"]) == 5 and {tuple(g["kinds"]) for g in doc["gaps"]} == {("model", "task")}
    table = runner.invoke(cli, ["gaps", "--top", "3"]).stdout
    assert len(table.strip().splitlines()) == 6 and "papers" in table
    bad = runner.invoke(cli, ["gaps", "--by", "colour-shape"])
    assert bad.exit_code == 2


def test_unknown_pair_in_the_api_is_one_error(seed_graph):
    from graphkit.errors import GraphkitError

    with pytest.raises(GraphkitError, match="unknown kind pair"):
        graphkit.gaps(seed_graph, by="colour-shape")


def test_plot_without_the_viz_module_is_one_line(runner):
    runner.invoke(cli, ["build", str(SEED), "-q"])
    result = runner.invoke(cli, ["gaps", "--plot", "gaps.png"])
    try:
        import graphkit.viz.heatmap  # noqa: F401
    except ImportError:
        assert result.exit_code == 1
        assert result.stderr.strip().startswith("Error: --plot is not available") and "Traceback" not in result.output
    else:
        assert result.exit_code == 0, result.output
