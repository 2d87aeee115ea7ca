"""Natural languages from ISO 639-3 (pycountry) with English names from language_data.

Every individual language and macrolanguage is known by its ISO 639-3 code. Names that
are also common English words ("Even", "Are", "Bit", "Mono") only count when the text
says "X language", "X speakers" and the like; programming languages never count.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

from graphkit.resources import read_csv

#: Programming and markup languages whose names must never become natural languages.
PROGRAMMING_LANGUAGES = frozenset(
    """python java javascript typescript c c++ c# go golang rust ruby scala kotlin swift r julia
    haskell lisp prolog perl php sql dart lua fortran cobol pascal ada elixir erlang matlab ocaml
    clojure groovy bash shell html css latex verilog vhdl solidity assembly""".split()
)

#: Bump when the way the table is computed changes, so old caches are ignored.
_TABLE_VERSION = 1

#: Speakers above which a name that is also a word still means the language (Mandarin).
WIDELY_SPOKEN = 5_000_000

#: Above this Zipf frequency in English, a language name is also an everyday word.
COMMON_WORD_ZIPF = 3.0


@dataclass(frozen=True, slots=True)
class LanguageName:
    """One English name of a language, with whether it needs a "language" context to count."""

    code: str
    name: str
    canonical: str
    needs_context: bool


@cache
def language_names() -> tuple[LanguageName, ...]:
    """All English names of ISO 639-3 languages, cached on disk per library versions (0.4 s to compute)."""
    path = _cache_path()
    if path is not None and path.is_file():
        try:
            return tuple(LanguageName(*row) for row in json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError, OSError):
            pass
    names = _compute_language_names()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps([list(astuple(n)) for n in names]), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass
    return names


def _cache_path() -> Path | None:
    """Where the computed table lives: the user cache dir, keyed by library versions and our overrides."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        versions = [version(p) for p in ("pycountry", "langcodes", "language-data", "wordfreq")]
    except PackageNotFoundError:
        return None
    digest = hashlib.sha256(
        json.dumps([versions, read_csv("languages.csv"), COMMON_WORD_ZIPF, WIDELY_SPOKEN,
                    sorted(PROGRAMMING_LANGUAGES), _TABLE_VERSION]).encode()
    ).hexdigest()[:16]
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "graphkit" / f"languages-{digest}.json"


def _compute_language_names() -> tuple[LanguageName, ...]:
    import langcodes
    import pycountry
    from language_data import names as ld_names
    from wordfreq import zipf_frequency

    entries = {lang.alpha_3: lang for lang in pycountry.languages if lang.scope in ("I", "M")}
    with_639_1 = {lang.alpha_3 for lang in entries.values() if getattr(lang, "alpha_2", None)}

    names: dict[str, set[str]] = {code: set() for code in entries}
    for code, lang in entries.items():
        for attr in ("name", "common_name"):
            value = getattr(lang, attr, None)
            if value and "(" not in value:
                names[code].add(value)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trie = ld_names.load_trie(ld_names.data_filename("trie/en/name_to_language.marisa"))
    for name, raw in trie.items():
        try:
            code = langcodes.Language.get(raw.decode()).to_alpha3()
        except (LookupError, ValueError):
            continue
        if code in names and "(" not in name:
            names[code].add(name)

    curated = {row["name"].casefold() for row in read_csv("languages.csv") if row["code"] in names}
    for row in read_csv("languages.csv"):
        if row["code"] in names:
            names[row["code"]].add(row["name"])

    result: dict[str, LanguageName] = {}
    for code in sorted(names):
        canonical = _display_name(code, entries[code].name)
        for name in sorted(names[code], key=str.casefold):
            folded = name.casefold()
            if folded in PROGRAMMING_LANGUAGES or len(folded) < 3:
                continue
            main_name = folded in (canonical.casefold(), entries[code].name.casefold())
            well_known = main_name and (code in with_639_1 or _population(code) >= WIDELY_SPOKEN)
            needs_context = (
                " " not in folded
                and folded not in curated
                and not well_known
                and zipf_frequency(folded, "en") >= COMMON_WORD_ZIPF
            )
            candidate = LanguageName(code, name, canonical, needs_context)
            previous = result.get(folded)
            # Two languages share a name: the one with an ISO 639-1 code is the one people mean.
            if previous is None or (code in with_639_1 and previous.code not in with_639_1):
                result[folded] = candidate
    return tuple(result[k] for k in sorted(result))


def _population(code: str) -> int:
    import langcodes

    try:
        return langcodes.Language.get(code).speaking_population()
    except (LookupError, ValueError):
        return 0


def _display_name(code: str, fallback: str) -> str:
    import langcodes

    try:
        name = langcodes.Language.get(code).display_name()
    except (LookupError, ValueError):
        return fallback
    return fallback if name.startswith("Unknown") or name == code else name


@cache
def canonical_names() -> dict[str, str]:
    """ISO 639-3 code -> English display name."""
    return {entry.code: entry.canonical for entry in language_names()}
