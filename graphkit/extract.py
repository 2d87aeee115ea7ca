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

import ahocorasick_rs

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
# A writing system, not a language: "Latin script", "Cyrillic alphabet".
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
# A name the vocabulary lacks, called a dataset by the words around it: "the DailyMail dataset",
# "the MWOZ and SGD datasets" (a plural only after a list: "QA datasets" names a kind of data).
_DATASET_NOUNS = ("dataset", "data set", "benchmark", "corpus", "corpora", "treebank")
_NAME_TOKEN = r"[A-Za-z0-9][\w.+\-]*"
_LIST_AFTER = re.compile(
    rf"\s*(?:,|:|\(|\s(?:such\s+as|including|namely|like))\s*(?:e\.g\.,?\s*)?"
    rf"(?P<items>{_NAME_TOKEN}(?:\s*,\s*{_NAME_TOKEN})*,?\s+and\s+{_NAME_TOKEN})(?=\s*[).,;:]|\s+(?!and\b)[a-z])"
)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# The three cue kinds in one pass; at one position the first group wins, like min((start, kind)) would.
_CUES = re.compile(
    "|".join(f"(?P<{kind}>{pattern.pattern})" for kind, pattern in
             (("dataset", _DATASET_CUE), ("model", _MODEL_CUE), ("other", _OTHER_CUE))),
    re.IGNORECASE,
)
#: Every _PRIOR_WORK match contains one of these (case-folded): a cheap test before the regex.
_PRIOR_WORDS = ("previous", "prior", "earlier", "existing", "have", "has", "such", "e.g.", "recent")
_MODIFIER_AFTER = re.compile(r"(?:\s*\([^()]{1,12}\)|\))?-[A-Za-z]")
_VERSION = re.compile(r"v\d", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s(?:for|with|via|through|using|by|in|on|to|from|towards)\s", re.IGNORECASE)
_INTRO_FILLERS = {"the", "our", "new", "novel", "open", "first", "here", "a", "an"}
_NAMED = re.compile(r"\b(?:called|named|dubbed|coined|termed|namely)\s+$", re.IGNORECASE)
_APPOSITION = re.compile(
    r"\)?\s*(?:\([^)]{1,30}\)\s*)?,?\s*(?:a|an|the|our|which\s+is\s+a|is\s+a)\s+(?P<np>[^.;:]{0,80})", re.IGNORECASE
)
_VARIANT = re.compile(
    r"(?:(?:[-_]|\s(?=\d|v\d|base\b|large\b|instruct\b|chat\b|small\b|tiny\b|xl\b))"
    r"(?:\d+(?:\.\d+)?[BbMm]|\d+x\d+[Bb]|[Aa]\d+[Bb]|base|large(?!\s+(?:language|vision|multimodal|scale)\b)|"
    r"small|medium|tiny|mini|xl|xxl|instruct|chat|it|coder|math|v\d+(?:\.\d+)?|turbo|uncased|cased))+(?![\w.])",
    re.IGNORECASE,
)
_STEM_SUFFIX = re.compile(r"(?:-(?i:based|like|style|sized|scale|only|type|family|series|variants?)|s)$")

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
        ((r"based\s+on|built\s+(?:up)?on|on\s+top\s+of|initiali[sz]\w*|derived\s+from|extend\w*|extension\s+of|"
         r"variant\s+of|version\s+of|(?<!as\s)(?<!the\s)follow\w*|same\s+\w+\s+as|"
         r"architectur\w*\s+(?:[\w-]+\s+){0,2}?(?:of|from)|"
         r"starting\s+from|(?:re)?produc\w+|replicat\w*|derive\w*|"
         # "converts MLMs (e.g., BERT and RoBERTa) into ...", not "converts speech to text with Whisper"
         r"convert\w*(?!.*\b(?:in)?to\b)|combin\w+\s+the\s+strengths?\s+of"), "derivedFrom"),
    )
)
_LINEAGE_AFTER = re.compile(
    # "-like" only before a model noun: "BERT-like models", not "O1-like Monte Carlo Tree Search"
    r"(?:[\s-]*(?P<based>based|style|architecture|recipe|optimi[sz]ation|"
    r"like(?=\s+(?:[\w-]+\s+)?(?:models?|architectures?|encoders?|decoders?|LMs?|LLMs?|transformers?)\b))\b|"
    r"\s*(?:model\s+)?as\s+(?:the\s+|a\s+)?(?P<role>teacher|initiali[sz]ation|backbone|base|starting\s+point))",
    re.IGNORECASE,
)
_WORD_SUFFIX = re.compile(r"(?:-(?i:based|like|style|sized|scale|only|type|family|series|variants?)|s)\b")
_WORD_CONTINUES = re.compile(r"-?\w")
_ARCHITECTURE_AFTER = re.compile(r"[\s-]*architectures?\b", re.IGNORECASE)
#: An appositive that calls the paper's model a model of the parent's kind: "IndicNER, a multilingual IndicBERT model".
_APPOSITIVE_BEFORE = re.compile(r"(?:,|\s(?:is|are))\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,3}$", re.IGNORECASE)
_APPOSITIVE_NOUN = re.compile(
    r"(?:-(?:based|style|like))?[\s-]+(?:(?:large\s+)?language\s+models?|models?|LMs?|LLMs?|encoders?|decoders?|"
    r"transformers?|checkpoints?|variants?|networks?)\b",
    re.IGNORECASE,
)
#: Between two coordinated parents: "BERT and RoBERTa", "(Whisper) and video model (AV-HuBERT)".
_COORDINATED = re.compile(r"\W*(?:and|or|as\s+well\s+as)?\W*|\)\s*,?\s*(?:and|or)\s+(?:[\w-]+\s+){0,2}\(")
#: A parent given as an example: "(e.g., fine-tuned BERT)", "such as mBERT".
_EXAMPLE_BEFORE = re.compile(r"(?:\be\.g\.,?|\bsuch\s+as|\bincluding)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_INTRO_COORDINATION = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:,|and|,\s*and|&)\s*")
#: A version number written after a model name and its size: "the SeaLLM-7B 2.5 model".
_VERSION_AFTER = re.compile(r"\s\d{1,2}\.\d{1,2}(?=\s+(?:models?|checkpoints?)\b)")
_OUR_BEFORE = re.compile(r"\bour\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_MODEL_AFTER = re.compile(r"\s+models?\b", re.IGNORECASE)
_CLAUSE_ABOUT = re.compile(r"\b(?:which|that|using|with|by|leverag\w*)\b", re.IGNORECASE)
_COORDINATION_BEFORE = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")
_TRAILING_ASIDE = re.compile(r"[\"'”’]?\s*(?:\([^()]{1,30}\))?\s*$")
#: A title opening "<NewName> <Participle> <Model>": "LegalTurk Optimized BERT for ...".
_TITLE_MODIFIED = re.compile(r"\s*(?P<name>[^\s:]+)\s+(?P<verb>[A-Z][\w-]*ed)\s+")
_BUILT_WITH = re.compile(
    r"To\s+(?:build|create|develop|construct|train)\s+"
    r"(?:this|it|them|these|such\s+\w+|our\s+\w+|the\s+(?:model|system))\b[^.;]*?"
    r"\bwe\s+(?:used?|leverag\w+|employ\w*|adopt\w*|start\w*\s+from|buil[dt]\s+(?:up)?on)\b",
    re.IGNORECASE,
)
_PRIOR_CLAUSE = re.compile(
    r"\b(?:previous|prior|earlier|existing|other)\s+(?:[\w-]+\s+)?(?:work|works|approach(?:es)?|stud(?:y|ies)|"
    r"methods?|research|efforts?|attempts?|papers?)\b",
    re.IGNORECASE,
)
_FOUNDATION_WORDS = ("foundation", "basis", "backbone", "starting point")
_FOUNDATION = re.compile(
    r"\bas\s+(?:the|a|their)\s+(?:foundation|basis|backbone|starting\s+point)\b|"
    r"\b(?:foundation|basis|backbone|starting\s+point)\s+for\b",
    re.IGNORECASE,
)
_LIST_OPENER = re.compile(r"\b(?:such\s+as|including|e\.g\.,?)\s", re.IGNORECASE)
_INSTRUCT_SUFFIX = re.compile(r"[-_ ](?:instruct|chat|it|sft)$", re.IGNORECASE)
_TUNED_WORDS = re.compile(
    r"instruction[\s-]tun\w*|instruct\w*[\s-]tuned|chat\s+(?:model|version|variant)|fine[\s-]?tun\w*|finetun\w*",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:outperform\w*|surpass\w*|exceed\w*|compar\w*|than|versus|vs\.?|unlike|instead\s+of|over)\s", re.IGNORECASE
)


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


def _names_before(text: str, end: int, single: bool) -> list[tuple[int, str]]:
    """(offset, name) of the names just before a dataset noun: "the X" before a singular noun, or
    a list "X, Y and Z" (two names at least) before a plural one."""
    tokens = text[max(0, end - 160):end].split()
    if single:
        if len(tokens) >= 2 and tokens[-2] in ("the", "The") and tokens[-1][-1:].isalnum():
            name = tokens[-1]
            return [(text.rindex(name, 0, end), name)]
        return []
    if not tokens or not _name_end(tokens[-1]):
        return []
    names, index = [tokens[-1]], len(tokens) - 2
    while index >= 0:  # leftwards over "X, Y, and Z" / "X and Y" / "X & Y"
        joined = tokens[index] in ("and", "&", "or")
        if joined:
            index -= 1
        if index >= 0 and tokens[index].endswith(","):
            candidate = tokens[index][:-1]
        elif joined and index >= 0:
            candidate = tokens[index]
        else:
            break
        if not _name_end(candidate):
            break
        names.append(candidate)
        index -= 1
    if len(names) < 2:
        return []
    found, position = [], end
    for name in names:
        position = text.rindex(name, 0, position)
        found.append((position, name))
    return found[::-1]


def _names_after(text: str, end: int) -> list[tuple[int, str]]:
    """(offset, name) of a list right after a plural dataset noun: "datasets, IEMOCAP, Friends, and
    EmotionPush", "benchmarks such as POPE and CHAIR", "corpora (X, Y and Z)": two names at least,
    the last joined by "and"."""
    match = _LIST_AFTER.match(text, end)
    if match is None:
        return []
    found, position = [], match.start("items")
    for name in _LIST_SPLIT.split(match.group("items")):
        position = text.index(name, position)
        found.append((position, name))
        position += len(name)
    return found


def _dataset_nouns(text: str) -> list[tuple[int, int, bool]]:
    """(offset, end, singular?) of each lower-case dataset noun standing as a word ("datasets", "corpora")."""
    found = []
    for word in _DATASET_NOUNS:
        at = text.find(word)
        while at != -1:
            end = at + len(word)
            if at == 0 or not _word_char(text[at - 1]):
                if word != "corpora" and text.startswith("s", end) and not _word_char(text[end + 1:end + 2]):
                    found.append((at, end + 1, False))
                elif not _word_char(text[end:end + 1]):
                    found.append((at, end, word != "corpora"))
            at = text.find(word, end)
    return sorted(found)


def _word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def _name_end(token: str) -> bool:
    return bool(token) and (token[-1].isalnum() or token[-1] == "+")


def _token_around(text: str, start: int, end: int) -> re.Match[str]:
    """The whitespace/punctuation-delimited token that contains text[start:end]."""
    left = start
    while left > 0 and (text[left - 1].isalnum() or text[left - 1] in "_.+-"):
        left -= 1
    while left < start and not text[left].isalnum():
        left += 1
    return _TOKEN_CHARS.match(text, left)  # type: ignore[return-value]


def _abbreviates(word: str, before: str) -> bool:
    """Is ``word`` the acronym of the words just before it ("Archimedean Spiral Timeline (TeAST)")?"""
    capitals = [ch for ch in word if ch.isupper()]
    initials = [w[0].upper() for w in before.split()[-8:] if w[:1].isalpha()]
    return len(capitals) >= 2 and bool(initials) and initials[-1] == capitals[-1] and capitals[0] in initials


def _squash(name: str) -> str:
    """A name's letters and digits, lower-cased: "LLaMA-Omni 2" and "LLaMA-Omni2" compare equal."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


class Extractor:
    """Vocabulary matching plus phrase patterns; built once, used for every paper."""

    method = "rules"

    def __init__(self, vocab: Vocabulary | None = None, matcher: Matcher | None = None) -> None:
        self.vocab = vocab or load_vocabulary()
        self.matcher = matcher or (default_matcher() if vocab is None else Matcher(self.vocab))
        self.roots = _family_roots(self.vocab)
        # A DFA: for these ~150 roots it scans 1.5x faster than the default and stays small.
        self._root_automaton = ahocorasick_rs.AhoCorasick([root for root, _ in self.roots] or ["\0"],
                                                          implementation=ahocorasick_rs.Implementation.DFA)
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
        owned: dict[str, _Mention] = {}
        for fld in fields:
            self._intro_patterns(fld, introduced, introduced_datasets, out)
            self._family_tokens(fld, new_models, out, owned)
        for iri, mention in new_models.items():
            if iri not in introduced and mention.field == "title" and fields[0].text.find(":") > mention.start:
                introduced[iri] = mention
        for iri, mention in owned.items():
            introduced.setdefault(iri, mention)

        background = self._background_languages(fields)
        used: dict[tuple[str, str], _Mention] = {}
        variants: dict[tuple[str, int], _Mention] = {}
        for fld in fields:
            for hit in fld.hits:
                # "non-English speaking countries", "non-Latin scripts": every language but that one.
                if hit.kind == "language" and (hit.iri in background or _SCRIPT_AFTER.match(fld.text, hit.end)
                                               or fld.text[max(0, hit.start - 4):hit.start].lower() == "non-"):
                    continue
                mention = _Mention(hit.iri, fld.name, hit.start, hit.end, hit.kind)
                self._note_alias(out, hit.iri, fld.text[hit.start:hit.end])
                if hit.kind == "model":
                    variant = self._variant(fld, hit, out, paper)
                    if variant:
                        mention = variants[(fld.name, hit.start)] = variant
                prop = HIT_PROPERTY[hit.kind]
                if mention.iri in introduced or mention.iri in introduced_datasets:
                    continue
                if hit.kind in ("model", "technique", "task") and self._is_background(fld, hit, introduced):
                    continue
                used.setdefault((prop, mention.iri), mention)
        for iri, mention in new_models.items():
            if iri not in introduced:
                used.setdefault(("usesModel", iri), mention)
        for fld in fields:
            self._named_datasets(fld, used, introduced_datasets, out)
        # Models the text says were built on the paper's own are neither used nor introduced here.
        built_from_ours = self._built_from_ours(fields, introduced, variants)
        for iri in built_from_ours:
            used.pop(("usesModel", iri), None)
        mentioned = {iri for prop, iri in used if prop == "usesModel"} | set(introduced)
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
        self._lineage(fields, introduced, new_models, out, variants, mentioned, built_from_ours)
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
            folded = sentence.casefold()
            known = any(word in folded for word in _PRIOR_WORDS) and bool(_PRIOR_WORK.search(sentence)) and \
                not _FIRST_PERSON.search(sentence)
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
        for match in _CUES.finditer(context):
            # "a Language Model (LLM)-centered framework", "LLM-based pipeline": a hyphenated cue modifies the head.
            if _MODIFIER_AFTER.match(context, match.end()):
                continue
            return match.lastgroup
        return "model" if self._family_root(name) else None

    def _family_root(self, token: str) -> str | None:
        """The model a name extends by containing its family's root (GottBERT -> BERT); longest root wins."""
        best = None
        if self.roots:
            for index, start, end in self._root_automaton.find_matches_as_indexes(token, overlapping=True):
                if best is None or end - start > best[0]:
                    best = (end - start, self.roots[index][1])
        return best[1] if best else None

    def _title_introductions(self, title: _Field, abstract: _Field | None, introduced: dict, datasets: dict,
                             out: Extraction) -> None:
        text = title.text
        first_model = next((h for h in title.hits if h.kind == "model"), None)
        if first_model and first_model.start and text[first_model.start - 1] == " ":
            # "LegalTurk Optimized BERT for ...": a new name, a participle, then the model it modifies.
            modified = _TITLE_MODIFIED.fullmatch(text, 0, first_model.start)
            name = modified.group("name") if modified else ""
            if modified and self._is_new_name(name) and not self.vocab.resolve(name, "model") and \
                    not any(h.start < modified.end("name") for h in title.hits):
                iri = self._mint(out, "model", name)
                introduced[iri] = _Mention(iri, "title", modified.start("name"), modified.end("name"), "model")
                return
        first = next((h for h in title.hits if h.kind in ("model", "dataset")), None)
        lead = len(text) - len(text.lstrip())
        if first and first.start == lead:
            after = text[first.end:first.end + 20]
            # "Qwen2: ...", "X - A ...", "X Technical Report"; not "CamemBERT-bio: ..." (a longer new name).
            if re.match(r"\s*:|\s+-{1,2}\s*[A-Z]|\s*[–—]\s*[A-Z]|\s+(?i:technical\s+report)", after):
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
                if in_parens and previous_end is not None and _CLAUSE_ABOUT.search(text, previous_end, token.start()) \
                        and not _abbreviates(word, before[: before.rfind("(")]):
                    continue  # "we propose X which combines ... a pre-trained video model (AV-HuBERT)"
                # "X, Y", "X and Y", "X (317M parameters) and Y (964M parameters)"
                coordinated = gap is not None and bool(_INTRO_COORDINATION.fullmatch(gap))
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

    def _named_datasets(self, fld: _Field, used: dict[tuple[str, str], _Mention], introduced: dict[str, _Mention],
                        out: Extraction) -> None:
        """Datasets no vocabulary knows, named as such: "the DailyMail dataset", "the MWOZ and SGD datasets"."""
        text = fld.text
        for at, end, single in _dataset_nouns(text):
            listed = _names_before(text, at, single)
            if not single:
                listed += _names_after(text, end)
            for begin, name in listed:
                if not self._is_new_name(name) or name[0].isdigit() or _VERSION.match(name):
                    continue
                if fld.covered(begin, begin + len(name)) or self._known_as_other(name):
                    continue
                iri = self._mint(out, "dataset", name)
                if iri not in introduced:
                    used.setdefault(("usesDataset", iri), _Mention(iri, fld.name, begin, begin + len(name), "dataset"))

    def _known_as_other(self, name: str) -> bool:
        return any(self.vocab.resolve(name, kind) for kind in ("model", "task", "technique", "language"))

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
            if re.match(r"-?\w", text[hit.end:hit.end + 2]):
                return  # "CamemBERT-bio": the known name is only the front of a new one
            target = introduced if hit.kind == "model" else datasets
            target.setdefault(hit.iri, _Mention(hit.iri, fld.name, hit.start, hit.end, hit.kind))
            return

    def _family_tokens(self, fld: _Field, new_models: dict, out: Extraction, owned: dict | None = None) -> None:
        """New names built on a family root (GottBERT, Mirror-BERT); ``owned`` gets those the text calls
        "our ... <name> model(s)"."""
        text, last_end = fld.text, -1
        if not self.roots:
            return
        for _, start, stop in self._root_automaton.find_matches_as_indexes(text, overlapping=True):
            end_index = stop - 1
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
            mention = _Mention(iri, fld.name, token.start(), token.start() + len(stem), "model")
            new_models.setdefault(iri, mention)
            if owned is not None and _OUR_BEFORE.search(text, max(0, mention.start - 40), mention.start) and \
                    _MODEL_AFTER.match(text, mention.end):
                owned.setdefault(iri, mention)

    def _variant(self, fld: _Field, hit: Hit, out: Extraction, paper: str) -> _Mention | None:
        text = fld.text
        match = _VARIANT.match(text, hit.end)
        end = match.end() if match else hit.end
        if match:
            version = _VERSION_AFTER.match(text, end)
            end = version.end() if version else end
        language = None
        if text[end:end + 1] == "-":
            # "LLaMA3-8B-Chinese": a language name hyphenated onto a model name is a variant of it.
            index = bisect_right(fld.hit_starts, end + 1) - 1
            candidate = fld.hits[index] if index >= 0 else None
            if candidate and candidate.start == end + 1 and candidate.kind == "language" and \
                    not _WORD_CONTINUES.match(text, candidate.end):
                language, end = candidate, candidate.end
        if end == hit.end or any(hit.end <= h.start < end and h is not language for h in fld.hits):
            return None
        name = text[hit.start:end]
        iri = self._mint(out, "model", name)
        if iri == hit.iri:
            return None
        s_start, s_end = fld.sentence(hit.start)
        out.edges.append(Found(iri, "derivedFrom", hit.iri, fld.name, hit.start, hit.end,
                               text[s_start:s_end].strip(), "variant-name", 0.9))
        return _Mention(iri, fld.name, hit.start, end, "model")

    def _lineage(self, fields: list[_Field], introduced: dict[str, _Mention], new_models: dict[str, _Mention],
                 out: Extraction, variants: dict[tuple[str, int], _Mention], mentioned: set[str],
                 built_from_ours: dict[str, tuple[str, _Field, Hit]]) -> None:
        if not introduced:
            return
        found: set[str] = set()
        for fld in fields:
            text = fld.text
            # The model mentioned before this one in the sentence: a cue before it is its own, unless the
            # two are coordinated ("distilled from BERT and RoBERTa"), when they share it.
            previous: tuple[int, int, str | None] = (-1, -1, None)
            for hit in fld.hits:
                if hit.kind != "model":
                    continue
                s_start, s_end = fld.sentence(hit.start)
                parent, parent_end = self._parent(fld, hit, variants)
                prev_sentence, prev_end, prev_relation = previous
                same_sentence = prev_sentence == s_start and prev_end <= hit.start
                previous = (s_start, parent_end, None)
                if hit.iri in introduced or parent in introduced:
                    continue
                mention_start = hit.start
                if self._inside_longer_name(text, hit.start, parent_end):
                    # "AV-HuBERT", "BERT-kNN", "Qwen3-XPlus": the model named is the whole new name, if it is one.
                    whole = self._longer_name(text, hit, out)
                    if whole is None or whole[0] in introduced:
                        continue
                    parent, (mention_start, parent_end) = whole
                appositive = self._appositive_children(fld, hit, parent_end, introduced, out)
                if appositive:
                    relation, children = appositive
                else:
                    if same_sentence and prev_relation and _COORDINATED.fullmatch(text, prev_end, mention_start):
                        relation = prev_relation
                    else:
                        relation = self._lineage_cue(fld, hit, mention_start, parent_end,
                                                     max(s_start, prev_end) if same_sentence else s_start)
                    previous = (s_start, parent_end, relation)
                    if relation is None:
                        continue
                    children = self._children_for(introduced, new_models, fld, hit, s_start, s_end, out)
                for child in children:
                    if child in (hit.iri, parent) or self._is_variant(out, parent, child):
                        continue
                    rel = relation
                    if rel == "successorOf" and not self._same_family(child, parent):
                        rel = "derivedFrom"
                    self._lineage_edge(out, child, rel, parent, hit, fld, s_start, s_end)
                    found.add(child)
        # "as the foundation, Qwen2.5 models have been instrumental in training ... Qwen2.5-Math": others built on ours.
        for child, (parent, fld, hit) in built_from_ours.items():
            s_start, s_end = fld.sentence(hit.start)
            self._lineage_edge(out, child, "derivedFrom", parent, hit, fld, s_start, s_end)
        self._instruct_variants(fields, introduced, out, mentioned, found)
        self._keep_most_specific(out)
        # A new name built on a family root (MosaicBERT) derives from that root unless the text said more.
        variant_names = {edge.subject for edge in out.edges if edge.method == "variant-name"}
        for iri, mention in introduced.items():
            if iri in found or iri in variant_names or iri not in out.entities:
                continue
            root = self._family_root(out.entities[iri].name)
            # Only when the text names the root on its own (not just inside new names: PLBART, AV-HuBERT),
            # and the root is not itself one of the paper's models (the SEA-LION family's members).
            if root and root != iri and root not in introduced and self._named_alone(fields, root):
                fld = next(f for f in fields if f.name == mention.field)
                s_start, s_end = fld.sentence(mention.start)
                out.edges.append(Found(iri, "derivedFrom", root, fld.name, mention.start, mention.end,
                                       fld.text[s_start:s_end].strip(), "name-pattern", 0.6))

    def _keep_most_specific(self, out: Extraction) -> None:
        """A child stated to come from both a family and a variant of it (SeaLLM, "the SeaLLM-7B 2.5 model")
        keeps only the variant."""
        edges = [e for e in out.edges if e.method == "lineage-pattern"]
        if len(edges) < 2:
            return
        parents: dict[str, set[str]] = {}
        for edge in edges:
            parents.setdefault(edge.subject, set()).add(edge.object)
        drop: dict[tuple[str, str], str] = {}
        for child, objs in parents.items():
            for general in objs:
                term = self.vocab.terms.get(general)
                if len(objs) < 2 or not term or term.attr("family") != term.name:
                    continue  # only a family (SeaLLM, BERT) gives way, not a model like GPT-4o to GPT-4o-mini
                specific = next((o for o in objs if o != general and self._is_variant(out, o, general)), None)
                if specific:
                    drop[(child, general)] = specific
        if not drop:
            return
        kinds = {(e.subject, e.object): e.predicate for e in edges if (e.subject, e.object) in drop}
        kept = []
        for edge in out.edges:
            if edge.method == "lineage-pattern":
                if (edge.subject, edge.object) in drop:
                    continue
                general = next((g for (c, g), o in drop.items() if c == edge.subject and o == edge.object), None)
                if general and edge.predicate == "derivedFrom" and kinds[(edge.subject, general)] != "derivedFrom":
                    # "compressing BERT" and "a thin version of BERT_LARGE": distilled from BERT_LARGE
                    edge.predicate = kinds[(edge.subject, general)]
            kept.append(edge)
        out.edges[:] = kept

    @staticmethod
    def _inside_longer_name(text: str, start: int, end: int) -> bool:
        """Is text[start:end] only part of a longer hyphenated or glued name ("AV-HuBERT", "BERT-kNN")?"""
        if start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            return True
        return end < len(text) and (text[end].isalnum() or text[end] in "_-") and not _WORD_SUFFIX.match(text, end)

    def _longer_name(self, text: str, hit: Hit, out: Extraction) -> tuple[str, tuple[int, int]] | None:
        """The new model a longer name around a mention stands for (one the text introduced or used), and its span."""
        token = _token_around(text, hit.start, hit.end)
        name = _STEM_SUFFIX.sub("", token.group().rstrip(".-"))
        iri = entity_iri("model", name)
        if iri in out.entities and out.entities[iri].kind == "model":
            return iri, (token.start(), token.start() + len(name))
        return None

    def _parent(self, fld: _Field, hit: Hit, variants: dict[tuple[str, int], _Mention]) -> tuple[str, int]:
        """The model a parent mention names, and where the mention ends.

        The variant the text writes ("SeaLLM-7B", "LLaMA3-8B-Chinese") rather than its family, except
        for an architecture ("the RoBERTa BASE architecture"): that is the family's design, not a checkpoint.
        """
        variant = variants.get((fld.name, hit.start))
        iri, end = (variant.iri, variant.end) if variant else (hit.iri, hit.end)
        if _ARCHITECTURE_AFTER.match(fld.text, end):
            term = self.vocab.terms.get(hit.iri)
            family_name = term.attr("family") if term else None
            written = fld.text[hit.start:end]
            # Only a size variant stands for its family's architecture: "RoBERTa BASE", not "GPT-2" or "Qwen3".
            if family_name and written.casefold().startswith(family_name.casefold()) and \
                    _VARIANT.fullmatch(written, len(family_name)):
                family = self.vocab.resolve(family_name, "model")
                if family:
                    return family.iri, end
        return iri, end

    def _built_from_ours(self, fields: list[_Field], introduced: dict[str, _Mention],
                         variants: dict[tuple[str, int], _Mention]) -> dict[str, tuple[str, _Field, Hit]]:
        """Other models the text says were built on the paper's own model ("as the foundation ... such as X, Y")."""
        result: dict[str, tuple[str, _Field, Hit]] = {}
        if not introduced or len(fields) < 2:
            return result
        fld = fields[1]
        text, checked = fld.text, set()
        for hit in fld.hits:
            if hit.kind != "model" or hit.iri not in introduced:
                continue
            s_start, s_end = fld.sentence(hit.start)
            if s_start in checked:
                continue
            checked.add(s_start)
            sentence = text[s_start:s_end]
            if not any(word in sentence for word in _FOUNDATION_WORDS) or not _FOUNDATION.search(sentence):
                continue
            listing = _LIST_OPENER.search(text, hit.end, s_end)
            if not listing:
                continue
            for other in fld.hits:
                if other.kind == "model" and listing.end() <= other.start < s_end:
                    variant = variants.get((fld.name, other.start))
                    child = variant.iri if variant else other.iri
                    if child != hit.iri:
                        result.setdefault(child, (hit.iri, fld, hit))
        return result

    def _instruct_variants(self, fields: list[_Field], introduced: dict[str, _Mention], out: Extraction,
                           mentioned: set[str], found: set[str]) -> None:
        """"The instruction-tuned variant, Qwen2-72B-Instruct" beside Qwen2-72B: fine-tuned from the base it names."""
        for iri, mention in introduced.items():
            if iri in found:
                continue
            name = self._name(out, iri)
            match = _INSTRUCT_SUFFIX.search(name)
            if not match:
                continue
            base = self.vocab.resolve(name[:match.start()], "model")
            base_iri = base.iri if base else entity_iri("model", name[:match.start()])
            if base_iri == iri or base_iri not in mentioned:
                continue
            fld = next(f for f in fields if f.name == mention.field)
            s_start, s_end = fld.sentence(mention.start)
            if not _TUNED_WORDS.search(fld.text, s_start, s_end):
                continue
            out.edges.append(Found(iri, "fineTunedFrom", base_iri, fld.name, mention.start, mention.end,
                                   fld.text[s_start:s_end].strip(), "lineage-pattern", 0.7))
            found.add(iri)

    @staticmethod
    def _named_alone(fields: list[_Field], iri: str) -> bool:
        """Is the model named somewhere as a word of its own ("BERT", "BERT-based"), not only inside a longer name?"""
        for fld in fields:
            text = fld.text
            for hit in fld.hits:
                if hit.iri != iri:
                    continue
                before = text[hit.start - 1] if hit.start else " "
                if before.isalnum() or before in "_-":
                    continue
                if hit.end < len(text) and (text[hit.end].isalnum() or text[hit.end] == "-") and \
                        not _WORD_SUFFIX.match(text, hit.end):
                    continue
                return True
        return False

    def _appositive_children(self, fld: _Field, hit: Hit, parent_end: int, introduced: dict[str, _Mention],
                             out: Extraction) -> tuple[str, list[str]] | None:
        """"IndicNER, a multilingual IndicBERT model fine-tuned on ...", "X and Y, the first BERT models ...":
        the introduced names the appositive describes as models of the parent's kind."""
        text = fld.text
        s_start, _ = fld.sentence(hit.start)
        window_start = max(s_start, hit.start - 60)
        before = _APPOSITIVE_BEFORE.search(text, window_start, hit.start)
        if not before or not _APPOSITIVE_NOUN.match(text, parent_end):
            return None
        children: list[str] = []
        position = before.start()
        while True:
            named = self._introduced_ending_at(fld, position, introduced, out)
            if not named:
                break
            children.append(named[0])
            joint = _COORDINATION_BEFORE.search(text, max(s_start, named[1] - 8), named[1])
            if not joint:
                break
            position = joint.start()
        if not children:
            return None
        noun = _APPOSITIVE_NOUN.match(text, parent_end)
        after = text[noun.end():noun.end() + 40].lstrip()  # type: ignore[union-attr]
        modifiers = text[before.start():hit.start]
        relation = next((rel for pattern, rel in _LINEAGE_BEFORE if pattern.search(modifiers)), None) or \
            next((rel for pattern, rel in _LINEAGE_BEFORE if pattern.match(after)), "derivedFrom")
        return relation, children

    def _introduced_ending_at(self, fld: _Field, position: int, introduced: dict[str, _Mention],
                              out: Extraction) -> tuple[str, int] | None:
        """The introduced model whose name ends at ``position`` (quotes and a parenthesis allowed), and its start."""
        text = fld.text
        skipped = _TRAILING_ASIDE.search(text, max(0, position - 40), position)
        if skipped:
            position = skipped.start()
        for hit in fld.hits:
            if hit.end == position and hit.iri in introduced:
                return hit.iri, hit.start
        for iri in introduced:
            name = self._name(out, iri)
            start = position - len(name)
            if name and start >= 0 and text.startswith(name, start) and \
                    (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-")):
                return iri, start
        return None

    def _lineage_cue(self, fld: _Field, hit: Hit, mention_start: int, parent_end: int, floor: int) -> str | None:
        """The lineage relation the words around a parent mention state, if any.

        Cue words are looked for between ``floor`` (the sentence start, or the end of the model named
        before this one) and the mention.
        """
        text = fld.text
        s_start = fld.sentence(hit.start)[0]
        after = _LINEAGE_AFTER.match(text, parent_end)
        if after:
            return "distilledFrom" if (after.group("role") or "") == "teacher" else "derivedFrom"
        window_start = max(floor, mention_start - 60)
        window = text[window_start:mention_start]
        relation, best = None, -1
        for pattern, rel in _LINEAGE_BEFORE:
            for cue in pattern.finditer(window):
                if cue.start() > best and not _NEGATION.search(window[cue.end():]):
                    best, relation = cue.start(), rel
        if relation is not None and _PRIOR_CLAUSE.search(text, s_start, mention_start) and \
                not _FIRST_PERSON.search(text, s_start, mention_start):
            return None  # "While previous approaches have used ... a Dutch version of BERT, we ..."
        if relation is None and fld.name == "title" and s_start == 0:
            # "LegalTurk Optimized BERT ...": a title opening with a new name and a participle before the model.
            modified = _TITLE_MODIFIED.fullmatch(text, 0, mention_start)
            if modified and self._is_new_name(modified.group("name")):
                verb = modified.group("verb")
                return next((rel for pattern, rel in _LINEAGE_BEFORE if pattern.match(verb)), "derivedFrom")
        if relation is None and text.startswith("To ", s_start) and _BUILT_WITH.match(text, s_start, mention_start):
            return "derivedFrom"  # "To build this, we used ... with w2v-BERT 2.0": what the paper's model is built with
        if relation is None and re.match(r"\s+models?\b[^.]{0,80}\(\s*[\w\-]+", text[parent_end:s_start + 400]):
            # "a German RoBERTa model ... (GottBERT)": the parenthesised name is built on it.
            return "derivedFrom"
        return relation

    def _children_for(self, introduced: dict[str, _Mention], new_models: dict[str, _Mention], fld: _Field,
                      hit: Hit, start: int, end: int, out: Extraction) -> list[str]:
        """The introduced models a parent mention speaks about: a list right after it, the nearest, or the only one."""
        text = fld.text
        inside = [(iri, m.start) for iri, m in introduced.items() if m.field == fld.name and start <= m.start < end]
        # Later mentions of an introduced model count too ("Qwen2 surpasses ... its predecessor Qwen1.5").
        inside += [(h.iri, h.start) for h in fld.hits if h.iri in introduced and start <= h.start < end]
        for iri in introduced:
            if iri in out.entities:  # a new name is no vocabulary hit: find it in the sentence by its spelling
                name = out.entities[iri].name
                at = text.find(name, start, end)
                if at >= 0 and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_-")):
                    inside.append((iri, at))
        following = re.match(r"[^()]{0,40}\(([^)]{1,120})\)", fld.text[hit.end:end])
        if following:
            lo, hi = hit.end + following.start(1), hit.end + following.end(1)
            listed = list(dict.fromkeys(iri for iri, at in inside if lo <= at < hi))
            if listed:
                return listed
        if inside:
            return [min(inside, key=lambda item: (abs(item[1] - hit.start), item[0]))[0]]
        if len(introduced) != 1:
            return []
        # The only model the paper introduces, unless the sentence is about another new name
        # ("“Subasa-Llama” ... fine-tuned versions of Llama") or is background ("BERT-like models such as ...").
        if any(m.field == fld.name and start <= m.start < end for iri, m in new_models.items()
               if iri not in introduced) or self._other_compound(fld, start, end, introduced, out):
            return []
        if fld.name == "abstract" and (self._is_background(fld, hit, introduced) or
                                       _EXAMPLE_BEFORE.search(text, max(start, hit.start - 40), hit.start)):
            return []
        return list(introduced)

    def _other_compound(self, fld: _Field, start: int, end: int, introduced: dict[str, _Mention],
                        out: Extraction) -> bool:
        """Does the sentence name a model inside a longer new name that is not the paper's ("Subasa-Llama")?"""
        text = fld.text
        names = [_squash(self._name(out, iri)) for iri in introduced]
        for hit in fld.hits:
            if hit.kind == "model" and start <= hit.start < end and hit.start and \
                    (text[hit.start - 1].isalnum() or text[hit.start - 1] == "-"):
                token = _squash(_token_around(text, hit.start, hit.end).group())
                if not any(name.startswith(token) for name in names):
                    return True
        return False

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

    def _lineage_edge(self, out: Extraction, child: str, relation: str, parent: str, hit: Hit, fld: _Field,
                      s_start: int, s_end: int) -> None:
        quote = fld.text[s_start:s_end].strip()
        confidence = 0.7 if relation == "derivedFrom" else 0.75
        out.edges.append(Found(child, relation, parent, fld.name, hit.start, hit.end, quote, "lineage-pattern",
                               confidence))
