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
    for folder, suffixes in (("ontology", (".ttl",)), ("ontology/vocab", (".csv", ".py")),
                             ("queries", (".rq", ".cypher")), ("loaders", (".py",))):
        for path in (ROOT / folder).iterdir():
            if path.suffix in suffixes:
                assert f"graphkit/{folder}/{path.name}" in names, path
    # nothing stale (say a deleted script left in build/lib) ships from the data folders
    for name in names:
        if name.startswith(("graphkit/ontology/", "graphkit/queries/", "graphkit/loaders/")):
            assert (ROOT / name.removeprefix("graphkit/")).is_file(), name
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


def test_installed_wheel_builds_the_seed(tmp_path):
    """A non-editable install (the wheel unpacked into a target dir) works away from the source tree."""
    wheel_dir, target = tmp_path / "wheel", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(wheel_dir), str(ROOT)], check=True)
    (wheel,) = wheel_dir.glob("*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True)
    code = (
        "import graphkit, sys; assert graphkit.__file__.startswith(sys.argv[1]), graphkit.__file__;"
        "kg = graphkit.build([sys.argv[2]]); doc = graphkit.lineage(kg, 'BERT');"
        "print(kg.summary()['papers'], len(doc['descendants']))"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code, str(target), str(ROOT / "examples" / "hf_daily_papers.txt")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "39" and int(out[1]) >= 4


def test_technique_scheme_is_in_sync_with_the_vocabulary(tmp_path):
    """ontology/techniques.ttl is generated from techniques.csv (python -m graphkit.skos)."""
    subprocess.run([sys.executable, "-m", "graphkit.skos", str(tmp_path / "t.ttl")], check=True, capture_output=True)
    assert (tmp_path / "t.ttl").read_text() == (ROOT / "ontology" / "techniques.ttl").read_text()
    import rdflib

    g = rdflib.Graph().parse(tmp_path / "t.ttl")
    skos = rdflib.SKOS
    broader = set(g.subject_objects(skos.broader))
    base = "https://w3id.org/graphkit/id/technique/"
    assert (rdflib.URIRef(base + "quantization-aware-training"), rdflib.URIRef(base + "quantization")) in broader
    assert len(set(g.subjects(rdflib.RDF.type, skos.Concept))) >= 100
