"""``graphkit build``: inputs to a graph, written to files and to the state directory."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.errors import GraphkitError
from graphkit.models import Limits


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file; the suffix picks the format (.ttl .nt .jsonld .graphml .json). Repeatable.")
@click.option("--format", "fmt", default=None,
              help="Force a loader (plaintext, jsonl, csv, arxiv, openalex, semanticscholar, crossref, "
                   "hf-papers, bibtex, lineage) instead of detecting it.")
@click.option("--state", "state", default=None, metavar="DIR", help="State directory (default: .graphkit).")
@click.option("--store", "store", default=None, metavar="DIR",
              help="Embedded SPARQL store to fill (default: STATE/store).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction (with --stream: extraction and rendering) runs; the graph is "
                   "byte-identical either way.")
@click.option("-j", "--workers", type=int, default=1, show_default=True,
              help="Extraction processes for the local engine.")
@click.option("--scheduler", default=None, metavar="ADDR",
              help="Dask scheduler address (default: a LocalCluster started for this build).")
@click.option("--max-record-bytes", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Skip (and report) records larger than this.")
@click.option("--max-abstract-chars", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Skip (and report) records whose abstract is longer than this.")
@click.option("--no-cache", is_flag=True, help="Re-extract every record instead of reusing earlier extractions.")
@click.option("--stream", is_flag=True,
              help="Bounded memory for large corpora: write papers as they are extracted (Turtle outputs only; "
                   "extractions cached on disk). Same graph; papers in input order, then entities.")
@click.option("--no-store", is_flag=True,
              help="Skip filling the embedded store (its bulk load takes longer than the build itself at "
                   "10^6 papers) and remove an older one; queries then read the snapshot into memory.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no summary.")
def build(inputs: tuple[str, ...], outputs: tuple[Path, ...], fmt: str | None, state: str | None,
          store: str | None, engine: str, workers: int, scheduler: str | None, max_record_bytes: int,
          max_abstract_chars: int, no_cache: bool, stream: bool, no_store: bool, quiet: bool) -> None:
    """Build a graph from paper listings and write it.

    The graph is also saved in the state directory, so `graphkit lineage` and the other
    commands use it without rebuilding. A rebuild re-extracts only records it has not
    seen; with nothing new it rewrites nothing and says so.

    \b
    Examples:
      graphkit build examples/hf_daily_papers.txt -o graph.ttl
      graphkit build papers.jsonl more.csv -o graph.ttl -o graph.graphml
      graphkit build corpus/*.jsonl -j 2 -o graph.ttl
      graphkit build arxiv-cs-cl/*.jsonl --stream -j 2 -o graph.ttl
      graphkit build arxiv-cs-cl/*.jsonl --stream -j 2 --no-store -o graph.ttl
      graphkit build corpus/*.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 -o graph.ttl
      graphkit build all-of-arxiv/*.jsonl --stream --engine dask --scheduler tcp://10.0.0.5:8786 -o graph.ttl
    """
    from graphkit.curation import CURATION_FILE, apply_curation, load_decisions
    from graphkit.incremental import ExtractionCache, Manifest, extractor_fingerprint
    from graphkit.pipeline import build as run_build
    from graphkit.state import SNAPSHOT, save, state_dir
    from graphkit.store import store_path, sync
    from graphkit.summary import lineage_summary, summary_line
    from graphkit.vocab import load_vocabulary

    directory = state_dir(state)
    if stream:
        _stream(inputs, outputs, fmt, state, store, workers,
                Limits(max_record_bytes=max_record_bytes, max_abstract_chars=max_abstract_chars), no_cache,
                not no_store, quiet, engine, scheduler)
        return
    try:
        cache = None if no_cache else ExtractionCache.open(directory, extractor_fingerprint(load_vocabulary().fingerprint))
        limits = Limits(max_record_bytes=max_record_bytes, max_abstract_chars=max_abstract_chars)
        graph = run_build(inputs, fmt=fmt, engine=engine, workers=workers, scheduler=scheduler, cache=cache,
                          limits=limits)
        if graph.stats.records == 0:
            raise GraphkitError("nothing usable was read from " + ", ".join(inputs))
        manifest = Manifest.for_build(graph.stats.input_digest, directory / CURATION_FILE)
        targets = [*outputs, directory / SNAPSHOT]
        if cache is not None and manifest.unchanged(directory, targets):
            sync(directory / SNAPSHOT, store_path(state, store), not no_store, changed=False)
            if not quiet:
                click.echo(f"nothing new: {graph.stats.records} records unchanged, "
                           f"{len(targets)} outputs already up to date")
            return
        curated = apply_curation(graph, load_decisions(directory))
        for output in outputs:
            graph.write(output)
        stored = sync(save(graph, state, written=outputs), store_path(state, store), not no_store)
        if cache is not None:
            cache.save()
            manifest.record(directory, targets)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        click.echo(summary_line(graph) + "".join(f"\nwrote {o}" for o in outputs))
        _say_store(stored, store_path(state, store))
        if cache is not None and graph.stats.reused:
            click.echo(f"reused {graph.stats.reused} extractions, extracted {graph.stats.extracted} new records")
        if any(curated):
            click.echo(f"curation applied: {curated[0]} edges rejected, {curated[1]} accepted or added")
        text = lineage_summary(graph)
        if text:
            click.echo(text)


def _stream(inputs: tuple[str, ...], outputs: tuple[Path, ...], fmt: str | None, state: str | None,
            store: str | None, workers: int, limits: Limits, no_cache: bool, fill_store: bool, quiet: bool,
            engine: str = "local", scheduler: str | None = None) -> None:
    """``build --stream``: Turtle written as papers are extracted; the snapshot is the same Turtle.

    Unchanged input (same records, vocabulary and curation, outputs intact) is a no-op, as for
    any build; otherwise only records the on-disk extraction cache lacks are extracted.
    """
    from graphkit.curation import CURATION_FILE, load_decisions
    from graphkit.extraction_db import DB_FILE
    from graphkit.incremental import Manifest
    from graphkit.state import SNAPSHOT, drop_legacy_snapshot, state_dir
    from graphkit.store import store_path, sync
    from graphkit.stream import stream_build
    from graphkit.summary import lineage_summary, summary_line

    directory = state_dir(state)
    snapshot = directory / SNAPSHOT
    targets = [*outputs, snapshot]
    manifests: list[Manifest] = []

    def unchanged(digest: str) -> bool:
        manifests.append(Manifest.for_build(digest, directory / CURATION_FILE))
        return manifests[0].unchanged(directory, targets)

    try:
        result = stream_build(inputs, targets, fmt=fmt, workers=workers, limits=limits,
                              decisions=load_decisions(directory), unchanged=None if no_cache else unchanged,
                              cache=None if no_cache else directory / DB_FILE, engine=engine, scheduler=scheduler)
        if result.graph.stats.records == 0:
            raise GraphkitError("nothing usable was read from " + ", ".join(inputs))
        if result.unchanged:
            sync(snapshot, store_path(state, store), fill_store, changed=False)
            if not quiet:
                click.echo(f"nothing new: {result.graph.stats.records} records unchanged, "
                           f"{len(targets)} outputs already up to date")
            return
        drop_legacy_snapshot(state)
        stored = sync(snapshot, store_path(state, store), fill_store)
        if manifests:
            manifests[0].record(directory, targets)
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        click.echo(summary_line(result.graph) + "".join(f"\nwrote {o}" for o in outputs))
        _say_store(stored, store_path(state, store))
        if result.graph.stats.reused:
            click.echo(f"reused {result.graph.stats.reused} extractions, "
                       f"extracted {result.graph.stats.extracted} new records; "
                       f"{result.graph.stats.copied} papers' Turtle copied from the last build")
        if any(result.curated):
            click.echo(f"curation applied: {result.curated[0]} edges rejected, {result.curated[1]} accepted or added")
        text = lineage_summary(result.graph, introduced=result.introduced)
        if text:
            click.echo(text)


def _say_store(done: str, directory: Path) -> None:
    if done != "removed":
        click.echo(f"store {directory}: {done}")
