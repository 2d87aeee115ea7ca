"""Find every vocabulary name in a text in one pass (Aho-Corasick over folded text).

Keys are padded with spaces, so the automaton itself only reports whole-word matches;
the Python side then applies the per-name guards (exact case for names that are also
words, a capital letter and sometimes a "... language" context for languages) and keeps
the leftmost-longest match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

import ahocorasick_rs

from graphkit.text import fold, fold_key, to_original
from graphkit.vocab import Vocabulary, load_vocabulary

#: When two kinds share a name, the earlier kind wins.
KIND_PRIORITY = ("model", "dataset", "technique", "task", "language", "intro-strong", "intro")

#: Words after a language name that is also an everyday word ("Even") which show it means the language.
LANGUAGE_CONTEXT = ("language", "languages", "speaker", "speakers", "speaking", "dialect", "dialects", "variety",
                    "varieties", "corpus", "corpora", "tweets", "wikipedia")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)\W*$")
_SEPARATORS = re.compile(r"[\s\-_/]+")
_PLAIN, _CUE, _CHECK = 0, 1, 2
_SPAN_ORDER = itemgetter(0, 1)


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str
    iri: str
    written: str
    exact: bool
    capital: bool
    needs_context: bool
    trim: int = 0


#: Phrases that open an introduction ("we introduce", "this paper presents"), found in the same pass.
INTRO_SUBJECTS = ("we", "here we", "this paper", "this work", "this article", "this report", "this study")
INTRO_ADVERBS = ("", "also", "further", "then", "first", "here", "thus", "hence", "additionally", "newly",
                 "publicly", "now", "therefore", "finally")
STRONG_VERBS = ("introduce", "present", "propose", "release", "develop", "unveil", "open source")
#: "This work addresses that gap by introducing X": an introduction without a "we" subject.
INTRO_GERUNDS = ("by introducing", "by presenting", "by releasing")
WEAK_VERBS = ("pre train", "pretrain", "train", "build", "create", "construct", "curate", "collect", "compile")


def _verb_forms(verb: str) -> set[str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    forms = {verb, verb + "s", stem + "ed"}
    if verb.endswith("e"):
        forms.add(verb + "d")
    if verb == "build":
        forms.add("built")
    return forms


@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """One accepted mention: original-text offsets and the entity it names."""

    kind: str
    iri: str
    start: int
    end: int


def _surface(text: str) -> str:
    return _SEPARATORS.sub(" ", text).strip()


class Matcher:
    """An automaton over every name and alias of a vocabulary."""

    def __init__(self, vocab: Vocabulary) -> None:
        table: dict[str, list[Candidate]] = {}
        for term in vocab.terms.values():
            if term.kind == "language":
                continue
            for name in (term.name, *term.aliases):
                exact = term.exact_case or name in vocab.common_words
                table.setdefault(fold_key(name), []).append(
                    Candidate(term.kind, term.iri, _surface(name), exact, False, False)
                )
        for key, term in vocab.language_names.items():
            if not term.needs_context:
                table.setdefault(key, []).append(Candidate("language", term.iri, term.aliases[0], False, True, False))
                continue
            # Ambiguous names are keyed together with their context word; the hit is trimmed back to the name.
            for word in LANGUAGE_CONTEXT:
                table.setdefault(f"{key}{word} ", []).append(
                    Candidate("language", term.iri, term.aliases[0], False, True, True, len(word) + 1)
                )
        for phrase in INTRO_GERUNDS:
            table.setdefault(f" {phrase} ", []).append(Candidate("intro-strong", phrase, "", False, False, False))
        for verb in STRONG_VERBS + WEAK_VERBS:
            kind = "intro-strong" if verb in STRONG_VERBS else "intro"
            for subject in INTRO_SUBJECTS:
                for adverb in INTRO_ADVERBS:
                    for form in _verb_forms(verb):
                        key = " " + " ".join(w for w in (subject, adverb, form) if w) + " "
                        table.setdefault(key, []).append(Candidate(kind, verb, "", False, False, False))
        keys: list[str] = []
        self._payloads: list[tuple[int, int, tuple[Candidate, ...]]] = []
        for key, candidates in table.items():
            if len(key) > 3:
                candidates.sort(key=lambda c: KIND_PRIORITY.index(c.kind))
                first = candidates[0]
                if first.kind.startswith("intro"):
                    mode = _CUE
                elif len(candidates) == 1 and not (first.exact or first.capital or first.needs_context):
                    mode = _PLAIN
                else:
                    mode = _CHECK
                # Everything the scan needs, precomputed: mention span offsets, mode, candidates.
                keys.append(key)
                self._payloads.append((1 + first.trim, mode, tuple(candidates)))
        self._automaton = ahocorasick_rs.AhoCorasick(keys)

    def find(self, text: str) -> list[Hit]:
        """All accepted mentions in ``text``, leftmost-longest, in text order."""
        return self.find_with_cues(text)[0]

    def find_with_cues(self, text: str) -> tuple[list[Hit], list[Hit]]:
        """Mentions, plus introduction phrases ("we present") as hits of kind intro / intro-strong."""
        folded, offsets = fold(text)
        spans: list[tuple[int, int, Candidate]] = []
        cues: list[Hit] = []
        accept, payloads = self._accept, self._payloads
        for index, key_start, key_end in self._automaton.find_matches_as_indexes(folded, overlapping=True):
            trim, mode, candidates = payloads[index]
            # Offsets into the folded text without its leading pad: the key's own pad spaces drop out.
            start, end = key_start, key_end - trim - 1
            if offsets is not None:
                start, end = to_original(offsets, start, end)
            if mode == _PLAIN:
                spans.append((start, -end, candidates[0]))
            elif mode == _CUE:
                cues.append(Hit(candidates[0].kind, candidates[0].iri, start, end))
            else:
                surface = text[start:end]
                for cand in candidates:
                    if accept(cand, surface, text, end):
                        spans.append((start, -end, cand))
                        break
        spans.sort(key=_SPAN_ORDER)
        hits: list[Hit] = []
        covered = -1
        for start, neg_end, cand in spans:
            if start >= covered:
                hits.append(Hit(cand.kind, cand.iri, start, -neg_end))
                covered = -neg_end
        return hits, cues

    @staticmethod
    def _accept(cand: Candidate, surface: str, text: str, end: int) -> bool:
        if cand.capital and not surface[:1].isupper():
            return False
        if cand.exact:
            written = _surface(surface)
            if written not in (cand.written, cand.written.upper(), cand.written.capitalize()):
                return False
        if cand.needs_context:
            start = end - len(surface)
            # "Multi-Label", or a sentence's first word, which is capitalised anyway.
            if text[start - 1:start] == "-" or _SENTENCE_START.search(text, max(0, start - 3), start):
                return False
        return True


@cache
def default_matcher() -> Matcher:
    return Matcher(load_vocabulary())
