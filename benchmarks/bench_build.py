"""Build throughput: papers/s and peak RSS of `build` to Turtle, beside the JSON-parse floor.

Run: ``python benchmarks/bench_build.py`` (20k, 200k and 1M papers; ``--papers 20000`` for one
size; ``--repeat 3`` reports the fastest of three runs of each stage, for a shared machine). The corpus is the real corpora in ``../shared/data/corpora`` when present (else the
samples in tests/data/corpora), replicated with distinct ids and titles up to N papers. Each
stage runs in its own process so its peak RSS is its own; ratios are measured in one run.
The in-memory build keeps every paper (~20 KiB each), so it is skipped above ``--memory-limit``
papers; the streaming build holds only entities.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared" / "data" / "corpora"


def make_corpus(sources: list[Path], papers: int, target: Path) -> None:
    """``papers`` records drawn in a fixed shuffled order (every size mixes all sources), copies renamed."""
    lines = [line for src in sources for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(0).shuffle(lines)
    with open(target, "w", encoding="utf-8") as out:
        for index in range(papers):
            record = json.loads(lines[index % len(lines)])
            record["id"] = f"bench-{index}"
            for key in ("arxiv_id", "doi", "url"):  # ids (also read from URLs) would merge the copies
                record.pop(key, None)
            record["title"] = f"{record['title']} [{index // len(lines)}]"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


# Each stage prints "seconds [write_seconds]"; the harness adds peak RSS.
STAGES = {
    "JSON-parse floor": "import orjson,sys\nfor line in open(sys.argv[1],'rb'): orjson.loads(line)\nprint(time.perf_counter()-t)",
    "build -> Turtle": "import graphkit,sys\ng=graphkit.build([sys.argv[1]])\nw=time.perf_counter()\n"
                       "g.write(sys.argv[2])\nprint(time.perf_counter()-t, time.perf_counter()-w)",
    "build -j 2 -> Turtle": "from graphkit.pipeline import build\nimport sys\n"
                            "build([sys.argv[1]], workers=2).write(sys.argv[2])\nprint(time.perf_counter()-t)",
    "stream -> Turtle": "from graphkit.stream import stream_build\nimport sys,pathlib\n"
                        "stream_build([sys.argv[1]],[pathlib.Path(sys.argv[2])])\nprint(time.perf_counter()-t)",
    "stream -j 2 -> Turtle": "from graphkit.stream import stream_build\nimport sys,pathlib\n"
                             "stream_build([sys.argv[1]],[pathlib.Path(sys.argv[2])],workers=2)\n"
                             "print(time.perf_counter()-t)",
    # What a user runs: the CLI also saves the snapshot, the extraction cache and fills the store.
    "CLI build (+ state, store)": "from graphkit.cli import cli\nimport sys\n"
                                  "cli.main(['build',sys.argv[1],'-o',sys.argv[2],'-q','--state',sys.argv[2]+'.state1'],"
                                  "standalone_mode=False)\nprint(time.perf_counter()-t)",
    "CLI build --stream -j 2 (+ state, store)": "from graphkit.cli import cli\nimport sys\n"
                                  "cli.main(['build',sys.argv[1],'--stream','-j','2','-o',sys.argv[2],'-q','--state',"
                                  "sys.argv[2]+'.state2'],standalone_mode=False)\nprint(time.perf_counter()-t)",
    "load store (Turtle)": "from graphkit.store import fill\nimport sys,tempfile,pathlib\n"
                           "d=pathlib.Path(tempfile.mkdtemp())/'store'\nfill(sys.argv[2],d)\nprint(time.perf_counter()-t)",
}
IN_MEMORY = ("build -> Turtle", "build -j 2 -> Turtle", "CLI build (+ state, store)")


def run_stage(code: str, corpus: Path, out: Path) -> tuple[list[float], float]:
    script = "import resource,time,sys\nt=time.perf_counter()\n" + code + \
        "\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    result = subprocess.run([sys.executable, "-c", script, str(corpus), str(out)], capture_output=True, text=True,
                            check=True)
    *timing, rss_kib = result.stdout.split("\n")[-3:-1]
    return [float(x) for x in " ".join(timing).split()], int(rss_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="*", type=Path, help="JSON Lines corpora to replicate")
    parser.add_argument("--papers", type=int, nargs="+", default=[20_000, 200_000, 1_000_000])
    parser.add_argument("--memory-limit", type=int, default=200_000,
                        help="largest corpus the in-memory build is run on (default: %(default)s papers)")
    parser.add_argument("--stages", nargs="+", choices=list(STAGES), default=list(STAGES), metavar="STAGE",
                        help="stages to run (default: all): " + "; ".join(STAGES))
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each stage N times and report the fastest run, as timeit does on a "
                             "shared machine (default: %(default)s)")
    args = parser.parse_args()
    default = sorted(SHARED.glob("*.jsonl")) or sorted((ROOT / "tests" / "data" / "corpora").glob("*.jsonl"))
    sources = args.corpus or default
    print(f"corpus: {len(sources)} files from {sources[0].parent}; cpu: {os.cpu_count()} cores")
    print("| papers | stage | seconds | papers/s | peak RSS MiB | x JSON-parse floor |")
    print("|---|---|---|---|---|---|")
    for papers in args.papers:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            # In a child process: the harness stays small, so the stages' peak RSS is their own
            # (a forked child starts with its parent's peak).
            maker = ("import sys; sys.path.insert(0, sys.argv[1]); from bench_build import make_corpus; "
                     "from pathlib import Path; "
                     "make_corpus([Path(p) for p in sys.argv[4:]], int(sys.argv[2]), Path(sys.argv[3]))")
            subprocess.run([sys.executable, "-c", maker, str(Path(__file__).parent), str(papers), str(corpus),
                            *map(str, sources)], check=True)
            floor = None
            for name, code in STAGES.items():
                if name not in args.stages and name != "JSON-parse floor":
                    continue
                if name in IN_MEMORY and papers > args.memory_limit:
                    print(f"| {papers:,} | {name} | skipped (in-memory build above --memory-limit) | | | |")
                    continue
                runs = []
                for _ in range(args.repeat):
                    for state in Path(tmp).glob("graph.ttl.state*"):  # a CLI rerun would say "nothing new"
                        shutil.rmtree(state)
                    runs.append(run_stage(code, corpus, Path(tmp) / "graph.ttl"))
                timing, rss = min(runs, key=lambda run: run[0][0])
                seconds = timing[0]
                floor = floor or seconds
                note = f" (writing Turtle: {timing[1]:.2f} s)" if len(timing) > 1 else ""
                rate = "" if name.startswith("load") else f"{papers / seconds:,.0f}"
                print(f"| {papers:,} | {name}{note} | {seconds:.2f} | {rate} | {rss:,.0f} | {seconds / floor:.1f} |",
                      flush=True)


if __name__ == "__main__":
    main()
