"""Push a graph to a SPARQL server, by the Graph Store Protocol or SPARQL Update, in batches.

Why: the same lineage and gap questions must be answerable on any endpoint (Oxigraph,
Fuseki, Virtuoso, GraphDB). The Graph Store Protocol (``PUT``/``POST`` N-Triples to
``.../store?graph=IRI``) is the cheapest for the server; SPARQL Update (``INSERT DATA``)
works where only an update endpoint is open. Batches keep each request bounded; the first
one replaces the target graph unless appending was asked for.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphkit.errors import GraphkitError

if TYPE_CHECKING:
    import pyoxigraph

NTRIPLES = "application/n-triples"
SPARQL_UPDATE = "application/sparql-update"


@dataclass(frozen=True, slots=True)
class PushResult:
    triples: int
    batches: int


def batches(store: pyoxigraph.Store, size: int) -> Iterator[tuple[int, bytes]]:
    """The store's default-graph triples as N-Triples chunks of at most ``size`` triples."""
    import pyoxigraph

    chunk: list[pyoxigraph.Triple] = []
    for quad in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()):
        chunk.append(pyoxigraph.Triple(quad.subject, quad.predicate, quad.object))
        if len(chunk) >= size:
            yield len(chunk), pyoxigraph.serialize(chunk, format=pyoxigraph.RdfFormat.N_TRIPLES)
            chunk = []
    if chunk:
        yield len(chunk), pyoxigraph.serialize(chunk, format=pyoxigraph.RdfFormat.N_TRIPLES)


def _send(method: str, url: str, body: bytes, content_type: str, timeout: float) -> None:
    from graphkit import __version__

    request = urllib.request.Request(url, data=body, method=method, headers={
        "Content-Type": content_type, "User-Agent": f"graphkit/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        raise GraphkitError(f"{url}: {method} refused with HTTP {exc.code} {exc.reason}: {detail}"[:300]) from None
    except (urllib.error.URLError, OSError) as exc:
        host = urllib.parse.urlsplit(url).netloc or url
        reason = getattr(exc, "reason", exc)
        raise GraphkitError(f"cannot reach {host} ({reason})") from None


def graph_term(graph_iri: str) -> str:
    """``<IRI>`` as pyoxigraph writes it, after pyoxigraph has checked it is an IRI.

    The graph IRI is the one caller-given string that goes into a SPARQL Update request, so it is
    checked and written by the RDF library; the triples are pyoxigraph's own N-Triples. No user
    text is ever quoted or escaped by hand.
    """
    import pyoxigraph

    try:
        return str(pyoxigraph.NamedNode(graph_iri))
    except ValueError as exc:
        raise GraphkitError(f"{graph_iri!r} is not an absolute IRI ({exc})") from None


def gsp_url(endpoint: str, graph_iri: str | None) -> str:
    """The Graph Store Protocol URL of the target graph (``?graph=IRI`` or ``?default``)."""
    if graph_iri:
        graph_term(graph_iri)  # a bad IRI fails here, in one line, before any request
    query = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def push_gsp(chunks: Iterable[tuple[int, bytes]], endpoint: str, graph_iri: str | None = None,
             replace: bool = True, timeout: float = 60.0) -> PushResult:
    """PUT the first batch (replacing the graph) and POST the rest; ``replace=False`` POSTs all."""
    url = gsp_url(endpoint, graph_iri)
    triples = sent = 0
    for count, body in chunks:
        _send("PUT" if replace and sent == 0 else "POST", url, body, NTRIPLES, timeout)
        triples += count
        sent += 1
    if sent == 0 and replace:
        _send("PUT", url, b"", NTRIPLES, timeout)
    return PushResult(triples, sent)


def push_update(chunks: Iterable[tuple[int, bytes]], endpoint: str, graph_iri: str | None = None,
                replace: bool = True, timeout: float = 60.0) -> PushResult:
    """``DROP SILENT`` the target graph, then one ``INSERT DATA`` request per batch."""
    graph = graph_term(graph_iri) if graph_iri else None
    target = f"GRAPH {graph}" if graph else "DEFAULT"
    if replace:
        _send("POST", endpoint, f"DROP SILENT {target}".encode(), SPARQL_UPDATE, timeout)
    triples = sent = 0
    for count, body in chunks:
        data = body.decode("utf-8")
        if graph:
            data = f"GRAPH {graph} {{\n{data}}}"
        _send("POST", endpoint, f"INSERT DATA {{\n{data}\n}}".encode(), SPARQL_UPDATE, timeout)
        triples += count
        sent += 1
    return PushResult(triples, sent)
