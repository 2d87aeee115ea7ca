"""SHACL validation of a graph file against ``ontology/shapes.ttl`` (pyshacl), as a readable report.

Why: the shapes encode the contract (one label, ISO 639-3 language IRIs, evidence with a
quote and offsets, confidences in [0, 1]); checking a file written last week, or one edited
by hand, catches what the writer's own tests cannot.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.errors import GraphkitError
from graphkit.rdf_formats import required_format

if TYPE_CHECKING:
    import rdflib

_SH = "http://www.w3.org/ns/shacl#"
_SHORT = {"https://w3id.org/graphkit/id/": "", "https://w3id.org/graphkit/ontology#": "gk:",
          "http://www.w3.org/2000/01/rdf-schema#": "rdfs:", "http://purl.org/dc/terms/": "dcterms:",
          "http://www.w3.org/2004/02/skos/core#": "skos:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:"}


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One SHACL result: where, which property, which value, and the shape's message."""

    severity: str
    focus: str
    path: str
    value: str
    message: str

    def line(self) -> str:
        where = f"{_short(self.focus)} {_short(self.path)}".strip()
        value = f" = {_short(self.value)}" if self.value and self.value != self.focus else ""
        return f"{self.severity}: {where}{value}: {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    conforms: bool
    findings: list[Finding]
    triples: int

    def to_dict(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "triples": self.triples,
                "results": [{"severity": f.severity, "focus": f.focus, "path": f.path, "value": f.value,
                             "message": f.message} for f in self.findings]}


def _short(value: str) -> str:
    for long, short in _SHORT.items():
        if value.startswith(long):
            return short + value[len(long):]
    return value


def read_data(path: str | Path) -> rdflib.Graph:
    """Parse the file itself (not a round trip through the in-memory model, which would hide errors)."""
    import rdflib

    path = Path(path)
    fmt = required_format(path, "validate {suffix} files")
    if not path.is_file():
        raise GraphkitError(f"{path}: no such file")
    try:
        return rdflib.Graph().parse(path, format=fmt.rdflib)
    except Exception as exc:  # noqa: BLE001 (rdflib raises many parser-specific types)
        raise GraphkitError(f"{path}: not a readable RDF graph ({str(exc).splitlines()[0][:120]})") from None


def read_shapes(path: str | Path | None = None) -> rdflib.Graph:
    """The shipped shapes, or a user's shapes file."""
    import rdflib

    if path is None:
        from importlib.resources import files

        text = files("graphkit.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8")
        return rdflib.Graph().parse(data=text, format="turtle")
    return read_data(path)


def validate(data: rdflib.Graph, shapes: rdflib.Graph) -> Report:
    """Run pyshacl (no inference) and collect its results, sorted, one Finding each."""
    import rdflib
    from pyshacl import validate as shacl

    conforms, results, _ = shacl(data, shacl_graph=shapes, inference="none")
    sh = rdflib.Namespace(_SH)
    findings = set()
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        def get(prop: rdflib.URIRef, result: rdflib.term.Node = result) -> str:
            value = results.value(result, prop)
            return "" if value is None or isinstance(value, rdflib.BNode) else str(value)

        severity = get(sh.resultSeverity).removeprefix(_SH) or "Violation"
        message = get(sh.resultMessage) or f"fails {get(sh.sourceConstraintComponent).removeprefix(_SH)}"
        findings.add(Finding(severity, get(sh.focusNode), get(sh.resultPath), get(sh.value), message))
    return Report(bool(conforms), sorted(findings), len(data))


def report_text(report: Report, source: str) -> str:
    """A summary line, then one line per result."""
    if report.conforms:
        return f"{source}: conforms to the shapes ({report.triples} triples)"
    counts: dict[str, int] = {}
    for finding in report.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    head = ", ".join(f"{n} {sev.lower()}{'s' if n != 1 else ''}" for sev, n in sorted(counts.items()))
    return "\n".join([f"{source}: {head} ({report.triples} triples)", *(f"  {f.line()}" for f in report.findings)])
