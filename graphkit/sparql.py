"""Named SPARQL queries: find one, bind its ``@param`` values, run it, render the rows.

Why: ``queries/*.rq`` must run unchanged on the embedded store and on any endpoint, so a
parameter is a pre-bound ``VALUES ?name { ... }`` (or ``BIND(... AS ?name)``) that users can
edit by hand; ``--param name=value`` rewrites that binding in the text rather than relying
on an engine-specific substitution API.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.errors import GraphkitError

if TYPE_CHECKING:
    import pyoxigraph

_PARAM_LINE = re.compile(r"^#\s*@param\s+([A-Za-z_]\w*)\s*:\s*(.+?)\s*$", re.MULTILINE)
_PREFIXED = re.compile(r"^[A-Za-z][\w.-]*:[\w.-]*$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query's text, where it came from, and its declared parameters with example values."""

    name: str
    text: str
    params: dict[str, str]


def find_query(name_or_path: str) -> NamedQuery:
    """A shipped query by name (``lineage``) or any ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        text = path.read_text(encoding="utf-8")
    elif path.suffix == ".rq" and (len(path.parts) > 1 or path.exists()):
        raise GraphkitError(f"{path}: no such file")
    else:
        from graphkit.queries import load

        try:
            text = load(name_or_path)
        except KeyError as exc:
            if path.suffix == ".rq":
                raise GraphkitError(f"{path}: no such file, nor a shipped query of that name") from None
            raise GraphkitError(str(exc.args[0])) from None
    return NamedQuery(path.stem, text, parse_params(text))


def parse_params(text: str) -> dict[str, str]:
    """The ``# @param name: value`` lines of the header comment, in order."""
    return {m.group(1): m.group(2) for m in _PARAM_LINE.finditer(text)}


def render_value(value: str, example: str) -> str:
    """A user's value as a SPARQL term of the same shape as the parameter's example."""
    example = example.strip()
    if example.startswith('"'):
        return json.dumps(value, ensure_ascii=False)
    if _NUMBER.match(example):
        if not _NUMBER.match(value):
            raise GraphkitError(f"expected a number, got {value!r}")
        return value
    if example.startswith("<"):
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if re.search(r'[\s<>"{}|^`\\]', iri):
            raise GraphkitError(f"not an IRI: {value!r}")
        return f"<{iri}>"
    if _PREFIXED.match(value):
        return value
    raise GraphkitError(f"expected a prefixed name like {example}, got {value!r}")


def bind(query: NamedQuery, values: dict[str, str]) -> str:
    """The query text with each given parameter's pre-bound VALUES/BIND replaced."""
    text = query.text
    for name, value in values.items():
        if name not in query.params:
            known = ", ".join(query.params) or "none"
            raise GraphkitError(f"query {query.name!r} has no parameter {name!r} (parameters: {known})")
        term = render_value(value, query.params[name])
        values_re = re.compile(r"(VALUES\s+\?" + name + r"\s*\{)[^}]*(\})", re.IGNORECASE)
        bind_re = re.compile(r"(BIND\s*\()(?:[^()]|\([^()]*\))*?(\s+AS\s+\?" + name + r"\s*\))", re.IGNORECASE)
        text, count = values_re.subn(lambda m: f"{m.group(1)} {term} {m.group(2)}", text)
        if not count:
            text, count = bind_re.subn(lambda m: f"{m.group(1)}{term}{m.group(2)}", text)
        if not count:
            raise GraphkitError(f"query {query.name!r} declares {name!r} but binds it with no VALUES or BIND")
    return text


def _cell(term: Any) -> Any:
    """A result term as a plain Python value: IRIs as strings, numeric literals as numbers."""
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value if term.datatype else ""
        try:
            if datatype in (f"{_XSD}integer", f"{_XSD}int", f"{_XSD}long"):
                return int(term.value)
            if datatype in (f"{_XSD}decimal", f"{_XSD}double", f"{_XSD}float"):
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == f"{_XSD}boolean":
            return term.value == "true"
        return term.value
    return term.value


def run(store: pyoxigraph.Store, text: str) -> tuple[list[str], list[list[Any]]]:
    """Run a query; SELECT gives its columns, ASK one ``ask`` cell, CONSTRUCT subject/predicate/object."""
    import pyoxigraph

    try:
        result = store.query(text)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphkitError(f"query failed: {' '.join(str(exc).split())[:200]}") from None
    if isinstance(result, pyoxigraph.QueryBoolean):
        return ["ask"], [[bool(result)]]
    if isinstance(result, pyoxigraph.QuerySolutions):
        columns = [v.value for v in result.variables]
        return columns, [[_cell(row[c]) for c in columns] for row in result]
    return ["subject", "predicate", "object"], [[_cell(t.subject), _cell(t.predicate), _cell(t.object)]
                                                 for t in result]


def render(columns: list[str], rows: list[list[Any]], fmt: str) -> str:
    """Rows as an aligned table, CSV (header row first) or one JSON document."""
    if fmt == "json":
        return json.dumps({"columns": columns, "rows": [dict(zip(columns, r)) for r in rows]},
                          ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if c is None else c for c in r] for r in rows])
        return out.getvalue().rstrip("\n")
    cells = [[_short("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max([len(col), *(len(r[i]) for r in cells)]) for i, col in enumerate(columns)]
    lines = ["  ".join(col.ljust(w) for col, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


_SHORT = {"https://w3id.org/graphkit/id/": "", "https://w3id.org/graphkit/ontology#": "gk:"}


def _short(value: str, limit: int = 80) -> str:
    """Table cells: graphkit IRIs shortened (``model/bert``), long text cut with an ellipsis."""
    for long, short in _SHORT.items():
        if value.startswith(long):
            value = short + value[len(long):]
            break
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
