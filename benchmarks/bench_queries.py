"""Lineage and gap queries on a graph of N papers (default 1M) in the embedded pyoxigraph store.

Run: ``python benchmarks/bench_queries.py [--papers N] [--rdflib-papers M]``.

How the graph is made without holding it in memory: the samples in tests/data/corpora are
built once (600 papers); their N-Triples are split into shared lines (models, languages,
authors, curated lineage: written once) and paper-level lines (a paper's own triples, its
author list, and the evidence nodes quoting it). The paper-level lines are streamed to a
file again and again with every paper and evidence IRI given a distinct copy suffix (string
replacement), until N papers are written; the file is bulk-loaded into an on-disk Store.

Timed: the store-backed lineage document (``graphkit.store_lineage``, what ``graphkit
lineage`` runs) with the default 3 quoted papers per hop and with every quote, and its hop
queries alone (property paths over gk:derivedFrom; target < 50 ms); ``graphkit gaps`` from
the store (``graphkit.store_gaps``: all four kind pairs, top 20, with the text check; target
< 5 s) and ``queries/gaps.rq``; and the same hop queries on rdflib against pyoxigraph over a
smaller replicate (rdflib cannot hold 1M papers), as a ratio at equal triple count. The
rdflib part runs in a child process so each peak RSS is its own. Temporary files are
removed at the end.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.namespace import GK, ID  # noqa: E402

MODELS = ("BERT", "wav2vec2", "Qwen2.5", "LLaMA")  # all present in the corpora samples
MARK = "\x00"  # where a copy suffix goes, after each replicated IRI
_PAPER_IRI = re.compile(r"(<" + re.escape(f"{ID}paper/") + r"[^>/]*)")
_EVIDENCE_IRI = re.compile(r"(<" + re.escape(f"{ID}evidence/") + r"[^>]*)")
_GK_PAPER = f"<{GK}paper>"


class Template:
    """The seed corpus as N-Triples: shared lines once, and one block of marked lines per paper."""

    def __init__(self, ntriples: str) -> None:
        lines = [line for line in ntriples.splitlines() if line.strip()]
        quoting: dict[str, str] = {}  # evidence IRI -> the paper it quotes
        for line in lines:
            subject, predicate, rest = line.split(" ", 2)
            if predicate == _GK_PAPER:
                quoting[subject] = rest.rsplit(" ", 1)[0]
        blocks: dict[str, list[str]] = {}
        shared: list[str] = []
        for line in lines:
            subject = line.split(" ", 1)[0]
            paper = quoting.get(subject) or _owner(subject)
            if paper is None:
                shared.append(line)
                continue
            marked = _PAPER_IRI.sub(r"\1" + MARK, line)
            if subject in quoting:
                marked = _EVIDENCE_IRI.sub(r"\1" + MARK, marked)
            blocks.setdefault(paper, []).append(marked)
        self.shared = "\n".join(shared) + "\n"
        self.blocks = ["\n".join(block) + "\n" for block in blocks.values()]
        self.copy = "".join(self.blocks)

    @property
    def papers(self) -> int:
        return len(self.blocks)

    def write(self, papers: int, path: Path) -> int:
        """Stream ``papers`` papers' worth of triples to ``path``; returns the number of lines."""
        lines = 0
        with open(path, "w", encoding="utf-8") as out:
            out.write(self.shared)
            lines += self.shared.count("\n")
            for number, chunk in enumerate(self._chunks(papers)):
                text = chunk.replace(MARK, f"-r{number}")
                out.write(text)
                lines += text.count("\n")
        return lines

    def _chunks(self, papers: int) -> Iterator[str]:
        whole, rest = divmod(papers, self.papers)
        yield from (self.copy for _ in range(whole))
        if rest:
            yield "".join(self.blocks[:rest])


def _owner(subject: str) -> str | None:
    """The paper a subject belongs to: the paper itself or its author list (``<paper>/authors``)."""
    match = _PAPER_IRI.match(subject)
    return match.group(1) + ">" if match else None


def seed_ntriples() -> str:
    import graphkit
    from graphkit.exporters.rdf import dump_ntriples

    sources = sorted((ROOT / "tests" / "data" / "corpora").glob("*.jsonl"))
    return dump_ntriples(graphkit.build(sources))


def timed(func: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    """Median wall time in ms over ``repeat`` runs (after one warm-up), and the last result."""
    result = func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def hop_queries(root: str) -> list[str]:
    """The lineage SPARQL of ``graphkit.store_lineage``: hops above and below one model."""
    from graphkit import store_lineage as sl

    params = {"root": root, "path": sl._PATH, "values": sl._LINEAGE_VALUES, "each": sl._EACH}
    return [sl.ANCESTOR_HOPS % params, sl.DESCENDANT_HOPS % params]


def count_rows(run: Callable[[str], Any], queries: list[str]) -> int:
    return sum(sum(1 for _ in run(query)) for query in queries)


def bench_store(nt: Path, directory: Path) -> list[tuple[str, str, str]]:
    """Bulk-load, then time lineage and gaps on the on-disk store."""
    import pyoxigraph
    from graphkit.queries import load

    from graphkit.store_gaps import gaps
    from graphkit.store_lineage import lineage, resolve_model

    rows = []
    start = time.perf_counter()
    store = pyoxigraph.Store(str(directory))
    store.bulk_load(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    rows.append(("bulk_load into on-disk Store", f"{time.perf_counter() - start:.1f} s", ""))
    for model in MODELS:
        for quotes, label in ((3, "document, 3 papers quoted per hop"), (None, "document, every quote")):
            ms, doc = timed(lambda m=model, q=quotes: lineage(store, m, quotes=q))  # type: ignore[misc]
            items = [item for key in ("ancestors", "descendants") for item in doc[key]]
            listed = sum(len(item["evidence"]) for item in items)
            papers = sum(item["evidence_count"] for item in items)
            rows.append((f"lineage {model}: {label}", f"{ms:.1f} ms",
                         f"{len(items)} relatives, {listed} quotes listed, {papers} evidencing papers"))
        queries = hop_queries(resolve_model(store, model))
        ms, hops = timed(lambda q=queries: count_rows(store.query, q))  # type: ignore[misc]
        rows.append((f"lineage {model}: hop SPARQL", f"{ms:.1f} ms", f"{hops} hop rows"))
    for by in (None, "language-technique"):
        ms, doc = timed(lambda b=by: gaps(store, by=b, top=20), repeat=1)  # type: ignore[misc]
        flagged = sum(item["reason"] == "not-extracted" for item in doc["gaps"])
        rows.append((f"graphkit gaps from the store, {by or 'all four kind pairs'}, top 20", f"{ms / 1000:.2f} s",
                     f"{len(doc['gaps'])} gaps, {flagged} not-extracted"))
    ms, found = timed(lambda: list(store.query(load("gaps"))), repeat=1)
    rows.append(("gaps.rq (language x technique, no scores or text check)", f"{ms / 1000:.2f} s", f"{len(found)} gaps"))
    store.flush()  # the store closes when this function returns, before its directory is removed
    return rows


def compare_engines(nt: Path) -> dict[str, Any]:
    """Child process: the hop SPARQL on rdflib and on an in-memory pyoxigraph Store, same file."""
    import pyoxigraph
    import rdflib

    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(str(nt), format="nt")
    parse_s = time.perf_counter() - start
    store = pyoxigraph.Store()
    store.bulk_load(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES)
    from graphkit.store_lineage import resolve_model

    result: dict[str, Any] = {"triples": len(graph), "rdflib_parse_s": parse_s, "models": {}}
    for model in MODELS:
        queries = hop_queries(resolve_model(store, model))
        oxi_ms, oxi_rows = timed(lambda q=queries: count_rows(store.query, q), repeat=3)  # type: ignore[misc]
        rdf_ms, rdf_rows = timed(lambda q=queries: count_rows(graph.query, q), repeat=1)  # type: ignore[misc]
        result["models"][model] = {"oxigraph_ms": oxi_ms, "rdflib_ms": rdf_ms, "same_rows": oxi_rows == rdf_rows}
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def table(rows: list[tuple[str, str, str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(f"{a:<{widths[0]}}  {b:>{widths[1]}}  {c}".rstrip() for a, b, c in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1_000_000, help="Papers in the store (default 1,000,000).")
    parser.add_argument("--rdflib-papers", type=int, default=20_000,
                        help="Papers in the rdflib comparison (default 20,000, at most --papers).")
    parser.add_argument("--compare", type=Path, help=argparse.SUPPRESS)  # child process: rdflib part
    args = parser.parse_args()
    if args.compare:
        print(json.dumps(compare_engines(args.compare)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="graphkit-bench-queries-"))
    try:
        start = time.perf_counter()
        template = Template(seed_ntriples())
        big = tmp / "big.nt"
        triples = template.write(args.papers, big)
        rows = [(f"write {args.papers:,} papers ({triples:,} triples, {big.stat().st_size / 2**30:.2f} GiB)",
                 f"{time.perf_counter() - start:.1f} s", f"from {template.papers} seed papers")]
        rows += bench_store(big, tmp / "store")
        big.unlink()
        store_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        small = tmp / "small.nt"
        small_papers = min(args.rdflib_papers, args.papers)
        template.write(small_papers, small)
        child = subprocess.run([sys.executable, __file__, "--compare", str(small)],
                               capture_output=True, text=True, check=True)
        compared = json.loads(child.stdout)
        rows.append((f"rdflib parse {small_papers:,} papers ({compared['triples']:,} triples)",
                     f"{compared['rdflib_parse_s']:.1f} s", ""))
        for model, m in compared["models"].items():
            ratio = m["rdflib_ms"] / max(m["oxigraph_ms"], 1e-3)
            rows.append((f"hop SPARQL {model}: rdflib / oxigraph", f"{ratio:,.0f}x",
                         f"{m['rdflib_ms']:.1f} ms vs {m['oxigraph_ms']:.2f} ms"
                         + ("" if m["same_rows"] else " (ROW COUNTS DIFFER)")))
        rows.append(("peak RSS: store phase / rdflib child", f"{store_rss:,.0f} MiB",
                     f"{compared['peak_rss_mib']:,.0f} MiB"))
        print(table(rows))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
