"""Views in a real headless browser: Debian's Chromium driven by playwright, network blocked.

Every page is opened from a file with every non-file request aborted and recorded; the tests
assert nothing was requested, no script error, the canvas is drawn, the node count matches the
graph (or the cap, with its "N of M nodes" text), tooltips are right and a malicious title runs
nothing. Screenshots go to test-artifacts/ (gitignored). Without /usr/bin/chromium the browser
tests skip, except in CI (CI set), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from conftest import SEED

import graphkit
from graphkit.cli import cli
from graphkit.errors import GraphkitError
from graphkit.graph import Evidence, KnowledgeGraph

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI: .ci/run installs it with apt-get")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); browser tests run in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


class Opened:
    """A page opened offline, with what it tried to fetch and every error it raised."""

    def __init__(self, browser, path: Path, width: int = 1400, height: int = 900) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.add_init_script("window.__violations = [];document.addEventListener("
                                  "'securitypolicyviolation', e => window.__violations.push(e.blockedURI));")
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)

    def assert_clean(self, path: Path) -> None:
        assert self.blocked == [], self.blocked
        assert self.requests == [path.resolve().as_uri()], self.requests
        assert self.errors == [] and self.dialogs == []
        assert self.page.evaluate("() => window.__violations") == []

    def node_count(self) -> int:
        return self.page.evaluate("() => window.graphkit.nodes.length")

    def drawn_pixels(self) -> int:
        return self.page.evaluate("""() => {
            const c = document.querySelector('#mynetwork canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }""")

    def hover(self, iri: str) -> str:
        """Move the mouse onto a node and return its tooltip's text."""
        point = self.page.evaluate("""(id) => {
            const n = window.graphkit.network, p = n.canvasToDOM(n.getPositions([id])[id]);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y}; }""", iri)
        self.page.mouse.move(point["x"] - 30, point["y"] - 30)
        self.page.mouse.move(point["x"], point["y"], steps=4)
        tip = self.page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=10_000)
        return tip.inner_text()

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / name
        self.page.screenshot(path=str(target))
        return target

    def close(self) -> None:
        self.context.close()


def _build(runner, *inputs: Path) -> None:
    result = runner.invoke(cli, ["build", *map(str, inputs), "-q"])
    assert result.exit_code == 0, result.output


def _viz(runner, *args: str) -> Path:
    result = runner.invoke(cli, ["viz", *args])
    assert result.exit_code == 0, result.output
    return Path(args[args.index("-o") + 1])


def _degrees(graph: KnowledgeGraph) -> dict[str, int]:
    """Degree of each entity counting each linked pair once (the page's size and cap order)."""
    view = nx.Graph(graph.to_networkx().to_undirected())
    return dict(view.degree())


def test_graph_page_offline_complete_and_drawn(browser, runner, seed_graph, tmp_path):
    _build(runner, SEED)
    path = _viz(runner, "-o", "graph.html")
    html = path.read_text()
    assert not re.search(r"<link|<script[^>]+src|(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert "bootstrap" not in html.lower() and "cdnjs" not in html.lower()
    opened = Opened(browser, path)
    try:
        opened.assert_clean(path)
        total = len(seed_graph.entities())
        assert opened.node_count() == total == seed_graph.to_networkx().number_of_nodes()
        assert f"{total:,} nodes" in opened.page.inner_text("#gk-caption")
        assert not re.search(r"\d of \d", opened.page.inner_text("#gk-caption"))
        assert opened.drawn_pixels() > 5_000
        legend = dict(opened.page.evaluate("""() => [...document.querySelectorAll('#gk-legend span[data-kind]')]
            .map(s => [s.dataset.kind, s.textContent.replace(/\\s+/g, ' ').trim()])"""))
        assert legend == {kind: f"{kind} {n}" for kind, n in Counter(n.kind for n in seed_graph.entities()).items()}
        opened.shot("graph.png")
    finally:
        opened.close()


def test_hover_shows_label_kind_counts_and_a_real_quote(browser, runner, seed_graph):
    _build(runner, SEED)
    path = _viz(runner, "-o", "graph.html")
    bert = next(n.iri for n in seed_graph.entities("model") if n.name == "BERT")
    papers = {s for (s, p, o) in seed_graph.edges if o == bert and seed_graph.nodes[s].kind == "paper"}
    quotes = {ev.quote for (s, p, o), evs in seed_graph.edges.items() if bert in (s, o)
              for ev in evs.values() if ev.quote}
    opened = Opened(browser, path)
    try:
        text = opened.hover(bert)
        lines = text.splitlines()
        assert lines[0] == "BERT" and lines[1] == "model"
        assert f"in {len(papers)} papers" in text
        quote = next(line for line in lines if line.startswith("\u201c")).strip("\u201c\u201d\u2026")
        assert any(q.startswith(quote[:60]) for q in quotes), quote
        opened.shot("graph-hover.png")
        opened.assert_clean(path)
    finally:
        opened.close()


def test_max_nodes_keeps_the_most_connected_and_says_n_of_m(browser, runner, seed_graph):
    _build(runner, SEED)
    path = _viz(runner, "-o", "capped.html", "--max-nodes", "40")
    total = len(seed_graph.entities())
    opened = Opened(browser, path)
    try:
        opened.assert_clean(path)
        assert opened.node_count() == 40
        assert f"40 of {total:,} nodes" in opened.page.inner_text("header")
        kept = set(opened.page.evaluate("() => window.graphkit.nodes.getIds()"))
        degree = _degrees(seed_graph)
        assert min(degree[i] for i in kept) >= max(degree[i] for i in degree if i not in kept)
        opened.shot("graph-capped.png")
    finally:
        opened.close()


def test_malicious_title_is_shown_as_text_and_runs_nothing(browser, runner, tmp_path):
    evil = tmp_path / "evil.jsonl"
    evil.write_text(json.dumps({"title": XSS, "year": 2024, "abstract": (
        "We apply quantization to BERT for Maltese. <script>alert(2)</script> is just text here.")}) + "\n")
    _build(runner, SEED, evil)
    graph = graphkit.build([SEED, evil])
    paper = next(n.iri for n in graph.entities("paper") if n.name == XSS)
    path = _viz(runner, "-o", "evil.html")
    assert XSS not in path.read_text()  # only ever in escaped JSON
    opened = Opened(browser, path)
    try:
        text = opened.hover(paper)
        assert text.splitlines()[0] == XSS
        assert opened.page.evaluate("() => document.querySelectorAll('img, .vis-tooltip *:not(div)').length") == 0
        opened.page.wait_for_timeout(300)
        opened.assert_clean(path)
        opened.shot("graph-xss.png")
    finally:
        opened.close()
    gaps = _gaps_document(graph)
    gaps["gaps"].insert(0, {"score": 9.0, "kinds": ["language", "technique"], "reason": "unstudied", "support": {},
                            "entities": {"language": {"iri": "x", "name": XSS},
                                         "technique": {"iri": "y", "name": "<b>bold</b>"}}})
    page = graphkit.viz.write_gap_plot(graph, gaps, tmp_path / "evil-gaps.html")
    opened = Opened(browser, page)
    try:
        cell = opened.page.locator("td[data-row='Maltese'][data-col='quantization']")
        cell.hover()
        assert XSS in opened.page.inner_text("#gk-detail")
        assert XSS in opened.page.inner_text("ol.gk-gaps")
        assert opened.page.evaluate("() => document.querySelectorAll('img, b').length") == 0
        opened.assert_clean(page)
    finally:
        opened.close()


def test_lineage_page_is_a_hierarchy_with_kinds_and_papers(browser, runner, seed_graph):
    _build(runner, SEED)
    path = _viz(runner, "-o", "w2v.html", "--focus", "wav2vec2")
    doc = graphkit.lineage(seed_graph, "wav2vec2")
    models = {doc["model"]["iri"], *(a["iri"] for a in doc["ancestors"]), *(d["iri"] for d in doc["descendants"])}
    papers = {s for (s, p, o) in seed_graph.edges if p == "introducesModel" and o in models}
    opened = Opened(browser, path)
    try:
        opened.assert_clean(path)
        assert opened.node_count() == len(models) + len(papers)
        assert set(opened.page.evaluate("() => window.graphkit.nodes.getIds()")) == models | papers
        y = opened.page.evaluate("() => Object.fromEntries(Object.entries(window.graphkit.network.getPositions())"
                                 ".map(([k, v]) => [k, v.y]))")
        root = doc["model"]["iri"]
        assert all(y[a["iri"]] < y[root] for a in doc["ancestors"])
        assert all(y[d["iri"]] > y[root] for d in doc["descendants"])
        labels = opened.page.evaluate("() => window.graphkit.edges.get().map(e => [e.from, e.to, e.label])")
        for item in doc["ancestors"]:
            assert [root if item["depth"] == 1 else item["via"], item["iri"], item["relation"]] in labels \
                or [item["via"], item["iri"], item["relation"]] in labels
        assert sum(1 for _, _, label in labels if label == "introduces") >= len(papers)
        assert "Lineage of wav2vec 2.0" in opened.page.inner_text("h1")
        assert f"of {len(seed_graph.entities()):,} nodes" in opened.page.inner_text("#gk-caption")
        opened.shot("lineage-wav2vec2.png")
    finally:
        opened.close()


def test_two_thousand_nodes_settle_and_stop(browser, tmp_path):
    graph = _synthetic(papers=1200)
    assert len(graph.entities()) == 2000
    path = graphkit.viz.write_graph(graph, tmp_path / "big.html")
    opened = Opened(browser, path)
    try:
        opened.assert_clean(path)
        assert opened.node_count() == 2000
        first = opened.page.evaluate("() => window.graphkit.network.getPositions()")
        opened.page.wait_for_timeout(500)
        assert opened.page.evaluate("() => window.graphkit.network.getPositions()") == first  # settled, stopped
        assert opened.drawn_pixels() > 20_000
        opened.shot("graph-2000.png")
    finally:
        opened.close()


def _synthetic(papers: int) -> KnowledgeGraph:
    """800 entities and ``papers`` papers with 4-5 links each, deterministic."""
    import random

    rnd = random.Random(3)
    graph = KnowledgeGraph()
    predicates = {"model": "usesModel", "technique": "appliesTechnique", "language": "studiesLanguage",
                  "dataset": "usesDataset", "task": "addressesTask"}
    entities = []
    for index, kind in enumerate(["model"] * 300 + ["technique"] * 150 + ["language"] * 100 + ["dataset"] * 150
                                 + ["task"] * 100):
        iri = f"https://w3id.org/graphkit/id/{kind}/e{index}"
        graph.node(iri, kind, f"{kind} {index}")
        entities.append(iri)
    for number in range(papers):
        iri = f"https://w3id.org/graphkit/id/paper/p{number}"
        graph.node(iri, "paper", f"Paper {number}")
        for target in [rnd.choice(entities[:200])] + [rnd.choice(entities) for _ in range(4)]:
            graph.add_edge(iri, predicates[graph.nodes[target].kind], target,
                           Evidence(f"{iri}/{target}", "alias-match", 0.9, iri, "we use it", "abstract", 0, 2))
    return graph


# -- the gap heatmap ----------------------------------------------------------------------

def _pair_counts(graph: KnowledgeGraph, left: str, right: str) -> tuple[Counter, Counter, Counter]:
    """Papers per language, per technique and per (language, technique), straight from the edges."""
    links: dict[str, dict[str, set[str]]] = {}
    for paper, predicate, obj in graph.edges:
        if predicate in (left, right):
            links.setdefault(paper, {}).setdefault(predicate, set()).add(graph.nodes[obj].name)
    a, b, both = Counter(), Counter(), Counter()
    for found in links.values():
        a.update(found.get(left, ()))
        b.update(found.get(right, ()))
        both.update((x, y) for x in found.get(left, ()) for y in found.get(right, ()))
    return a, b, both


def _gaps_document(graph: KnowledgeGraph) -> dict:
    """A gaps document from real counts: frequent language x technique pairs no paper links."""
    langs, techs, both = _pair_counts(graph, "studiesLanguage", "appliesTechnique")
    items = [{"score": round(langs[lang] * techs[tech] / 100, 3), "kinds": ["language", "technique"],
              "entities": {"language": {"iri": lang, "name": lang}, "technique": {"iri": tech, "name": tech}},
              "reason": "unstudied", "support": {"language_papers": langs[lang], "technique_papers": techs[tech]}}
             for lang in langs for tech in techs if not both[(lang, tech)]]
    items.sort(key=lambda g: (-g["score"], g["entities"]["language"]["name"], g["entities"]["technique"]["name"]))
    return {"gaps": items[:12]}


def test_gap_plot_png_and_svg(seed_graph, tmp_path):
    gaps = _gaps_document(seed_graph)
    png = graphkit.viz.write_gap_plot(seed_graph, gaps, tmp_path / "gaps.png")
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert 1000 < width < 3000 and 500 < height < 2000
    svg = graphkit.viz.write_gap_plot(seed_graph, gaps, tmp_path / "gaps.svg")
    text = "".join(ET.parse(svg).getroot().itertext())
    first = gaps["gaps"][0]["entities"]
    assert "Ranked gaps" in text and f"{first['language']['name']} \u00d7 {first['technique']['name']}" in text
    with pytest.raises(GraphkitError, match=r"gaps\.pdf: cannot write a gap plot as '\.pdf'"):
        graphkit.viz.write_gap_plot(seed_graph, gaps, tmp_path / "gaps.pdf")
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(png, ARTIFACTS / "gaps.png")


def test_gap_page_counts_zeros_order_and_gaps(browser, seed_graph, tmp_path):
    gaps = _gaps_document(seed_graph)
    path = graphkit.viz.write_gap_plot(seed_graph, gaps, tmp_path / "gaps.html")
    opened = Opened(browser, path, width=1500, height=1000)
    try:
        opened.assert_clean(path)
        cells = opened.page.evaluate("""() => [...document.querySelectorAll('table[data-matrix="0"] td')]
            .map(td => [td.dataset.row, td.dataset.col, +td.dataset.count, td.textContent.trim(),
                        td.dataset.gap || null])""")
        _, _, both = _pair_counts(seed_graph, "studiesLanguage", "appliesTechnique")
        direct = [c for c in cells if both[(c[0], c[1])]]
        assert direct and all(c[2] >= both[(c[0], c[1])] for c in direct)  # broader techniques add to counts
        assert any(c[2] == 0 and c[3] == "\u00b7" for c in cells)  # zeros marked
        rows = list(dict.fromkeys(c[0] for c in cells))
        totals = [sum(c[2] for c in cells if c[0] == r) for r in rows]
        assert totals == sorted(totals, reverse=True)
        first = gaps["gaps"][0]["entities"]
        marked = {(c[0], c[1]): c[4] for c in cells if c[4]}
        if (first["language"]["name"], first["technique"]["name"]) in marked:
            assert marked[(first["language"]["name"], first["technique"]["name"])] == "1"
        assert opened.page.locator("ol.gk-gaps li").count() == len(gaps["gaps"])
        opened.page.screenshot(path=str(ARTIFACTS / "gaps-html.png"), full_page=True)
    finally:
        opened.close()


def test_notebook_helper_returns_an_iframe(seed_graph):
    shown = graphkit.viz.show(seed_graph, focus="BERT", height=500)
    from IPython.display import HTML

    assert isinstance(shown, HTML)
    assert shown.data.startswith('<div class="graphkit-view"><iframe srcdoc="&lt;!DOCTYPE html&gt;') and "height: 500px" in shown.data
    assert "<script" not in shown.data
    gaps = graphkit.viz.show_gaps(seed_graph, _gaps_document(seed_graph))
    assert "Ranked gaps" in gaps.data


def test_viz_command_errors_are_one_line(runner):
    _build(runner, SEED)
    result = runner.invoke(cli, ["viz", "--focus", "bertt", "-o", "x.html"])
    assert result.exit_code == 1 and result.stderr.strip().count("\n") == 0
    assert "unknown model 'bertt'; nearest: BERT" in result.stderr
    result = runner.invoke(cli, ["viz", "--kinds", "model,planet", "-o", "x.html"])
    assert result.exit_code == 2 and "unknown kind planet" in result.stderr
    assert not Path("x.html").exists()


def test_year_and_kind_filters_say_what_they_left_out(tmp_path):
    recent = tmp_path / "recent.jsonl"
    recent.write_text(json.dumps({"title": "Quantized BERT for Maltese", "year": 2024,
                                  "abstract": "We apply quantization to BERT for Maltese."}) + "\n")
    graph = graphkit.build([SEED, recent])
    from graphkit.viz.graph import graph_view

    view = graph_view(graph, year_from=2024)
    kinds = Counter(node["kind"] for node in view.nodes)
    assert kinds["paper"] == 1 and {"model", "language", "technique"} <= set(kinds)
    assert f"{len(view.nodes):,} of {len(graph.entities()):,} nodes" in view.caption
    assert any("from 2024 on" in note for note in view.notes)
    models = graph_view(graph, kinds=["model"])
    assert {node["kind"] for node in models.nodes} == {"model"} and models.notes == ["kinds: model"]


# -- the paper neighbourhood ----------------------------------------------------------------

GOTTBERT = "GottBERT: a pure German Language Model"
#: Issue 9 item 3: quotes, triple quotes, a backslash, a script tag, a real U+200F and an emoji.
HOSTILE = 'Quotes " and """ and \\ backslash <script>alert(1)</script> \u200f RTL \U0001F642'
LINEAGE = {"derivedFrom", "fineTunedFrom", "continuedPretrainingFrom", "distilledFrom", "quantizedFrom",
           "prunedFrom", "adaptedFrom", "successorOf"}


def _expected_neighbourhood(graph: KnowledgeGraph, iri: str) -> tuple[set[str], Counter]:
    """From the graph itself: the paper, what it links to (either way), its models' lineage parents;
    and, for every other paper, how many of the paper's linked entities it links to too."""
    view = graph.to_networkx()
    out = set(view.successors(iri))
    linked = out | set(view.predecessors(iri))
    parents = {t for m in linked if view.nodes[m]["kind"] == "model"
               for _, t, key in view.out_edges(m, keys=True) if key in LINEAGE} - linked - {iri}
    shared = Counter({q: len(set(view.successors(q)) & out) for q in view.nodes
                      if view.nodes[q]["kind"] == "paper" and q not in linked | {iri}})
    return {iri} | linked | parents, +shared


def _tip_text(opened: Opened, selector: str) -> str:
    """textContent of one line of the tooltip on screen (not inner_text: no layout rewriting)."""
    return opened.page.evaluate("(s) => document.querySelector('div.vis-tooltip ' + s).textContent", selector)


def test_paper_neighbourhood_page_has_the_graphs_nodes(browser, runner, seed_graph):
    _build(runner, SEED)
    path = _viz(runner, "-o", "gottbert.html", "--paper", GOTTBERT, "--related", "10")
    iri = next(n.iri for n in seed_graph.entities("paper") if n.name == GOTTBERT)
    core, shared = _expected_neighbourhood(seed_graph, iri)
    assert len(core) > 8 and len(shared) > 10  # models, datasets, tasks, a language; more papers than the cap
    opened = Opened(browser, path)
    try:
        opened.assert_clean(path)
        ids = set(opened.page.evaluate("() => window.graphkit.nodes.getIds()"))
        kept = ids - core
        assert core <= ids and len(kept) == 10 and kept <= set(shared)
        assert min(shared[p] for p in kept) >= max(shared[p] for p in set(shared) - kept)  # most shared first
        assert opened.node_count() == len(core) + 10
        header = opened.page.inner_text("header")
        assert f"10 of {len(shared)} papers sharing its entities" in header and "--related" in header
        assert opened.page.inner_text("h1") == f"Neighbourhood of {GOTTBERT}"
        assert opened.drawn_pixels() > 5_000
        assert opened.hover(iri).splitlines()[0] == GOTTBERT
        edges = opened.page.evaluate("""() => window.graphkit.edges.get().map(e => [e.from, e.to, e.label || null,
            [...e.title.children].map(c => [c.className, c.textContent])])""")
        mine = [e for e in edges if iri in (e[0], e[1])]
        assert len(mine) == len(set(seed_graph.to_networkx().to_undirected(as_view=True).neighbors(iri)))
        quotes = {ev.quote for (s, p, o), evs in seed_graph.edges.items() if s == iri for ev in evs.values()}
        for source, target, label, tip in mine:
            assert label and f"\u2014 {label} \u2192" in tip[0][1]  # kind drawn and in the tooltip
            quote = dict(tip).get("gk-tip-quote", "").strip("\u201c\u201d\u2026")
            assert label in ("creator", "cites") or any(" ".join(q.split()).startswith(quote) for q in quotes)
        opened.shot("neighbourhood-gottbert.png")
        opened.assert_clean(path)
    finally:
        opened.close()
    from graphkit.viz.neighbourhood import DEFAULT_RELATED, neighbourhood

    default = neighbourhood(seed_graph, GOTTBERT)
    assert default.related_total == len(shared) and len(default.related) == min(DEFAULT_RELATED, len(shared))
    assert set(default.nodes) == core | {p for p, _ in default.related}


def test_paper_is_found_by_iri_title_or_near_title_else_one_line_error(runner, seed_graph):
    from graphkit.papers import resolve_paper

    iri = next(n.iri for n in seed_graph.entities("paper") if n.name == GOTTBERT)
    for text in (iri, GOTTBERT, GOTTBERT.upper(), "gottbert a pure german language modle", "GottBERT"):
        assert resolve_paper(seed_graph, text) == iri, text
    _build(runner, SEED)
    result = runner.invoke(cli, ["viz", "--paper", "pure German BART", "-o", "x.html"])
    assert result.exit_code == 1 and result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("Error: unknown paper 'pure German BART'; nearest: ") and GOTTBERT in result.stderr
    result = runner.invoke(cli, ["viz", "--paper", GOTTBERT, "--focus", "BERT", "-o", "x.html"])
    assert result.exit_code == 2 and "--focus and --paper" in result.stderr
    assert not Path("x.html").exists()
    assert "--paper" in runner.invoke(cli, ["viz", "--help"]).output and f'--paper "{GOTTBERT}"' in \
        runner.invoke(cli, ["viz", "--help"]).output


def test_hostile_title_round_trips_exactly_through_both_pages(browser, runner, tmp_path):
    abstract = ("We fine-tune BERT for German \"quoted\" \\ text,\nline two.\n\n"
                "We apply quantization <script>alert(2)</script> to RoBERTa \u200f \U0001F642.")
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps({"title": HOSTILE, "year": 2024, "abstract": abstract}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    _build(runner, SEED, hostile)
    graph = graphkit.build([SEED, hostile])
    iri = next(n.iri for n in graph.entities("paper") if n.name == HOSTILE)
    quotes = {ev.quote for (s, p, o), evs in graph.edges.items() if s == iri for ev in evs.values() if ev.quote}
    assert any("\n" in q for q in quotes) and any("<script>" in q for q in quotes)
    whole = _viz(runner, "-o", "graph.html")
    near = _viz(runner, "-o", "near.html", "--paper", HOSTILE)
    for path in (whole, near):
        assert "<script>alert" not in path.read_text(encoding="utf-8")
        opened = Opened(browser, path)
        try:
            opened.hover(iri)
            assert _tip_text(opened, ".gk-tip-label") == HOSTILE
            if path == near:
                assert opened.page.evaluate("() => document.querySelector('h1').textContent") \
                    == f"Neighbourhood of {HOSTILE}"
                assert opened.page.evaluate("() => document.title") == f"Neighbourhood of {HOSTILE}"
                shown = opened.page.evaluate("""(id) => window.graphkit.edges.get().filter(e => e.from === id)
                    .map(e => e.title.querySelector('.gk-tip-quote')).filter(Boolean).map(q => q.textContent)""", iri)
                assert {s.strip("\u201c\u201d") for s in shown} == {" ".join(q.split()) for q in quotes}
            opened.page.wait_for_timeout(300)
            assert opened.page.evaluate("() => document.querySelectorAll('body script').length") == 2
            opened.assert_clean(path)  # no dialog, no page error, no request
            opened.shot(f"hostile-{path.stem}.png")
        finally:
            opened.close()
