"""Access to the data shipped inside the package (ontology, vocabularies, queries)."""

from __future__ import annotations

import csv
import io
from importlib.resources import files


def read_text(package: str, name: str) -> str:
    return files(package).joinpath(name).read_text(encoding="utf-8")


def read_csv(name: str, package: str = "graphkit.ontology.vocab") -> list[dict[str, str]]:
    """Rows of a vocabulary CSV as dicts (missing files read as empty)."""
    resource = files(package).joinpath(name)
    if not resource.is_file():
        return []
    return list(csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"), newline="")))


def split_list(cell: str | None) -> list[str]:
    """A ``|``-separated cell as a list of stripped, non-empty values."""
    return [part.strip() for part in (cell or "").split("|") if part.strip()]
