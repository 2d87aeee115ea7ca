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


def _build(runner, *args):
    return runner.invoke(cli, ["build", *map(str, args), "--no-cache"])


def test_html_page_saved_as_json(runner):
    result = _build(runner, BAD / "html_error_page.json")
    assert result.exit_code == 1
    assert f"{BAD / 'html_error_page.json'}: an HTML page, not paper data" in result.stderr
    assert "Traceback" not in result.output


def test_bom_crlf_and_mixed_encodings_keep_every_record(runner):
    for name, papers in (("bom.jsonl", 3), ("mixed_encoding.jsonl", 3), ("crlf.csv", 2), ("crlf.txt", 1)):
        result = _build(runner, BAD / name)
        assert result.exit_code == 0, (name, result.output)
        assert f"built {papers} papers" in result.stdout, name
    assert f"{BAD / 'mixed_encoding.jsonl'}:2: not UTF-8" in _build(runner, BAD / "mixed_encoding.jsonl").stderr


def test_deep_nesting_and_duplicates(runner):
    result = _build(runner, BAD / "deep_nesting.jsonl")
    assert f"{BAD / 'deep_nesting.jsonl'}:2: invalid JSON" in result.stderr
    assert "built 2 papers" in result.stdout and "1 skipped records" in result.stdout
    result = _build(runner, BAD / "duplicate_ids.jsonl")
    assert "built 2 papers" in result.stdout and "1 duplicates" in result.stdout


def test_giant_line_and_limits(runner, tmp_path):
    import json

    path = tmp_path / "giant.jsonl"
    with open(path, "w") as out:
        out.write(json.dumps({"id": "a", "title": "Fine", "abstract": "We fine-tune BERT on Maltese."}) + "\n")
        out.write(json.dumps({"id": "giant", "title": "Giant", "abstract": "word " * 10_000_000}) + "\n")  # 50 MB
        out.write(json.dumps({"id": "b", "title": "Also fine", "abstract": "We evaluate XLS-R."}) + "\n")
    result = _build(runner, path)
    assert result.exit_code == 0
    assert [line for line in result.stderr.splitlines() if line] == [
        f"{path}:2: record giant skipped: abstract has 49,999,999 characters (limit 100,000)"]
    assert "built 2 papers" in result.stdout
    result = _build(runner, path, "--max-abstract-chars", "20")
    assert f"{path}:1: record a skipped: abstract has 29 characters (limit 20)" in result.stderr
    assert "built 1 papers" in result.stdout
