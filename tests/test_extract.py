"""Extraction on real abstracts: entity resolution, variants, lineage, language guards, evidence."""

from __future__ import annotations

import graphkit
from graphkit.ids import entity_iri, language_iri


def _objects(kg, predicate):
    return {o for (_, p, o) in kg.edges if p == predicate}


def test_spellings_resolve_to_one_node():
    kg = graphkit.build([
        {"title": "A", "abstract": "We fine-tune wav2vec2 on Swahili."},
        {"title": "B", "abstract": "Wav2Vec 2.0 features help ASR."},
        {"title": "C", "abstract": "We compare wav2vec-2.0 and HuBERT."},
    ])
    models = _objects(kg, "usesModel")
    assert entity_iri("model", "wav2vec 2.0") in models
    assert not [m for m in models if "wav2vec2" in m or "wav2vec-2-0" in m]
    alt = kg.nodes[entity_iri("model", "wav2vec 2.0")].alt_labels
    assert {"wav2vec2", "Wav2Vec 2.0"} <= alt


def test_datasets_named_as_such_are_used_even_when_unknown():
    kg = graphkit.build([
        {"title": "A", "abstract": "We evaluate on the MWOZ, SGD, and ReDial datasets and on the JDDC dataset."},
        {"title": "B", "abstract": "Most QA datasets are English. We release the proposed dataset. "
                                   "Results on the SQuAD dataset improve."},
    ])
    used = _objects(kg, "usesDataset")
    for name in ("MWOZ", "SGD", "ReDial", "JDDC"):
        assert entity_iri("dataset", name) in used, name
    assert not {entity_iri("dataset", n) for n in ("QA", "proposed", "English")} & used
    assert entity_iri("dataset", "SQuAD") in used  # a known name keeps its curated node
    evidence = kg.edges[(next(iter(kg.papers)), "usesDataset", entity_iri("dataset", "ReDial"))]
    assert all("ReDial" in ev.quote for ev in evidence.values())


def test_a_list_after_a_dataset_noun_names_datasets():
    kg = graphkit.build([
        {"title": "A", "abstract": "Experiments on three emotion datasets, KlimaTalk, Friends, and EmoPushX show gains."},
        {"title": "B", "abstract": "Evaluations on benchmarks such as HaluBenchQ and OBJ-Check demonstrate it works."},
        {"title": "C", "abstract": "We pretrain on two corpora (WebTextZ and C4Q) and test on the datasets and their splits."},
        {"title": "D", "abstract": "Several datasets, and we show that MixedCase alone is not a list."},
    ])
    used = _objects(kg, "usesDataset")
    for name in ("KlimaTalk", "EmoPushX", "HaluBenchQ", "OBJ-Check", "WebTextZ", "C4Q"):
        assert entity_iri("dataset", name) in used, name
    # A plain word is not a name, and a noun without a closed list names nothing.
    assert not {entity_iri("dataset", n) for n in ("Friends", "MixedCase")} & used


def test_a_metric_is_never_a_new_model():
    kg = graphkit.build([{"title": "A", "abstract": "We developed BERT-based detection models that reach "
                                                   "high scores (up to 99.9% F1-score) on the test set."}])
    assert entity_iri("model", "F1-score") not in kg.nodes
    assert not any(p == "introducesModel" for (_, p, _) in kg.edges)


def test_non_prefixed_language_is_not_studied():
    kg = graphkit.build([
        {"title": "A", "abstract": "Speakers in non-English speaking countries write Swahili posts."},
        {"title": "B", "abstract": "We study English and German essays by non-English students."},
    ])
    languages = {(s, o) for (s, p, o) in kg.edges if p == "studiesLanguage"}
    first, second = kg.papers
    assert (first, language_iri("swh")) in languages or (first, language_iri("swa")) in languages
    assert (first, language_iri("eng")) not in languages
    assert (second, language_iri("eng")) in languages  # named on its own elsewhere


def test_a_framework_built_around_a_model_is_not_a_model():
    kg = graphkit.build([
        {"title": "SimplifyText: An LLM-Based System for Plain Language", "abstract": "We build a system."},
        {"title": "CrashKit: A Large Language Model (LLM)-centered Framework for Crash Analysis",
         "abstract": "This study presents CrashKit, a novel Large Language Model (LLM)-centered framework."},
        {"title": "GottBERT: a pure German Language Model", "abstract": "We present GottBERT."},
    ])
    introduced = _objects(kg, "introducesModel")
    assert entity_iri("model", "GottBERT") in introduced
    assert not {entity_iri("model", "SimplifyText"), entity_iri("model", "CrashKit")} & introduced


def test_size_variant_is_its_own_node_derived_from_its_base():
    kg = graphkit.build([{"title": "T", "abstract": "We evaluate Qwen2.5-7B-Instruct on Maltese."}])
    variant = entity_iri("model", "Qwen2.5-7B-Instruct")
    assert variant in _objects(kg, "usesModel")
    assert graphkit.lineage(kg, "Qwen2.5-7B-Instruct")["ancestors"][-1]["name"] in {"Qwen2.5", "Qwen"}
    assert any(a["name"] == "Qwen2.5" for a in graphkit.lineage(kg, "Qwen2.5-7B-Instruct")["ancestors"])


def test_language_guards():
    kg = graphkit.build([
        {"title": "Even Small Models Are Strong", "abstract": "Even a bit of data helps. We write Python and Java code."},
        {"title": "Lingala ASR", "abstract": "We build speech recognition for Lingala and the Even language."},
    ])
    langs = _objects(kg, "studiesLanguage")
    assert language_iri("lin") in langs and language_iri("eve") in langs
    papers = {kg.nodes[s].name: s for (s, p, o) in kg.edges if p == "studiesLanguage"}
    assert "Even Small Models Are Strong" not in papers


def test_seed_lineage_reaches_bert(seed_graph):
    doc = graphkit.lineage(seed_graph, "BERT")
    names = {d["name"] for d in doc["descendants"]}
    assert {"GottBERT", "BERTu", "mBERTu", "MosaicBERT"} <= names
    gott = graphkit.lineage(seed_graph, "GottBERT")
    by_name = {a["name"]: a for a in gott["ancestors"]}
    assert by_name["RoBERTa"]["depth"] == 1 and by_name["RoBERTa"]["via"].endswith("/gottbert")
    assert by_name["BERT"]["depth"] == 2 and by_name["BERT"]["via"].endswith("/roberta")
    assert by_name["RoBERTa"]["evidence"] and "RoBERTa" in by_name["RoBERTa"]["evidence"][0]["quote"]


def test_wav2vec2_lineage_reaches_w2v_bert(seed_graph):
    doc = graphkit.lineage(seed_graph, "wav2vec2")
    assert doc["model"]["name"] == "wav2vec 2.0"
    assert "w2v-BERT" in {d["name"] for d in doc["descendants"]}


def test_every_evidence_quote_contains_its_mention(seed_graph):
    from conftest import SEED

    from graphkit.loaders.plaintext import PlaintextLoader

    texts = {}
    for record in PlaintextLoader().read(SEED):
        texts[record.title] = record
    checked = 0
    for (subject, predicate, obj), evidences in seed_graph.edges.items():
        for ev in evidences.values():
            if not ev.paper:
                continue
            record = texts[seed_graph.nodes[ev.paper].name]
            field = record.title if ev.field == "title" else record.abstract
            mention = field[ev.start:ev.end]
            assert mention and mention in ev.quote, (subject, predicate, obj)
            checked += 1
    assert checked > 200


def test_non_ascii_offsets_stay_correct():
    text = "Für das Deutsche nutzen wir GottBERT und das Modell Qwen2.5 für Türkçe und Turkish."
    kg = graphkit.build([{"title": "Ünïcödé", "abstract": text}])
    for (s, p, o), evidences in kg.edges.items():
        for ev in evidences.values():
            if ev.field == "abstract":
                assert text[ev.start:ev.end] in ev.quote
                assert text[ev.start:ev.end]
    assert language_iri("tur") in _objects(kg, "studiesLanguage")
