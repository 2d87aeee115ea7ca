"""Build throughput: papers/s and peak RSS of `build` to Turtle, beside the JSON-parse floor.

Run: ``python benchmarks/bench_build.py [--papers N] [CORPUS.jsonl ...]``. Default corpus:
the samples in tests/data/corpora, replicated with distinct ids up to N papers. Each stage
runs in its own process so its peak RSS is its own; ratios are measured in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def make_corpus(sources: list[Path], papers: int, target: Path) -> None:
    lines = [line for src in sources for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(target, "w", encoding="utf-8") as out:
        for index in range(papers):
            record = json.loads(lines[index % len(lines)])
            record["id"] = f"bench-{index}"
            for key in ("arxiv_id", "doi", "url"):  # ids (also read from URLs) would merge the copies
                record.pop(key, None)
            record["title"] = f"{record['title']} [{index // len(lines)}]"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


STAGES = {
    "json-parse floor": "import orjson,sys\nfor line in open(sys.argv[1],'rb'): orjson.loads(line)",
    "build -> Turtle": "import graphkit,sys\ngraphkit.build([sys.argv[1]]).write(sys.argv[2])",
    "build -j 2 -> Turtle": "from graphkit.pipeline import build\nimport sys\n"
                            "build([sys.argv[1]], workers=2).write(sys.argv[2])",
}


def run_stage(code: str, corpus: Path, out: Path) -> tuple[float, float]:
    script = (
        "import resource,time,sys\nt=time.perf_counter()\n" + code +
        "\nprint(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    result = subprocess.run([sys.executable, "-c", script, str(corpus), str(out)], capture_output=True, text=True,
                            check=True)
    seconds, rss_kib = result.stdout.split()[-2:]
    return float(seconds), int(rss_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--papers", type=int, default=20_000)
    args = parser.parse_args()
    sources = args.corpus or sorted((ROOT / "tests" / "data" / "corpora").glob("*.jsonl"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(sources, args.papers, corpus)
        print(f"{args.papers} papers from {', '.join(s.name for s in sources)}; cpu: {os.cpu_count()} cores")
        print(f"{'stage':20} {'seconds':>8} {'papers/s':>10} {'peak RSS MiB':>13} {'x floor':>8}")
        floor = None
        for name, code in STAGES.items():
            seconds, rss = run_stage(code, corpus, Path(tmp) / "graph.ttl")
            floor = floor or seconds
            print(f"{name:20} {seconds:8.2f} {args.papers / seconds:10.0f} {rss:13.0f} {seconds / floor:8.1f}")


if __name__ == "__main__":
    main()
