"""BibTeX: the ACL Anthology export (abstract, DOI, ACL id), a Crossref transform, arXiv eprints."""

from __future__ import annotations

import graphkit
from conftest import DATA
from graphkit.graph import P_IDENTIFIER
from graphkit.models import LoadIssue, PaperRecord
from graphkit.pipeline import iter_records
from graphkit.registry import detect_loader

PAYLOADS = DATA / "payloads"


def test_anthology_entry():
    path = PAYLOADS / "bibtex" / "P19-1007.bib"
    assert detect_loader(path).name == "bibtex"
    (record,) = iter_records([path])
    assert record.title == "Semantic Parsing with Dual Learning"
    assert record.authors == ("Ruisheng Cao", "Su Zhu", "Chen Liu", "Jieyu Li", "Kai Yu")
    assert record.doi == "10.18653/v1/p19-1007" and record.acl_id == "P19-1007"
    assert record.abstract.startswith("Semantic parsing converts natural language queries")
    assert record.abstract.endswith("competitive performance on OVERNIGHT dataset.")
    kg = graphkit.build([path])
    (node,) = [n for n in kg.entities("paper") if n.name == record.title]
    assert {lit.value for lit in node.props[P_IDENTIFIER]} == {"10.18653/v1/p19-1007", "acl:P19-1007"}


def test_crossref_transform_latex_names():
    (record,) = iter_records([PAYLOADS / "crossref" / "work_10.1038_s42256-024-00832-8_transform_bibtex.bib"])
    assert record.doi == "10.1038/s42256-024-00832-8" and record.year == 2024
    assert record.authors[0] == "Andres M. Bran" and record.venue == "Nature Machine Intelligence"


def test_arxiv_eprint_and_arxiv_doi_give_the_arxiv_id(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(
        '@misc{a, title = {{PaperQA}: Retrieval-Augmented Generative Agent}, author = {L{\\\'a}la, Jakub and White, Andrew D.},\n'
        '  eprint = {2312.07559v2}, archivePrefix = {arXiv}, year = {2023}}\n'
        '@article{b, title = "Other", doi = {10.48550/arXiv.2304.05376}, year = 2023}\n'
        '@article{broken, title = {no closing brace\n\n'
        '@article{c, author = {Nobody}, year = 2020}\n', encoding="utf-8")
    items = list(iter_records([path]))
    records = [r for r in items if isinstance(r, PaperRecord)]
    assert [r.arxiv_id for r in records] == ["2312.07559v2", "2304.05376"]
    assert records[0].title == "PaperQA: Retrieval-Augmented Generative Agent"
    assert records[0].authors == ("Jakub Lála", "Andrew D. White")
    issues = [str(i) for i in items if isinstance(i, LoadIssue)]
    assert issues and all(i.startswith(f"{path}:") and "\n" not in i for i in issues)
    kg = graphkit.build([path])
    ids = set().union(*({lit.value for lit in n.props.get(P_IDENTIFIER, ())} for n in kg.entities("paper")))
    assert {"arXiv:2312.07559", "arXiv:2304.05376", "10.48550/arxiv.2304.05376"} <= ids
