#!/usr/bin/env python3
"""Validate the curated model vocabulary: models.csv, lineage.csv and lineage/*.jsonl.

Stdlib only.  Run from anywhere:  python ontology/vocab/check_vocab.py
Exits 0 when every check passes, 1 otherwise (all problems are listed).
"""
from __future__ import annotations

import csv
import datetime
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODELS_HEADER = ["name", "aliases", "family", "organisation", "modality", "year", "hf_repo"]
LINEAGE_HEADER = ["model", "base_model", "relation", "source"]
MODALITIES = {"text", "speech", "vision", "multimodal", "code"}
RELATIONS = {"fineTunedFrom", "continuedPretrainingFrom", "distilledFrom", "quantizedFrom",
             "prunedFrom", "adaptedFrom", "successorOf", "derivedFrom"}
MIN_MODELS = 300
MIN_EDGES = 200
HF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
SOURCE_RE = re.compile(r"^(arXiv:\d{4}\.\d{4,5}(v\d+)?|https?://\S+)$")


def strict_key(s: str) -> str:
    """Case-insensitive, with '-', '_' and spaces removed (collision check)."""
    return re.sub(r"[-_ ]+", "", s.strip().lower())


def match_key(s: str) -> str:
    """How the matcher compares: case-insensitive, '-', '_' and space treated alike."""
    return re.sub(r"[-_ ]+", " ", s.strip().lower())


def read_csv(path: Path, header: list[str], errors: list[str]) -> list[dict]:
    if not path.exists():
        errors.append(f"{path.name}: missing")
        return []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        try:
            got = next(reader)
        except StopIteration:
            errors.append(f"{path.name}: empty file")
            return []
        if got != header:
            errors.append(f"{path.name}: header is {got}, expected {header}")
            return []
        rows = []
        for lineno, rec in enumerate(reader, start=2):
            if len(rec) != len(header):
                errors.append(f"{path.name}:{lineno}: {len(rec)} fields, expected {len(header)}")
                continue
            if any(v != v.strip() for v in rec):
                errors.append(f"{path.name}:{lineno}: leading/trailing whitespace in a field")
            rows.append({"_line": lineno, **dict(zip(header, rec))})
        return rows


def check_models(rows: list[dict], errors: list[str]) -> set[str]:
    names: set[str] = set()
    owner: dict[str, str] = {}  # strict key of name or alias -> model name
    this_year = datetime.date.today().year
    for r in rows:
        where = f"models.csv:{r['_line']}"
        name = r["name"]
        if not name:
            errors.append(f"{where}: empty name")
            continue
        if name in names:
            errors.append(f"{where}: duplicate name {name!r}")
        names.add(name)
        k = strict_key(name)
        if k in owner and owner[k] != name:
            errors.append(f"{where}: name {name!r} collides with {owner[k]!r} (ignoring case, -, _, space)")
        owner.setdefault(k, name)
        if r["modality"] not in MODALITIES:
            errors.append(f"{where}: modality {r['modality']!r} not in {sorted(MODALITIES)}")
        if not re.fullmatch(r"\d{4}", r["year"]) or not 1990 <= int(r["year"]) <= this_year:
            errors.append(f"{where}: bad year {r['year']!r}")
        if not r["family"]:
            errors.append(f"{where}: empty family")
        if r["hf_repo"] and not HF_RE.match(r["hf_repo"]):
            errors.append(f"{where}: hf_repo {r['hf_repo']!r} is not owner/name")
    # aliases, after all names are known
    for r in rows:
        where = f"models.csv:{r['_line']}"
        name = r["name"]
        if not r["aliases"]:
            continue
        seen_here = set()
        for alias in r["aliases"].split("|"):
            if not alias or alias != alias.strip():
                errors.append(f"{where}: empty or padded alias in {r['aliases']!r}")
                continue
            if match_key(alias) == match_key(name):
                errors.append(f"{where}: alias {alias!r} only differs from the name in case/separators")
            if match_key(alias) in seen_here:
                errors.append(f"{where}: alias {alias!r} repeated")
            seen_here.add(match_key(alias))
            k = strict_key(alias)
            if k in owner and owner[k] != name:
                errors.append(f"{where}: alias {alias!r} of {name!r} is also a name/alias of {owner[k]!r}")
            owner.setdefault(k, name)
    # sorted by name, case-insensitive
    keys = [r["name"].lower() for r in rows]
    if keys != sorted(keys):
        errors.append("models.csv: rows are not sorted by name (case-insensitive)")
    if len(names) < MIN_MODELS:
        errors.append(f"models.csv: {len(names)} models, need at least {MIN_MODELS}")
    hf = defaultdict(list)
    for r in rows:
        if r["hf_repo"]:
            hf[r["hf_repo"].lower()].append(r["name"])
    for repo, ns in hf.items():
        if len(ns) > 1:
            errors.append(f"models.csv: hf_repo {repo!r} used by several models {ns}")
    return names


def check_lineage(rows: list[dict], names: set[str], errors: list[str]) -> None:
    seen = set()
    for r in rows:
        where = f"lineage.csv:{r['_line']}"
        for col in ("model", "base_model"):
            if r[col] not in names:
                errors.append(f"{where}: {col} {r[col]!r} is not a name in models.csv")
        if r["model"] == r["base_model"]:
            errors.append(f"{where}: self-loop on {r['model']!r}")
        if r["relation"] not in RELATIONS:
            errors.append(f"{where}: relation {r['relation']!r} not in {sorted(RELATIONS)}")
        if not SOURCE_RE.match(r["source"]):
            errors.append(f"{where}: source {r['source']!r} is not arXiv:NNNN.NNNNN or a URL")
        key = (r["model"], r["base_model"], r["relation"])
        if key in seen:
            errors.append(f"{where}: duplicate edge {key}")
        seen.add(key)
    if len(seen) < MIN_EDGES:
        errors.append(f"lineage.csv: {len(seen)} edges, need at least {MIN_EDGES}")
    # successorOf / derivedFrom cycles would be nonsense: detect any cycle
    graph = defaultdict(list)
    for m, b, _ in seen:
        graph[m].append(b)
    state: dict[str, int] = {}

    def visit(n: str, stack: list[str]) -> None:
        state[n] = 1
        for b in graph[n]:
            if state.get(b) == 1:
                errors.append(f"lineage.csv: cycle {' -> '.join(stack + [n, b])}")
            elif b not in state:
                visit(b, stack + [n])
        state[n] = 2

    for n in list(graph):
        if n not in state:
            visit(n, [])


def check_jsonl(errors: list[str]) -> int:
    n = 0
    for path in sorted((HERE / "lineage").glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for lineno, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    errors.append(f"{path.name}:{lineno}: bad JSON ({e})")
                    continue
                missing = [k for k in ("model", "base_model", "relation", "source") if not obj.get(k)]
                if missing:
                    errors.append(f"{path.name}:{lineno}: missing {missing}")
                n += 1
    return n


def main() -> int:
    errors: list[str] = []
    models = read_csv(HERE / "models.csv", MODELS_HEADER, errors)
    names = check_models(models, errors)
    lineage = read_csv(HERE / "lineage.csv", LINEAGE_HEADER, errors)
    check_lineage(lineage, names, errors)
    n_jsonl = check_jsonl(errors)
    for e in errors:
        print("ERROR", e)
    print(f"{len(names)} models, {len(lineage)} lineage edges, {n_jsonl} imported jsonl relations: "
          f"{'FAIL' if errors else 'OK'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
