"""Plain-text listings: a title line, a blank line, an abstract paragraph, repeated.

This is what a person gets by copying a listing page (Hugging Face Daily Papers, a reading
list). Page furniture before the first paper ("Subscribe", "Daily Papers", a date) is
skipped silently; a title with no abstract after the first paper is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from graphkit.loaders.base import Item, decode_text, looks_binary
from graphkit.models import LoadIssue, PaperRecord

_MAX_TITLE_CHARS = 400
_MIN_ABSTRACT_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?)\]]\s")


def _is_abstract(text: str) -> bool:
    return len(text) >= _MIN_ABSTRACT_CHARS and (bool(_SENTENCE_END.search(text)) or text.rstrip().endswith("."))


def _blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, lines) for each run of non-blank lines."""
    start, lines = 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            yield start, lines
            lines = []
    if lines:
        yield start, lines


class PlaintextLoader:
    """Title/blank/abstract listings; sniffed as text whose first long paragraph follows a short line."""

    name: ClassVar[str] = "plaintext"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".md", ".text")

    def sniff(self, head: bytes) -> bool:
        if looks_binary(head):
            return False
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return bool(stripped) and stripped[:1] not in (b"{", b"[", b"<", b"@")

    def read(self, path: Path) -> Iterator[Item]:
        file = str(path)
        text, warning = decode_text(path.read_bytes(), file)
        if warning:
            yield warning
        blocks = list(_blocks(text))
        seen_paper = False
        index = 0
        while index < len(blocks):
            line, lines = blocks[index]
            following = blocks[index + 1][1] if index + 1 < len(blocks) else None
            if len(lines) == 1 and len(lines[0]) <= _MAX_TITLE_CHARS and not _is_abstract(lines[0]):
                if following is not None and _is_abstract(" ".join(following)):
                    seen_paper = True
                    yield PaperRecord(
                        title=lines[0], abstract=" ".join(following), source=file, line=line
                    )
                    index += 2
                    continue
                if seen_paper:
                    yield LoadIssue(file=file, record=line, reason=f"title {lines[0][:60]!r} has no abstract")
            elif len(lines) > 1 and not _is_abstract(lines[0]) and _is_abstract(" ".join(lines[1:])):
                # A title directly followed by its abstract, without the blank line.
                seen_paper = True
                yield PaperRecord(title=lines[0], abstract=" ".join(lines[1:]), source=file, line=line)
            elif seen_paper or _is_abstract(" ".join(lines)):
                yield LoadIssue(file=file, record=line, reason="paragraph without a title line")
            index += 1
