"""Validate the curated vocabularies (stdlib only).

Usage: python ontology/vocab/check_vocab.py [VOCAB_DIR]   (default: this script's folder)

Every file with a ``name`` column (models.csv, techniques.csv, datasets.csv, tasks.csv):
- the exact header and RFC 4180 parsing (every row has every column, no blank line, no
  padded cell);
- non-empty, unique names; rows sorted by name (case-insensitively);
- no empty, padded or repeated alias, and no alias that only repeats the row's name or
  another alias once folded (the matcher folds case and separators, see
  graphkit.text.fold_key, so such an alias is dead; models.csv is held to a looser folding,
  case and ``-``, ``_``, space only);
- no name or alias shared between two rows of the same file, comparing case-insensitively
  with ``-``, ``_`` and spaces removed;
- a minimum number of rows.
Then per file:
- models.csv: a known ``modality``, a plausible ``year``, a ``family``, ``hf_repo`` empty or
  ``owner/name`` and used by one model only;
- lineage.csv: both ends are names in models.csv, no self-loop, a known ``relation``, an
  arXiv id or URL as ``source``, no duplicate edge, no cycle, a minimum number of edges;
- lineage/*.jsonl: one JSON object a line with ``model``, ``base_model``, ``relation``, ``source``;
- techniques.csv and tasks.csv: every ``broader`` value is a name in the same file, not the
  row itself, with no cycles;
- techniques.csv: a one-sentence definition ending with a full stop;
- datasets.csv: ``kind`` in dataset|corpus|benchmark, a known ``modality``, every ``tasks``
  value a name in tasks.csv, none repeated.
Names or aliases shared between techniques, datasets and tasks are reported as warnings only.
Exit status 0 when there are no errors, 1 otherwise (every problem is listed).
"""

from __future__ import annotations

import csv
import datetime
import itertools
import json
import re
import sys
from pathlib import Path

USAGE = "usage: python ontology/vocab/check_vocab.py [VOCAB_DIR]"
HEADERS = {
    "models.csv": ["name", "aliases", "family", "organisation", "modality", "year", "hf_repo"],
    "lineage.csv": ["model", "base_model", "relation", "source"],
    "techniques.csv": ["name", "aliases", "broader", "definition"],
    "datasets.csv": ["name", "aliases", "kind", "modality", "tasks"],
    "tasks.csv": ["name", "aliases", "broader"],
}
NAMED = ("models.csv", "techniques.csv", "datasets.csv", "tasks.csv")  # files with name/aliases columns
MIN_ROWS = {"models.csv": 300, "lineage.csv": 200, "techniques.csv": 120, "datasets.csv": 220, "tasks.csv": 60}
MODEL_MODALITIES = {"text", "speech", "vision", "multimodal", "code"}
DATASET_MODALITIES = {"text", "speech", "audio", "vision", "multimodal", "code", ""}
KINDS = {"dataset", "corpus", "benchmark"}
RELATIONS = {"fineTunedFrom", "continuedPretrainingFrom", "distilledFrom", "quantizedFrom",
             "prunedFrom", "adaptedFrom", "successorOf", "derivedFrom"}
JSONL_KEYS = ("model", "base_model", "relation", "source")
HF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
SOURCE_RE = re.compile(r"^(arXiv:\d{4}\.\d{4,5}(v\d+)?|https?://\S+)$")

# Mirror of graphkit.text.fold_key (kept here so this script needs only the stdlib).
_SEPARATORS = "-_/()[]{},;:!?\"'`“”‘’«»–—‐‑‒|*=<>~…•·"
_TRANSLATE = str.maketrans({c: " " for c in _SEPARATORS})
_LONE_DOT = re.compile(r"\.(?![0-9a-z])|(?<![0-9a-z])\.")


def fold_key(name: str) -> str:
    """How the matcher sees a name: lower case, separators and lone dots as single spaces."""
    folded = _LONE_DOT.sub(" ", name.lower().translate(_TRANSLATE))
    return " ".join(folded.split())


def match_key(name: str) -> str:
    """The looser folding models.csv is held to: case-insensitive, '-', '_' and space treated alike."""
    return re.sub(r"[-_ ]+", " ", name.strip().lower())


# How an alias that only repeats the row's name (or another alias) is recognised, per file.
ALIAS_KEY = {"models.csv": match_key, "techniques.csv": fold_key, "datasets.csv": fold_key, "tasks.csv": fold_key}


def clash_key(name: str) -> str:
    """Key for cross-row clashes: case-insensitive with -, _ and spaces removed."""
    return re.sub(r"[-_ ]+", "", name.strip().casefold())


def split_list(cell: str) -> list[str]:
    """The values of a ``|``-separated cell, as written (an empty cell has none)."""
    return cell.split("|") if cell else []


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One path ``[a, b, ..., a]`` for each back edge found by a depth-first walk (iterative)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles = []
    for root, parents in graph.items():
        if root in state:
            continue
        path, todo = [root], [iter(parents)]
        state[root] = 1
        while todo:
            for node in todo[-1]:
                if state.get(node) == 1:
                    cycles.append(path[path.index(node):] + [node])
                elif node not in state:
                    state[node] = 1
                    path.append(node)
                    todo.append(iter(graph.get(node, ())))
                    break
            else:
                state[path.pop()] = 2
                todo.pop()
    return cycles


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, message: str) -> None:
        self.errors.append(message)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def read_csv(path: Path, report: Report) -> list[dict[str, str]]:
    """Rows as dicts (plus ``_line``) after the header check; a bad row is reported and skipped."""
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
        where = f"{path.name}:{line_no}"
        if not any(cell.strip() for cell in row):
            report.error(f"{where}: blank line")
            continue
        if len(row) != len(header):
            report.error(f"{where}: {len(row)} columns, expected {len(header)}")
            continue
        for cell in row:
            if cell != cell.strip():
                report.error(f"{where}: cell {cell!r} has surrounding whitespace")
        out.append({"_line": str(line_no), **dict(zip(header, row))})
    return out


def list_values(where: str, column: str, cell: str, report: Report) -> list[str]:
    """The values of a ``|``-separated cell; empty, padded or repeated values are errors (and dropped)."""
    values: list[str] = []
    for value in split_list(cell):
        if not value or value != value.strip():
            report.error(f"{where}: empty or padded {column} in {cell!r}")
        elif value in values:
            report.error(f"{where}: {column} {value!r} repeated in {cell!r}")
        else:
            values.append(value)
    return values


def check_names(filename: str, rows: list[dict[str, str]], report: Report) -> dict[str, str]:
    """Name/alias checks within one file; returns clash_key -> name for every name and alias."""
    names = [row["name"] for row in rows]
    for a, b in itertools.pairwise(names):
        if (a.casefold(), a) > (b.casefold(), b):
            report.error(f"{filename}: not sorted by name (case-insensitive): {a!r} before {b!r}")
            break
    if len(rows) < MIN_ROWS[filename]:
        report.error(f"{filename}: {len(rows)} rows, need at least {MIN_ROWS[filename]}")
    owner: dict[str, tuple[str, str]] = {}  # clash key -> (name, the label it came from)
    seen_names: set[str] = set()
    for row in rows:
        where = f"{filename}:{row['_line']}"
        name = row["name"]
        if not name:
            report.error(f"{where}: empty name")
            continue
        if name in seen_names:
            report.error(f"{where}: duplicate name {name!r}")
        seen_names.add(name)
        same = ALIAS_KEY[filename]
        folded_seen = {same(name)}
        aliases = []
        for alias in list_values(where, "alias", row["aliases"], report):
            if same(alias) in folded_seen:
                report.error(f"{where}: alias {alias!r} of {name!r} differs only in case/separators "
                             "from the name or another alias")
            folded_seen.add(same(alias))
            aliases.append(alias)
        row_keys: dict[str, str] = {}
        for label in (name, *aliases):
            key = clash_key(label)
            if not key:
                report.error(f"{where}: label {label!r} is empty after normalisation")
                continue
            row_keys.setdefault(key, label)
        for key, label in row_keys.items():
            if key in owner and owner[key][0] != name:
                other, other_label = owner[key]
                what = "name" if label == name else f"alias {label!r} of"
                whom = repr(other) if other_label == other else f"alias {other_label!r} of {other!r}"
                report.error(f"{where}: {what} {name!r} collides with {whom} (ignoring case, -, _, space)")
            else:
                owner[key] = (name, label)
    return {key: name for key, (name, _) in owner.items()}


def check_models(rows: list[dict[str, str]], report: Report) -> None:
    this_year = datetime.date.today().year
    repos: dict[str, list[str]] = {}
    for row in rows:
        where = f"models.csv:{row['_line']}"
        if row["modality"] not in MODEL_MODALITIES:
            report.error(f"{where}: modality {row['modality']!r} not in {sorted(MODEL_MODALITIES)}")
        if not re.fullmatch(r"\d{4}", row["year"]) or not 1990 <= int(row["year"]) <= this_year:
            report.error(f"{where}: bad year {row['year']!r}")
        if not row["family"]:
            report.error(f"{where}: empty family")
        if row["hf_repo"]:
            if not HF_RE.match(row["hf_repo"]):
                report.error(f"{where}: hf_repo {row['hf_repo']!r} is not owner/name")
            repos.setdefault(row["hf_repo"].lower(), []).append(row["name"])
    for repo, names in repos.items():
        if len(names) > 1:
            report.error(f"models.csv: hf_repo {repo!r} used by several models {names}")


def check_lineage(rows: list[dict[str, str]], model_names: set[str], report: Report) -> None:
    parents: dict[str, list[str]] = {}
    seen = set()
    for row in rows:
        where = f"lineage.csv:{row['_line']}"
        for column in ("model", "base_model"):
            if row[column] not in model_names:
                report.error(f"{where}: {column} {row[column]!r} is not a name in models.csv")
        if row["model"] == row["base_model"]:
            report.error(f"{where}: self-loop on {row['model']!r}")
        if row["relation"] not in RELATIONS:
            report.error(f"{where}: relation {row['relation']!r} not in {sorted(RELATIONS)}")
        if not SOURCE_RE.match(row["source"]):
            report.error(f"{where}: source {row['source']!r} is not arXiv:NNNN.NNNNN or a URL")
        key = (row["model"], row["base_model"], row["relation"])
        if key in seen:
            report.error(f"{where}: duplicate edge {key}")
        elif row["model"] != row["base_model"]:
            parents.setdefault(row["model"], []).append(row["base_model"])
        seen.add(key)
    if len(seen) < MIN_ROWS["lineage.csv"]:
        report.error(f"lineage.csv: {len(seen)} edges, need at least {MIN_ROWS['lineage.csv']}")
    for cycle in find_cycles(parents):
        report.error(f"lineage.csv: cycle {' -> '.join(cycle)}")


def check_jsonl(directory: Path, report: Report) -> int:
    count = 0
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"lineage/{path.name}:{line_no}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    report.error(f"{where}: bad JSON ({exc})")
                    continue
                if not isinstance(obj, dict):
                    report.error(f"{where}: not a JSON object")
                    continue
                missing = [key for key in JSONL_KEYS if not obj.get(key)]
                if missing:
                    report.error(f"{where}: missing {missing}")
                count += 1
    return count


def check_broader(filename: str, rows: list[dict[str, str]], report: Report) -> None:
    names = {row["name"] for row in rows}
    parents: dict[str, list[str]] = {}
    for row in rows:
        where = f"{filename}:{row['_line']}"
        for value in list_values(where, "broader", row["broader"], report):
            if value == row["name"]:
                report.error(f"{where}: {row['name']!r} is its own broader")
            elif value not in names:
                report.error(f"{where}: broader {value!r} of {row['name']!r} is not a name in {filename}")
            else:
                parents.setdefault(row["name"], []).append(value)
    for cycle in find_cycles(parents):
        report.error(f"{filename}: broader cycle {' -> '.join(map(repr, cycle))}")


def check_datasets(rows: list[dict[str, str]], task_names: set[str], report: Report) -> None:
    for row in rows:
        where = f"datasets.csv:{row['_line']}"
        if row["kind"] not in KINDS:
            report.error(f"{where}: kind {row['kind']!r} not in {sorted(KINDS)}")
        if row["modality"] not in DATASET_MODALITIES:
            report.error(f"{where}: modality {row['modality']!r} not in {sorted(DATASET_MODALITIES)}")
        for task in list_values(where, "task", row["tasks"], report):
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


def check(base: Path) -> tuple[Report, str]:
    """Run every check on the vocabulary in ``base``; returns the report and a one-line count summary."""
    report = Report()
    data = {filename: read_csv(base / filename, report) for filename in HEADERS}
    owners = {filename: check_names(filename, data[filename], report) for filename in NAMED}
    check_models(data["models.csv"], report)
    check_lineage(data["lineage.csv"], {row["name"] for row in data["models.csv"] if row["name"]}, report)
    n_jsonl = check_jsonl(base / "lineage", report)
    check_broader("techniques.csv", data["techniques.csv"], report)
    check_broader("tasks.csv", data["tasks.csv"], report)
    check_datasets(data["datasets.csv"], {row["name"] for row in data["tasks.csv"]}, report)
    check_definitions(data["techniques.csv"], report)
    shared = ("techniques.csv", "datasets.csv", "tasks.csv")
    for i, first in enumerate(shared):
        for second in shared[i + 1:]:
            for key in sorted(owners[first].keys() & owners[second].keys()):
                report.warn(f"{first} {owners[first][key]!r} and {second} {owners[second][key]!r} share {key!r}")
    counts = ", ".join(f"{filename} {len(rows)}" for filename, rows in data.items())
    return report, f"{counts}, lineage/*.jsonl {n_jsonl}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or args[:1] in (["-h"], ["--help"]):
        print(USAGE)
        return 0 if args[:1] in (["-h"], ["--help"]) else 2
    base = Path(args[0]) if args else Path(__file__).resolve().parent
    report, counts = check(base)
    for message in report.warnings:
        print(f"warning: {message}")
    for message in report.errors:
        print(f"error: {message}")
    print(f"{'FAIL' if report.errors else 'OK'}: {counts}; "
          f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
