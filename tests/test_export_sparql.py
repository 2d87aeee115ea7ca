"""`graphkit export sparql` against a real `oxigraph serve` (or GRAPHKIT_TEST_SPARQL_* endpoints).

Set GRAPHKIT_TEST_SPARQL_ENDPOINT (Graph Store Protocol URL), GRAPHKIT_TEST_SPARQL_QUERY (query URL)
and optionally GRAPHKIT_TEST_SPARQL_UPDATE (update URL) to aim the same tests at another server.
Tests write only to their own named graphs and drop them afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pytest
from conftest import HOSTILE_RECORD, SEED

from graphkit.cli import cli


@dataclass
class Endpoint:
    store: str
    query: str
    update: str | None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    if os.environ.get("GRAPHKIT_TEST_SPARQL_ENDPOINT"):
        if not os.environ.get("GRAPHKIT_TEST_SPARQL_QUERY"):
            pytest.skip("GRAPHKIT_TEST_SPARQL_QUERY must name the query URL of the endpoint under test")
        yield Endpoint(os.environ["GRAPHKIT_TEST_SPARQL_ENDPOINT"], os.environ["GRAPHKIT_TEST_SPARQL_QUERY"],
                       os.environ.get("GRAPHKIT_TEST_SPARQL_UPDATE"))
        return
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph) and no GRAPHKIT_TEST_SPARQL_ENDPOINT")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()[:300]}")
            time.sleep(0.05)
    try:
        yield Endpoint(f"{base}/store", f"{base}/query", f"{base}/update")
    finally:
        process.terminate()
        process.wait(timeout=10)


def _select(endpoint: Endpoint, query: str) -> list[dict]:
    request = urllib.request.Request(endpoint.query, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["results"]["bindings"]


def _count(endpoint: Endpoint, graph: str) -> int:
    return int(_select(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["n"]["value"])


@pytest.fixture
def graph_iri(endpoint):
    iri = f"https://w3id.org/graphkit/test/{uuid.uuid4()}"
    yield iri
    url = f"{endpoint.store}?{urllib.parse.urlencode({'graph': iri})}"
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="DELETE"), timeout=30).read()
    except OSError:
        pass  # nothing was written


def _built(runner) -> int:
    assert runner.invoke(cli, ["build", str(SEED), "-q"]).exit_code == 0
    snapshot = ".graphkit/graph.ttl"
    return sum(1 for _ in pyoxigraph.parse(path=snapshot, format=pyoxigraph.RdfFormat.TURTLE))


def test_gsp_push_in_batches_then_replace(runner, endpoint, graph_iri):
    triples = _built(runner)
    args = ["export", "sparql", "--endpoint", endpoint.store, "--graph-iri", graph_iri, "--batch-size", "1000"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"pushed {triples} triples in {-(-triples // 1000)} requests" in result.stdout
    assert _count(endpoint, graph_iri) == triples
    again = runner.invoke(cli, args)  # pushing twice replaces, it does not duplicate or grow
    assert again.exit_code == 0 and _count(endpoint, graph_iri) == triples
    rows = _select(endpoint, f"""PREFIX gk: <https://w3id.org/graphkit/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name WHERE {{ GRAPH <{graph_iri}> {{
          ?m gk:derivedFrom+ ?bert . ?bert rdfs:label "BERT" . ?m rdfs:label ?name }} }}""")
    assert {"GottBERT", "BERTu", "mBERTu", "MosaicBERT"} <= {r["name"]["value"] for r in rows}


def test_shipped_queries_answer_on_the_endpoint(runner, endpoint, graph_iri):
    """The same .rq files run unchanged on the server (as the union of its graphs: one graph here)."""
    from graphkit.queries import load, names

    _built(runner)
    assert runner.invoke(cli, ["export", "sparql", "--endpoint", endpoint.store, "--graph-iri", graph_iri]).exit_code == 0
    for name in names(".rq"):
        text = load(name).replace("WHERE {", f"WHERE {{ GRAPH <{graph_iri}> {{", 1)
        text = text[: text.rindex("}")] + "} }" + text[text.rindex("}") + 1:]
        assert _select(endpoint, text), name


def test_update_protocol(runner, endpoint, graph_iri):
    if endpoint.update is None:
        pytest.skip("GRAPHKIT_TEST_SPARQL_UPDATE is not set")
    triples = _built(runner)
    result = runner.invoke(cli, ["export", "sparql", "--endpoint", endpoint.update, "--graph-iri", graph_iri,
                                 "--batch-size", "2500"])
    assert result.exit_code == 0, result.output
    assert "(update)" in result.stdout and _count(endpoint, graph_iri) == triples


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_hostile_text_round_trips_exactly(runner, endpoint, graph_iri, tmp_path, protocol):
    """Quotes, triple quotes, backslashes, markup, RTL mark, emoji, newlines, query-like text: all come back equal."""
    import pyoxigraph

    import graphkit

    if protocol == "update" and endpoint.update is None:
        pytest.skip("GRAPHKIT_TEST_SPARQL_UPDATE is not set")
    graph_file = graphkit.build([HOSTILE_RECORD]).write(tmp_path / "hostile.nt")
    triples = sum(1 for line in graph_file.open(encoding="utf-8") if line.strip())
    url = endpoint.store if protocol == "gsp" else endpoint.update
    result = runner.invoke(cli, ["export", "sparql", "--endpoint", url, "--graph-iri", graph_iri,
                                 "--protocol", protocol, "--graph", str(graph_file), "--batch-size", "7"])
    assert result.exit_code == 0, result.output
    assert f"({protocol})" in result.stdout and _count(endpoint, graph_iri) == triples
    rows = _select(endpoint, f"""PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?title ?abstract WHERE {{ GRAPH <{graph_iri}> {{
          ?paper dcterms:title ?title ; dcterms:abstract ?abstract }} }}""")
    assert [(r["title"]["value"], r["abstract"]["value"]) for r in rows] == [
        (HOSTILE_RECORD["title"], HOSTILE_RECORD["abstract"])]
    assert all("xml:lang" not in r["title"] and r["title"]["type"] == "literal" for r in rows)
    # The text is data: an exact-match lookup by the title finds the paper, and no other graph was touched.
    title = pyoxigraph.Literal(HOSTILE_RECORD["title"])  # the RDF library writes the literal, never we
    lookup = _select(endpoint, f"SELECT ?g WHERE {{ GRAPH ?g {{ ?paper <http://purl.org/dc/terms/title> {title} }} }}")
    assert [r["g"]["value"] for r in lookup] == [graph_iri]


def test_unreachable_and_bad_iri_are_one_line(runner):
    _built(runner)
    port = _free_port()
    result = runner.invoke(cli, ["export", "sparql", "--endpoint", f"http://127.0.0.1:{port}/store"])
    assert result.exit_code == 1 and f"cannot reach 127.0.0.1:{port}" in result.stderr
    bad = runner.invoke(cli, ["export", "sparql", "--endpoint", "http://x/store", "--graph-iri", "not an iri"])
    assert bad.exit_code == 2 and "not an absolute IRI" in bad.stderr


def test_graph_iri_cannot_break_out_of_the_update():
    """The library API (no CLI check in front) refuses a graph IRI that would close the GRAPH clause."""
    from graphkit.errors import GraphkitError
    from graphkit.exporters.sparql import graph_term, push_gsp, push_update

    assert graph_term("https://example.org/kg") == "<https://example.org/kg>"
    url = f"http://127.0.0.1:{_free_port()}"  # nothing listens: a request would fail with "cannot reach"
    for bad in ("x:a> { } } ; DROP ALL ; INSERT DATA { GRAPH <x:b", "not an iri", "https://e.org/a b"):
        for push in (push_update, push_gsp):
            with pytest.raises(GraphkitError, match="not an absolute IRI"):
                push(iter([(1, b'<x:s> <x:p> "o" .\n')]), f"{url}/update", bad)
