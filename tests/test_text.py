"""The store's REGEX prefilter never misses a name that folding finds (``graphkit.text.names_pattern``)."""

from __future__ import annotations

import unicodedata

import pyoxigraph
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.text import fold, fold_key, names_pattern
from graphkit.vocab import load_vocabulary

STORE = pyoxigraph.Store()
NAMES = sorted({n for t in load_vocabulary().terms.values() for n in (t.name, *t.aliases)
                if len(fold_key(n).strip()) >= 2})[::7]  # every seventh of ~11k names, all kinds and scripts
NAMES += ["Español", "Türkçe", "Ελληνικά", "中文", "İstanbul NLP", "Qwen2.5", "C++", "w2v-BERT"]


def regex(text: str, keys: list[str]) -> bool:
    """What the store answers: SPARQL ``REGEX`` as pyoxigraph evaluates it."""
    pattern = pyoxigraph.Literal(names_pattern(keys))
    return bool(STORE.query(f'ASK {{ FILTER(REGEX({pyoxigraph.Literal(text)}, {pattern}, "i")) }}'))


def folding_finds(text: str, key: str) -> bool:
    """What ``graphkit.gaps`` looks for: the padded key in the folded, space-collapsed text."""
    folded, _ = fold(text)
    return key in " " + " ".join(folded.split()) + " "


def spell(name: str, cases: list[bool], breaks: list[str], form: str) -> str:
    """The name as a text may write it: other letter case, other word breaks, NFC or NFD."""
    words = name.split()
    written = breaks[0].join(words) if len(breaks) == 1 else "".join(
        w + (breaks[i % len(breaks)] if i < len(words) - 1 else "") for i, w in enumerate(words))
    written = "".join(c.upper() if cases[i % len(cases)] else c for i, c in enumerate(written))
    return unicodedata.normalize(form, written)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(NAMES), cases=st.lists(st.booleans(), min_size=1, max_size=5),
       breaks=st.lists(st.sampled_from([" ", "-", " - ", "_", "\u00a0", " / ", ".", "\n"]), min_size=1, max_size=3),
       form=st.sampled_from(["NFC", "NFD"]), before=st.sampled_from(["", "We use ", "(", "“", "and\t"]),
       after=st.sampled_from(["", " for Maltese.", ")", ",", "'s", "-based"]))
def test_the_pattern_matches_wherever_folding_finds_the_name(name, cases, breaks, form, before, after):
    key = fold_key(name)
    text = before + spell(name, cases, breaks, form) + after
    if folding_finds(text, key):
        assert regex(text, [key]), (name, text)


def test_words_inside_longer_words_do_not_match():
    keys = [fold_key("BERT"), fold_key("ARC")]
    assert regex("We fine-tune BERT.", keys) and regex("the ARC-Challenge set", keys)
    assert not regex("RoBERTa and research", keys)
    assert regex("İSTANBUL NLP", [fold_key("istanbul nlp")]) and folding_finds("İSTANBUL NLP", fold_key("istanbul nlp"))
