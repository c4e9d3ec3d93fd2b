"""Root variables through the command line: ``terraform.tfvars``,
``*.auto.tfvars`` (and ``.json``), ``-var-file`` and ``-var`` in command-line
order, ``TF_VAR_`` environment variables, and the errors for each source,
compared with what terraform printed for the same steps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.cli.recorded_cases import load_case, ours, paragraphs, run_step, section

SOURCES = ["tfvars", "auto_tfvars", "var_file_order", "environment"]


@pytest.mark.parametrize("name", SOURCES)
def test_each_source_gives_terraforms_values(name: str, tmp_path: Path) -> None:
    case, steps, recorded = load_case("variables", name)
    for step, want in zip(steps, recorded, strict=True):
        got = run_step(step, tmp_path, case)
        assert got.returncode == want["exit_code"], got.stderr
        assert section(got.stdout, "\nOutputs:\n") == section(want["stdout"], "\nOutputs:\n")
        assert section(want["stdout"], "\nOutputs:\n"), "the recorded apply shows outputs"


def _error_steps() -> list[tuple[int, str]]:
    _, steps, _ = load_case("variables", "errors")
    return [(i, " ".join(s["args"][1:])) for i, s in enumerate(steps)]


@pytest.mark.parametrize(("index", "args"), _error_steps())
def test_errors_match_terraform(index: int, args: str, tmp_path: Path) -> None:
    case, steps, recorded = load_case("variables", "errors")
    run_step({"stage": steps[0]["stage"], "args": ["version"]}, tmp_path, case)
    got = run_step({**steps[index], "stage": None}, tmp_path, case)
    want = recorded[index]
    assert got.returncode == want["exit_code"] == 1
    assert paragraphs(got.stderr) == paragraphs(ours(want["stderr"]))
    assert "Traceback" not in got.stderr


def test_saved_plan_keeps_its_variables(tmp_path: Path) -> None:
    case, _, _ = load_case("variables", "tfvars")
    planned = run_step({"stage": "v1", "args": ["plan", "-input=false", "-out=tfplan", "-var", "name=planned"]}, tmp_path, case)
    assert planned.returncode == 0, planned.stderr
    (tmp_path / "terraform.tfvars").write_text('name = "changed-later"\n')
    applied = run_step({"args": ["apply", "-no-color", "tfplan"]}, tmp_path, case)
    assert applied.returncode == 0, applied.stderr
    assert 'name = "planned"' in section(applied.stdout, "\nOutputs:\n")
