"""Fetchers against a local HTTP server replaying the recorded payloads (no mocks of the APIs).

The server also plays the failure modes: 429 with Retry-After then 200, persistent 500, a body
cut short, an unreachable host. Requests are counted so that the cache's "no request on a
repeated fetch" is checked, not assumed.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import graphkit
import pytest
from conftest import DATA
from graphkit.cli import cli
from graphkit.errors import GraphkitError
from graphkit.fetch import fetch

PAYLOADS = DATA / "payloads"


def _route(path: str, query: dict[str, list[str]]) -> tuple[int, str, bytes]:
    """(status, content type, body) for an API path, from the recorded payloads."""
    if path == "/arxiv/query":
        if query.get("search_query") == ["id:abc"]:
            return 400, "application/atom+xml", (PAYLOADS / "arxiv" / "idlist_abc_error400.xml").read_bytes()
        start = query.get("start", ["0"])[0]
        page = PAYLOADS / "arxiv" / f"query_all-testing_start{start}_max10.xml"
        return (200, "application/atom+xml", page.read_bytes()) if page.exists() else (404, "text/plain", b"no page")
    if path == "/openalex/works":
        return 200, "application/json", (PAYLOADS / "openalex" / "works_filter_title.search_chemistry_tools.json").read_bytes()
    if path == "/s2/paper/search":
        offset = query.get("offset", ["0"])[0]
        return 200, "application/json", (PAYLOADS / "semanticscholar" / f"paper_search_turing_offset{offset}.json").read_bytes()
    if path == "/crossref/works":
        return 200, "application/json", (PAYLOADS / "crossref" / "works_query_ecology_rows2.json").read_bytes()
    if path == "/hf/papers/search":
        return 200, "application/json", (PAYLOADS / "huggingface" / "daily_papers_fixture.json").read_bytes()
    if path == "/html/works":
        return 200, "text/html", (PAYLOADS / "openalex" / "work_doi_not_found_404.html").read_bytes()
    return 404, "text/plain", b"Resource not found."


class Replay(BaseHTTPRequestHandler):
    """Routes ``/<mode>/<api path>``; mode ``ok``, ``429`` (once), ``500`` (always), ``cut`` (once)."""

    server: ReplayServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        mode, _, rest = url.path.lstrip("/").partition("/")
        self.server.log.append({"mode": mode, "path": "/" + rest, "query": parse_qs(url.query),
                                "agent": self.headers.get("User-Agent", "")})
        seen = sum(1 for r in self.server.log if r["mode"] == mode and r["path"] == "/" + rest)
        status, ctype, body = _route("/" + rest, parse_qs(url.query))
        if mode == "429" and seen == 1:
            status, body = 429, b'{"message": "slow down"}'
        if mode == "500":
            status, body = 500, b"Internal Server Error"
        self.send_response(status)
        if mode == "429" and seen == 1:
            self.send_header("Retry-After", "1")
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if mode == "cut" and seen == 1:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class ReplayServer(ThreadingHTTPServer):
    log: list[dict]


@pytest.fixture
def server(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    httpd = ReplayServer(("127.0.0.1", 0), Replay)
    httpd.log = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_arxiv_pages_with_start_and_writes_common_records(server, tmp_path):
    httpd, base = server
    out = tmp_path / "arxiv.jsonl"
    count = fetch("arxiv", "testing", out, limit=15, base_url=f"{base}/ok/arxiv", interval=0, mailto="me@example.org")
    assert count == 15
    records = _lines(out)
    assert [r["arxiv_id"] for r in records][:2] == ["2202.12139v1", records[1]["arxiv_id"]]
    assert [q["query"]["start"] for q in httpd.log] == [["0"], ["10"]]
    assert all(q["query"]["search_query"] == ["testing"] for q in httpd.log)
    assert httpd.log[0]["agent"].startswith(f"graphkit/{graphkit.__version__}") and "me@example.org" in httpd.log[0]["agent"]
    assert records[0]["source"].startswith(f"{base}/ok/arxiv/query?search_query=testing")
    kg = graphkit.build([out])
    assert kg.summary()["papers"] == 15


def test_repeated_fetch_is_served_from_the_cache(server, tmp_path):
    httpd, base = server
    fetch("openalex", "chemistry tools", tmp_path / "a.jsonl", limit=5, base_url=f"{base}/ok/openalex", mailto="me@example.org")
    assert len(httpd.log) == 1 and httpd.log[0]["query"]["mailto"] == ["me@example.org"]
    assert httpd.log[0]["query"]["search"] == ["chemistry tools"]
    fetch("openalex", "chemistry tools", tmp_path / "b.jsonl", limit=5, base_url=f"{base}/ok/openalex", mailto="me@example.org")
    assert len(httpd.log) == 1
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert any((tmp_path / "cache" / "graphkit" / "http").iterdir())
    records = _lines(tmp_path / "a.jsonl")
    assert records[0]["openalex_id"] == "https://openalex.org/W4396723768" and records[0]["references"]


def test_semanticscholar_offset_paging_and_limit(server, tmp_path, monkeypatch):
    httpd, base = server
    monkeypatch.setenv("GRAPHKIT_SEMANTICSCHOLAR_BASE_URL", f"{base}/ok/s2")
    assert fetch("semanticscholar", "turing", tmp_path / "s2.jsonl", limit=150, interval=0) == 150
    assert [q["query"]["offset"] for q in httpd.log] == [["0"], ["100"]]
    assert all(r["s2_id"] for r in _lines(tmp_path / "s2.jsonl"))


def test_crossref_and_hf_papers(server, tmp_path):
    httpd, base = server
    assert fetch("crossref", "ecology", tmp_path / "cr.jsonl", base_url=f"{base}/ok/crossref", mailto="a@b.org") == 2
    assert httpd.log[0]["query"]["query"] == ["ecology"] and httpd.log[0]["query"]["mailto"] == ["a@b.org"]
    problems = []
    assert fetch("hf-papers", "wav2vec", tmp_path / "hf.jsonl", base_url=f"{base}/ok/hf", on_issue=problems.append) == 2
    assert [r["arxiv_id"] for r in _lines(tmp_path / "hf.jsonl")] == ["2006.11477", "2312.07559"]
    assert len(problems) == 1 and "missing title" in str(problems[0])


def test_429_with_retry_after_then_200(server, tmp_path):
    httpd, base = server
    assert fetch("openalex", "x", tmp_path / "o.jsonl", base_url=f"{base}/429/openalex") == 2
    assert len(httpd.log) == 2


def test_truncated_body_is_retried(server, tmp_path):
    httpd, base = server
    assert fetch("crossref", "x", tmp_path / "c.jsonl", base_url=f"{base}/cut/crossref") == 2
    assert len(httpd.log) == 2


def test_persistent_500_gives_up_with_one_line(server, tmp_path):
    httpd, base = server
    out = tmp_path / "o.jsonl"
    with pytest.raises(GraphkitError) as info:
        fetch("openalex", "x", out, base_url=f"{base}/500/openalex", deadline=2)
    assert "127.0.0.1" in str(info.value) and "HTTP 500" in str(info.value) and "\n" not in str(info.value)
    assert len(httpd.log) >= 2 and not out.exists()


def test_offline_and_api_errors_via_cli(server, tmp_path, runner):
    httpd, base = server
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    result = runner.invoke(cli, ["fetch", "crossref", "x", "-o", str(tmp_path / "c.jsonl"),
                                 "--base-url", f"http://127.0.0.1:{closed}"])
    assert result.exit_code == 1 and "cannot reach 127.0.0.1" in result.output
    assert len(result.output.strip().splitlines()) == 1
    result = runner.invoke(cli, ["fetch", "arxiv", "id:abc", "-o", str(tmp_path / "a.jsonl"), "--base-url", f"{base}/ok/arxiv"])
    assert result.exit_code == 1 and "incorrect id format for abc" in result.output
    result = runner.invoke(cli, ["fetch", "openalex", "x", "-o", str(tmp_path / "h.jsonl"), "--base-url", f"{base}/ok/html"])
    assert result.exit_code == 1 and "not OpenAlex JSON" in result.output
    result = runner.invoke(cli, ["fetch", "crossref", "ecology", "-o", str(tmp_path / "ok.jsonl"),
                                 "--base-url", f"{base}/ok/crossref"])
    assert result.exit_code == 0 and "wrote 2 papers from crossref" in result.output


def test_fetch_then_build_merges_sources(server, tmp_path, runner):
    httpd, base = server
    fetch("openalex", "chemistry tools", tmp_path / "oa.jsonl", base_url=f"{base}/ok/openalex")
    result = runner.invoke(cli, ["build", str(tmp_path / "oa.jsonl"),
                                 str(PAYLOADS / "semanticscholar" / "paper_DOI_10.1038_s42256-024-00832-8.json"),
                                 "-o", str(tmp_path / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert "merged across sources" in result.output
