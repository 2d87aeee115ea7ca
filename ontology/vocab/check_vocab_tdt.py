"""Validate the curated technique, dataset and task vocabularies (stdlib only).

Usage: python ontology/vocab/check_vocab_tdt.py [VOCAB_DIR]

Checks, per file (techniques.csv, datasets.csv, tasks.csv):
- the exact header and RFC 4180 parsing (every row has every column);
- non-empty, unique canonical names; rows sorted by name (case-insensitively);
- no empty or duplicate alias in a row, and no alias that only repeats the row's own name
  (the matcher folds case and separators, see graphkit.text.fold_key, so such an alias is dead);
- no name or alias shared between two rows of the same file, comparing case-insensitively
  with ``-``, ``_`` and spaces removed;
- every ``broader`` value is a name in the same file, not the row itself, with no cycles;
- datasets: ``kind`` in dataset|corpus|benchmark, a known ``modality``, every ``tasks``
  value a name in tasks.csv;
- techniques: a non-empty one-sentence definition;
- minimum row counts.
Names or aliases shared between two of the three files are reported as warnings only.
Exit status 0 when there are no errors, 1 otherwise.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HEADERS = {
    "techniques.csv": ["name", "aliases", "broader", "definition"],
    "datasets.csv": ["name", "aliases", "kind", "modality", "tasks"],
    "tasks.csv": ["name", "aliases", "broader"],
}
MIN_ROWS = {"techniques.csv": 120, "datasets.csv": 220, "tasks.csv": 60}
KINDS = {"dataset", "corpus", "benchmark"}
MODALITIES = {"text", "speech", "audio", "vision", "multimodal", "code", ""}

# Mirror of graphkit.text.fold_key (kept here so this script needs only the stdlib).
_SEPARATORS = "-_/()[]{},;:!?\"'`“”‘’«»–—‐‑‒|*=<>~…•·"
_TRANSLATE = str.maketrans({c: " " for c in _SEPARATORS})
_LONE_DOT = re.compile(r"\.(?![0-9a-z])|(?<![0-9a-z])\.")


def fold_key(name: str) -> str:
    """How the matcher sees a name: lower case, separators and lone dots as single spaces."""
    folded = _LONE_DOT.sub(" ", name.lower().translate(_TRANSLATE))
    return " ".join(folded.split())


def clash_key(name: str) -> str:
    """Key for cross-row clashes: case-insensitive with -, _ and spaces removed."""
    return re.sub(r"[-_ ]+", "", name.casefold())


def split_list(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|")]


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, message: str) -> None:
        self.errors.append(message)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def read(path: Path, report: Report) -> list[dict[str, str]]:
    header = HEADERS[path.name]
    if not path.is_file():
        report.error(f"{path.name}: missing")
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or rows[0] != header:
        report.error(f"{path.name}: header must be {','.join(header)}, got {rows[0] if rows else 'nothing'}")
        return []
    out = []
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            report.error(f"{path.name}:{line_no}: blank line")
            continue
        if len(row) != len(header):
            report.error(f"{path.name}:{line_no}: {len(row)} columns, expected {len(header)}")
            continue
        for cell in row:
            if cell != cell.strip():
                report.error(f"{path.name}:{line_no}: cell {cell!r} has surrounding whitespace")
        record = dict(zip(header, row))
        record["_line"] = str(line_no)
        out.append(record)
    return out


def check_names(filename: str, rows: list[dict[str, str]], report: Report) -> dict[str, str]:
    """Name/alias checks within one file; returns clash_key -> canonical name."""
    owner: dict[str, str] = {}
    seen_names: set[str] = set()
    names = [row["name"] for row in rows]
    if names != sorted(names, key=lambda n: (n.casefold(), n)):
        for a, b in zip(names, names[1:]):
            if (a.casefold(), a) > (b.casefold(), b):
                report.error(f"{filename}: not sorted by name: {a!r} before {b!r}")
                break
    for row in rows:
        where = f"{filename}:{row['_line']}"
        name = row["name"]
        if not name:
            report.error(f"{where}: empty name")
            continue
        if name in seen_names:
            report.error(f"{where}: duplicate name {name!r}")
        seen_names.add(name)
        row_keys: dict[str, str] = {}
        folded_seen = {fold_key(name)}
        aliases = split_list(row["aliases"]) if row["aliases"] else []
        for alias in aliases:
            if not alias:
                report.error(f"{where}: empty alias in {row['aliases']!r}")
                continue
            if fold_key(alias) in folded_seen:
                report.error(f"{where}: alias {alias!r} of {name!r} differs only in case/separators from the name or another alias")
            folded_seen.add(fold_key(alias))
        for label in [name, *[a for a in aliases if a]]:
            key = clash_key(label)
            if not key:
                report.error(f"{where}: label {label!r} is empty after normalisation")
                continue
            row_keys.setdefault(key, label)
        for key, label in row_keys.items():
            if key in owner and owner[key] != name:
                report.error(f"{where}: {label!r} of {name!r} clashes with {owner[key]!r} (key {key!r})")
            else:
                owner[key] = name
    return owner


def check_broader(filename: str, rows: list[dict[str, str]], report: Report) -> None:
    names = {row["name"] for row in rows}
    parent: dict[str, list[str]] = {}
    for row in rows:
        where = f"{filename}:{row['_line']}"
        values = [v for v in split_list(row["broader"]) if v] if row["broader"] else []
        for value in values:
            if value == row["name"]:
                report.error(f"{where}: {row['name']!r} is its own broader")
            elif value not in names:
                report.error(f"{where}: broader {value!r} of {row['name']!r} is not a name in {filename}")
        parent[row["name"]] = values
    for start in parent:
        stack, visited = list(parent.get(start, [])), set()
        while stack:
            node = stack.pop()
            if node == start:
                report.error(f"{filename}: broader cycle through {start!r}")
                break
            if node not in visited:
                visited.add(node)
                stack.extend(parent.get(node, []))


def check_datasets(rows: list[dict[str, str]], task_names: set[str], report: Report) -> None:
    for row in rows:
        where = f"datasets.csv:{row['_line']}"
        if row["kind"] not in KINDS:
            report.error(f"{where}: kind {row['kind']!r} not in {sorted(KINDS)}")
        if row["modality"] not in MODALITIES:
            report.error(f"{where}: modality {row['modality']!r} not in {sorted(MODALITIES)}")
        tasks = split_list(row["tasks"]) if row["tasks"] else []
        if len(tasks) != len(set(tasks)):
            report.error(f"{where}: repeated task in {row['tasks']!r}")
        for task in tasks:
            if task not in task_names:
                report.error(f"{where}: task {task!r} of {row['name']!r} is not a name in tasks.csv")


def check_definitions(rows: list[dict[str, str]], report: Report) -> None:
    for row in rows:
        where = f"techniques.csv:{row['_line']}"
        definition = row["definition"]
        if not definition:
            report.error(f"{where}: {row['name']!r} has no definition")
            continue
        if not definition.endswith("."):
            report.error(f"{where}: definition of {row['name']!r} must end with a full stop")
        if re.search(r"[.!?]\s+[A-Z]", definition.rstrip(".")):
            report.error(f"{where}: definition of {row['name']!r} must be one sentence")


def main(argv: list[str]) -> int:
    base = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    report = Report()
    data = {name: read(base / name, report) for name in HEADERS}
    owners = {}
    for filename, rows in data.items():
        owners[filename] = check_names(filename, rows, report)
        if len(rows) < MIN_ROWS[filename]:
            report.error(f"{filename}: {len(rows)} rows, need at least {MIN_ROWS[filename]}")
    check_broader("techniques.csv", data["techniques.csv"], report)
    check_broader("tasks.csv", data["tasks.csv"], report)
    check_datasets(data["datasets.csv"], {row["name"] for row in data["tasks.csv"]}, report)
    check_definitions(data["techniques.csv"], report)
    files = list(owners)
    for i, first in enumerate(files):
        for second in files[i + 1 :]:
            for key in sorted(owners[first].keys() & owners[second].keys()):
                report.warn(f"{first} {owners[first][key]!r} and {second} {owners[second][key]!r} share {key!r}")
    for message in report.warnings:
        print(f"warning: {message}")
    for message in report.errors:
        print(f"error: {message}")
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in data.items())
    print(f"{'FAIL' if report.errors else 'OK'}: {counts}; {len(report.errors)} errors, {len(report.warnings)} warnings")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
