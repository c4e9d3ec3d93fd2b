"""``hclrun hook validate`` and ``hclrun hook lint``: files grouped by directory, names relative to the caller."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hclrun.cli.main import cli

GOOD = 'terraform {\n  required_version = ">= 1.5"\n}\n'
TREE = {
    "main.tf": GOOD + 'module "app" {\n  source = "./modules/app"\n  name   = "x"\n}\n',
    "modules/app/main.tf": GOOD + 'variable "name" {\n  type        = string\n  description = "N."\n}\n'
    'output "id" {\n  description = "I."\n  value       = var.name\n}\n',
    "modules/bad/main.tf": GOOD + 'output "id" {\n  description = "I."\n  value       = var.nope\n}\n',
    "modules/warn/main.tf": GOOD + 'locals {\n  spare = 1\n}\n',
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in TREE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["hook", *args])


@pytest.mark.parametrize(
    ("files", "exit_code", "expected"),
    [
        (["main.tf", "modules/app/main.tf"], 0, ""),
        (["modules/bad/main.tf"], 1, "on modules/bad/main.tf line 6, in output \"id\":"),
        (["main.tf", "modules/bad/main.tf", "modules/bad/main.tf"], 1, "Reference to undeclared input variable"),
        (["README.md"], 0, ""),
        ([], 0, ""),
    ],
)
def test_validate(tree: Path, files: list[str], exit_code: int, expected: str) -> None:
    result = run("validate", *files)
    assert result.exit_code == exit_code, result.output
    assert expected in result.output
    if exit_code == 1:
        assert result.output.count("Error: ") == 1  # each directory is validated once
    assert Path.cwd() == tree


@pytest.mark.parametrize(
    ("args", "exit_code", "expected"),
    [
        (["modules/app/main.tf"], 0, ""),
        (["modules/warn/main.tf"], 0, 'Warning: Local value "spare" is declared but not used (unused-local)'),
        (["modules/warn/main.tf"], 0, "on modules/warn/main.tf line 5, in locals:"),
        (["--error-on-warning", "modules/warn/main.tf"], 1, "(unused-local)"),
        (["--error-on-warning", "--disable=unused-local", "modules/warn/main.tf"], 0, ""),
        (["--disable=nope", "modules/warn/main.tf"], 2, "unknown rule 'nope'"),
    ],
)
def test_lint(tree: Path, args: list[str], exit_code: int, expected: str) -> None:
    result = run("lint", *args)
    assert result.exit_code == exit_code, result.output
    assert expected in result.output
    if not expected:
        assert result.output == ""


def test_colour_only_when_asked(tree: Path) -> None:
    plain = run("lint", "modules/warn/main.tf")
    coloured = run("lint", "--color", "modules/warn/main.tf")
    assert "\x1b[" not in plain.output and "\x1b[" in coloured.output
