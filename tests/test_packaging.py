"""The wheel ships every package and data file; only `graphkit` is installed as a top-level name."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_wheel_contents(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True)
    (wheel,) = tmp_path.glob("graphkit_research-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"graphkit"}
    for folder, suffixes in (("ontology", (".ttl",)), ("ontology/vocab", (".csv",)), ("queries", (".rq", ".cypher")),
                             ("loaders", (".py",))):
        for path in (ROOT / folder).iterdir():
            if path.suffix in suffixes:
                assert f"graphkit/{folder}/{path.name}" in names, path
    assert "graphkit/ontology/vocab/lineage/mteb_adapted_from.jsonl" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "graphkit = graphkit.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_ontology_loads_through_importlib_resources():
    from importlib.resources import files

    import rdflib

    text = files("graphkit.ontology").joinpath("graphkit.ttl").read_text(encoding="utf-8")
    g = rdflib.Graph().parse(data=text, format="turtle")
    gk = rdflib.Namespace("https://w3id.org/graphkit/ontology#")
    assert (gk.derivedFrom, rdflib.RDFS.subPropertyOf, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in g
    assert (gk.fineTunedFrom, rdflib.RDFS.subPropertyOf, gk.derivedFrom) in g


def test_loaders_never_import_rdf_or_later_stages():
    for path in (ROOT / "loaders").glob("*.py"):
        text = path.read_text()
        for forbidden in ("rdflib", "pyoxigraph", "neo4j", "graphkit.graph", "graphkit.extract", "graphkit.exporters"):
            assert forbidden not in text, (path.name, forbidden)
