"""A build stopped by SIGINT or SIGTERM says so in one line, exits 130/143 and leaves earlier outputs intact."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA

GRAPHKIT = Path(sys.executable).parent / "graphkit"


def _big_input(path: Path, papers: int = 30_000) -> Path:
    lines = (DATA / "corpora" / "acl_sample.jsonl").read_text().splitlines()
    with open(path, "w") as out:
        for index in range(papers):
            record = json.loads(lines[index % len(lines)])
            record["id"], record["doi"], record["url"] = f"big-{index}", None, None
            record["title"] = f"{record['title']} {index}"
            out.write(json.dumps(record) + "\n")
    return path


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_build_keeps_previous_output(tmp_path, signum):
    small = DATA / "corpora" / "arxiv_sample.jsonl"
    assert subprocess.run([str(GRAPHKIT), "build", str(small), "-o", "graph.ttl", "-q"], cwd=tmp_path).returncode == 0
    before = (tmp_path / "graph.ttl").read_bytes()
    snapshot = (tmp_path / ".graphkit" / "graph.nt").read_bytes()
    big = _big_input(tmp_path / "big.jsonl")
    proc = subprocess.Popen([str(GRAPHKIT), "build", str(big), "-o", "graph.ttl"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.5)
    assert proc.poll() is None, "build finished before it could be interrupted"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [f"graphkit: stopped by {signal.Signals(signum).name}; earlier outputs left unchanged"]
    assert (tmp_path / "graph.ttl").read_bytes() == before
    assert (tmp_path / ".graphkit" / "graph.nt").read_bytes() == snapshot
    leftovers = [p.name for p in tmp_path.rglob("*.tmp")]
    assert not leftovers
