"""The curated vocabularies stay consistent: their own checkers pass, and the counts the issue asks for hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graphkit.vocab import load_vocabulary

VOCAB = Path(__file__).parent.parent / "ontology" / "vocab"


def test_vocabulary_checkers_pass():
    for script in ("check_vocab.py", "check_vocab_tdt.py"):
        result = subprocess.run([sys.executable, str(VOCAB / script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


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
