"""Text folding for matching, with offsets that still point into the original text.

Matching runs on a folded copy (NFC, lower case, punctuation as spaces, padded with one
space each side) whose positions map back to the original in Unicode code points, so
``field[start:end]`` is always the mention as the paper wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SEPARATORS = "-_/()[]{},;:!?\"'`“”‘’«»–—‐‑‒|*=<>~…•·."
_SEPARATOR_RE = re.compile("[" + re.escape(_SEPARATORS) + "]")
_ASCII_TABLE = bytes.maketrans(
    "".join(c for c in _SEPARATORS if c.isascii()).encode(), b" " * sum(c.isascii() for c in _SEPARATORS)
)
_SENTENCE_BREAK = re.compile(r"[.!?](\s+)(?=[\"'(\[]?[A-Z0-9])")


def fold(text: str) -> tuple[str, list[int] | None]:
    """Return ``(" folded ", offsets)``: offsets[i] is the original index of folded index i+1.

    Dots fold to spaces like other punctuation, in names and text alike, so "Qwen2.5" is
    found before a full stop as well as inside a sentence.

    ``offsets`` is ``None`` when the folded text lines up one-to-one with the original
    (the common case), so callers subtract the leading pad and use positions as they are.
    """
    if text.isascii():
        return " " + text.lower().encode("ascii").translate(_ASCII_TABLE).decode("ascii") + " ", None
    offsets: list[int] | None = None
    if not unicodedata.is_normalized("NFC", text):
        text, offsets = _nfc_with_offsets(text)
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower()[:1] or c for c in text)
    return f" {_SEPARATOR_RE.sub(' ', lowered)} ", offsets


@lru_cache(maxsize=1 << 16)
def fold_key(name: str) -> str:
    """The folded form of a vocabulary name, as it must appear in folded text (padded)."""
    folded, _ = fold(name)
    return " " + " ".join(folded.split()) + " "


def _nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """NFC-normalise cluster by cluster, remembering where each output character came from."""
    out: list[str] = []
    offsets: list[int] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            chunk = unicodedata.normalize("NFC", text[start:index])
            out.append(chunk)
            offsets.extend([start] * len(chunk))
            start = index
    offsets.append(len(text))
    return "".join(out), offsets


def to_original(offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) span of the unpadded folded text back to the original text."""
    if offsets is None:
        return start, end
    return offsets[start], offsets[end] if end < len(offsets) else offsets[-1]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) spans; good enough to quote a mention in context."""
    spans = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        spans.append((start, match.start(1)))
        start = match.end(1)
    spans.append((start, len(text)))
    return spans

