"""Property tests: any bytes into any loader give records or one-line issues, never a traceback,
and bad lines among good ones never lose a good record."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.models import LoadIssue, PaperRecord
from graphkit.pipeline import iter_records
from graphkit.registry import get_loader, loaders

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _items(data: bytes, suffix: str, fmt: str | None = None) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        return list(iter_records([path], fmt=fmt))


@SETTINGS
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".jsonl", ".json", ".csv", ".txt", ".bib", ".xml", ""]))
def test_any_bytes_detected_format(data: bytes, suffix: str):
    for item in _items(data, suffix):
        assert isinstance(item, (PaperRecord, LoadIssue))
        if isinstance(item, LoadIssue):
            assert "\n" not in str(item) and str(item).startswith(tempfile.gettempdir())


@SETTINGS
@given(data=st.binary(max_size=2048))
def test_any_bytes_every_loader(data: bytes):
    for name in loaders():
        suffix = (get_loader(name).suffixes or (".dat",))[0]
        for item in _items(data, suffix, fmt=name):
            assert isinstance(item, (PaperRecord, LoadIssue)), name


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


@SETTINGS
@given(titles=st.lists(_text.filter(lambda t: t.strip()), min_size=1, max_size=20),
       garbage=st.lists(st.binary(min_size=1, max_size=60).filter(lambda b: b"\n" not in b and b.strip()),
                        max_size=10))
def test_bad_lines_never_lose_good_records(titles: list[str], garbage: list[bytes]):
    good = [json.dumps({"title": t, "abstract": "We fine-tune BERT.", "id": f"r{i}"}).encode()
            for i, t in enumerate(titles)]
    lines = []
    for index, line in enumerate(good):
        lines.append(line)
        if index < len(garbage):
            lines.append(b"{" + garbage[index])  # never valid JSON
    items = _items(b"\n".join(lines) + b"\n", ".jsonl")
    records = [i for i in items if isinstance(i, PaperRecord)]
    issues = [i for i in items if isinstance(i, LoadIssue) and i.skipped]
    assert [r.title for r in records] == [t.strip() for t in titles]
    assert len(issues) == min(len(garbage), len(good))
    for issue in issues:
        assert ":" in str(issue) and "\n" not in str(issue)
