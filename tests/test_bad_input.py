"""Bad input: one line per problem naming file, record and reason; good records kept."""

from __future__ import annotations

from conftest import DATA

from graphkit.cli import cli

BAD = DATA / "bad"


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_truncated_line_and_missing_title_keep_good_records(runner, tmp_path):
    out = tmp_path / "g.ttl"
    result = runner.invoke(cli, ["build", str(BAD / "truncated_line.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    errors = _errors(result)
    assert any(e.startswith(f"{BAD / 'truncated_line.jsonl'}:2: invalid JSON") for e in errors)
    assert any(e.startswith(f"{BAD / 'truncated_line.jsonl'}:4: record 'x1': missing title") for e in errors)
    assert "Traceback" not in result.output
    assert "built 2 papers" in result.stdout and "2 skipped records" in result.stdout
    assert out.exists()


def test_empty_binary_and_missing_files_fail_cleanly(runner, tmp_path):
    for path, reason in ((BAD / "empty.jsonl", "empty file"), (BAD / "binary.jsonl", "binary file"),
                         (tmp_path / "nope.jsonl", "no such file")):
        result = runner.invoke(cli, ["build", str(path), "-o", str(tmp_path / "g.ttl")])
        assert result.exit_code == 1
        assert f"{path}: {reason}" in result.stderr
        assert "Traceback" not in result.output
        assert len([line for line in result.stderr.splitlines() if "nothing usable" in line]) == 1


def test_bad_file_next_to_good_one_is_reported_and_skipped(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(BAD / "binary.jsonl"), str(DATA / "corpora" / "acl_sample.jsonl"),
                                 "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 0
    assert f"{BAD / 'binary.jsonl'}: binary file" in result.stderr
    assert "built 300 papers" in result.stdout


def test_latin1_is_read_with_a_warning(runner, tmp_path):
    import graphkit

    for name in ("latin1.jsonl", "latin1.csv"):
        result = runner.invoke(cli, ["build", str(BAD / name), "-o", str(tmp_path / "g.ttl")])
        assert result.exit_code == 0
        assert f"{BAD / name}:" in result.stderr and "Latin-1" in result.stderr
    kg = graphkit.build([BAD / "latin1.jsonl"])
    titles = {n.name for n in kg.entities("paper")}
    assert "Un modèle pour le français" in titles
