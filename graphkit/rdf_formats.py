"""The RDF files graphkit reads, by suffix: one table for pyoxigraph (media type) and rdflib (format name).

Used by ``graphkit.readers`` (``--graph FILE``), ``graphkit.store`` (store loads) and
``graphkit.validate`` (SHACL), so the three accept the same files.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from graphkit.errors import GraphkitError


class RdfFormat(NamedTuple):
    media_type: str  # for pyoxigraph.RdfFormat.from_media_type
    rdflib: str  # the ``format=`` name rdflib's parser takes


FORMATS = {
    ".ttl": RdfFormat("text/turtle", "turtle"),
    ".nt": RdfFormat("application/n-triples", "nt"),
    ".jsonld": RdfFormat("application/ld+json", "json-ld"),
    ".nq": RdfFormat("application/n-quads", "nquads"),
    ".trig": RdfFormat("application/trig", "trig"),
}


def rdf_format(path: Path) -> RdfFormat | None:
    """The format of an RDF file by its suffix (case-insensitive), or None when it is not one graphkit reads."""
    return FORMATS.get(path.suffix.lower())


def required_format(path: Path, cannot: str) -> RdfFormat:
    """The format of ``path``, or a one-line error: "PATH: cannot <cannot> (use .ttl, .nt or .jsonld)",
    where ``cannot`` holds ``{suffix}`` for the file's suffix."""
    fmt = rdf_format(path)
    if fmt is None:
        raise GraphkitError(f"{path}: cannot {cannot.format(suffix=repr(path.suffix))} (use .ttl, .nt or .jsonld)")
    return fmt
