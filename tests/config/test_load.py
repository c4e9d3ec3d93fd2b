"""Loading a module directory and building the console scope from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.config import load_module
from hclrun.console_session import ConsoleSession

CONFIGS = Path(__file__).resolve().parents[2] / "fixtures" / "console" / "configs"


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_load_basic_declarations() -> None:
    module, diags = load_module(str(CONFIGS / "basic"))
    assert not diags.has_errors()
    assert sorted(module.variables) == sorted(
        ["name", "count_in", "tags", "password", "untyped", "no_default", "nullable_null", "obj", "set_in"]
    )
    assert module.variables["password"].sensitive is True
    assert module.variables["name"].sensitive is False
    assert module.variables["nullable_null"].nullable is True
    assert module.variables["no_default"].default is None
    assert set(module.locals) == {"greeting", "doubled", "chained", "secret", "list", "merged"}
    assert set(module.outputs) == {"greeting"}
    assert ("managed", "terraform_data", "r") in module.resources


def test_files_are_read_in_lexical_order(tmp_path: Path) -> None:
    _write(tmp_path, {"b.tf": "locals {\n  x = 2\n}\n", "a.tf": "locals {\n  x = 1\n}\n"})
    module, diags = load_module(str(tmp_path))
    assert [d.summary for d in diags] == ["Duplicate local value definition"]
    assert "b.tf" in str(diags[0].subject)
    assert module.locals["x"].decl_range.filename.endswith("a.tf")


def test_duplicate_variable(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf": 'variable "a" {}\nvariable "a" {}\n'})
    _module, diags = load_module(str(tmp_path))
    assert [d.summary for d in diags] == ["Duplicate variable declaration"]
    assert "main.tf:1,1-13" in diags[0].detail


def test_empty_directory(tmp_path: Path) -> None:
    module, diags = load_module(str(tmp_path))
    assert not diags and not module.variables


@pytest.mark.parametrize(
    ("files", "expr", "output"),
    [
        ({"main.tf": "locals {\n  c = local.b + 1\n  b = local.a * 2\n  a = 1\n}\n"}, "local.c", "3"),
        (
            {"main.tf": 'variable "v" {\n  type = list(number)\n  default = ["1", 2]\n}\n'},
            "var.v",
            "tolist([\n  1,\n  2,\n])",
        ),
        ({"main.tf": 'variable "v" {\n  default = null\n}\n'}, "var.v", "null"),
        (
            {"main.tf": 'variable "v" {\n  sensitive = true\n  default = "s"\n}\n'},
            "var.v",
            "(sensitive value)",
        ),
        ({"main.tf": 'variable "v" {\n  type = string\n}\n'}, "var.v", "(known after apply)"),
        ({"main.tf": 'module "m" {\n  source = "./m"\n}\n'}, "module.m", "(known after apply)"),
        ({"main.tf": 'data "d" "x" {\n}\n'}, "data.d.x", "(known after apply)"),
        ({}, "path.module", '"."'),
        ({}, "terraform.workspace", '"default"'),
    ],
)
def test_console_scope_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], expr: str, output: str
) -> None:
    monkeypatch.chdir(_write(tmp_path, files))
    session = ConsoleSession(".")
    assert not session.startup_diagnostics.has_errors()
    result, diags = session.evaluate(expr)
    assert not diags.has_errors(), diags
    assert result == output


def test_invalid_default_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(
        _write(tmp_path, {"main.tf": 'variable "x" {\n  type = number\n  default = "abc"\n}\n'})
    )
    session = ConsoleSession(".")
    [diag] = session.startup_diagnostics
    assert diag.summary == "Invalid default value for variable"
    assert (
        diag.detail
        == "This default value is not compatible with the variable's type constraint: a number is required."
    )
    assert diag.subject is not None and diag.subject.start.line == 3


def test_local_cycle_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_write(tmp_path, {"main.tf": "locals {\n  a = local.b\n  b = local.a\n}\n"}))
    session = ConsoleSession(".")
    assert [d.summary for d in session.startup_diagnostics] == ["Cycle: local.b (expand), local.a (expand)"]


@pytest.mark.parametrize(
    ("expr", "summary"),
    [
        ("var.x", "Reference to undeclared input variable"),
        ("local.x", "Reference to undeclared local value"),
        ("module.x", "Reference to undeclared module"),
        ("a.b", "Reference to undeclared resource"),
        ("a", "Invalid reference"),
        ("data.a", "Invalid reference"),
        ("count.index", 'Reference to "count" in non-counted context'),
        ("each.key", 'Reference to "each" in context without for_each'),
        ("self.x", 'Invalid "self" reference'),
        ("path.x", 'Invalid "path" attribute'),
        ("true ? 1 : var.x", "Reference to undeclared input variable"),
        ('try(local.x, "f")', "Reference to undeclared local value"),
    ],
)
def test_reference_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expr: str, summary: str) -> None:
    monkeypatch.chdir(tmp_path)
    output, diags = ConsoleSession(".").evaluate(expr)
    assert output is None
    assert diags[0].summary == summary
