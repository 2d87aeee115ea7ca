"""RDF exports written as text (Turtle, N-Triples, JSON-LD) from the graph's sorted triples.

Building one Python RDF object per triple is the slow part of a build, so the hot path
formats text directly; tests parse every output back with rdflib and pyoxigraph.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from graphkit.graph import Evidence, Lit, Obj, _pair_order
from graphkit.namespace import ID, PREFIXES, RDF, XSD

if TYPE_CHECKING:
    import rdflib

    from graphkit.graph import KnowledgeGraph

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20) if c not in (9, 10, 13)})
_ESCAPES.update({0x7F: "\\u007F", 0xFFFE: "\\uFFFE", 0xFFFF: "\\uFFFF"})
_TYPE = f"{RDF}type"
_IRI_ESCAPES = {ord(c): f"%{ord(c):02X}" for c in ' <>"{}|^`\\'}
_IRI_ESCAPES.update({c: f"%{c:02X}" for c in range(0x21)})
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_PN_LOCAL_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@lru_cache(maxsize=1 << 16)
def _iri(value: str) -> str:
    return "<" + value.translate(_IRI_ESCAPES) + ">"


def _literal(lit: Lit) -> str:
    text = '"' + _escape(lit.value) + '"'
    if lit.datatype:
        return f"{text}^^<{lit.datatype}>"
    return text


_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]')
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(value: str) -> str:
    if not _NEEDS_ESCAPE.search(value):
        return value
    value = value.translate(_ESCAPES)
    # Lone surrogates cannot be written as UTF-8; escape them like control characters.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04X}", value)


@lru_cache(maxsize=1 << 16)
def _ttl_name(value: str) -> str:
    if value.startswith(ID):
        return _iri(value)
    for prefix, base in _BY_LENGTH:
        if value.startswith(base):
            local = value[len(base):]
            if local and set(local) <= _PN_LOCAL_OK and not local[0].isdigit():
                return f"{prefix}:{local}"
    return _iri(value)


def _ttl_object(obj: Obj) -> str:
    if isinstance(obj, Lit):
        if obj.datatype == f"{XSD}integer" and obj.value.lstrip("-").isdigit():
            return obj.value
        if obj.datatype:
            return '"' + _escape(obj.value) + '"^^' + _ttl_name(obj.datatype)
        return '"' + _escape(obj.value) + '"'
    return _ttl_name(obj)


def dump_turtle(graph: KnowledgeGraph) -> str:
    """Turtle with prefixes; evidence nodes go through one template since they are most triples."""
    blocks: list[tuple[str, str]] = []
    for subject, pairs in graph.node_pairs():
        by_predicate: dict[str, list[str]] = {}
        for predicate, obj in sorted(set(pairs), key=_pair_order):
            by_predicate.setdefault(predicate, []).append(_ttl_object(obj))
        parts = [
            f"    {'a' if p == _TYPE else _ttl_name(p)} " + " ,\n        ".join(objects)
            for p, objects in by_predicate.items()
        ]
        blocks.append((subject, _iri(subject) + "\n" + " ;\n".join(parts) + " ."))
    for subject, predicate, obj, ev in graph.evidence_items():
        blocks.append((ev.iri, _evidence_block(subject, predicate, obj, ev)))
    blocks.sort(key=lambda block: block[0])
    head = "\n".join(f"@prefix {p}: <{base}> ." for p, base in sorted(PREFIXES.items()))
    return head + "\n\n" + "\n\n".join(block for _, block in blocks) + "\n"


def _evidence_block(subject: str, predicate: str, obj: str, ev: Evidence) -> str:
    # Predicates in the same order _pair_order gives: type, then by predicate IRI.
    lines = [f"{_iri(ev.iri)}\n    a gk:Evidence"]
    if ev.source:
        lines.append(f'    dcterms:source "{_escape(ev.source)}"')
    lines.append(f"    gk:confidence {ev.confidence:.2f}")
    if ev.paper:
        lines.append(f"    gk:end {ev.end}")
        lines.append(f'    gk:field "{_escape(ev.field or "")}"')
    lines.append(f'    gk:method "{_escape(ev.method)}"')
    if ev.paper:
        lines.append(f"    gk:paper {_iri(ev.paper)}")
        lines.append(f'    gk:quote "{_escape(ev.quote or "")}"')
        lines.append(f"    gk:start {ev.start}")
    lines.append(f"    rdf:object {_ttl_name(obj)}")
    lines.append(f"    rdf:predicate gk:{predicate}")
    lines.append(f"    rdf:subject {_iri(subject)}")
    return " ;\n".join(lines) + " ."


def dump_ntriples(graph: KnowledgeGraph) -> str:
    out = []
    for subject, pairs in graph.triples():
        head = _iri(subject)
        for predicate, obj in pairs:
            rendered = _literal(obj) if isinstance(obj, Lit) else _iri(obj)
            out.append(f"{head} {_iri(predicate)} {rendered} .\n")
    return "".join(out)


def dump_jsonld(graph: KnowledgeGraph) -> str:
    """Flattened JSON-LD with the prefixes as context; typed literals keep their datatype."""
    nodes = []
    for subject, pairs in graph.triples():
        node: dict[str, object] = {"@id": subject}
        for predicate, obj in pairs:
            if predicate == f"{RDF}type":
                node.setdefault("@type", []).append(_compact(obj))  # type: ignore[union-attr]
                continue
            if isinstance(obj, Lit):
                value: object = {"@value": obj.value, "@type": _compact(obj.datatype)} if obj.datatype else obj.value
            else:
                value = {"@id": obj}
            node.setdefault(_compact(predicate), []).append(value)  # type: ignore[union-attr]
        nodes.append(node)
    document = {"@context": dict(sorted(PREFIXES.items())), "@graph": nodes}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _compact(value: str) -> str:
    for prefix, base in _BY_LENGTH:
        if value.startswith(base) and len(value) > len(base):
            return f"{prefix}:{value[len(base):]}"
    return value


def to_rdflib(graph: KnowledgeGraph) -> rdflib.Graph:
    import rdflib

    result = rdflib.Graph()
    for prefix, base in PREFIXES.items():
        result.bind(prefix, base)
    result.parse(data=dump_ntriples(graph), format="nt")
    return result


class _TextExporter:
    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    def dump(self, graph: KnowledgeGraph) -> str:
        raise NotImplementedError

    def write(self, graph: KnowledgeGraph, handle: BinaryIO) -> None:
        handle.write(self.dump(graph).encode("utf-8", "surrogatepass"))


class TurtleExporter(_TextExporter):
    name = "turtle"
    suffixes = (".ttl",)
    dump = staticmethod(dump_turtle)


class NTriplesExporter(_TextExporter):
    name = "ntriples"
    suffixes = (".nt",)
    dump = staticmethod(dump_ntriples)


class JsonLdExporter(_TextExporter):
    name = "jsonld"
    suffixes = (".jsonld",)
    dump = staticmethod(dump_jsonld)
