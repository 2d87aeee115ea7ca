"""Shared fixtures: paths to the real test inputs and one seed build per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_hf_daily_papers.txt"

#: One record built to break exporters that splice text into queries or files: quotes, a Turtle long-string
#: delimiter, backslashes, markup, a right-to-left mark (U+200F), an emoji, newlines (LF and CRLF), a tab,
#: both quote characters and a Cypher/SPARQL-looking escape attempt. It mentions BERT, so it yields evidence.
HOSTILE_RECORD = {
    "id": "hostile-injection-1",
    "title": 'Quotes " and """ and \\ backslash <script>alert(1)</script> \u200f RTL \U0001f642',
    "abstract": "First line.\nSecond\tline with 'single' and \"double\" quotes.\n"
                '"}) MATCH (n) DETACH DELETE n //\n'
                "'} . } ; DROP ALL ; INSERT DATA { <x:a> <x:b> \"c\" } #\n"
                "We fine-tune BERT on it.\r\nEnd \\ .",
}


@pytest.fixture(scope="session")
def seed_graph():
    import graphkit

    return graphkit.build([SEED])


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path, monkeypatch):
    """Each test runs in its own directory, so `.graphkit/` state never leaks between tests."""
    monkeypatch.chdir(tmp_path)
