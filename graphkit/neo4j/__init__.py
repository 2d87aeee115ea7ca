"""Neo4j export: the property-graph mapping (CONTRACT §4), a Bolt writer, bulk-import CSV files
and a runner for the shipped Cypher queries. The ``neo4j`` driver is imported only when a
function that talks to a server is called."""

from __future__ import annotations

from graphkit.neo4j.mapping import LABELS, RELATIONSHIP_TYPES, PropertyGraph, to_property_graph

__all__ = ["LABELS", "RELATIONSHIP_TYPES", "PropertyGraph", "to_property_graph", "export", "write_import_files",
           "run_cypher", "Neo4jWriter"]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """Lazy access to the parts that import the driver (PEP 562)."""
    if name in ("export", "Neo4jWriter", "connect"):
        from graphkit.neo4j import bolt

        return getattr(bolt, name)
    if name == "write_import_files":
        from graphkit.neo4j.csv import write_import_files

        return write_import_files
    if name == "run_cypher":
        from graphkit.neo4j.queries import run_cypher

        return run_cypher
    raise AttributeError(name)
