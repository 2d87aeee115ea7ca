"""Bulk-import files for ``neo4j-admin database import full`` (Neo4j 5.x and 2025.x).

For graphs too big to send over Bolt: one header file and one data file per label and per
relationship type, ``import.sh`` holding the exact import command, and ``constraints.cypher``
with the uniqueness constraints to run once the database is started (the offline importer does
not create them). The rows are ``mapping``'s, so the imported graph equals a Bolt export.

Typed columns must have one type per file, so relationships whose evidence is a list (several
pieces of evidence) go to a second file pair, ``TYPE_multi*.csv``, of the same type.
"""

from __future__ import annotations

import csv
import shlex
from pathlib import Path
from typing import Any

from graphkit.graph import KnowledgeGraph
from graphkit.neo4j.bolt import constraint_statements
from graphkit.neo4j.mapping import (
    EVIDENCE_PROPERTIES, EXTRA_NODE_PROPERTIES, NODE_PROPERTIES, RELATIONSHIP_PROPERTIES, NodeRow, PropertyGraph,
    RelRow, to_property_graph,
)

ARRAY_DELIMITER = "\x1f"  # ASCII unit separator: never in titles or quotes (stripped if it were)
ARRAY_DELIMITER_FLAG = "U+001F"
COMMAND_FILE = "import.sh"
CONSTRAINTS_FILE = "constraints.cypher"

_NODE_TYPES = {spec.name: (spec.type, spec.many) for spec in (*NODE_PROPERTIES.values(),
                                                                *EXTRA_NODE_PROPERTIES.values())}


def write_import_files(graph: KnowledgeGraph | PropertyGraph, directory: str | Path) -> dict[str, Any]:
    """Write the CSV files, ``import.sh`` and ``constraints.cypher`` into ``directory``.

    Returns ``{"command": str, "files": [...], "nodes": {label: n}, "relationships": {type: n}}``.
    """
    pg = graph if isinstance(graph, PropertyGraph) else to_property_graph(graph)
    root = Path(directory)
    (root / "nodes").mkdir(parents=True, exist_ok=True)
    (root / "relationships").mkdir(parents=True, exist_ok=True)
    files: list[str] = []
    node_args: list[str] = []
    rel_args: list[str] = []
    for label, rows in pg.nodes.items():
        if rows:
            header, data = _write_nodes(root, label, rows)
            node_args.append(f"--nodes={label}={header},{data}")
            files += [header, data]
    for rel, rels in pg.relationships.items():
        single = [r for r in rels if r.props.get("evidence", 0) <= 1]
        multi = [r for r in rels if r.props.get("evidence", 0) > 1]
        for suffix, group, many in (("", single, False), ("_multi", multi, True)):
            if group:
                header, data = _write_relationships(root, f"{rel}{suffix}", group, many)
                rel_args.append(f"--relationships={rel}={header},{data}")
                files += [header, data]
    command = " ".join([
        "neo4j-admin database import full", "--id-type=string", f"--array-delimiter={ARRAY_DELIMITER_FLAG}",
        "--multiline-fields=true", "--overwrite-destination=true", *node_args, *rel_args,
    ])
    script = root / COMMAND_FILE
    script.write_text(
        "#!/bin/sh\n"
        "# Bulk import for Neo4j 5.x / 2025.x (neo4j-admin database import full), written by graphkit.\n"
        "# Stop the target database first; the import replaces it. Usage: sh import.sh [DATABASE]\n"
        "# Afterwards start it and run constraints.cypher (cypher-shell -d DATABASE -f constraints.cypher).\n"
        "set -e\ncd \"$(dirname \"$0\")\"\n"
        f"{command} \"${{1:-neo4j}}\"\n", encoding="utf-8")
    script.chmod(0o755)
    (root / CONSTRAINTS_FILE).write_text(";\n".join(constraint_statements()) + ";\n", encoding="utf-8")
    return {"command": f"{command} neo4j", "directory": str(root), "files": files + [COMMAND_FILE, CONSTRAINTS_FILE],
            **pg.counts()}


def _write_nodes(root: Path, label: str, rows: list[NodeRow]) -> tuple[str, str]:
    names = sorted({k for row in rows for k in row.props} - {"iri", "name"})
    columns = ["iri", "name", *names]
    header = [_column(c, *_NODE_TYPES.get(c, ("string", True))) for c in columns]
    header[0] = "iri:ID"
    return _write_pair(root, "nodes", label, header, ([row.props.get(c) for c in columns] for row in rows))


def _write_relationships(root: Path, stem: str, rows: list[RelRow], many: bool) -> tuple[str, str]:
    names = sorted({k for row in rows for k in row.props})
    header = [":START_ID", ":END_ID"]
    for name in names:
        if name in EVIDENCE_PROPERTIES:
            header.append(_column(name, EVIDENCE_PROPERTIES[name][0], many))
        else:
            kind, is_list = RELATIONSHIP_PROPERTIES.get(name, ("string", False))
            header.append(_column(name, kind, is_list))
    data = ([row.start, row.end, *(row.props.get(n) for n in names)] for row in rows)
    return _write_pair(root, "relationships", stem, header, data)


def _write_pair(root: Path, folder: str, stem: str, header: list[str], rows: Any) -> tuple[str, str]:
    header_path, data_path = f"{folder}/{stem}_header.csv", f"{folder}/{stem}.csv"
    with open(root / header_path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(header)
    with open(root / data_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    return shlex.quote(header_path), shlex.quote(data_path)


def _column(name: str, kind: str, many: bool) -> str:
    return f"{name}:{kind}{'[]' if many else ''}"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_scalar(v) for v in value)
    return _scalar(value)


def _scalar(value: Any) -> str:
    return str(value).replace(ARRAY_DELIMITER, " ")


def read_import_files(directory: str | Path) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Parse written files back (header types applied): ``{"nodes": {label: rows}, "relationships": ...}``.

    Used by tests and handy for checking a directory before a long import.
    """
    root = Path(directory)
    out: dict[str, dict[str, list[dict[str, Any]]]] = {"nodes": {}, "relationships": {}}
    for kind in ("nodes", "relationships"):
        for header_path in sorted((root / kind).glob("*_header.csv")):
            stem = header_path.name[: -len("_header.csv")]
            group = stem[: -len("_multi")] if stem.endswith("_multi") else stem
            with open(header_path, newline="", encoding="utf-8") as handle:
                header = next(csv.reader(handle))
            with open(root / kind / f"{stem}.csv", newline="", encoding="utf-8") as handle:
                rows = [_typed(header, cells) for cells in csv.reader(handle)]
            out[kind].setdefault(group, []).extend(rows)
    return out


def _typed(header: list[str], cells: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column, cell in zip(header, cells, strict=True):
        name, _, kind = column.partition(":")
        if not name:  # :START_ID / :END_ID keep their column name
            name, kind = column, "string"
        if cell == "":
            continue
        kind = "string" if kind == "ID" else kind
        many = kind.endswith("[]")
        base = kind.removesuffix("[]")
        convert = {"int": int, "float": float}.get(base, str)
        row[name] = [convert(v) for v in cell.split(ARRAY_DELIMITER)] if many else convert(cell)
    return row
