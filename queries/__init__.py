"""Named queries shipped with graphkit: SPARQL (``*.rq``) and Cypher (``*.cypher``) files.

Each file starts with a comment block: one line of purpose, then one ``@param name: value``
line per parameter, whose value is pre-bound in the query (``VALUES``/``BIND``) so the file
runs as is. ``load("lineage")`` returns a query's text; ``names()`` lists what is shipped.
"""

from __future__ import annotations

from importlib.resources import files


def names(suffix: str = ".rq") -> list[str]:
    """Stems of the shipped queries with this suffix, sorted."""
    return sorted(p.name[: -len(suffix)] for p in files(__name__).iterdir() if p.name.endswith(suffix))


def load(name: str, suffix: str = ".rq") -> str:
    """The text of a shipped query, by stem (``lineage``) or file name (``lineage.rq``)."""
    filename = name if name.endswith((".rq", ".cypher")) else name + suffix
    resource = files(__name__).joinpath(filename)
    if "/" in filename or not resource.is_file():
        raise KeyError(f"no shipped query {filename!r}; shipped: {', '.join(names(suffix)) or 'none'}")
    return resource.read_text(encoding="utf-8")
