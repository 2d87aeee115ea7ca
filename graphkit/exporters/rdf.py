"""RDF exports written as text (Turtle, N-Triples, JSON-LD) from the graph's sorted triples.

Building one Python RDF object per triple is the slow part of a build, so the hot path
formats text directly; tests parse every output back with rdflib and pyoxigraph.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from graphkit.graph import Evidence, Lit, Node, Obj
from graphkit.namespace import GK, ID, KINDS, PREFIXES, RDF, RDFS, SKOS, XSD

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


def _iri(value: str) -> str:
    if value.startswith(ID):
        return f"<{value}>"  # minted by graphkit.ids, always IRI-safe
    return "<" + value.translate(_IRI_ESCAPES) + ">"


def _literal(lit: Lit) -> str:
    text = '"' + _escape(lit.value) + '"'
    if lit.datatype:
        return f"{text}^^<{lit.datatype}>"
    return text


_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]')
_SURROGATE = re.compile("[\ud800-\udfff]")


def _plain(value: str) -> bool:
    """True when a literal needs no escaping: the common case, checked with fast C string tests."""
    return value.isprintable() and '"' not in value and "\\" not in value


def _escape(value: str) -> str:
    if _plain(value) or not _NEEDS_ESCAPE.search(value):
        return value
    value = value.translate(_ESCAPES)
    # Lone surrogates cannot be written as UTF-8; escape them like control characters.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04X}", value)


def _ttl_name(value: str) -> str:
    if value.startswith(ID):
        return f"<{value}>"
    return _prefixed(value)


@lru_cache(maxsize=4096)
def _prefixed(value: str) -> str:
    for prefix, base in _BY_LENGTH:
        if value.startswith(base):
            local = value[len(base):]
            if local and set(local) <= _PN_LOCAL_OK and not local[0].isdigit():
                return f"{prefix}:{local}"
    return _iri(value)


_XSD_INTEGER = f"{XSD}integer"


def _ttl_object(obj: Obj) -> str:
    if obj.__class__ is str:
        return _ttl_name(obj)  # type: ignore[arg-type]
    value, datatype = obj.value, obj.datatype  # type: ignore[union-attr]
    if not _plain(value):
        value = _escape(value)
    if datatype is None:
        return f'"{value}"'
    if datatype == _XSD_INTEGER and value.lstrip("-").isdigit():
        return value
    return f'"{value}"^^{_ttl_name(datatype)}'


@lru_cache(maxsize=1024)
def _predicate_key(predicate: str) -> tuple[str, str]:
    if predicate == _TYPE:
        return "0", "a"
    if predicate == f"{RDFS}label":
        return "1", "rdfs:label"
    return "2" + predicate, _ttl_name(predicate)


def iter_turtle(graph: KnowledgeGraph, part: str = "all", header: bool = True) -> Iterator[str]:
    """Turtle text in pieces, one layout whatever built the graph (in memory or streamed).

    First each loaded paper with its author list and its evidence, papers in the order their
    first record came (papers merged from several records after the others), each paper's
    blocks in IRI order; then every other subject (entities, authors, cited-only papers,
    curated evidence) in IRI order. ``part`` ("papers" or "entities") writes one half only;
    ``header=False`` leaves out the prefixes. Author, author-list and evidence blocks use
    fixed templates; other subjects have their predicates and objects sorted: byte-stable.
    """
    extra: dict[str, dict[str, set[Obj]]] = {}
    for subject, predicate, obj in graph.edges:
        extra.setdefault(subject, {}).setdefault(_gk(predicate), set()).add(obj)
    for child, parent in graph.broader:
        extra.setdefault(child, {}).setdefault(_BROADER, set()).add(parent)
    loaded = set(graph.papers)
    owned: dict[str, list[tuple[str, str]]] = {}
    loose: list[tuple[str, str]] = []
    for subject, predicate, obj, ev in graph.evidence_items():
        owner = ev.paper or (subject if subject in loaded else None)
        block = (ev.iri, _evidence_block(subject, predicate, obj, ev) + "\n\n")
        if owner in loaded:
            owned.setdefault(owner, []).append(block)  # type: ignore[arg-type]
        else:
            loose.append(block)
    if header:
        yield turtle_header()
    if part in ("all", "papers"):
        merged = graph.identities.merged
        order = [iri for iri in graph.papers if iri not in merged] + [iri for iri in graph.papers if iri in merged]
        for iri in order:
            blocks = owned.get(iri, [])
            for own in (iri, f"{iri}/authors"):
                node = graph.nodes.get(own)
                if node is not None:
                    blocks.append((own, _node_block(own, node, extra.get(own))))
            blocks.sort()
            yield "".join(block for _, block in blocks)
    if part in ("all", "entities"):
        blocks = loose
        for iri, node in graph.nodes.items():
            if iri in loaded or (node.kind == "seq" and iri.endswith("/authors") and iri[:-8] in loaded):
                continue
            blocks.append((iri, _node_block(iri, node, extra.get(iri))))
        blocks.sort()
        for _, block in blocks:
            yield block


def _node_block(iri: str, node: Node, more: dict[str, set[Obj]] | None) -> str:
    kind = node.kind
    if kind == "author" and not more and not node.alt_labels and not node.props:
        return f'<{iri}>\n    a gk:Author ;\n    rdfs:label "{_escape(node.name)}" .\n\n'
    if kind == "seq" and not more and all(p == _TYPE or p.startswith(_MEMBER) for p in node.props):
        members = sorted((int(p[_MEMBER_AT:]), o) for p, objs in node.props.items() if p != _TYPE for o in objs)
        body = "".join(f" ;\n    rdf:_{n} {_ttl_name(o)}" for n, o in members)  # type: ignore[arg-type]
        return f"<{iri}>\n    a rdf:Seq{body} .\n\n"
    groups: dict[str, set[Obj]] = dict(node.props)
    if kind != "seq":
        groups[_TYPE] = {_CLASS_IRIS[kind]} | groups.get(_TYPE, set())
        groups[_LABEL] = {Lit(node.name)}
        alts = {Lit(a) for a in node.alt_labels if a != node.name}
        if alts:
            groups[_ALT] = alts | groups.get(_ALT, set())
    if more:
        for p, values in more.items():
            known = groups.get(p)
            groups[p] = known | values if known else values
    keys = [(_predicate_key(predicate), predicate) for predicate in groups]
    keys.sort()
    parts = []
    for (_, name), predicate in keys:
        values = groups[predicate]
        if len(values) == 1:
            (single,) = values
            parts.append(f"    {name} {_ttl_object(single)}")
        else:
            parts.append(f"    {name} " + " ,\n        ".join(sorted(map(_ttl_object, values))))
    return _iri(iri) + "\n" + " ;\n".join(parts) + " .\n\n"


def turtle_header() -> str:
    return "".join(f"@prefix {p}: <{base}> .\n" for p, base in sorted(PREFIXES.items())) + "\n"


_BROADER = f"{SKOS}broader"
_ALT = f"{SKOS}altLabel"
_MEMBER = f"{RDF}_"
_MEMBER_AT = len(_MEMBER)
_CLASS_IRIS = {kind: f"{GK}{name}" for kind, name in KINDS.items()}
_LABEL = f"{RDFS}label"


@lru_cache(maxsize=256)
def _gk(local: str) -> str:
    return f"{GK}{local}"


def dump_turtle(graph: KnowledgeGraph) -> str:
    return "".join(iter_turtle(graph)).rstrip("\n") + "\n"


def _evidence_block(subject: str, predicate: str, obj: str, ev: Evidence) -> str:
    # Predicates in IRI order after rdf:type, like every other block.
    source = f' ;\n    dcterms:source "{_escape(ev.source)}"' if ev.source else ""
    if ev.paper:
        return (
            f"{_iri(ev.iri)}\n    a gk:Evidence{source} ;\n    gk:confidence {ev.confidence:.2f} ;\n"
            f"    gk:end {ev.end} ;\n    gk:field \"{ev.field}\" ;\n    gk:method \"{_escape(ev.method)}\" ;\n"
            f"    gk:paper {_iri(ev.paper)} ;\n    gk:quote \"{_escape(ev.quote or '')}\" ;\n    gk:start {ev.start} ;\n"
            f"    rdf:object {_ttl_name(obj)} ;\n    rdf:predicate gk:{predicate} ;\n    rdf:subject {_iri(subject)} ."
        )
    return (
        f"{_iri(ev.iri)}\n    a gk:Evidence{source} ;\n    gk:confidence {ev.confidence:.2f} ;\n"
        f"    gk:method \"{_escape(ev.method)}\" ;\n"
        f"    rdf:object {_ttl_name(obj)} ;\n    rdf:predicate gk:{predicate} ;\n    rdf:subject {_iri(subject)} ."
    )


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
        handle.write(utf8(self.dump(graph)))


class TurtleExporter(_TextExporter):
    name = "turtle"
    suffixes = (".ttl",)
    dump = staticmethod(dump_turtle)

    def write(self, graph: KnowledgeGraph, handle: BinaryIO) -> None:
        write_pieces(handle, iter_turtle(graph))


def write_pieces(handle: BinaryIO, pieces: Iterable[str | bytes], batch: int = 4096) -> None:
    """Write text pieces (or pieces already encoded) as UTF-8 in batches, the file ending in
    exactly one newline.

    Each piece is encoded on its own: joining first would widen every piece to the widest
    character among them (one emoji makes a batch 4 bytes per character), 3x slower.
    """
    pending: list[bytes] = []
    for piece in pieces:
        if len(pending) >= batch:
            handle.write(b"".join(pending))
            pending.clear()
        pending.append(piece if piece.__class__ is bytes else utf8(piece))  # type: ignore[arg-type]
    pending.append((pending.pop() if pending else b"").rstrip(b"\n") + b"\n")
    handle.write(b"".join(pending))


def utf8(text: str) -> bytes:
    """Text as written to files: UTF-8, lone surrogates kept (they are escaped in literals)."""
    return text.encode("utf-8", "surrogatepass")


class NTriplesExporter(_TextExporter):
    name = "ntriples"
    suffixes = (".nt",)
    dump = staticmethod(dump_ntriples)


class JsonLdExporter(_TextExporter):
    name = "jsonld"
    suffixes = (".jsonld",)
    dump = staticmethod(dump_jsonld)
