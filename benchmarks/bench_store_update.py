"""Adding papers to a large graph: the store updated in place against a fresh bulk load.

Run: ``python benchmarks/bench_store_update.py`` (200k papers, then 1,000 more; ``--papers N
--add K`` for other sizes). The corpus is made as in ``bench_build.py``. Each build is what
``build --stream -j 2`` runs (the streaming build with its extraction cache, then the store's
``sync``), timed step by step: the second build reuses the first one's extractions and ``sync``
applies the snapshot's difference to the store. The same snapshot is then bulk-loaded into a
new store for comparison, and both stores must hold the same number of triples.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph

sys.path.insert(0, str(Path(__file__).parent))
from bench_build import SHARED, make_corpus  # noqa: E402

from graphkit.store import fill, sync  # noqa: E402
from graphkit.stream import stream_build  # noqa: E402


def _build(corpus: Path, state: Path) -> tuple[float, float, str]:
    """Seconds to build, seconds to sync the store, and what sync did."""
    started = time.perf_counter()
    stream_build([corpus], [state / "graph.ttl"], workers=2, cache=state / "extractions.sqlite",
                 on_issue=lambda issue: None)
    built = time.perf_counter()
    done = sync(state / "graph.ttl", state / "store")
    return built - started, time.perf_counter() - built, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=200_000)
    parser.add_argument("--add", type=int, default=1_000)
    args = parser.parse_args()
    sources = sorted(SHARED.glob("*.jsonl")) or sorted((Path(__file__).parent.parent / "tests/data/corpora").glob("*.jsonl"))
    work = Path(tempfile.mkdtemp(prefix="graphkit-bench-"))
    try:
        full = work / "full.jsonl"
        make_corpus(sources, args.papers + args.add, full)
        corpus = work / "papers.jsonl"
        lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
        corpus.write_text("".join(lines[:args.papers]), encoding="utf-8")
        state = work / "state"
        state.mkdir()
        first = _build(corpus, state)
        corpus.write_text("".join(lines), encoding="utf-8")
        second = _build(corpus, state)
        started = time.perf_counter()
        fill(state / "graph.ttl", work / "fresh")
        bulk = time.perf_counter() - started
        patched = len(pyoxigraph.Store.read_only(str(state / "store")))
        fresh = len(pyoxigraph.Store.read_only(str(work / "fresh")))
        print(f"| papers | step | seconds |\n|---|---|---|\n"
              f"| {args.papers:,} | first build (all extracted) | {first[0]:.1f} |\n"
              f"| | store: {first[2]} | {first[1]:.1f} |\n"
              f"| {args.papers + args.add:,} | build with {args.add:,} papers more (the rest reused) | {second[0]:.1f} |\n"
              f"| | store: {second[2]} | {second[1]:.1f} |\n"
              f"| | for comparison, a bulk load of that snapshot into a new store | {bulk:.1f} |\n\n"
              f"triples: updated store {patched:,}, fresh store {fresh:,}; "
              f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")
        if patched != fresh:
            sys.exit("the updated store differs from a fresh load")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
