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



#: Anything but an ASCII letter or digit: a superset of what folding turns into a word break
#: (separators and every kind of white space), so a pattern built on it misses no folded match.
_BREAK = "[^a-z0-9]"


def key_pattern(key: str) -> str:
    """A regular expression (Rust ``regex`` syntax, case-insensitive flag assumed) for one folded key.

    Why: the store answers ``REGEX`` filters without handing every text to Python, but it
    cannot fold. The pattern matches, in the original text, at least everywhere the folded key
    occurs in the folded text: tokens case-insensitively, a non-ASCII letter composed or
    decomposed (texts in NFC or NFD), a dotted capital I where folding gives ``i``, and between
    tokens any run of characters other than ASCII letters and digits. It may match more, never
    less; the caller checks what it finds with ``fold``. No word breaks around it: see
    ``names_pattern``.

    >>> key_pattern(fold_key("Qwen2.5"))
    'qwen2[^a-z0-9]+5'
    """
    return f"{_BREAK}+".join("".join(_char(c) for c in token) for token in key.split())


def names_pattern(keys: list[str]) -> str:
    """One pattern for several folded keys, each between word breaks or the text's ends.

    >>> import re
    >>> pattern = names_pattern([fold_key("BERT"), fold_key("w2v-BERT")])
    >>> bool(re.search(pattern, "We fine-tune BERT.", re.I)), bool(re.search(pattern, "RoBERTa", re.I))
    (True, False)
    """
    alternatives = sorted({key_pattern(key) for key in keys})
    return f"(?:^|{_BREAK})(?:{'|'.join(alternatives)})(?:{_BREAK}|$)"


def _char(c: str) -> str:
    if c.isascii():
        if c == "i":  # "İ" (or "I" and a combining dot, decomposed) folds to "i"; case-insensitive matching does not
            return "(?:i|\u0130|i\u0307)"
        return c if c.isalnum() else f"\\x{{{ord(c):X}}}"
    forms = sorted({c, unicodedata.normalize("NFD", c)})
    written = ["".join(f"\\x{{{ord(x):X}}}" for x in form) for form in forms]
    return written[0] if len(written) == 1 else f"(?:{'|'.join(written)})"
