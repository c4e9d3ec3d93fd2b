"""``hclrun graph`` end to end against the recorded ``terraform graph`` goldens."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hclrun.cli.main import cli, normalize_args

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "graph"
CASES = sorted(p.name for p in (FIXTURES / "configs").iterdir())
VIEWS = {
    "graph.dot": [],
    "plan.dot": ["-type=plan"],
    "apply.dot": ["-type=apply"],
    "plan-destroy.dot": ["-type=plan-destroy"],
    "plan-cycles.dot": ["-type=plan", "-draw-cycles"],
}
GOLDEN_VIEWS = [
    (case, view) for case in CASES for view in VIEWS if (FIXTURES / "goldens" / case / view).is_file()
]
CYCLE_CASES = [case for case in CASES if (FIXTURES / "goldens" / case / "cycles.json").is_file()]


def run_graph(case: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    work = tmp_path / case
    if not work.exists():
        shutil.copytree(FIXTURES / "configs" / case, work)
    monkeypatch.chdir(work)
    init = CliRunner().invoke(cli, normalize_args(["init", "-no-color"]))
    assert init.exit_code == 0, init.output
    return CliRunner().invoke(cli, normalize_args(["graph", "-no-color", *args]))


@pytest.mark.parametrize(("case", "view"), GOLDEN_VIEWS)
def test_matches_terraform_graph(case: str, view: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_graph(case, VIEWS[view], tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stdout == (FIXTURES / "goldens" / case / view).read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CYCLE_CASES)
@pytest.mark.parametrize("args", [[], ["-type=plan"], ["-type=apply"]])
def test_cycles_are_errors_with_the_whole_path(
    case: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_graph(case, args, tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert result.stdout == ""
    found = sorted(
        sorted(member.removesuffix(" (expand)") for member in line.removeprefix("Error: Cycle: ").split(", "))
        for line in result.stderr.splitlines()
        if line.startswith("Error: Cycle: ")
    )
    # terraform plan names resources without " (expand)"; the graph command adds it to every resource
    recorded = json.loads((FIXTURES / "goldens" / case / "cycles.json").read_text())["plan"]
    assert found == sorted(sorted(m.removesuffix(" (expand)") for m in c["members"]) for c in recorded)


def test_cycle_members_run_in_dependency_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_graph("cycle_resources", [], tmp_path, monkeypatch)
    assert "Error: Cycle: terraform_data.c (expand), terraform_data.b (expand), terraform_data.a (expand)" in result.stderr


@pytest.mark.parametrize(
    ("args", "summary"),
    [
        (["-type=bogus"], "Unsupported graph type"),
        (["-plan=missing.tfplan"], "Failed to read plan from plan file"),
    ],
)
def test_bad_options(args: list[str], summary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_graph("basic", args, tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert f"Error: {summary}" in result.stderr


def test_invalid_configuration_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text('resource "terraform_data" {\n}\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, normalize_args(["graph", "-no-color"]))
    assert result.exit_code == 1
    assert "Error: Missing name for resource" in result.stderr


def test_draw_cycles_in_default_view_still_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_graph("cycle_locals", ["-draw-cycles"], tmp_path, monkeypatch)
    assert result.exit_code == 0
    assert "does not contain any resources" in result.stdout
