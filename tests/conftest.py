"""Shared fixtures: paths to the real test inputs and one seed build per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_hf_daily_papers.txt"


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
