"""Access to the data shipped inside the package (ontology, vocabularies, queries)."""

from __future__ import annotations

import csv
import hashlib
import io
from importlib.resources import files
from pathlib import Path


def read_text(package: str, name: str) -> str:
    return files(package).joinpath(name).read_text(encoding="utf-8")


def read_csv(name: str, package: str = "graphkit.ontology.vocab") -> list[dict[str, str]]:
    """Rows of a vocabulary CSV as dicts (missing files read as empty)."""
    resource = files(package).joinpath(name)
    if not resource.is_file():
        return []
    return list(csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"), newline="")))


def code_digest(*names: str) -> bytes:
    """A digest of graphkit's own modules (paths under ``graphkit/``): what is built or written by
    that code is keyed by it, so changed code never reuses it, even without a new version number."""
    here = Path(__file__).parent
    return hashlib.blake2b(b"\0".join((here / name).read_bytes() for name in names), digest_size=16).digest()


def split_list(cell: str | None) -> list[str]:
    """A ``|``-separated cell as a list of stripped, non-empty values."""
    return [part.strip() for part in (cell or "").split("|") if part.strip()]
