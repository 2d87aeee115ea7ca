"""``graphkit export sparql``: push the graph to a SPARQL server (Graph Store Protocol or Update)."""

from __future__ import annotations

import re

import click

from graphkit.errors import GraphkitError

_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$')


@click.command("sparql")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL (Oxigraph: http://HOST:7878/store) or, with --protocol update, "
                   "the SPARQL Update URL (http://HOST:7878/update).")
@click.option("--graph-iri", "graph_iri", default=None, metavar="IRI",
              help="Named graph to write (default: the server's default graph).")
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default=None,
              help="gsp: PUT/POST N-Triples; update: DROP + INSERT DATA. Default: update if the URL ends in "
                   "/update, else gsp.")
@click.option("--append", is_flag=True, help="Add to the target graph instead of replacing it.")
@click.option("--batch-size", type=click.IntRange(min=1), default=50_000, show_default=True, metavar="N",
              help="Triples per request.")
@click.option("--graph", "graph_path", default=None, metavar="FILE",
              help="Push this graph file (.ttl .nt .jsonld) instead of the last build's.")
@click.option("--state", "state", default=None, metavar="DIR", help="State directory of a build (default: .graphkit).")
@click.option("--store", "store", default=None, metavar="DIR", help="Embedded store (default: STATE/store).")
def sparql(endpoint: str, graph_iri: str | None, protocol: str | None, append: bool, batch_size: int,
           graph_path: str | None, state: str | None, store: str | None) -> None:
    """Push the graph to a SPARQL endpoint, replacing the target graph unless --append.

    \b
    Examples:
      graphkit export sparql --endpoint http://localhost:7878/store
      graphkit export sparql --endpoint http://localhost:7878/store --graph-iri https://example.org/kg
      graphkit export sparql --endpoint http://localhost:3030/ds/update --graph-iri https://example.org/kg
    """
    from graphkit.exporters.sparql import batches, push_gsp, push_update
    from graphkit.store import open_store

    if not endpoint.startswith(("http://", "https://")):
        raise click.BadParameter(f"{endpoint!r} is not an http(s) URL", param_hint="--endpoint")
    if graph_iri is not None and not _IRI.match(graph_iri):
        raise click.BadParameter(f"{graph_iri!r} is not an absolute IRI", param_hint="--graph-iri")
    protocol = protocol or ("update" if endpoint.rstrip("/").endswith("/update") else "gsp")
    push = push_update if protocol == "update" else push_gsp
    try:
        source = open_store(graph_path, state, store)
        result = push(batches(source, batch_size), endpoint, graph_iri, replace=not append)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(f"pushed {result.triples} triples in {result.batches} requests to {target} at {endpoint} ({protocol})")
