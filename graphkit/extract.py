"""Text to edges with evidence: models used and introduced, lineage, techniques, languages,
datasets and tasks, found by vocabulary matching plus a few phrase patterns.

No network and no model: every edge points at the words it came from (field, character
offsets, the sentence as quote), names the method that found it and a confidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

import ahocorasick

from graphkit.ids import entity_iri, language_iri
from graphkit.matcher import Hit, Matcher, default_matcher
from graphkit.models import PaperRecord
from graphkit.resources import read_csv
from graphkit.text import sentence_spans
from graphkit.vocab import Vocabulary, load_vocabulary

HIT_PROPERTY = {
    "model": "usesModel",
    "technique": "appliesTechnique",
    "language": "studiesLanguage",
    "dataset": "usesDataset",
    "task": "addressesTask",
}

# A name-like token: mixed case inside a word, two capitals, or letters with digits.
_NAMEY = re.compile(r"^(?=.*[A-Za-z])[\w.+\-]*(?:[a-z][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z])[\w.+\-]*$")
# Candidate names after an introduction verb: any token with a capital or a digit.
_CANDIDATE_TOKEN = re.compile(r"(?<![\w\-.])[\w.+\-]*[A-Z0-9][\w.+\-]*")
_FRAMED_NAME = re.compile(
    r"^(?:The\s+)?(?P<name>\S+)\s+(?P<noun>Dataset|Corpus|Benchmark|Treebank|Model|Models|Suite)$", re.IGNORECASE
)
ENGLISH = language_iri("eng")
_PRIOR_WORK = re.compile(
    r"\b(?:previous(?:ly)?|prior|earlier|existing|have\s+(?:been|shown|achieved|become)|has\s+(?:been|shown|become)|"
    r"such\s+as|e\.g\.|in\s+recent\s+years|recently)\b",
    re.IGNORECASE,
)
# A sentence that speaks for the paper or compares against the model is not background.
_FIRST_PERSON = re.compile(
    r"\b(?:we|our|us|this\s+(?:paper|work|study)|outperform\w*|surpass\w*|compar\w+|better\s+than|"
    r"competitive\s+with|versus|vs)\b",
    re.IGNORECASE,
)
_SCRIPT_AFTER = re.compile(r"[\s-]+(?:scripts?|alphabets?)\b", re.IGNORECASE)
_QUANTITY = re.compile(r"^\d[\d.,]*[A-Za-z]{0,2}$")
_LIST_ITEM = re.compile(r"[:;]\s*(?:and\s+)?$")
_CUE_BEFORE = re.compile(r"\b(?:datasets?|corpus|corpora|benchmarks?|treebanks?|models?|suite)\s+$", re.IGNORECASE)
_TITLE_PREFIX = re.compile(r"^\s*(?P<name>[^:]{1,60}?)\s*(?::|\s(?:-{1,2}|[–—])\s)\s*(?P<rest>\S.*)$")
_TITLE_REPORT = re.compile(r"^\s*(?P<name>\S+(?:\s\S+)?)\s+technical\s+report\b", re.IGNORECASE)
_MODEL_CUE = re.compile(
    r"\b(?:models?|LMs?|LLMs?|encoders?|decoders?|transformers?|networks?|vocoders?|recogni[sz]ers?|"
    r"checkpoints?|architectures?)\b",
    re.IGNORECASE,
)
_DATASET_CUE = re.compile(
    r"\b(?:datasets?|data\s?sets?|corpus|corpora|benchmarks?|treebanks?|test\s?sets?|collection|suite)\b",
    re.IGNORECASE,
)
_OTHER_CUE = re.compile(
    r"\b(?:methods?|approach(?:es)?|framework|technique|algorithm|strategy|scheme|metric|procedure|pipeline|"
    r"toolkit|library|loss|objective|attack|software|tool|platform|interface|app|game|fine-?tuning|training|pre-?training|quantization|pruning|"
    r"distillation|compression|selection|augmentation|optimization)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"\s(?:for|with|via|through|using|by|in|on|to|from|towards)\s", re.IGNORECASE)
_INTRO_FILLERS = {"the", "our", "new", "novel", "open", "first", "here", "a", "an"}
_NAMED = re.compile(r"\b(?:called|named|dubbed|coined|termed|namely)\s+$", re.IGNORECASE)
_APPOSITION = re.compile(
    r"\)?\s*(?:\([^)]{1,30}\)\s*)?,?\s*(?:a|an|the|our|which\s+is\s+a|is\s+a)\s+(?P<np>[^.;:]{0,80})", re.IGNORECASE
)
_VARIANT = re.compile(
    r"(?:(?:[-_]|\s(?=\d|v\d|base\b|large\b|instruct\b|chat\b|small\b|tiny\b|xl\b))"
    r"(?:\d+(?:\.\d+)?[BbMm]|\d+x\d+[Bb]|[Aa]\d+[Bb]|base|large|small|medium|tiny|mini|xl|xxl|instruct|chat|it|"
    r"coder|math|v\d+(?:\.\d+)?|turbo))+(?![\w.])",
    re.IGNORECASE,
)
_STEM_SUFFIX = re.compile(r"(?:-(?:based|like|style|sized|only|type|family|variants?)|s)$")

#: Lineage cues in the words just before the parent's mention, nearest cue wins.
_LINEAGE_BEFORE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), relation)
    for pattern, relation in (
        (r"continu\w*\s+(?:the\s+)?(?:pre-?train\w*|training)|further\s+pre-?train\w*|"
         r"domain[\s-]adaptive\s+pre-?train\w*|re-?train\w*\s+from", "continuedPretrainingFrom"),
        (r"distill\w*|compress\w*\s+(?:of\s+)?", "distilledFrom"),
        (r"quanti[sz]\w*|binari[sz]\w*", "quantizedFrom"),
        (r"prun\w*|sparsif\w*", "prunedFrom"),
        (r"fine[\s-]?tun\w*|finetun\w*|instruction[\s-]tun\w*", "fineTunedFrom"),
        (r"adapt\w*", "adaptedFrom"),
        (r"successor\s+(?:to|of)|predecessors?|previous\s+(?:version|generation|release)|upgrade\s+(?:of|to|from)",
         "successorOf"),
        (r"based\s+on|built\s+(?:up)?on|on\s+top\s+of|initiali[sz]\w*|derived\s+from|extend\w*|extension\s+of|"
         r"variant\s+of|version\s+of|follow\w*|architecture\s+of|same\s+\w+\s+as|starting\s+from|"
         r"(?:re)?produc\w+|replicat\w*|derive\w*", "derivedFrom"),
    )
)
_LINEAGE_AFTER = re.compile(
    r"(?:[\s-]*(?P<based>based|style|like|architecture|recipe)\b|"
    r"\s*(?:model\s+)?as\s+(?:the\s+|a\s+)?(?P<role>teacher|initiali[sz]ation|backbone|base|starting\s+point))",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:outperform\w*|compar\w*|than|versus|vs\.?|unlike|instead\s+of|over)\s", re.IGNORECASE)


@dataclass(slots=True)
class Found:
    """One extracted edge with the evidence for it."""

    subject: str
    predicate: str
    object: str
    field: str
    start: int
    end: int
    quote: str
    method: str
    confidence: float


@dataclass(slots=True)
class NewEntity:
    """An entity no vocabulary knows, minted from the text (a new model, variant or dataset)."""

    kind: str
    iri: str
    name: str


@dataclass(slots=True)
class Extraction:
    """Everything found in one paper."""

    edges: list[Found] = field(default_factory=list)
    entities: dict[str, NewEntity] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)


@dataclass(slots=True)
class _Span:
    """A token's position, with the same accessors as a regex match."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


@dataclass(slots=True)
class _Mention:
    iri: str
    field: str
    start: int
    end: int
    kind: str


@dataclass(slots=True)
class _Field:
    name: str
    text: str
    hits: list[Hit]
    cues: list[Hit] = field(default_factory=list)
    sentences: list[tuple[int, int]] | None = None
    sentence_starts: list[int] = field(default_factory=list)
    background: dict[int, bool] = field(default_factory=dict)
    hit_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.hit_starts = [h.start for h in self.hits]

    def covered(self, start: int, end: int) -> bool:
        """Does one vocabulary hit span all of text[start:end]?"""
        index = bisect_right(self.hit_starts, start) - 1
        return index >= 0 and self.hits[index].end >= end

    def sentence(self, position: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``position`` (sentences split on first use)."""
        if self.sentences is None:
            self.sentences = sentence_spans(self.text)
            self.sentence_starts = [start for start, _ in self.sentences]
        return self.sentences[max(bisect_right(self.sentence_starts, position) - 1, 0)]


@cache
def _stopnames() -> frozenset[str]:
    return frozenset(row["name"].casefold() for row in read_csv("stopnames.csv"))


@cache
def _family_roots(vocab: Vocabulary) -> tuple[tuple[str, str], ...]:
    """(root token, model IRI) for families whose name can extend into new names (GottBERT)."""
    roots: dict[str, str] = {}
    for term in vocab.of_kind("model"):
        family = term.attr("family")
        if not family or " " in family or (len(family) < 3 and family != "T5"):
            continue
        root = vocab.resolve(family, "model")
        if root and re.search(r"[A-Z0-9]", family):
            roots.setdefault(family, root.iri)
    return tuple(sorted(roots.items(), key=lambda item: -len(item[0])))


_TOKEN_CHARS = re.compile(r"[\w.+\-]*")


def _token_around(text: str, start: int, end: int) -> re.Match[str]:
    """The whitespace/punctuation-delimited token that contains text[start:end]."""
    left = start
    while left > 0 and (text[left - 1].isalnum() or text[left - 1] in "_.+-"):
        left -= 1
    while left < start and not text[left].isalnum():
        left += 1
    return _TOKEN_CHARS.match(text, left)  # type: ignore[return-value]


class Extractor:
    """Vocabulary matching plus phrase patterns; built once, used for every paper."""

    method = "rules"

    def __init__(self, vocab: Vocabulary | None = None, matcher: Matcher | None = None) -> None:
        self.vocab = vocab or load_vocabulary()
        self.matcher = matcher or (default_matcher() if vocab is None else Matcher(self.vocab))
        self.roots = _family_roots(self.vocab)
        self._root_automaton = ahocorasick.Automaton()
        for root, iri in self.roots:
            self._root_automaton.add_word(root, (len(root), iri))
        self._root_automaton.make_automaton()
        self.stopnames = _stopnames()

    # -- public -------------------------------------------------------------------------
    def extract(self, record: PaperRecord, paper: str) -> Extraction:
        out = Extraction()
        fields = [
            _Field(name, text, *self.matcher.find_with_cues(text))
            for name, text in (("title", record.title), ("abstract", record.abstract))
            if text
        ]
        introduced: dict[str, _Mention] = {}
        introduced_datasets: dict[str, _Mention] = {}
        new_models: dict[str, _Mention] = {}
        abstract = fields[1] if len(fields) > 1 else None
        self._title_introductions(fields[0], abstract, introduced, introduced_datasets, out)
        for fld in fields:
            self._intro_patterns(fld, introduced, introduced_datasets, out)
            self._family_tokens(fld, new_models, out)
        for iri, mention in new_models.items():
            if iri not in introduced and mention.field == "title" and fields[0].text.find(":") > mention.start:
                introduced[iri] = mention

        background = self._background_languages(fields)
        used: dict[tuple[str, str], _Mention] = {}
        for fld in fields:
            for hit in fld.hits:
                if hit.kind == "language" and (hit.iri in background or _SCRIPT_AFTER.match(fld.text, hit.end)):
                    continue
                mention = _Mention(hit.iri, fld.name, hit.start, hit.end, hit.kind)
                self._note_alias(out, hit.iri, fld.text[hit.start:hit.end])
                if hit.kind == "model":
                    variant = self._variant(fld, hit, out, paper)
                    if variant:
                        mention = variant
                prop = HIT_PROPERTY[hit.kind]
                if mention.iri in introduced or mention.iri in introduced_datasets:
                    continue
                if hit.kind in ("model", "technique", "task") and self._is_background(fld, hit, introduced):
                    continue
                used.setdefault((prop, mention.iri), mention)
        for iri, mention in new_models.items():
            if iri not in introduced:
                used.setdefault(("usesModel", iri), mention)
        for key, mention in list(used.items()):
            if key[0] == "usesModel" and self._variant_of_any(out, key[1], introduced):
                introduced.setdefault(key[1], used.pop(key))

        by_name = {f.name: f for f in fields}
        for (prop, iri), m in used.items():
            self._edge(out, by_name, paper, prop, iri, m, "alias-match", 0.9 if m.kind != "language" else 0.95)
        for iri, m in introduced.items():
            self._edge(out, by_name, paper, "introducesModel", iri, m, "intro-pattern", 0.85)
        for iri, m in introduced_datasets.items():
            self._edge(out, by_name, paper, "introducesDataset", iri, m, "intro-pattern", 0.8)
        self._lineage(fields, introduced, new_models, out)
        return out

    # -- helpers ------------------------------------------------------------------------
    @staticmethod
    def _is_background(fld: _Field, hit: Hit, introduced: dict[str, _Mention]) -> bool:
        """A model, technique or task named only as prior work ("existing models such as mBERT").

        A sentence that names one of the paper's own (introduced) models speaks about the
        paper's work, so it is never background.
        """
        if fld.name != "abstract":
            return False
        start, end = fld.sentence(hit.start)
        known = fld.background.get(start)
        if known is None:
            sentence = fld.text[start:end]
            known = bool(_PRIOR_WORK.search(sentence)) and not _FIRST_PERSON.search(sentence)
            if known and any(h.iri in introduced and start <= h.start < end for h in fld.hits):
                known = False
            fld.background[start] = known
        return known

    @staticmethod
    def _background_languages(fields: list[_Field]) -> set[str]:
        """English named beside other languages counts only where it is paired or listed with them.

        Abstracts about German or Turkish often mention English as the language others are
        compared with ("most work is on English"); that is background, not a studied language.
        """
        english = [(f, h) for f in fields for h in f.hits if h.iri == ENGLISH]
        others = [(f, h) for f in fields for h in f.hits if h.kind == "language" and h.iri != ENGLISH]
        if not english or not others:
            return set()
        for fld, hit in english:
            for other_fld, other in others:
                if other_fld is fld and abs(other.start - hit.start) <= 40:
                    return set()
        return {ENGLISH}

    def _edge(self, out: Extraction, fields: dict[str, _Field], subject: str, prop: str, obj: str,
              m: _Mention, method: str, confidence: float) -> None:
        fld = fields[m.field]
        s_start, s_end = fld.sentence(m.start)
        s_start, s_end = min(s_start, m.start), max(s_end, m.end)
        out.edges.append(Found(subject, prop, obj, m.field, m.start, m.end, fld.text[s_start:s_end].strip(),
                               method, confidence))

    def _note_alias(self, out: Extraction, iri: str, surface: str) -> None:
        term = self.vocab.terms.get(iri)
        if term and surface != term.name and term.kind != "language":
            out.aliases.setdefault(iri, set()).add(surface)

    def _mint(self, out: Extraction, kind: str, name: str) -> str:
        known = self.vocab.resolve(name, kind)
        if known:
            return known.iri
        iri = entity_iri(kind, name)
        out.entities.setdefault(iri, NewEntity(kind, iri, name))
        return iri

    def _is_new_name(self, token: str) -> bool:
        if len(token) < 3 or (token.isalpha() and (token.islower() or token.istitle())):
            return False
        return bool(_NAMEY.match(token)) and token.casefold() not in self.stopnames

    def _classify(self, name: str, context: str) -> str | None:
        """'model', 'dataset' or None from the words describing a new name."""
        context = _CLAUSE_END.split(context, maxsplit=1)[0]
        cues = []
        for kind, pattern in (("model", _MODEL_CUE), ("dataset", _DATASET_CUE), ("other", _OTHER_CUE)):
            match = pattern.search(context)
            if match:
                cues.append((match.start(), kind))
        if not cues:
            if self._family_root(name):
                return "model"
            return None
        return min(cues)[1]

    def _family_root(self, token: str) -> str | None:
        """The model a name extends by containing its family's root (GottBERT -> BERT); longest root wins."""
        best = None
        if self.roots:
            for _, (length, iri) in self._root_automaton.iter(token):
                if best is None or length > best[0]:
                    best = (length, iri)
        return best[1] if best else None

    def _title_introductions(self, title: _Field, abstract: _Field | None, introduced: dict, datasets: dict,
                             out: Extraction) -> None:
        text = title.text
        first = next((h for h in title.hits if h.kind in ("model", "dataset")), None)
        lead = len(text) - len(text.lstrip())
        if first and first.start == lead:
            after = text[first.end:first.end + 20]
            if re.match(r"\s*(?::|[-–—]\s*[A-Z]|\s+technical\s+report)", after, re.IGNORECASE):
                target = introduced if first.kind == "model" else datasets
                target[first.iri] = _Mention(first.iri, "title", first.start, first.end, first.kind)
                return
        match = None
        if ":" in text or " -" in text or "–" in text or "—" in text:
            match = _TITLE_PREFIX.match(text)
        if match is None and "report" in text.lower():
            match = _TITLE_REPORT.match(text)
        if not match:
            return
        name = match.group("name").strip()
        framed = _FRAMED_NAME.match(name)
        if framed:
            name = framed.group("name")
        words = name.split()
        if len(words) > 3 or not all(w[:1].isupper() or _NAMEY.match(w) for w in words):
            return
        if not any(self._is_new_name(w) for w in words) or self.vocab.resolve(name, "model"):
            return
        rest = match.groupdict().get("rest") or "model"
        kind = self._classify(name, framed.group("noun")) if framed else None
        kind = kind or self._classify_from_text(name, abstract, appositions_only=True)
        contains_model = self._family_root(name) or any(
            h.kind == "model" and h.end <= len(name) + (len(text) - len(text.lstrip())) for h in title.hits)
        if kind is None and contains_model:
            kind = "model"
        if kind is None or re.match(r"(?:an?|the)\s", rest, re.IGNORECASE):
            kind = self._classify(name, rest) or kind
        if kind is None:
            kind = self._classify_from_text(name, abstract)
        if kind in ("model", "dataset"):
            start = text.index(name)
            iri = self._mint(out, kind, name)
            target = introduced if kind == "model" else datasets
            target[iri] = _Mention(iri, "title", start, start + len(name), kind)
        ends_with_model = title.hits and title.hits[-1].kind == "model" and title.hits[-1].end >= len(text.rstrip()) - 1
        if kind is None and ends_with_model and self._is_new_name(name):
            start = text.index(name)
            iri = self._mint(out, "model", name)
            introduced[iri] = _Mention(iri, "title", start, start + len(name), "model")

    def _classify_from_text(self, name: str, abstract: _Field | None, appositions_only: bool = False) -> str | None:
        """Classify a title's name by how the abstract describes it ("X, a ... model")."""
        if abstract is None:
            return None
        text = abstract.text
        position = text.find(name)
        while position != -1:
            match = _Span(position, position + len(name))
            position = text.find(name, position + 1)
            appos = _APPOSITION.match(abstract.text, match.end())
            if appos:
                kind = self._classify(name, appos.group("np"))
                if kind:
                    return kind
            if appositions_only:
                continue
            s_start, _ = abstract.sentence(match.start())
            kind = self._classify(name, abstract.text[max(s_start, match.start() - 60):match.start()])
            if kind:
                return kind
        return None

    def _intro_patterns(self, fld: _Field, introduced: dict, datasets: dict, out: Extraction) -> None:
        """Names a sentence with "we introduce/present/release/pre-train ..." presents."""
        text = fld.text
        for verb in fld.cues:
            s_start, s_end = fld.sentence(verb.start)
            window_end = min(s_end, verb.end + 200)
            self._known_after_verb(fld, verb.end, window_end, introduced, datasets,
                                   datasets_only=verb.kind != "intro-strong")
            previous_end = None
            for match in _CANDIDATE_TOKEN.finditer(text, verb.end, window_end):
                word = match.group().rstrip(".-")
                # A plain capitalised word counts only as the verb's direct object: "we create Shrutilipi, a dataset".
                plain = match.start() - verb.end <= 2 and word.isalpha() and word.istitle() and len(word) > 3
                if not (plain or self._is_new_name(word)):
                    continue
                token = _Span(match.start(), match.start() + len(word))
                if fld.covered(token.start(), token.end()):
                    continue
                before = text[verb.end:token.start()]
                gap = text[previous_end:token.start()] if previous_end is not None else None
                first = previous_end is None and (len(before.split()) <= 8 or bool(_NAMED.search(before)))
                if "-" in word and _STEM_SUFFIX.search(word) or _QUANTITY.match(word):
                    continue
                in_parens = "(" in before and ")" not in before[before.rfind("("):]
                coordinated = gap is not None and bool(re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*", gap))
                listed = bool(_LIST_ITEM.search(before))
                cue_noun = _CUE_BEFORE.search(before)
                after_cue = cue_noun is not None
                if not (first or coordinated or in_parens or listed or after_cue):
                    continue
                appos = None if after_cue else _APPOSITION.match(text, token.end())
                kind = self._classify(word, appos.group("np")) if appos else None
                if kind is None and cue_noun is not None:
                    kind = self._classify(word, cue_noun.group())
                if kind is None:
                    head = before
                    if in_parens:
                        head = before[: before.rfind("(")]
                    elif listed:
                        head = before[: max(before.rfind(":"), 0)] or before
                    kind = self._classify(word, head[-80:]) or self._classify(word, head)
                if plain and (appos is None or kind not in ("model", "dataset")):
                    continue
                if kind not in ("model", "dataset"):
                    if first and not in_parens:
                        previous_end = token.end()
                    continue
                iri = self._mint(out, kind, word)
                target = introduced if kind == "model" else datasets
                target.setdefault(iri, _Mention(iri, fld.name, token.start(), token.end(), kind))
                previous_end = token.end()

    def _known_after_verb(self, fld: _Field, start: int, end: int, introduced: dict, datasets: dict,
                          datasets_only: bool = False) -> None:
        """"we introduce SeamlessM4T", "we create Shrutilipi": a known name as the verb's object."""
        text = fld.text
        for hit in fld.hits:
            if hit.start < start or hit.start >= end:
                continue
            if hit.kind not in ("model", "dataset") or (datasets_only and hit.kind != "dataset"):
                return
            between = text[start:hit.start].split()
            if len(between) > 3 or any(w.lower() not in _INTRO_FILLERS for w in between):
                return
            if re.match(r"[\s-]*(?:based|like|style|models?|architecture|variants?)\b", text[hit.end:], re.I):
                return
            target = introduced if hit.kind == "model" else datasets
            target.setdefault(hit.iri, _Mention(hit.iri, fld.name, hit.start, hit.end, hit.kind))
            return

    def _family_tokens(self, fld: _Field, new_models: dict, out: Extraction) -> None:
        text, last_end = fld.text, -1
        if not self.roots:
            return
        for end_index, (length, _) in self._root_automaton.iter(text):
            start = end_index - length + 1
            if start < last_end:
                continue
            before = text[start - 1] if start else " "
            after = text[end_index + 1] if end_index + 1 < len(text) else " "
            if not (before.isalnum() or before in "_.+-") and not (after.isalnum() or after in "_+-"):
                continue  # the bare family name itself, a known model
            token = _token_around(text, start, end_index + 1)
            last_end = token.end()
            word = token.group().rstrip(".-")
            root = self._family_root(word)
            if not root or word.casefold() in self.stopnames:
                continue
            if fld.covered(token.start(), token.start() + 1):
                continue
            stem = _STEM_SUFFIX.sub("", word)
            if self.vocab.resolve(stem, "model") or stem.casefold() in self.stopnames or len(stem) < 4:
                continue
            if not self._is_new_name(stem):
                continue
            iri = self._mint(out, "model", stem)
            new_models.setdefault(iri, _Mention(iri, fld.name, token.start(), token.start() + len(stem), "model"))

    def _variant(self, fld: _Field, hit: Hit, out: Extraction, paper: str) -> _Mention | None:
        match = _VARIANT.match(fld.text, hit.end)
        if not match or any(h.start < match.end() and h.start >= hit.end for h in fld.hits):
            return None
        name = fld.text[hit.start:match.end()]
        iri = self._mint(out, "model", name)
        if iri == hit.iri:
            return None
        s_start, s_end = fld.sentence(hit.start)
        out.edges.append(Found(iri, "derivedFrom", hit.iri, fld.name, hit.start, hit.end,
                               fld.text[s_start:s_end].strip(), "variant-name", 0.9))
        return _Mention(iri, fld.name, hit.start, match.end(), "model")

    def _lineage(self, fields: list[_Field], introduced: dict[str, _Mention], new_models: dict[str, _Mention],
                 out: Extraction) -> None:
        if not introduced:
            return
        found: set[str] = set()
        for fld in fields:
            text = fld.text
            for hit in fld.hits:
                if hit.kind != "model" or hit.iri in introduced:
                    continue
                s_start, s_end = fld.sentence(hit.start)
                relation = self._lineage_cue(text, hit, s_start)
                if relation is None:
                    continue
                for child in self._children_for(introduced, fld, hit, s_start, s_end):
                    if child == hit.iri or self._is_variant(out, hit.iri, child):
                        continue
                    rel = relation
                    if rel == "successorOf" and not self._same_family(child, hit.iri):
                        rel = "derivedFrom"
                    self._lineage_edge(out, child, rel, hit, fld, s_start, s_end)
                    found.add(child)
        # A new name built on a family root (MosaicBERT) derives from that root unless the text said more.
        variants = {edge.subject for edge in out.edges if edge.method == "variant-name"}
        for iri, mention in introduced.items():
            if iri in found or iri in variants or iri not in out.entities:
                continue
            root = self._family_root(out.entities[iri].name)
            if root and root != iri:
                fld = next(f for f in fields if f.name == mention.field)
                s_start, s_end = fld.sentence(mention.start)
                out.edges.append(Found(iri, "derivedFrom", root, fld.name, mention.start, mention.end,
                                       fld.text[s_start:s_end].strip(), "name-pattern", 0.6))

    @staticmethod
    def _lineage_cue(text: str, hit: Hit, s_start: int) -> str | None:
        """The lineage relation the words around a parent mention state, if any."""
        after = _LINEAGE_AFTER.match(text, hit.end)
        if after:
            return "distilledFrom" if (after.group("role") or "") == "teacher" else "derivedFrom"
        window = text[max(s_start, hit.start - 60):hit.start]
        relation, best = None, -1
        for pattern, rel in _LINEAGE_BEFORE:
            for cue in pattern.finditer(window):
                if cue.start() > best and not _NEGATION.search(window[cue.end():]):
                    best, relation = cue.start(), rel
        if relation is None and re.match(r"\s+models?\b[^.]{0,80}\(\s*[\w\-]+", text[hit.end:s_start + 400]):
            # "a German RoBERTa model ... (GottBERT)": the parenthesised name is built on it.
            return "derivedFrom"
        return relation

    def _children_for(self, introduced: dict[str, _Mention], fld: _Field, hit: Hit, start: int,
                      end: int) -> list[str]:
        """The introduced models a parent mention speaks about: a list right after it, the nearest, or the only one."""
        inside = [(iri, m.start) for iri, m in introduced.items() if m.field == fld.name and start <= m.start < end]
        # Later mentions of an introduced model count too ("Qwen2 surpasses ... its predecessor Qwen1.5").
        inside += [(h.iri, h.start) for h in fld.hits if h.iri in introduced and start <= h.start < end]
        following = re.match(r"[^()]{0,40}\(([^)]{1,120})\)", fld.text[hit.end:end])
        if following:
            lo, hi = hit.end + following.start(1), hit.end + following.end(1)
            listed = list(dict.fromkeys(iri for iri, at in inside if lo <= at < hi))
            if listed:
                return listed
        if inside:
            return [min(inside, key=lambda item: (abs(item[1] - hit.start), item[0]))[0]]
        if len(introduced) == 1:
            return list(introduced)
        return []

    def _name(self, out: Extraction, iri: str) -> str:
        term = self.vocab.terms.get(iri)
        if term:
            return term.name
        entity = out.entities.get(iri)
        return entity.name if entity else ""

    def _is_variant(self, out: Extraction, iri: str, base: str) -> bool:
        """Is ``iri`` a size/variant name of ``base`` (Qwen2-72B-Instruct of Qwen2; not Qwen2.5)?"""
        name, base_name = self._name(out, iri).casefold(), self._name(out, base).casefold()
        return bool(base_name) and len(name) > len(base_name) + 1 and name.startswith(base_name) and \
            name[len(base_name)] in "-_ "

    def _variant_of_any(self, out: Extraction, iri: str, introduced: dict[str, _Mention]) -> bool:
        return any(self._is_variant(out, iri, base) for base in introduced)

    def _same_family(self, child: str, parent: str) -> bool:
        a, b = self.vocab.terms.get(child), self.vocab.terms.get(parent)
        return bool(a and b and a.attr("family") and a.attr("family") == b.attr("family"))

    def _lineage_edge(self, out: Extraction, child: str, relation: str, hit: Hit, fld: _Field,
                      s_start: int, s_end: int) -> None:
        quote = fld.text[s_start:s_end].strip()
        confidence = 0.7 if relation == "derivedFrom" else 0.75
        out.edges.append(Found(child, relation, hit.iri, fld.name, hit.start, hit.end, quote, "lineage-pattern",
                               confidence))
