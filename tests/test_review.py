"""Curation survives rebuilds: rejected edges stay out, accepted and added ones are curated."""

from __future__ import annotations

import csv

import rdflib
from conftest import SEED

from graphkit.cli import cli

GK = "https://w3id.org/graphkit/ontology#"


def _rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _evidence_methods(graph: rdflib.Graph, s: str, p: str, o: str) -> set[str]:
    q = f"""SELECT ?m WHERE {{ ?e <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{s}> ;
        <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <{p}> ;
        <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{o}> ; <{GK}method> ?m }}"""
    return {str(row[0]) for row in graph.query(q)}


def test_review_round_trip_survives_rebuild(runner, tmp_path):
    assert runner.invoke(cli, ["build", str(SEED), "-o", "g.ttl"]).exit_code == 0
    result = runner.invoke(cli, ["review", "export", "-o", "review.csv"])
    assert result.exit_code == 0, result.output
    rows = _rows(tmp_path / "review.csv")
    assert rows and all(float(r["confidence"]) < 0.8 for r in rows)
    assert set(rows[0]) >= {"edge", "subject", "predicate", "object", "confidence", "paper", "quote", "decision"}

    g = rdflib.Graph().parse(tmp_path / "g.ttl")
    typed = next(r for r in rows if r["predicate"].endswith(("quantizedFrom", "fineTunedFrom", "adaptedFrom",
                                                             "continuedPretrainingFrom", "distilledFrom"))
                 and "curated" not in _evidence_methods(g, r["subject"], GK + "derivedFrom", r["object"]))
    accepted = next(r for r in rows if r is not typed and r["predicate"].endswith("derivedFrom"))
    typed["decision"], accepted["decision"] = "reject", "ACCEPT"
    added = dict.fromkeys(rows[0], "")
    added.update(subject=typed["subject"], predicate=GK + "usesDataset",
                 object="https://w3id.org/graphkit/id/dataset/glue", decision="accept")
    with open(tmp_path / "review.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([*rows, added])
    result = runner.invoke(cli, ["review", "import", "review.csv"])
    assert result.exit_code == 0 and "recorded 2 accepted and 1 rejected" in result.stdout

    for rebuild in (True, False, True):  # every later build applies the decisions
        args = ["build", str(SEED), "-o", "g.ttl"]
        if rebuild and (tmp_path / ".graphkit" / "manifest.json").exists():
            (tmp_path / ".graphkit" / "manifest.json").unlink()  # as after any input change
        result = runner.invoke(cli, args)
        if rebuild:  # importing decisions counts as a change: the next build rewrites its outputs
            assert "curation applied: 1 edges rejected, 2 accepted or added" in result.stdout
        else:
            assert result.stdout.startswith("nothing new")
        g = rdflib.Graph().parse(tmp_path / "g.ttl")
        s, p, o = (rdflib.URIRef(typed[k]) for k in ("subject", "predicate", "object"))
        assert (s, p, o) not in g
        assert (s, rdflib.URIRef(GK + "derivedFrom"), o) not in g
        assert not _evidence_methods(g, typed["subject"], typed["predicate"], typed["object"])
        assert "curated" in _evidence_methods(g, accepted["subject"], accepted["predicate"], accepted["object"])
        assert (s, rdflib.URIRef(GK + "usesDataset"), rdflib.URIRef(added["object"])) in g


def test_bad_review_row_is_one_line_error(runner, tmp_path):
    (tmp_path / "r.csv").write_text("subject,predicate,object,decision\nx,y,z,maybe\n")
    result = runner.invoke(cli, ["review", "import", "r.csv"])
    assert result.exit_code == 1
    assert "r.csv:2: decision 'maybe' is not accept or reject" in result.stderr
