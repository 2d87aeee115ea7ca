"""Curation that survives rebuilds: review low-confidence edges in a CSV, keep the decisions.

``review export`` writes one row per low-confidence edge; a person writes ``accept`` or
``reject`` (or adds a row for a missing edge); ``review import`` appends the decisions to
``.graphkit/curation.jsonl``; every later build applies them, so a rejected edge stays out
and an accepted or added one carries ``gk:method "curated"``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson

from graphkit.errors import GraphkitError
from graphkit.graph import Evidence, KnowledgeGraph
from graphkit.ids import evidence_iri
from graphkit.namespace import GK, LINEAGE_KINDS, LINEAGE_PROPERTIES, PAPER_PROPERTIES

CURATION_FILE = "curation.jsonl"
COLUMNS = ("edge", "subject", "predicate", "object", "subject_label", "object_label", "confidence", "method",
           "paper", "quote", "decision")
DECISIONS = ("accept", "reject")
EDGE_PROPERTIES = set(PAPER_PROPERTIES) | set(LINEAGE_PROPERTIES)
SOURCE = "graphkit review (curation.jsonl)"


@dataclass(frozen=True, slots=True)
class Decision:
    """One reviewed edge: what a person decided about subject -predicate-> object."""

    subject: str
    predicate: str
    object: str
    decision: str

    def key(self) -> tuple[str, str, str]:
        return self.subject, self.predicate, self.object


def review_rows(graph: KnowledgeGraph, min_confidence: float = 0.8, everything: bool = False) -> list[dict[str, str]]:
    """One row per Paper -> X or lineage edge whose best evidence is below ``min_confidence``."""
    rows = []
    for (subject, predicate, obj), evidences in sorted(graph.edges.items()):
        if predicate not in EDGE_PROPERTIES or not evidences:
            continue
        best = max(evidences.values(), key=lambda e: (e.confidence, e.iri))
        if not everything and best.confidence >= min_confidence:
            continue
        rows.append({
            "edge": best.iri, "subject": subject, "predicate": f"{GK}{predicate}", "object": obj,
            "subject_label": graph.nodes[subject].name if subject in graph.nodes else "",
            "object_label": graph.nodes[obj].name if obj in graph.nodes else "",
            "confidence": f"{best.confidence:.2f}", "method": best.method, "paper": best.paper or "",
            "quote": best.quote or "", "decision": "",
        })
    return rows


def write_review(rows: Iterable[dict[str, str]], path: Path) -> int:
    from graphkit.exporters.files import write_atomic

    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    write_atomic(path, lambda handle: handle.write(buffer.getvalue().encode("utf-8")))
    return count


def read_decisions(path: Path) -> list[Decision]:
    """Decisions from a filled-in review CSV; a bad row is an error naming file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GraphkitError(f"{path}: {exc.strerror or exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = {"subject", "predicate", "object", "decision"} - set(reader.fieldnames or ())
    if missing:
        raise GraphkitError(f"{path}:1: missing columns {', '.join(sorted(missing))}")
    decisions = []
    for row in reader:
        line = reader.line_num
        decision = (row.get("decision") or "").strip().lower()
        if not decision:
            continue
        if decision not in DECISIONS:
            raise GraphkitError(f"{path}:{line}: decision {decision!r} is not accept or reject")
        predicate = (row.get("predicate") or "").strip()
        local = predicate[len(GK):] if predicate.startswith(GK) else predicate
        if local not in EDGE_PROPERTIES:
            raise GraphkitError(f"{path}:{line}: unknown predicate {predicate!r}")
        subject, obj = (row.get("subject") or "").strip(), (row.get("object") or "").strip()
        if not subject.startswith(("http://", "https://")) or not obj.startswith(("http://", "https://")):
            raise GraphkitError(f"{path}:{line}: subject and object must be full IRIs")
        decisions.append(Decision(subject, local, obj, decision))
    return decisions


def record_decisions(decisions: list[Decision], state_dir: Path) -> Path:
    """Append decisions to the state's curation file (the last decision for an edge wins)."""
    path = state_dir / CURATION_FILE
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as handle:
        for decision in decisions:
            handle.write(orjson.dumps({"subject": decision.subject, "predicate": decision.predicate,
                                       "object": decision.object, "decision": decision.decision}) + b"\n")
    return path


def load_decisions(state_dir: Path) -> dict[tuple[str, str, str], Decision]:
    path = state_dir / CURATION_FILE
    decisions: dict[tuple[str, str, str], Decision] = {}
    if not path.is_file():
        return decisions
    for number, line in enumerate(path.read_bytes().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = orjson.loads(line)
            decision = Decision(data["subject"], data["predicate"], data["object"], data["decision"])
        except (orjson.JSONDecodeError, KeyError, TypeError):
            raise GraphkitError(f"{path}:{number}: not a curation record") from None
        decisions[decision.key()] = decision
    return decisions


def apply_curation(graph: KnowledgeGraph, decisions: dict[tuple[str, str, str], Decision]) -> tuple[int, int]:
    """Apply decisions to a built graph; returns (rejected, accepted) edge counts."""
    rejected = accepted = 0
    for key, decision in sorted(decisions.items()):
        subject, predicate, obj = key
        if decision.decision == "reject":
            removed = graph.edges.pop(key, None)
            if removed is None:
                continue
            rejected += 1
            if predicate in LINEAGE_KINDS:
                _drop_shadow_lineage(graph, subject, obj, removed)
        else:
            for endpoint in (subject, obj):
                if endpoint not in graph.nodes:
                    _add_node_for(graph, endpoint)
            evidence = Evidence(evidence_iri("curation", subject, predicate, obj), "curated", 1.0, source=SOURCE)
            graph.add_edge(subject, predicate, obj, evidence)
            if predicate in LINEAGE_KINDS:
                graph.add_edge(subject, "derivedFrom", obj, Evidence(
                    evidence_iri("curation", subject, "derivedFrom", obj), "curated", 1.0, source=SOURCE))
            accepted += 1
    return rejected, accepted


def _drop_shadow_lineage(graph: KnowledgeGraph, subject: str, obj: str, removed: dict[str, Evidence]) -> None:
    """Remove the gk:derivedFrom that only restated the rejected typed edge's evidence."""
    key = (subject, "derivedFrom", obj)
    shadow = graph.edges.get(key)
    if not shadow:
        return
    restated = {(e.paper, e.field, e.start, e.source) for e in removed.values()}
    for typed in LINEAGE_KINDS:
        if (subject, typed, obj) in graph.edges:
            return  # another typed edge still supports it
    kept = {iri: e for iri, e in shadow.items() if (e.paper, e.field, e.start, e.source) not in restated}
    if kept:
        graph.edges[key] = kept
    else:
        del graph.edges[key]


def _add_node_for(graph: KnowledgeGraph, iri: str) -> None:
    from graphkit.vocab import load_vocabulary

    vocab = load_vocabulary()
    if iri in vocab.terms:
        graph.add_term(vocab.terms[iri])
        return
    kind = iri.rsplit("/", 2)[-2] if "/id/" in iri else "model"
    kind = kind if kind in ("paper", "model", "technique", "language", "dataset", "task", "author") else "model"
    graph.node(iri, kind, iri.rsplit("/", 1)[-1])
