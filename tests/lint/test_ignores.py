"""Inline ``hclrun-lint-ignore`` comments and the ``disabled`` rule list."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.lint import lint_directory
from hclrun.lint.ignores import ignored_rules

BASE = 'output "o" {\n  description = "O."\n  value       = var.a\n}\n'

ROWS = [
    ("no-comment", 'variable "a" {}\n', {"variable-missing-type", "variable-missing-description"}),
    ("line-before", '# hclrun-lint-ignore variable-missing-type\nvariable "a" {}\n', {"variable-missing-description"}),
    ("same-line", 'variable "a" {} # hclrun-lint-ignore variable-missing-type\n', {"variable-missing-description"}),
    ("slashes-and-colon", '// hclrun-lint-ignore: variable-missing-type\nvariable "a" {}\n', {"variable-missing-description"}),
    ("comma-list", '# hclrun-lint-ignore variable-missing-type,variable-missing-description\nvariable "a" {}\n', set()),
    ("all", "# hclrun-lint-ignore all\nvariable \"a\" {}\n", set()),
    ("bare-comment-means-all", "# hclrun-lint-ignore\nvariable \"a\" {}\n", set()),
    ("other-rule-named", '# hclrun-lint-ignore unused-local\nvariable "a" {}\n',
     {"variable-missing-type", "variable-missing-description"}),
    ("two-lines-before-does-not-count", '# hclrun-lint-ignore all\n\nvariable "a" {}\n',
     {"variable-missing-type", "variable-missing-description"}),
]


@pytest.mark.parametrize(("variables", "expected"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_inline_comments(variables: str, expected: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "versions.tf").write_text('terraform {\n  required_version = ">= 1.0"\n}\n')
    (tmp_path / "outputs.tf").write_text(BASE)
    (tmp_path / "variables.tf").write_text(variables)
    monkeypatch.chdir(tmp_path)
    assert {f.rule_id for f in lint_directory(".").findings} == expected


@pytest.mark.parametrize(
    ("disabled", "expected"),
    [
        ((), {"variable-missing-type", "variable-missing-description"}),
        (("variable-missing-type",), {"variable-missing-description"}),
        (("variable-missing-type", "variable-missing-description"), set()),
    ],
)
def test_disabled_rules(disabled: tuple[str, ...], expected: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text('terraform {\n  required_version = ">= 1.0"\n}\nvariable "a" {}\n' + BASE)
    monkeypatch.chdir(tmp_path)
    assert {f.rule_id for f in lint_directory(".", disabled).findings} == expected


@pytest.mark.parametrize(
    ("line", "rules"),
    [
        (b"# hclrun-lint-ignore a-b", {"a-b"}),
        (b"  x = 1 # hclrun-lint-ignore a, b", {"a", "b"}),
        (b"# hclrun-lint-ignore", {"all"}),
        (b"# tflint-ignore: a", set()),
        (b"x = 1", set()),
    ],
)
def test_ignored_rules(line: bytes, rules: set[str]) -> None:
    assert ignored_rules(line) == rules
