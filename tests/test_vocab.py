"""The curated vocabularies stay consistent: their own checker passes, and the counts the issue asks for hold."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

from graphkit.vocab import load_vocabulary

VOCAB = Path(__file__).parent.parent / "ontology" / "vocab"
CHECKER = VOCAB / "check_vocab.py"


def _check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), *args], capture_output=True, text=True, check=False)


def _edit_csv(path: Path, edit) -> str:  # type: ignore[no-untyped-def]
    """Rewrite a vocabulary CSV through ``edit(rows)``; returns what ``edit`` returns."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        fields = reader.fieldnames or []
    result = edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return result


def test_vocabulary_checker_passes():
    result = _check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_vocabulary_checker_lists_every_problem(tmp_path):
    """One problem in each file family: the checker fails and names every one of them, and nothing else."""
    vocab = tmp_path / "vocab"
    shutil.copytree(VOCAB, vocab)
    assert _check(str(vocab)).returncode == 0

    def duplicate_model(rows):
        rows.insert(0, {**rows[0], "hf_repo": ""})
        return rows[0]["name"]

    def unknown_base_model(rows):
        rows[0]["base_model"] = "No Such Model"

    def unknown_broader(rows):
        rows[0]["broader"] = "no such technique"
        return rows[0]["name"]

    def unknown_task(rows):
        rows[0]["tasks"] = "no such task"
        return rows[0]["name"]

    def broader_cycle(rows):
        child = next(row for row in rows if row["broader"] and "|" not in row["broader"])
        next(row for row in rows if row["name"] == child["broader"])["broader"] = child["name"]

    model = _edit_csv(vocab / "models.csv", duplicate_model)
    _edit_csv(vocab / "lineage.csv", unknown_base_model)
    technique = _edit_csv(vocab / "techniques.csv", unknown_broader)
    dataset = _edit_csv(vocab / "datasets.csv", unknown_task)
    _edit_csv(vocab / "tasks.csv", broader_cycle)
    (jsonl,) = (vocab / "lineage").glob("*.jsonl")
    with jsonl.open("a", encoding="utf-8") as handle:
        handle.write('{"model": "a/b", "base_model": "c/d"\n')
    bad_line = jsonl.read_text(encoding="utf-8").count("\n")

    result = _check(str(vocab))
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert f"error: models.csv:3: duplicate name {model!r}" in out
    assert "error: lineage.csv:2: base_model 'No Such Model' is not a name in models.csv" in out
    assert f"error: lineage/{jsonl.name}:{bad_line}: bad JSON" in out
    assert f"error: techniques.csv:2: broader 'no such technique' of {technique!r} is not a name in techniques.csv" in out
    assert f"error: datasets.csv:2: task 'no such task' of {dataset!r} is not a name in tasks.csv" in out
    assert "error: tasks.csv: broader cycle " in out
    assert sum(line.startswith("error: ") for line in out.splitlines()) == 6, out
    assert out.splitlines()[-1].startswith("FAIL: ")


def test_vocabulary_sizes_and_lineage_sources():
    vocab = load_vocabulary()
    counts = {kind: len(vocab.of_kind(kind)) for kind in ("model", "technique", "dataset", "task", "language")}
    assert counts["model"] >= 300 and counts["technique"] >= 100 and counts["dataset"] >= 200
    assert counts["task"] >= 60 and counts["language"] >= 7000
    edges = [edge for edges in vocab.lineage.values() for edge in edges]
    assert len(edges) >= 400 and all(edge.source for edge in edges)
    assert any("embeddings-benchmark/mteb" in edge.source for edge in edges)
    quant = vocab.resolve("quantization-aware training", "technique")
    assert quant and vocab.resolve("quantization", "technique").iri in vocab.broader[quant.iri]
    assert vocab.resolve("Wav2Vec2", "model").name == "wav2vec 2.0"


def test_built_vocabulary_is_cached_and_a_bad_copy_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = load_vocabulary.__wrapped__()
    (copy,) = (tmp_path / "graphkit").glob("vocabulary-*.pickle")
    cached = load_vocabulary.__wrapped__()  # read back from the copy
    assert cached.terms == fresh.terms and cached.lineage == fresh.lineage
    assert cached.language_names == fresh.language_names and cached.fingerprint == fresh.fingerprint
    assert cached.resolve("wav2vec2", "model").name == "wav2vec 2.0"
    copy.write_bytes(copy.read_bytes()[:1000])  # truncated: rebuilt and written again
    assert load_vocabulary.__wrapped__().terms == fresh.terms
    assert copy.stat().st_size > 100_000
