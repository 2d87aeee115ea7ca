"""A build stopped by SIGINT or SIGTERM says so in one line, exits 130/143 and leaves earlier outputs intact."""

from __future__ import annotations

import json
import os
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
    snapshot = (tmp_path / ".graphkit" / "graph.ttl").read_bytes()
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
    assert (tmp_path / ".graphkit" / "graph.ttl").read_bytes() == snapshot
    leftovers = [p.name for p in tmp_path.rglob("*.tmp")]
    assert not leftovers


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_streaming_build_leaves_no_spool_or_worker(tmp_path, signum):
    """The streaming build with worker processes: one line, the exit status, no spool, no temp file."""
    spools = tmp_path / "tmp"
    spools.mkdir()
    big = _big_input(tmp_path / "big.jsonl", papers=60_000)
    proc = subprocess.Popen([str(GRAPHKIT), "build", str(big), "--stream", "-j", "2", "-o", "graph.ttl"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(spools)})
    time.sleep(4)
    assert proc.poll() is None, "build finished before it could be interrupted"
    assert list(spools.iterdir()), "the first pass writes its spool here"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    assert [line for line in err.splitlines() if line.strip()] == [
        f"graphkit: stopped by {signal.Signals(signum).name}; earlier outputs left unchanged"]
    assert not (tmp_path / "graph.ttl").exists()
    assert not list(spools.iterdir())
    assert not [p.name for p in tmp_path.rglob("*.tmp")]
    time.sleep(0.5)
    assert not _processes_naming(str(big)), "a worker outlived the build"


def _processes_naming(text: str) -> list[str]:
    """PIDs of live processes whose command line contains ``text`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            status = (entry / "status").read_text()
        except OSError:
            continue
        if text in cmdline and "State:\tZ" not in status:
            found.append(entry.name)
    return found
