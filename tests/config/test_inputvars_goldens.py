"""Root variable values from every source, compared with what terraform plan made of the same inputs.

The cases and terraform's results come from ``scripts/record_inputvars_goldens``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hclrun.config import load_module
from hclrun.config.inputvars import collect_root_variables
from hclrun.diagnostics import Diagnostic
from hclrun.values.json import to_json, type_to_json

GOLDENS = Path(__file__).resolve().parents[2] / "fixtures" / "config" / "inputvars" / "goldens.json"
CASES: dict[str, dict[str, Any]] = json.loads(GOLDENS.read_text())
# Terraform picks which undeclared-variable warnings to show at random (map order).
RANDOM_ORDER_WARNINGS = {"file_undeclared_many"}


def diagnostic_json(diag: Diagnostic) -> dict[str, Any]:
    found: dict[str, Any] = {"severity": diag.severity.value, "summary": diag.summary, "detail": diag.detail}
    if diag.subject is not None and diag.subject.filename:
        found["range"] = {
            "filename": diag.subject.filename,
            "start": {"line": diag.subject.start.line, "column": diag.subject.start.column, "byte": diag.subject.start.byte},
            "end": {"line": diag.subject.end.line, "column": diag.subject.end.column, "byte": diag.subject.end.byte},
        }
    return found


def canonical(diags: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(d, sort_keys=True) for d in diags)


def run_case(case: dict[str, Any], directory: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    for name, text in case["files"].items():
        (directory / name).write_text(text)
    module, load_diags = load_module(str(directory))
    assert not load_diags.has_errors()
    cli_vars = [(kind, text) for kind, text in case.get("args", [])]
    values, diags = collect_root_variables(module, cli_vars=cli_vars, environ=case.get("env", {}), cwd=str(directory))
    found = [diagnostic_json(d) for d in diags]
    return values, found


@pytest.fixture
def relative_module_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """File names in diagnostics are relative to the working directory, as in terraform."""
    monkeypatch.chdir(tmp_path)
    return Path(".")


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_terraform(name: str, relative_module_dir: Path) -> None:
    case = CASES[name]
    values, found = run_case(case, relative_module_dir)
    expected = case["diagnostics"]
    if name in RANDOM_ORDER_WARNINGS:
        assert [d["summary"] for d in found] == [d["summary"] for d in expected]
    else:
        assert canonical(found) == canonical(expected)
    if case["values"] is None:
        assert any(d["severity"] == "error" for d in found)
        return
    for var_name, want in case["values"].items():
        value, _ = values[var_name].unmark_deep()
        assert json.loads(to_json(value)) == want["value"], var_name
        if want["value"] is not None:
            assert json.loads(type_to_json(value.type)) == want["type"], var_name
