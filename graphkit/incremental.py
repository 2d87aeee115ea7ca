"""Incremental builds: reuse the extraction of records already seen, skip work when nothing changed.

Extractions are cached in the state directory keyed by a content hash of the record (its
IRI, title and abstract) and the fingerprint of the extractor (graphkit version and
vocabulary), so a changed vocabulary re-extracts everything it affects. A manifest of the
last build lets an unchanged rebuild say so and leave its outputs alone.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from graphkit import __version__
from graphkit.extract import Extraction
from graphkit.models import PaperRecord

CACHE_FILE = "extractions.pkl"
MANIFEST_FILE = "manifest.json"


def extractor_fingerprint(vocab_fingerprint: str) -> str:
    return hashlib.sha256(f"{__version__}\x1f{vocab_fingerprint}".encode()).hexdigest()[:16]


def record_key(record: PaperRecord, iri: str) -> str:
    data = "\x1f".join((iri, record.title, record.abstract))
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:24]


@dataclass
class ExtractionCache:
    """Extractions by record key, for one extractor fingerprint; loaded and saved as one file."""

    path: Path
    fingerprint: str
    entries: dict[str, Extraction] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    reused: int = 0
    extracted: int = 0

    @classmethod
    def open(cls, state: Path, fingerprint: str) -> ExtractionCache:
        path = state / CACHE_FILE
        cache = cls(path, fingerprint)
        if path.is_file():
            try:
                with open(path, "rb") as handle:
                    stored_fingerprint, entries = pickle.load(handle)
                if stored_fingerprint == fingerprint:
                    cache.entries = entries
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                pass  # an unreadable cache is rebuilt, never an error
        return cache

    def get(self, key: str) -> Extraction | None:
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
            self.reused += 1
        return found

    def put(self, key: str, extraction: Extraction) -> None:
        self.entries[key] = extraction
        self.used.add(key)
        self.extracted += 1

    def save(self) -> None:
        """Keep only what this build used, so the cache never outgrows the inputs."""
        from graphkit.exporters.files import write_atomic

        kept = {key: self.entries[key] for key in self.used if key in self.entries}
        write_atomic(self.path, lambda handle: pickle.dump((self.fingerprint, kept), handle,
                                                           protocol=pickle.HIGHEST_PROTOCOL))


@dataclass
class Manifest:
    """What the last build read and wrote: an input digest and the hash of each output."""

    digest: str

    @classmethod
    def for_build(cls, input_digest: str, curation: Path) -> Manifest:
        curation_bytes = curation.read_bytes() if curation.is_file() else b""
        digest = hashlib.sha256(input_digest.encode() + b"\x1f" + curation_bytes).hexdigest()
        return cls(digest)

    def unchanged(self, state: Path, outputs: list[Path]) -> bool:
        """Same inputs, vocabulary and curation as last time, and every output still holds that result."""
        stored = _read_manifest(state)
        if stored.get("digest") != self.digest:
            return False
        files = stored.get("outputs", {})
        return all(str(p.resolve()) in files and p.is_file() and _file_hash(p) == files[str(p.resolve())]
                   for p in outputs)

    def record(self, state: Path, outputs: list[Path]) -> None:
        from graphkit.exporters.files import write_atomic

        stored = _read_manifest(state) if _read_manifest(state).get("digest") == self.digest else {}
        files = dict(stored.get("outputs", {}))
        files.update({str(p.resolve()): _file_hash(p) for p in outputs if p.is_file()})
        data = json.dumps({"digest": self.digest, "outputs": files}, indent=1, sort_keys=True)
        write_atomic(state / MANIFEST_FILE, lambda handle: handle.write(data.encode()))


def _read_manifest(state: Path) -> dict:  # type: ignore[type-arg]
    try:
        return json.loads((state / MANIFEST_FILE).read_text())
    except (OSError, ValueError):
        return {}


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
