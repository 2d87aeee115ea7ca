"""Engines and incremental builds: the same bytes whatever runs extraction; unchanged input does nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import DATA, SEED

from graphkit.extract import Extraction
from graphkit.incremental import ExtractionCache

GRAPHKIT = Path(sys.executable).parent / "graphkit"
CORPUS = DATA / "corpora" / "arxiv_sample.jsonl"


def _build(cwd: Path, *args: str) -> str:
    result = subprocess.run([str(GRAPHKIT), "build", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_local_workers_and_dask_give_identical_output(tmp_path):
    for name, extra in (("single", []), ("workers", ["-j", "2"]), ("dask", ["--engine", "dask"])):
        (tmp_path / name).mkdir()
        _build(tmp_path / name, str(SEED), str(CORPUS), "-o", "g.ttl", "--no-cache", *extra)
    single = (tmp_path / "single" / "g.ttl").read_bytes()
    assert len(single) > 100_000
    assert (tmp_path / "workers" / "g.ttl").read_bytes() == single
    assert (tmp_path / "dask" / "g.ttl").read_bytes() == single


def test_incremental_rebuild(tmp_path):
    out = _build(tmp_path, str(SEED), "-o", "g.ttl")
    assert "built 39 papers" in out
    first = (tmp_path / "g.ttl").stat().st_mtime_ns
    out = _build(tmp_path, str(SEED), "-o", "g.ttl")
    assert out.startswith("nothing new: 39 records unchanged")
    assert (tmp_path / "g.ttl").stat().st_mtime_ns == first
    out = _build(tmp_path, str(SEED), str(CORPUS), "-o", "g.ttl")
    assert "reused 39 extractions, extracted 300 new records" in out
    (tmp_path / "fresh").mkdir()
    _build(tmp_path / "fresh", str(SEED), str(CORPUS), "-o", "g.ttl", "--no-cache")
    assert (tmp_path / "g.ttl").read_bytes() == (tmp_path / "fresh" / "g.ttl").read_bytes()
    # An output that does not hold the current result is written even with nothing new.
    (tmp_path / "g.ttl").write_text("stale")
    out = _build(tmp_path, str(SEED), str(CORPUS), "-o", "g.ttl")
    assert "wrote g.ttl" in out and (tmp_path / "g.ttl").read_bytes() == (tmp_path / "fresh" / "g.ttl").read_bytes()


def test_changed_vocabulary_discards_cached_extractions(tmp_path):
    cache = ExtractionCache.open(tmp_path, "vocab-a")
    cache.put("k", Extraction())
    cache.save()
    assert ExtractionCache.open(tmp_path, "vocab-a").entries.keys() == {"k"}
    assert not ExtractionCache.open(tmp_path, "vocab-b").entries


def test_streaming_build_on_dask_is_byte_identical_and_reuses_extractions(tmp_path):
    """``--stream --engine dask``: a LocalCluster renders the papers; same bytes as the local streaming
    build (merges and citations from the API payloads included), and a rebuild with one paper more
    extracts that one only, the cache being read here and sent along with each chunk."""
    payloads = sorted(p for p in (DATA / "payloads").rglob("*.json") if p.name != "requests.json")
    inputs = [str(p) for p in (*payloads, SEED, CORPUS)]
    for name, extra in (("local", ["-j", "2"]), ("dask", ["--engine", "dask"])):
        (tmp_path / name).mkdir()
        _build(tmp_path / name, *inputs, "-o", "g.ttl", "--stream", "--no-store", *extra)
    local = (tmp_path / "local" / "g.ttl").read_bytes()
    assert len(local) > 100_000 and b"gk:cites" in local
    assert (tmp_path / "dask" / "g.ttl").read_bytes() == local
    one_more = tmp_path / "one_more.jsonl"
    one_more.write_text('{"title": "GottBERT-legal", "abstract": "We fine-tune GottBERT on German court rulings."}\n')
    out = _build(tmp_path / "dask", *inputs, str(one_more), "-o", "g.ttl", "--stream", "--no-store",
                 "--engine", "dask")
    assert "extracted 1 new records" in out
