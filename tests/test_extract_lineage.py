"""Lineage stated in the text: which phrasings give an edge, to which parent, and which do not."""

from __future__ import annotations

import pytest

from graphkit.extract import Extractor
from graphkit.ids import entity_iri
from graphkit.models import PaperRecord


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _lineage(extractor: Extractor, title: str, abstract: str) -> dict[tuple[str, str], str]:
    """(child name, parent name) -> relation, for edges found from the text (not from names or vocabularies)."""
    out = extractor.extract(PaperRecord(title=title, abstract=abstract), "urn:paper")

    def name(iri: str) -> str:
        term = extractor.vocab.terms.get(iri)
        return term.name if term else out.entities[iri].name

    return {(name(e.subject), name(e.object)): e.predicate for e in out.edges if e.method == "lineage-pattern"}


def _introduced(extractor: Extractor, title: str, abstract: str) -> set[str]:
    out = extractor.extract(PaperRecord(title=title, abstract=abstract), "urn:paper")
    return {e.object for e in out.edges if e.predicate == "introducesModel"}


def test_appositive_names_the_parent_and_how(extractor):
    edges = _lineage(extractor, "A corpus for Welsh entity recognition",
                     "We also release CymNER, a multilingual IndicBERT model fine-tuned on the new training set.")
    assert edges == {("CymNER", "IndicBERT"): "fineTunedFrom"}


def test_appositive_covers_every_coordinated_name(extractor):
    edges = _lineage(extractor, "Pre-training on tweets",
                     "We introduce WelTweetBERT and BreTweetBERT, the first publicly available BERT models "
                     "pre-trained on Welsh and Breton tweets.")
    assert edges == {("WelTweetBERT", "BERT"): "derivedFrom", ("BreTweetBERT", "BERT"): "derivedFrom"}


def test_title_new_name_participle_model(extractor):
    title = "ZetaLaw Optimized BERT for Legal Text Classification"
    assert entity_iri("model", "ZetaLaw") in _introduced(extractor, title, "We modify the pre-training phase.")
    assert _lineage(extractor, title, "We modify the pre-training phase.") == {("ZetaLaw", "BERT"): "derivedFrom"}
    # An ordinary opening word is no model name.
    assert not _lineage(extractor, "Regional Attention-Enhanced Swin Transformer for Captioning", "We caption.")


def test_size_variant_architecture_means_the_family(extractor):
    edges = _lineage(extractor, "KoalaBERT: a Welsh Language Model",
                     "KoalaBERT was pre-trained from scratch using the RoBERTa BASE architecture.")
    assert edges == {("KoalaBERT", "RoBERTa"): "derivedFrom"}


def test_written_variant_is_the_parent(extractor):
    edges = _lineage(extractor, "WenGPT: Classical Chinese",
                     "By continuing pre-training on the LLaMA3-8B-Chinese model, we construct WenGPT.")
    assert set(edges) == {("WenGPT", "LLaMA3-8B-Chinese")}
    # A family and a variant of it stated for one child: the variant stays, with the family's relation kind.
    edges = _lineage(extractor, "TinyX: a compact model",
                     "We propose TinyX for compressing the popular BERT model. TinyX is a thin version of BERT_LARGE.")
    assert edges == {("TinyX", "BERT-large"): "distilledFrom"}


def test_prior_work_and_examples_are_no_parents(extractor):
    edges = _lineage(extractor, "DutchBERTa: a Dutch RoBERTa-based Language Model",
                     "While previous approaches have used earlier implementations of BERT to train a Dutch version "
                     "of BERT, we used RoBERTa to train DutchBERTa.")
    assert ("DutchBERTa", "BERT") not in edges
    assert ("DutchBERTa", "RoBERTa") in edges
    assert not _lineage(extractor, "RelX: relation extraction with LLMs",
                        "LLMs still lag behind supervised baselines (e.g., fine-tuned BERT) in relation extraction.")


def test_parent_inside_a_longer_name(extractor):
    abstract = ("In this work, we propose FooFlamingo for speech recognition which combines the strengths of a "
                "pre-trained audio model (Whisper) and video model (AV-HuBERT).")
    edges = _lineage(extractor, "FooFlamingo for noisy speech", abstract)
    assert set(edges) == {("FooFlamingo", "Whisper"), ("FooFlamingo", "AV-HuBERT")}
    assert entity_iri("model", "AV-HuBERT") not in _introduced(extractor, "FooFlamingo for noisy speech", abstract)


def test_name_alone_is_no_lineage(extractor):
    out = extractor.extract(PaperRecord(title="Unified pre-training for code",
                                        abstract="This paper introduces PLBART, a sequence-to-sequence model."),
                            "urn:paper")
    assert not [e for e in out.edges if e.predicate != "introducesModel" and e.subject != "urn:paper"]


def test_models_built_on_the_papers_model(extractor):
    title, abstract = "Qwen2.5 Technical Report", (
        "In this report, we introduce Qwen2.5, a series of large language models. As the foundation, Qwen2.5 models "
        "have been used to train specialized models such as Qwen2.5-Math and Qwen2.5-Coder.")
    assert _lineage(extractor, title, abstract) == {("Qwen2.5-Math", "Qwen2.5"): "derivedFrom",
                                                    ("Qwen2.5-Coder", "Qwen2.5"): "derivedFrom"}
    assert _introduced(extractor, title, abstract) == {entity_iri("model", "Qwen2.5")}


def test_instruction_tuned_variant_of_a_named_base(extractor):
    edges = _lineage(extractor, "Qwen2 Technical Report",
                     "This report introduces the Qwen2 series. The flagship model, Qwen2-72B, is strong. "
                     "The instruction-tuned variant, Qwen2-72B-Instruct, attains 9.1 on MT-Bench.")
    assert edges[("Qwen2-72B-Instruct", "Qwen2-72B")] == "fineTunedFrom"
