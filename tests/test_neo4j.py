"""Neo4j export against a real Bolt server: ArcadeDB embedded (started here on free ports), or a
real Neo4j when GRAPHKIT_TEST_NEO4J_URI / _USER / _PASSWORD (and optionally _DATABASE) are set.

Against a real Neo4j the tests delete only graphkit's nodes (IRIs under the graphkit id base)
before and after each test; point them at a scratch database.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import HOSTILE_RECORD

import graphkit
from graphkit.cli import cli
from graphkit.namespace import ID, LINEAGE_KINDS
from graphkit.neo4j.mapping import LABELS, RELATIONSHIP_TYPES, to_property_graph

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpora" / "arxiv_sample.jsonl"
ARCADE_PASSWORD = "graphkitpass1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class BoltTarget:
    """Where a test writes: URI, credentials and a database of its own (ArcadeDB) or the shared one."""

    uri: str
    user: str
    password: str
    database: str | None

    def args(self) -> list[str]:
        out = ["--uri", self.uri, "--user", self.user, "--password", self.password]
        return out + (["--database", self.database] if self.database else [])

    def query(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        import neo4j

        with neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password)) as driver:
            with driver.session(database=self.database) as session:
                return [record.data() for record in session.run(statement, params)]

    def driver(self):  # type: ignore[no-untyped-def]
        import neo4j

        return neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password))


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory):
    """A running Bolt server for the session: the configured Neo4j, or ArcadeDB embedded."""
    uri = os.environ.get("GRAPHKIT_TEST_NEO4J_URI")
    if uri:
        yield {"kind": "neo4j", "uri": uri, "user": os.environ.get("GRAPHKIT_TEST_NEO4J_USER", "neo4j"),
               "password": os.environ.get("GRAPHKIT_TEST_NEO4J_PASSWORD", ""),
               "database": os.environ.get("GRAPHKIT_TEST_NEO4J_DATABASE") or None}
        return
    arc = pytest.importorskip("arcadedb_embedded", reason="pip install arcadedb-embedded (the test extra)")
    root = tmp_path_factory.mktemp("arcadedb")
    bolt_port = free_port()
    cwd = os.getcwd()
    os.chdir(root)  # the JVM writes ./log/arcadedb.log* relative to its start directory: keep it out of the repo
    try:
        arc.jvm.start_jvm(heap_size="1g")
        server = arc.create_server(
            root_path=str(root), root_password=ARCADE_PASSWORD,
            config={"http_port": free_port(), "bolt_port": bolt_port,
                    "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"})
        server.start()
    finally:
        os.chdir(cwd)
    try:
        yield {"kind": "arcadedb", "server": server, "uri": f"bolt://127.0.0.1:{bolt_port}", "user": "root",
               "password": ARCADE_PASSWORD}
    finally:
        server.stop()
        arc.jvm.shutdown_jvm()  # left to interpreter exit, the JVM's shutdown crashes the process


_databases = itertools.count(1)


@pytest.fixture
def bolt(bolt_server) -> BoltTarget:
    """A clean place to export to: a fresh ArcadeDB database, or Neo4j with graphkit's nodes removed."""
    if bolt_server["kind"] == "arcadedb":
        name = f"test{next(_databases)}"
        bolt_server["server"].create_database(name)
        yield BoltTarget(bolt_server["uri"], bolt_server["user"], bolt_server["password"], name)
        return
    target = BoltTarget(bolt_server["uri"], bolt_server["user"], bolt_server["password"], bolt_server["database"])
    clean = "MATCH (n) WHERE n.iri STARTS WITH $base DETACH DELETE n"
    target.query(clean, base=ID)
    yield target
    target.query(clean, base=ID)


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory, seed_graph) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.nt"
    seed_graph.write(path)
    return path


def export(graph, target: BoltTarget, batch_size: int = 1000):  # type: ignore[no-untyped-def]
    from graphkit.neo4j.bolt import Neo4jWriter

    with target.driver() as driver:
        return Neo4jWriter(driver, target.database, batch_size=batch_size, progress=False).write(graph)


def label_counts(target: BoltTarget) -> dict[str, int]:
    return {label: target.query(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"] for label in LABELS.values()}


def relationship_count(target: BoltTarget) -> int:
    return target.query("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]


# -- mapping (no server) ------------------------------------------------------------------

def test_mapping_matches_the_graph(seed_graph):
    pg = to_property_graph(seed_graph)
    summary = seed_graph.summary()
    assert {LABELS[k]: n for k, n in summary["entities"].items()} == {k: v for k, v in pg.counts()["nodes"].items() if v}
    rels = pg.counts()["relationships"]
    assert rels["DERIVED_FROM"] == summary["lineage_edges"]
    assert sum(n for t, n in rels.items() if t not in ("DERIVED_FROM", "AUTHORED_BY")) == summary["edges"]
    assert set(rels) == set(RELATIONSHIP_TYPES)
    for rows in pg.nodes.values():
        for row in rows:
            assert row.props["iri"] == row.iri and row.props["name"]
            assert all(k == k.lower() for k in row.props)


def test_typed_lineage_keeps_its_kind(seed_graph):
    pg = to_property_graph(seed_graph)
    typed = {(s, o): p for s, p, o in seed_graph.edges if p in LINEAGE_KINDS}
    by_pair = {(r.start, r.end): r.props for r in pg.relationships["DERIVED_FROM"]}
    assert typed
    for pair, kind in typed.items():
        assert kind in by_pair[pair]["kinds"]
    assert {p["kind"] for p in by_pair.values()} >= {"derivedFrom"}


def test_statements_take_identifiers_only_from_the_code_tables():
    from graphkit.neo4j.bolt import constraint_statements, node_statement, relationship_statement

    for label in LABELS.values():
        assert node_statement(label) == (f"UNWIND $rows AS row MERGE (n:{label} {{iri: row.iri}}) "
                                         "SET n += row.props")
    for rel, (start, end) in RELATIONSHIP_TYPES.items():
        assert f"(s:{start} {{iri: row.start}})" in relationship_statement(rel)
        assert f"MERGE (s)-[r:{rel}]->(e)" in relationship_statement(rel)
    assert len(constraint_statements()) == len(LABELS)
    for bad in ("Paper) DETACH DELETE (n", "paper", "Evidence"):
        with pytest.raises(ValueError):
            node_statement(bad)
    with pytest.raises(ValueError):
        relationship_statement("USES_MODEL]->() DELETE r //")


# -- Bolt export --------------------------------------------------------------------------

def test_export_twice_gives_the_same_graph(seed_graph, bolt):
    pg = to_property_graph(seed_graph)
    first = export(seed_graph, bolt)
    assert first.nodes_created == pg.node_count()
    assert first.relationships_created == pg.relationship_count()
    second = export(seed_graph, bolt, batch_size=50)
    assert second.nodes_created == 0 and second.relationships_created == 0
    assert second.nodes_updated == pg.node_count()

    expected = {LABELS[k]: n for k, n in seed_graph.summary()["entities"].items()}
    assert {k: v for k, v in label_counts(bolt).items() if v} == expected
    assert relationship_count(bolt) == pg.relationship_count()
    duplicate_iris = bolt.query("MATCH (n) WITH n.iri AS iri, count(*) AS c WHERE c > 1 RETURN count(*) AS c")
    assert duplicate_iris[0]["c"] == 0
    duplicate_rels = bolt.query("MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(*) AS c WHERE c > 1 "
                                "RETURN count(*) AS c")
    assert duplicate_rels[0]["c"] == 0
    no_name = bolt.query("MATCH (n) WHERE n.iri IS NULL OR n.name IS NULL RETURN count(n) AS c")
    assert no_name[0]["c"] == 0


def test_constraints_exist(seed_graph, bolt):
    export(seed_graph, bolt)
    rows = bolt.query("SHOW CONSTRAINTS")
    unique = {tuple(r["labelsOrTypes"]) for r in rows if r["properties"] == ["iri"]}
    assert {(label,) for label in LABELS.values()} <= unique


def test_quotes_on_evidence_bearing_relationships(seed_graph, bolt):
    export(seed_graph, bolt)
    paper_rels = bolt.query("MATCH (:Paper)-[r]->() WHERE type(r) <> 'AUTHORED_BY' AND type(r) <> 'CITES' "
                            "RETURN r.quote AS quote, r.field AS field, r.start AS start, r.`end` AS e, "
                            "r.method AS method, r.confidence AS confidence, r.evidence AS n")
    assert paper_rels
    for row in paper_rels:
        quotes = row["quote"] if isinstance(row["quote"], list) else [row["quote"]]
        assert len(quotes) == row["n"] and all(q for q in quotes), row
        assert row["method"] and row["confidence"] is not None and row["field"] and row["start"] is not None
    missing = bolt.query("MATCH ()-[r:DERIVED_FROM]->() WHERE r.quote IS NULL AND NOT 'curated' IN ([] + r.method) "
                         "RETURN count(r) AS c")
    assert missing[0]["c"] == 0


def test_gottbert_reaches_bert_through_roberta(seed_graph, bolt):
    export(seed_graph, bolt)
    paths = bolt.query("MATCH p = (g:Model {name: 'GottBERT'})-[:DERIVED_FROM*1..20]->(b:Model {name: 'BERT'}) "
                       "RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | r.kind] AS kinds")
    assert ["GottBERT", "RoBERTa", "BERT"] in [p["names"] for p in paths]
    assert all(k for p in paths for k in p["kinds"])


def test_larger_build_adds_only_what_is_new(bolt, tmp_path):
    lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)
    small_file, big_file = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small_file.write_text("".join(lines[:40]), encoding="utf-8")
    big_file.write_text("".join(lines[:80]), encoding="utf-8")
    small, big = graphkit.build([small_file]), graphkit.build([big_file])
    small_pg, big_pg = to_property_graph(small), to_property_graph(big)
    export(small, bolt)
    summary = export(big, bolt)
    old_nodes = {r.iri for rows in small_pg.nodes.values() for r in rows}
    new_nodes = {r.iri for rows in big_pg.nodes.values() for r in rows}
    old_rels = {(t, r.start, r.end) for t, rows in small_pg.relationships.items() for r in rows}
    new_rels = {(t, r.start, r.end) for t, rows in big_pg.relationships.items() for r in rows}
    assert summary.nodes_created == len(new_nodes - old_nodes) > 0
    assert summary.relationships_created == len(new_rels - old_rels) > 0
    assert sum(label_counts(bolt).values()) == len(new_nodes | old_nodes)
    assert relationship_count(bolt) == len(new_rels | old_rels)
    authors = bolt.query("MATCH (:Paper)-[r:AUTHORED_BY]->(:Author) RETURN min(r.position) AS first, count(r) AS n")
    assert authors[0]["first"] == 1 and authors[0]["n"] == len(big_pg.relationships["AUTHORED_BY"]) > 0


def test_hostile_text_round_trips_and_injects_nothing(seed_graph, bolt):
    """Quotes, backslashes, markup, RTL marks, emoji and Cypher-looking text are data, never Cypher."""
    hostile = graphkit.build([HOSTILE_RECORD])
    pg, seed_pg = to_property_graph(hostile), to_property_graph(seed_graph)
    (paper,) = pg.nodes["Paper"]
    (uses,) = pg.relationships["USES_MODEL"]
    assert uses.props["quote"] and '"}) MATCH (n) DETACH DELETE n //' in uses.props["quote"]
    assert "BERT" in uses.props["quote"] and uses.end == f"{ID}model/bert"

    export(seed_graph, bolt)
    before = bolt.query("MATCH (n) RETURN count(n) AS c")[0]["c"]
    assert before == seed_pg.node_count() > 0
    export(hostile, bolt)

    back = bolt.query("MATCH (p:Paper {iri: $iri}) RETURN p.name AS name, p.title AS title, p.abstract AS abstract",
                      iri=paper.iri)
    assert back == [{"name": HOSTILE_RECORD["title"], "title": HOSTILE_RECORD["title"],
                     "abstract": HOSTILE_RECORD["abstract"]}]
    by_title = bolt.query("MATCH (p:Paper) WHERE p.title = $title RETURN p.iri AS iri", title=HOSTILE_RECORD["title"])
    assert by_title == [{"iri": paper.iri}]
    evidence = bolt.query("MATCH (:Paper {iri: $iri})-[r:USES_MODEL]->(m:Model) "
                          "RETURN m.name AS model, r.quote AS quote, r.field AS field", iri=paper.iri)
    assert evidence == [{"model": "BERT", "quote": uses.props["quote"], "field": "abstract"}]

    # Nothing was deleted or added by the text: the database holds exactly the union of both exports.
    nodes = {r.iri for g in (seed_pg, pg) for rows in g.nodes.values() for r in rows}
    rels = {(t, r.start, r.end) for g in (seed_pg, pg) for t, rows in g.relationships.items() for r in rows}
    assert before < len(nodes) == sum(label_counts(bolt).values())
    assert bolt.query("MATCH (n) RETURN count(n) AS c")[0]["c"] == len(nodes)
    assert relationship_count(bolt) == len(rels)
    stored = {row["iri"] for row in bolt.query("MATCH (n) RETURN n.iri AS iri")}
    assert stored == nodes


# -- shipped queries ----------------------------------------------------------------------

def run(name: str, target: BoltTarget, **params: Any) -> list[dict[str, Any]]:
    from graphkit.neo4j.queries import run_cypher

    return run_cypher(name, params, target.uri, target.user, target.password, target.database)["rows"]


def test_every_shipped_query_runs_with_its_example_parameters(seed_graph, bolt):
    from graphkit.neo4j.queries import shipped_queries

    export(seed_graph, bolt)
    queries = shipped_queries()
    assert {"lineage", "gaps", "family_language", "base_models_by_year", "evidence"} <= set(queries)
    for name, query in queries.items():
        assert query.purpose and query.params, name
        assert run(name, bolt), f"{name} returned no rows on the seed graph"


def test_lineage_query(seed_graph, bolt):
    export(seed_graph, bolt)
    rows = run("lineage", bolt, model="gottbert")  # names match case-insensitively
    ancestors = {(r["model"], tuple(r["path"])) for r in rows if r["direction"] == "ancestor"}
    assert ("BERT", ("GottBERT", "RoBERTa", "BERT")) in ancestors
    hop = next(r for r in rows if r["path"] == ["GottBERT", "RoBERTa"])
    assert hop["kinds"] == ["derivedFrom"] and hop["papers"][0]
    descendants = {r["model"] for r in run("lineage", bolt, model="RoBERTa") if r["direction"] == "descendant"}
    assert "GottBERT" in descendants


def test_evidence_and_family_queries(seed_graph, bolt):
    export(seed_graph, bolt)
    evidence = run("evidence", bolt, subject="GottBERT", object="RoBERTa")
    quoted = [r for r in evidence if r["quote"]]
    assert quoted and all(r["method"] and r["paper"] for r in quoted)
    assert any("GottBERT" in r["quote"] for r in quoted)
    papers = run("family_language", bolt, family="RoBERTa", language="deu")
    assert any("GottBERT" in r["paper"] for r in papers)
    assert all(r["language"] == "German" for r in papers)


def test_gaps_query_finds_only_unstudied_pairs(seed_graph, bolt):
    export(seed_graph, bolt)
    rows = run("gaps", bolt, min_papers=2, limit=200)
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert {r["gap"] for r in rows} == {"language x technique", "model family x language"}
    papers_of: dict[str, set[str]] = {}
    for subject, predicate, obj in seed_graph.edges:
        if predicate in ("studiesLanguage", "appliesTechnique"):
            papers_of.setdefault(obj, set()).add(subject)
    for row in rows:
        if row["gap"] == "language x technique":
            assert not papers_of[row["first_iri"]] & papers_of[row["second_iri"]], row
            assert row["score"] == row["first_papers"] * row["second_papers"]


def test_base_models_by_year(seed_graph, bolt):
    export(seed_graph, bolt)
    rows = run("base_models_by_year", bolt, top=3)
    usage = Counter(o for s, p, o in seed_graph.edges if p == "usesModel")
    top = rows[0]["models"]
    assert len(top) <= 3 and top[0]["papers"] == max(usage.values())


# -- command line -------------------------------------------------------------------------

def test_cli_export_and_cypher(runner, seed_file, bolt):
    result = runner.invoke(cli, ["export", "neo4j", "--graph", str(seed_file), *bolt.args(), "--batch-size", "100"])
    assert result.exit_code == 0, result.output
    assert "created" in result.stdout and "relationships/s" in result.stdout
    again = runner.invoke(cli, ["export", "neo4j", "--graph", str(seed_file), *bolt.args()])
    assert again.exit_code == 0 and again.stdout.startswith("nodes: 0 created")
    out = runner.invoke(cli, ["cypher", "lineage", "--param", "model=GottBERT", *bolt.args(), "--format", "json"])
    assert out.exit_code == 0, out.output
    document = json.loads(out.stdout)
    assert document["params"] == {"model": "GottBERT"} and document["columns"][0] == "from"
    assert any(r["model"] == "BERT" for r in document["rows"])
    table = runner.invoke(cli, ["cypher", "gaps", "--param", "limit=3", *bolt.args()])
    assert table.exit_code == 0 and "(3 rows)" in table.stdout
    via_query = runner.invoke(cli, ["query", "--cypher", "evidence", *bolt.args(), "--format", "csv"])
    assert via_query.exit_code == 0, via_query.output
    assert via_query.stdout.startswith("subject,relationship,kind,object,method") and "GottBERT" in via_query.stdout


def test_cypher_runs_a_query_file(runner, seed_file, bolt, tmp_path):
    from graphkit.readers import read_graph

    runner.invoke(cli, ["export", "neo4j", "--graph", str(seed_file), *bolt.args()])
    path = tmp_path / "count.cypher"
    path.write_text("// Count models.\n// @param label: x\nMATCH (m:Model) RETURN count(m) AS models, $label AS label\n")
    out = runner.invoke(cli, ["cypher", str(path), "--param", "label=y", *bolt.args(), "--format", "json"])
    assert out.exit_code == 0, out.output
    models = len(to_property_graph(read_graph(seed_file)).nodes["Model"])
    assert json.loads(out.stdout)["rows"] == [{"models": models, "label": "y"}]


def test_bad_connection_details_give_one_line(runner, seed_file, bolt):
    cases = [
        ["--uri", f"bolt://127.0.0.1:{free_port()}", "--user", "u", "--password", "p"],
        ["--uri", "http://127.0.0.1:7474", "--user", "u", "--password", "p"],
        ["--uri", bolt.uri, "--user", bolt.user, "--password", "wrong-password"],
    ]
    for args in cases:
        result = runner.invoke(cli, ["export", "neo4j", "--graph", str(seed_file), *args])
        assert result.exit_code == 1, result.output
        assert result.output.count("\n") == 1 and result.output.startswith("Error: "), result.output
        assert "Traceback" not in result.output
    query = runner.invoke(cli, ["cypher", "lineage", "--uri", f"bolt://127.0.0.1:{free_port()}"])
    assert query.exit_code == 1 and query.output.count("\n") == 1
    unknown = runner.invoke(cli, ["cypher", "no-such-query", *bolt.args()])
    assert unknown.exit_code == 1 and "no such query" in unknown.output


# -- bulk-import files --------------------------------------------------------------------

def test_neo4j_csv_files_parse_and_match_counts(runner, seed_file, tmp_path):
    from graphkit.neo4j.csv import read_import_files
    from graphkit.readers import read_graph

    out = tmp_path / "import"
    result = runner.invoke(cli, ["export", "neo4j-csv", "--graph", str(seed_file), str(out)])
    assert result.exit_code == 0, result.output
    pg = to_property_graph(read_graph(seed_file))
    back = read_import_files(out)
    assert {k: len(v) for k, v in back["nodes"].items()} == {k: v for k, v in pg.counts()["nodes"].items() if v}
    assert {k: len(v) for k, v in back["relationships"].items()} == {
        k: v for k, v in pg.counts()["relationships"].items() if v}
    models = {row["iri"]: row for row in back["nodes"]["Model"]}
    for row in pg.nodes["Model"]:
        assert models[row.iri] == row.props
    rels = {(r[":START_ID"], r[":END_ID"]): r for r in back["relationships"]["DERIVED_FROM"]}
    for row in pg.relationships["DERIVED_FROM"]:
        assert rels[(row.start, row.end)] == {":START_ID": row.start, ":END_ID": row.end, **row.props}
    script = (out / "import.sh").read_text()
    assert "neo4j-admin database import full" in script and "--array-delimiter=U+001F" in script
    for arg in script.split():
        if arg.startswith(("--nodes=", "--relationships=")):
            for name in arg.split("=", 2)[2].split(","):
                assert (out / name).is_file(), name
    assert "CREATE CONSTRAINT" in (out / "constraints.cypher").read_text()


def test_neo4j_csv_keeps_hostile_text_exact(runner, tmp_path):
    """Read back with the csv module alone (not our reader): the title, abstract and quote are unchanged."""
    import csv

    graph_file = graphkit.build([HOSTILE_RECORD]).write(tmp_path / "hostile.nt")
    out = tmp_path / "import"
    result = runner.invoke(cli, ["export", "neo4j-csv", "--graph", str(graph_file), str(out)])
    assert result.exit_code == 0, result.output

    def rows(folder: str, stem: str) -> list[dict[str, str]]:
        with open(out / folder / f"{stem}_header.csv", newline="", encoding="utf-8") as handle:
            header = [column.partition(":")[0] or column for column in next(csv.reader(handle))]
        with open(out / folder / f"{stem}.csv", newline="", encoding="utf-8") as handle:
            return [dict(zip(header, cells, strict=True)) for cells in csv.reader(handle)]

    (paper,) = rows("nodes", "Paper")
    assert paper["name"] == paper["title"] == HOSTILE_RECORD["title"]
    assert paper["abstract"] == HOSTILE_RECORD["abstract"]
    (uses,) = rows("relationships", "USES_MODEL")
    assert uses[":START_ID"] == paper["iri"] and uses[":END_ID"] == f"{ID}model/bert"
    assert '"}) MATCH (n) DETACH DELETE n //' in uses["quote"] and "BERT" in uses["quote"]
    assert uses["quote"] in HOSTILE_RECORD["abstract"]


def test_help_has_examples(runner):
    for args in (["export", "neo4j"], ["export", "neo4j-csv"], ["cypher"]):
        result = runner.invoke(cli, [*args, "--help"])
        assert result.exit_code == 0 and "Example" in result.output
