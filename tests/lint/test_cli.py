"""``hclrun lint``: output, JSON document and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hclrun.cli.main import cli, normalize_args

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lint"
CLEAN = FIXTURES / "clean"
WARNINGS = FIXTURES / "warnings"


def invoke(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(cli, normalize_args(["lint", *args]))


@pytest.mark.parametrize(
    ("directory", "args", "exit_code"),
    [
        (CLEAN, [], 0),
        (CLEAN, ["-error-on-warning"], 0),
        (WARNINGS, [], 0),
        (WARNINGS, ["-error-on-warning"], 1),
        (WARNINGS, ["-error-on-warning", "-disable=unused-variable,deprecated-interpolation",
                    "-disable", "unused-local", "-disable=deprecated-index"], 0),
        (WARNINGS, ["-disable=no-such-rule"], 2),
        (WARNINGS, ["no-such-directory"], 2),
        (WARNINGS, ["--frobnicate"], 2),
    ],
)
def test_exit_codes(directory: Path, args: list[str], exit_code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(["-no-color", *args], directory, monkeypatch)
    assert result.exit_code == exit_code, result.output


def test_human_output(monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(["-no-color"], WARNINGS, monkeypatch)
    assert result.output.startswith('\nWarning: Variable "unused" is declared but not used (unused-variable)\n\n'
                                    "  on main.tf line 5:\n   5: variable \"unused\" {\n")
    summaries = [line for line in result.output.splitlines() if line.startswith("Warning: ")]
    assert [s.rsplit("(", 1)[1] for s in summaries] == [
        "unused-variable)", "unused-local)", "deprecated-interpolation)", "deprecated-index)",
    ]


def test_clean_configuration_prints_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke([], CLEAN, monkeypatch)
    assert (result.exit_code, result.output) == (0, "")


def test_several_directories_name_files_relative_to_the_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(["-json", "clean", "warnings"], FIXTURES, monkeypatch)
    document = json.loads(result.output)
    assert {d["range"]["filename"] for d in document["diagnostics"]} == {"warnings/main.tf"}


def test_json_document_has_validate_format_and_rule_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(["-json"], WARNINGS, monkeypatch)
    document = json.loads(result.output)
    assert (document["format_version"], document["valid"], document["error_count"]) == ("1.0", True, 0)
    assert document["warning_count"] == len(document["diagnostics"]) == 4
    first = document["diagnostics"][0]
    assert first["rule"] == "unused-variable"
    assert first["summary"] == 'Variable "unused" is declared but not used'
    assert first["range"] == {
        "filename": "main.tf",
        "start": {"line": 5, "column": 1, "byte": 45},
        "end": {"line": 5, "column": 18, "byte": 62},
    }
    assert first["snippet"]["code"] == 'variable "unused" {'


def test_configuration_errors_exit_1_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text('variable "a" {\n')
    result = invoke(["-no-color"], tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert "Error: Unclosed configuration block" in result.output


def test_json_with_configuration_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text('variable "a" {\n')
    result = invoke(["-json"], tmp_path, monkeypatch)
    document = json.loads(result.output)
    assert result.exit_code == 1
    assert (document["valid"], document["error_count"]) == (False, 1)
    assert "rule" not in document["diagnostics"][0]


def test_list_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from hclrun.lint import ALL_RULES

    result = invoke(["-list-rules"], CLEAN, monkeypatch)
    assert [line.split()[0] for line in result.output.splitlines()] == [rule.id for rule in ALL_RULES]
