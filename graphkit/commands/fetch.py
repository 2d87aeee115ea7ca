"""``graphkit fetch``: search a paper source and write JSON Lines records that ``build`` reads."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.errors import GraphkitError

_SOURCES = ("arxiv", "openalex", "semanticscholar", "crossref", "hf-papers")


@click.command()
@click.argument("source", type=click.Choice(_SOURCES))
@click.argument("query")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="JSON Lines file to write (replaced only when the fetch succeeds).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1), help="Number of papers to write.")
@click.option("--mailto", default=None, metavar="EMAIL",
              help="Contact address for the User-Agent (and OpenAlex/Crossref's polite pool).")
@click.option("--base-url", default=None, metavar="URL",
              help="API root of a mirror or test server (default: GRAPHKIT_<SOURCE>_BASE_URL, else the public API).")
@click.option("--no-cache", is_flag=True, help="Neither read nor fill the on-disk HTTP cache.")
def fetch(source: str, query: str, output: Path, limit: int, mailto: str | None, base_url: str | None,
          no_cache: bool) -> None:
    """Search SOURCE for QUERY and write the papers found to a JSON Lines file.

    QUERY goes verbatim into the source's search parameter (arXiv `search_query`, e.g.
    `cat:cs.CL AND abs:wav2vec`). Answers are cached in the user cache directory, so a
    repeated fetch makes no request.

    \b
    Examples:
      graphkit fetch arxiv 'all:"speech translation"' -o papers.jsonl --limit 50
      graphkit fetch openalex 'low-resource ASR' -o oa.jsonl --mailto me@example.org
      graphkit build papers.jsonl oa.jsonl -o graph.ttl
    """
    from graphkit.fetch import fetch as run_fetch

    try:
        count = run_fetch(source, query, output, limit=limit, mailto=mailto, base_url=base_url,
                          use_cache=not no_cache, on_issue=lambda issue: click.echo(str(issue), err=True))
    except GraphkitError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {count} papers from {source} to {output}")
