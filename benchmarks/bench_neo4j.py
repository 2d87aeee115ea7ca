"""Bolt export throughput: relationships/s of ``export neo4j`` over several batch sizes.

Run: ``python benchmarks/bench_neo4j.py [--papers N] [--batch-sizes 500,1000,5000] [--uri bolt://...]``.
The corpus is tests/data/corpora replicated with distinct ids up to N papers (as in
bench_build.py). Without --uri it starts the test server (ArcadeDB embedded with its Bolt
plugin, ``pip install arcadedb-embedded``) on free ports, and each batch size writes into a
fresh database; with --uri (and --user/--password/--database) it measures a real Neo4j, which
should be empty: every run after the first then measures the idempotent re-export instead.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent


def make_corpus(sources: list[Path], papers: int, target: Path) -> None:
    """Replicate the sample records up to ``papers`` distinct papers: new id and title, and no
    DOI, arXiv id or URL (the ACL/arXiv ids read from a URL would merge the copies)."""
    lines = [line for src in sources for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(target, "w", encoding="utf-8") as out:
        for index in range(papers):
            record = json.loads(lines[index % len(lines)])
            for key in ("arxiv_id", "doi", "url"):
                record.pop(key, None)
            record["id"] = f"bench-{index}"
            record["title"] = f"{record['title']} [{index // len(lines)}]"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=50_000)
    parser.add_argument("--batch-sizes", default="500,1000,2000,5000")
    parser.add_argument("--uri")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default="")
    parser.add_argument("--database")
    args = parser.parse_args()
    sizes = [int(s) for s in args.batch_sizes.split(",")]

    import neo4j

    import graphkit
    from graphkit.neo4j.bolt import Neo4jWriter
    from graphkit.neo4j.mapping import to_property_graph

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(sorted((ROOT / "tests" / "data" / "corpora").glob("*.jsonl")), args.papers, corpus)
        began = time.perf_counter()
        graph = graphkit.build([corpus])
        pg = to_property_graph(graph)
        print(f"build of {args.papers} records ({graph.summary()['papers']} papers): "
              f"{time.perf_counter() - began:.1f} s; "
              f"{pg.node_count()} nodes, {pg.relationship_count()} relationships")

        server = None
        if args.uri:
            uri, auth = args.uri, (args.user, args.password)
            databases = [args.database] * len(sizes)
        else:
            import arcadedb_embedded as arc

            bolt_port = free_port()
            cwd = os.getcwd()
            os.chdir(tmp)  # the JVM writes ./log/ relative to its start directory
            try:
                arc.jvm.start_jvm(heap_size="2g")
                server = arc.create_server(root_path=str(Path(tmp) / "arcadedb"), root_password="graphkitpass1",
                                           config={"http_port": free_port(), "bolt_port": bolt_port,
                                                   "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"})
                server.start()
            finally:
                os.chdir(cwd)
            uri, auth = f"bolt://127.0.0.1:{bolt_port}", ("root", "graphkitpass1")
            databases = [f"bench{size}" for size in sizes]
            for name in databases:
                server.create_database(name)
        results = []
        try:
            with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
                for size, database in zip(sizes, databases):
                    summary = Neo4jWriter(driver, database, batch_size=size, progress=False).write(pg)
                    rate = summary.relationships_sent / summary.relationship_seconds
                    results.append((rate, size))
                    print(f"batch {size:>6}: {summary.seconds:7.1f} s total, relationships "
                          f"{summary.relationships_sent} in {summary.relationship_seconds:.1f} s = {rate:,.0f}/s "
                          f"(nodes {summary.nodes_sent} in {summary.seconds - summary.relationship_seconds:.1f} s)")
        finally:
            if server is not None:
                server.stop()
                arc.jvm.shutdown_jvm()  # left to interpreter exit, the JVM's shutdown crashes the process
        best_rate, best_size = max(results)
        print(f"best: {best_rate:,.0f} relationships/s at batch size {best_size} "
              f"({'Neo4j at ' + uri if args.uri else 'ArcadeDB embedded Bolt server'})")


if __name__ == "__main__":
    main()
