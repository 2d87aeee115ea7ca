"""Score extraction against the hand-annotated gold sets: precision/recall/F1 per field.

Run: ``python tests/evaluate_gold.py [tests/data/gold/dev.jsonl ...]`` (default: every set).
Gold names are resolved through the vocabulary, so `wav2vec2` in gold equals `wav2vec 2.0`
in the graph; names no vocabulary knows are compared by their IRI slug.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from graphkit.extract import Extractor
from graphkit.graph import KnowledgeGraph
from graphkit.ids import entity_iri, language_iri
from graphkit.models import PaperRecord

GOLD_DIR = Path(__file__).parent / "data" / "gold"
FIELDS = {
    "models_used": ("usesModel", "model"),
    "models_introduced": ("introducesModel", "model"),
    "languages": ("studiesLanguage", "language"),
    "datasets_used": ("usesDataset", "dataset"),
    "datasets_introduced": ("introducesDataset", "dataset"),
    "techniques": ("appliesTechnique", "technique"),
    "tasks": ("addressesTask", "task"),
}


def _iri(extractor: Extractor, kind: str, name: str) -> str:
    if kind == "language":
        return language_iri(name)
    term = extractor.vocab.resolve(name, kind)
    return term.iri if term else entity_iri(kind, name)


def score(paths: list[Path], extractor: Extractor | None = None) -> dict[str, dict[str, float]]:
    """Micro-averaged counts and P/R/F1 per field over every paper in ``paths``."""
    extractor = extractor or Extractor()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            gold = json.loads(line)
            record = PaperRecord(title=gold["title"], abstract=gold.get("abstract", ""), source=str(path))
            graph = KnowledgeGraph()
            paper = graph.add_paper(record, extractor.extract(record, "urn:paper"), extractor.vocab)
            edges = {(s if s != "urn:paper" else paper, p, o) for (s, p, o) in graph.edges}
            for field, (prop, kind) in FIELDS.items():
                predicted = {o for (s, p, o) in edges if p == prop}
                expected = {_iri(extractor, kind, name) for name in gold.get(field, [])}
                _add(counts[field], predicted, expected)
            predicted_lineage = {
                (s, o) for (s, p, o), evs in graph.edges.items() if p == "derivedFrom"
                and any(e.method not in ("curated", "variant-name") for e in evs.values())
            }
            expected_lineage = {
                (_iri(extractor, "model", c), _iri(extractor, "model", b)) for c, _, b in gold.get("lineage", [])
            }
            _add(counts["lineage"], predicted_lineage, expected_lineage)
            for (s, p, o), evs in graph.edges.items():
                for ev in evs.values():
                    if ev.paper:
                        counts["quotes"][1] += 1
                        text = record.title if ev.field == "title" else record.abstract
                        counts["quotes"][0] += int(text[ev.start:ev.end] in (ev.quote or ""))
    result = {}
    for field, (tp, fp, fn) in counts.items():
        if field == "quotes":
            result[field] = {"ok": tp, "total": fp, "share": tp / fp if fp else 1.0}
            continue
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[field] = {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
    return result


def _add(count: list[int], predicted: set, expected: set) -> None:
    count[0] += len(predicted & expected)
    count[1] += len(predicted - expected)
    count[2] += len(expected - predicted)


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or sorted(GOLD_DIR.glob("*.jsonl"))
    extractor = Extractor()
    for path in paths:
        print(f"\n{path.name}")
        print(f"{'field':22} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
        for field, s in score([path], extractor).items():
            if field == "quotes":
                print(f"{'evidence quotes':22} {s['share']:6.3f}  ({s['ok']}/{s['total']} contain the mention)")
            else:
                print(f"{field:22} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}  "
                      f"{s['tp']:3d} {s['fp']:3d} {s['fn']:3d}")


if __name__ == "__main__":
    main(sys.argv[1:])
