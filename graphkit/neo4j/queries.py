"""Run the shipped ``queries/*.cypher`` (or any ``.cypher`` file) against a Bolt server.

Each shipped query starts with a comment block (CONTRACT §8): one purpose line, then
``// @param name: value`` lines whose values work on the seed graph. Those values are the
defaults; ``--param k=v`` overrides them. Values are passed as Bolt parameters, never pasted
into the query text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError

QUERY_PACKAGE = "graphkit.queries"
_PARAM = re.compile(r"^//\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*$")


@dataclass
class CypherQuery:
    """A query's text, purpose line and declared parameters with their example values."""

    name: str
    text: str
    purpose: str = ""
    params: dict[str, Any] = field(default_factory=dict)


def parse_query(name: str, text: str) -> CypherQuery:
    """Read the header comment block: the first comment line is the purpose, then ``@param`` lines."""
    query = CypherQuery(name, text)
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            break
        match = _PARAM.match(stripped)
        if match:
            query.params[match.group(1)] = parse_value(match.group(2))
        elif not query.purpose:
            query.purpose = stripped.lstrip("/").strip()
    return query


def parse_value(text: str) -> Any:
    """A parameter value: JSON when it parses (numbers, lists, true/false/null), else the string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def shipped_queries() -> dict[str, CypherQuery]:
    """Every ``.cypher`` file shipped in ``graphkit.queries``, by stem."""
    out = {}
    for resource in sorted(files(QUERY_PACKAGE).iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".cypher"):
            stem = resource.name[: -len(".cypher")]
            out[stem] = parse_query(stem, resource.read_text(encoding="utf-8"))
    return out


def load_query(name_or_path: str) -> CypherQuery:
    """A shipped query by name (``lineage``) or a ``.cypher`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".cypher" and path.is_file():
        return parse_query(path.stem, path.read_text(encoding="utf-8"))
    shipped = shipped_queries()
    stem = path.stem if path.suffix == ".cypher" else name_or_path
    if stem in shipped:
        return shipped[stem]
    raise GraphkitError(f"{name_or_path}: no such query file or shipped query (shipped: {', '.join(shipped)})")


def run_cypher(name_or_path: str, params: dict[str, Any] | None, uri: str, user: str | None,
               password: str | None, database: str | None = None) -> dict[str, Any]:
    """Run a query with its example parameters overridden by ``params``.

    Returns ``{"query": name, "params": {...}, "columns": [...], "rows": [{column: value}]}``,
    values made JSON-friendly (nodes and relationships become their property maps).
    """
    from graphkit.neo4j.bolt import connect, connection_error

    query = load_query(name_or_path)
    bound = {**query.params, **(params or {})}
    with connect(uri, user, password, database) as driver:
        try:
            with driver.session(database=database) as session:
                result = session.run(query.text, bound)
                columns = list(result.keys())
                rows = [{k: plain(record[k]) for k in columns} for record in result]
        except Exception as exc:  # noqa: BLE001 - syntax errors, missing parameters: one line
            raise connection_error(uri, exc) from None
    return {"query": query.name, "params": bound, "columns": columns, "rows": rows}


def plain(value: Any) -> Any:
    """Driver values as JSON-friendly Python: graph entities as dicts, temporals as ISO strings."""
    import neo4j.graph

    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def format_table(result: dict[str, Any], width: int = 60) -> str:
    """Rows as an aligned text table (long cells cut with an ellipsis)."""
    columns = result["columns"]
    cells = [[_cell(row.get(c), width) for c in columns] for row in result["rows"]]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def format_csv(result: dict[str, Any]) -> str:
    """Rows as CSV with a header row (lists and maps as JSON)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(result["columns"])
    for row in result["rows"]:
        writer.writerow(["" if (v := row.get(c)) is None else v if isinstance(v, str | int | float)
                         else json.dumps(v, ensure_ascii=False) for c in result["columns"]])
    return out.getvalue()


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
