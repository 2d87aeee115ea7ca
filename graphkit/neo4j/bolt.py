"""Write a KnowledgeGraph to a Bolt server (Neo4j 5, or ArcadeDB's Bolt plugin in tests).

The writer takes a ``neo4j.Driver`` (not a URI), so callers own connection settings and tests
can aim it at any server. Uniqueness constraints come first; then every label's nodes and every
type's relationships go in ``UNWIND $rows AS row MERGE ...`` batches, each in a managed write
transaction (``execute_write`` retries transient errors). MERGE on ``iri`` makes the export
idempotent: exporting twice gives the same graph, and a larger build on top of a smaller one
only adds what is new. All values travel as parameters; the only identifiers in the Cypher text
are labels and types from ``mapping``'s code tables.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphkit.errors import GraphkitError
from graphkit.graph import KnowledgeGraph
from graphkit.neo4j.mapping import LABELS, RELATIONSHIP_TYPES, NodeRow, PropertyGraph, RelRow, to_property_graph

if TYPE_CHECKING:
    import neo4j

DEFAULT_BATCH_SIZE = 1000
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def constraint_statements() -> list[str]:
    """One ``CREATE CONSTRAINT ... IF NOT EXISTS`` per label: a unique ``iri`` (Neo4j 4.4+, 5.x)."""
    return [f"CREATE CONSTRAINT {label.lower()}_iri IF NOT EXISTS FOR (n:{label}) REQUIRE n.iri IS UNIQUE"
            for label in LABELS.values()]


def node_statement(label: str) -> str:
    """MERGE a batch of nodes of one label on ``iri`` and set their properties."""
    _check(label in LABELS.values(), label)
    return f"UNWIND $rows AS row MERGE (n:{label} {{iri: row.iri}}) SET n += row.props"


def relationship_statement(rel: str) -> str:
    """MERGE a batch of relationships of one type between nodes matched by ``iri``."""
    _check(rel in RELATIONSHIP_TYPES, rel)
    start, end = RELATIONSHIP_TYPES[rel]
    return (f"UNWIND $rows AS row MATCH (s:{start} {{iri: row.start}}) MATCH (e:{end} {{iri: row.end}}) "
            f"MERGE (s)-[r:{rel}]->(e) SET r += row.props")


@dataclass
class ExportSummary:
    """What an export did: created counts from the server, rows sent, seconds."""

    nodes_created: int = 0
    relationships_created: int = 0
    nodes_sent: int = 0
    relationships_sent: int = 0
    properties_set: int = 0
    seconds: float = 0.0
    relationship_seconds: float = 0.0
    per_label: dict[str, int] = field(default_factory=dict)
    per_type: dict[str, int] = field(default_factory=dict)

    @property
    def nodes_updated(self) -> int:
        return self.nodes_sent - self.nodes_created

    @property
    def relationships_updated(self) -> int:
        return self.relationships_sent - self.relationships_created

    def line(self) -> str:
        rate = self.relationships_sent / self.seconds if self.seconds else 0.0
        return (f"nodes: {self.nodes_created} created, {self.nodes_updated} updated; "
                f"relationships: {self.relationships_created} created, {self.relationships_updated} updated; "
                f"{self.seconds:.1f} s ({rate:,.0f} relationships/s)")

    def as_dict(self) -> dict[str, Any]:
        return {"nodes_created": self.nodes_created, "nodes_updated": self.nodes_updated,
                "relationships_created": self.relationships_created,
                "relationships_updated": self.relationships_updated, "seconds": round(self.seconds, 3),
                "nodes": self.per_label, "relationships": self.per_type}


class Neo4jWriter:
    """Send a KnowledgeGraph to a Bolt server through a driver the caller owns."""

    def __init__(self, driver: neo4j.Driver, database: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, progress: bool | None = None) -> None:
        if batch_size < 1:
            raise GraphkitError("--batch-size must be at least 1")
        self.driver, self.database, self.batch_size = driver, database, batch_size
        self.progress = sys.stderr.isatty() if progress is None else progress

    def write(self, graph: KnowledgeGraph | PropertyGraph) -> ExportSummary:
        """Constraints, then nodes per label, then relationships per type; returns the summary."""
        pg = graph if isinstance(graph, PropertyGraph) else to_property_graph(graph)
        summary = ExportSummary()
        began = time.perf_counter()
        with self.driver.session(database=self.database) as session:
            for statement in constraint_statements():
                session.run(statement).consume()
            with _progress(pg.node_count() + pg.relationship_count(), self.progress) as advance:
                for label, rows in pg.nodes.items():
                    created = self._send(session, node_statement(label), [_node_param(r) for r in rows],
                                         summary, advance)
                    summary.nodes_created += created
                    summary.nodes_sent += len(rows)
                    summary.per_label[label] = len(rows)
                rel_began = time.perf_counter()
                for rel, rels in pg.relationships.items():
                    created = self._send(session, relationship_statement(rel), [_rel_param(r) for r in rels],
                                         summary, advance)
                    summary.relationships_created += created
                    summary.relationships_sent += len(rels)
                    summary.per_type[rel] = len(rels)
                summary.relationship_seconds = time.perf_counter() - rel_began
        summary.seconds = time.perf_counter() - began
        return summary

    def _send(self, session: neo4j.Session, statement: str, rows: list[dict[str, Any]],
              summary: ExportSummary, advance: Callable[[int], None]) -> int:
        created = 0
        for batch in _batches(rows, self.batch_size):
            counters = session.execute_write(_run_batch, statement, batch)
            created += counters.nodes_created + counters.relationships_created
            summary.properties_set += counters.properties_set
            advance(len(batch))
        return created


def export(graph: KnowledgeGraph, uri: str, user: str | None, password: str | None,
           database: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
           progress: bool | None = None) -> ExportSummary:
    """Open a driver for ``uri``, write the graph, close the driver (the Python API of the CLI)."""
    with connect(uri, user, password, database) as driver:
        try:
            return Neo4jWriter(driver, database, batch_size, progress).write(graph)
        except Exception as exc:  # noqa: BLE001 - any driver failure becomes one line
            raise connection_error(uri, exc) from None


def connect(uri: str, user: str | None, password: str | None, database: str | None = None) -> neo4j.Driver:
    """A verified driver, or a one-line GraphkitError naming the URI and the reason."""
    import neo4j

    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme not in BOLT_SCHEMES:
        raise GraphkitError(f"{uri}: not a Bolt URI; expected bolt://HOST:PORT or neo4j://HOST:PORT "
                            f"(schemes: {', '.join(BOLT_SCHEMES)})")
    auth = (user, password or "") if user else None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=10,
                                            max_transaction_retry_time=30)
    except Exception as exc:  # noqa: BLE001 - bad scheme, bad host syntax...
        raise connection_error(uri, exc) from None
    try:
        driver.verify_connectivity()
        if database:
            with driver.session(database=database) as session:
                session.run("RETURN 1").consume()
    except Exception as exc:  # noqa: BLE001
        driver.close()
        raise connection_error(uri, exc) from None
    return driver


def connection_error(uri: str, exc: BaseException) -> GraphkitError:
    """Turn a driver exception into one readable line."""
    import neo4j.exceptions as nx

    if isinstance(exc, GraphkitError):
        return exc
    if isinstance(exc, nx.AuthError):
        reason = "authentication failed (check --user and --password)"
    elif isinstance(exc, nx.ServiceUnavailable):
        reason = "cannot connect (is the server running and the port right?)"
    elif isinstance(exc, nx.ConfigurationError | ValueError):
        reason = f"bad URI ({_first_line(exc)}); expected bolt://HOST:PORT or neo4j://HOST:PORT"
    else:
        reason = _first_line(exc)
    return GraphkitError(f"{uri}: {reason}")


def _first_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(message).strip().splitlines()[0][:200]


def _run_batch(tx: neo4j.ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> Any:
    return tx.run(statement, rows=rows).consume().counters


def _node_param(row: NodeRow) -> dict[str, Any]:
    return {"iri": row.iri, "props": row.props}


def _rel_param(row: RelRow) -> dict[str, Any]:
    return {"start": row.start, "end": row.end, "props": row.props}


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield list(rows[i:i + size])


class _progress:
    """A tqdm bar on stderr when wanted; a no-op counter otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.bar: Any = None

    def __enter__(self) -> Callable[[int], None]:
        if self.enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="row", desc="neo4j", file=sys.stderr, leave=False)
            return self.bar.update
        return lambda n: None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _check(ok: bool, name: str) -> None:
    if not ok:
        raise ValueError(f"not a graphkit label or relationship type: {name!r}")
