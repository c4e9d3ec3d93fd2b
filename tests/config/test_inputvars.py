"""Root variable values: marks, prompting and the rules the recorded goldens cannot show."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.config import Module, Variable, load_module
from hclrun.config.inputvars import collect_root_variables, parses_literally
from hclrun.values.types import STRING, ListType, MapType
from hclrun.values.value import EPHEMERAL, SENSITIVE, Value

MAIN = """
variable "secret" {
  type      = string
  sensitive = true
  default   = "s"
}
variable "token" {
  type      = string
  ephemeral = true
  default   = "t"
}
variable "names" {
  type    = list(string)
  default = []
}
variable "count_of" {
  type    = number
  default = 1
  validation {
    condition     = var.count_of < var.limit
    error_message = "Must stay under the limit."
  }
}
variable "limit" {
  type    = number
  default = 10
}
"""


def load(tmp_path: Path, text: str = MAIN) -> Module:
    (tmp_path / "main.tf").write_text(text)
    module, diags = load_module(str(tmp_path))
    assert not diags.has_errors()
    return module


@pytest.mark.parametrize(
    ("name", "cli_vars", "marks"),
    [
        ("secret", [], {SENSITIVE}),
        ("secret", [("var", "secret=x")], {SENSITIVE}),
        ("token", [("var", "token=x")], {EPHEMERAL}),
        ("names", [("var", 'names=["a"]')], set()),
    ],
)
def test_marks(tmp_path: Path, name: str, cli_vars: list[tuple[str, str]], marks: set[str]) -> None:
    values, diags = collect_root_variables(load(tmp_path), cli_vars=cli_vars, environ={})
    assert not diags
    assert set(values[name].marks) == marks


@pytest.mark.parametrize(
    ("cli_vars", "error"),
    [
        ([("var", "count_of=5")], None),
        ([("var", "count_of=50")], "Must stay under the limit."),
        ([("var", "count_of=50"), ("var", "limit=100")], None),
        ([("var", "limit=0")], "Must stay under the limit."),
    ],
)
def test_rules_see_other_variables(tmp_path: Path, cli_vars: list[tuple[str, str]], error: str | None) -> None:
    _, diags = collect_root_variables(load(tmp_path), cli_vars=cli_vars, environ={})
    if error is None:
        assert not diags
    else:
        assert [d.summary for d in diags] == ["Invalid value for variable"]
        assert diags[0].detail.startswith(error)


REQUIRED = 'variable "name" {\n  type = string\n}\nvariable "tags" {\n  type = map(string)\n}\n'


@pytest.mark.parametrize(
    ("answers", "expected", "errors"),
    [
        ({"name": "n", "tags": '{ a = "b" }'}, {"name": Value.string("n")}, []),
        ({"name": "n", "tags": None}, None, ["No value for required variable"]),
        ({"name": "n", "tags": "{"}, None, ["Missing expression"]),
        ({"name": "", "tags": "{}"}, {"name": Value.string("")}, []),
    ],
)
def test_prompt_for_required(
    tmp_path: Path, answers: dict[str, str | None], expected: dict[str, Value] | None, errors: list[str]
) -> None:
    asked: list[str] = []

    def prompt(variable: Variable) -> str | None:
        asked.append(variable.name)
        return answers[variable.name]

    values, diags = collect_root_variables(load(tmp_path, REQUIRED), environ={}, prompt=prompt)
    assert asked == ["name", "tags"]
    assert [d.summary for d in diags] == errors
    if expected is not None:
        for name, value in expected.items():
            assert values[name] == value


def test_prompted_value_of_wrong_type_names_the_prompt(tmp_path: Path) -> None:
    text = 'variable "n" {\n  type = number\n}\n'
    _, diags = collect_root_variables(load(tmp_path, text), environ={}, prompt=lambda v: "many")
    assert [d.detail for d in diags] == ['Unsuitable value for var.n set using an interactive prompt: a number is required.']


def test_prompt_not_asked_when_value_given(tmp_path: Path) -> None:
    def prompt(variable: Variable) -> str | None:
        raise AssertionError("no prompt expected")

    values, diags = collect_root_variables(
        load(tmp_path, REQUIRED), environ={"TF_VAR_name": "e", "TF_VAR_tags": "{}"}, prompt=prompt
    )
    assert not diags
    assert values["tags"].type == MapType(STRING)


def test_unknown_command_line_item_is_a_bug(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        collect_root_variables(load(tmp_path), cli_vars=[("vars", "x=1")], environ={})


@pytest.mark.parametrize(
    ("type_text", "literal"),
    [(None, True), ("string", True), ("number", True), ("bool", True), ("any", False), ("list(string)", False)],
)
def test_parsing_mode(tmp_path: Path, type_text: str | None, literal: bool) -> None:
    body = f"  type = {type_text}\n" if type_text else ""
    module = load(tmp_path, f'variable "v" {{\n{body}}}\n')
    assert parses_literally(module.variables["v"]) is literal


def test_failed_values_are_left_out_with_errors(tmp_path: Path) -> None:
    values, diags = collect_root_variables(load(tmp_path), cli_vars=[("var", "names=[")], environ={})
    assert diags.has_errors() and values == {}


def test_list_value_keeps_its_type(tmp_path: Path) -> None:
    values, _ = collect_root_variables(load(tmp_path), cli_vars=[("var", "names=[1]")], environ={})
    assert values["names"].type == ListType(STRING)
