"""The only place that mints IRIs: entity keys are slugs, paper keys come from identifiers."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from graphkit.namespace import ID

_SLUG_DROP = re.compile(r"[^\w.+]+")
_DASHES = re.compile(r"-{2,}")
_ASCII_DROP = re.compile(r"[^a-z0-9_.+]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def normalise(text: str) -> str:
    """NFC, case-folded, with runs of separators collapsed: the form names are compared in."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(_SLUG_DROP.sub(" ", text).split())


@lru_cache(maxsize=1 << 18)
def slug(name: str) -> str:
    """A readable, stable IRI key for a canonical name (``Qwen2.5-7B-Instruct`` -> ``qwen2.5-7b-instruct``)."""
    if name.isascii():
        # ASCII fast path: the same result without normalising or percent-encoding.
        text = _DASHES.sub("-", _ASCII_DROP.sub("-", name.lower()).strip("-."))
        return text or "x"
    text = unicodedata.normalize("NFC", name).casefold()
    text = _SLUG_DROP.sub("-", text).strip("-.")
    text = _DASHES.sub("-", text)
    return quote(text, safe="-._~+") or "x"


def entity_iri(kind: str, name: str) -> str:
    """IRI of a named entity of ``kind`` (model, technique, dataset, task, author)."""
    return f"{ID}{kind}/{slug(name)}"


def language_iri(code: str) -> str:
    """IRI of a language from its ISO 639-3 code."""
    return f"{ID}language/{code}"


def title_key(title: str) -> str:
    """Normalised title for merging: NFKC, case-folded, letters and digits of any script."""
    if title.isascii():  # NFKC and casefold are lower() on ASCII; deleting bytes beats a regex 5x
        return title.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", title).casefold())


_KEY_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
_ASCII_QUOTE = {c: f"%{c:02X}" for c in range(128) if chr(c) not in _KEY_SAFE}


def _quote_key(text: str) -> str:
    """Percent-encode everything but unreserved characters, like ``quote(text, safe="")``, faster for ASCII."""
    if text.isascii():
        return text.translate(_ASCII_QUOTE)
    return quote(text, safe="")


def paper_key(
    *, arxiv_id: str | None = None, doi: str | None = None, openalex_id: str | None = None,
    s2_id: str | None = None, title: str = "", salt: str = "",
) -> str:
    """Key from the strongest identifier: arXiv id, DOI, OpenAlex id, S2 paperId, else a hash of the title.

    ``salt`` tells apart papers with equal titles that must not merge (no year to confirm them).
    """
    if arxiv_id:
        return "arxiv-" + quote(strip_arxiv_version(arxiv_id), safe=".")
    if doi:
        return "doi-" + _quote_key(doi.lower())
    if openalex_id:
        return "openalex-" + quote(openalex_id.rsplit("/", 1)[-1], safe="")
    if s2_id:
        return "s2-" + quote(s2_id.lower(), safe="")
    text = title_key(title) + (f"\x1f{salt}" if salt else "")
    return "title-" + hashlib.sha256(text.encode()).hexdigest()[:16]


def paper_iri(key: str) -> str:
    return f"{ID}paper/{key}"


def author_iri(name: str) -> str:
    return entity_iri("author", name)


def evidence_iri(*parts: object) -> str:
    """Deterministic IRI for one evidence node, from what it says (so rebuilds give the same IRI)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]
    return f"{ID}evidence/{digest}"


_ARXIV_VERSION = re.compile(r"v\d+$")


def strip_arxiv_version(arxiv_id: str) -> str:
    return _ARXIV_VERSION.sub("", arxiv_id.strip())
