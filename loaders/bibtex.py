"""BibTeX files (ACL Anthology exports, Crossref transforms, reference managers), via bibtexparser 2.x.

LaTeX is decoded (``{\\"o}`` -> ``ö``), braces dropped, ``Last, First`` names turned to
``First Last``. Identifiers: ``doi``; ``eprint`` with ``archivePrefix = {arXiv}`` and a DOI
``10.48550/arXiv.N`` both give the arXiv id N; an ``aclanthology.org`` url gives ``acl:ID``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from graphkit.loaders.base import Item, decode_text
from graphkit.loaders.records import arxiv_of_url, clean, doi_of, make_record, year_of
from graphkit.models import LoadIssue

_ENTRY = re.compile(rb"(?m)^\s*@\s*[A-Za-z]+\s*[{(]")
_ACL_URL = re.compile(r"aclanthology\.org/([A-Za-z0-9.\-]+?)(?:\.pdf)?/?$")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_SKIP_TYPES = {"string", "preamble", "comment"}


class BibtexLoader:
    """Entries of a ``.bib`` file; an entry that does not parse is reported and skipped."""

    name: ClassVar[str] = "bibtex"
    suffixes: ClassVar[tuple[str, ...]] = (".bib", ".bibtex")

    def sniff(self, head: bytes) -> bool:
        return bool(_ENTRY.search(head)) and not head.lstrip().startswith((b"{", b"["))

    def read(self, path: Path) -> Iterator[Item]:
        import bibtexparser
        from bibtexparser import middlewares as m

        file = str(path)
        text, warning = decode_text(path.read_bytes(), file)
        if warning:
            yield warning
        try:
            library = bibtexparser.parse_string(text, append_middleware=[
                m.LatexDecodingMiddleware(), m.SeparateCoAuthors(), m.SplitNameParts(), m.MergeNameParts("first"),
            ])
        except Exception as exc:  # noqa: BLE001 - a parser bug on odd input must not lose the build
            yield LoadIssue(file=file, reason=f"not readable as BibTeX ({type(exc).__name__}: {str(exc)[:100]})")
            return
        failed = {id(b) for b in library.failed_blocks}
        blocks = sorted([*library.entries, *library.failed_blocks], key=lambda b: b.start_line or 0)
        for block in blocks:
            line = (block.start_line or 0) + 1
            if id(block) in failed:
                detail = " ".join(str(getattr(block, "error", "") or "").split())[:120]
                yield LoadIssue(file=file, record=line, reason=f"unparsable BibTeX entry{': ' + detail if detail else ''}")
                continue
            if block.entry_type.lower() in _SKIP_TYPES:
                continue
            yield entry_record({k.lower(): f.value for k, f in block.fields_dict.items()}, block.key, file, line)


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ""
    return clean(str(value).replace("{", "").replace("}", "")) if value is not None else ""


def entry_record(fields: dict[str, Any], key: str, file: str, line: int) -> Item:
    """One BibTeX entry's fields onto the common record."""
    doi = doi_of(_plain(fields.get("doi")))
    arxiv_id = None
    eprint = _plain(fields.get("eprint"))
    prefix = _plain(fields.get("archiveprefix") or fields.get("eprinttype")).lower()
    if eprint and prefix == "arxiv":
        arxiv_id = eprint.removeprefix("arXiv:").removeprefix("arxiv:")
    url = _plain(fields.get("url")) or None
    arxiv_id = arxiv_id or arxiv_of_url(url)
    acl = _ACL_URL.search(url) if url else None
    authors = fields.get("author")
    names = tuple(_plain(a) for a in authors if _plain(a)) if isinstance(authors, list) else ()
    year = year_of(_plain(fields.get("year")))
    month = _plain(fields.get("month")).lower()[:3]
    month_number = _MONTHS.get(month) or (int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
    return make_record(
        file, line, repr(key),
        title=_plain(fields.get("title")),
        abstract=_plain(fields.get("abstract")),
        doi=doi,
        arxiv_id=arxiv_id,
        acl_id=acl.group(1) if acl else None,
        year=year,
        date=f"{year:04d}-{month_number:02d}" if year and month_number else None,
        authors=names,
        venue=_plain(fields.get("booktitle") or fields.get("journal")) or None,
        url=url,
        id=key,
    )
