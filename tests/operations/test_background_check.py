"""``plan`` with the validation running beside it reports exactly what it reports without."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import hclrun.validation.background as background
from hclrun.config.tree import load_tree
from hclrun.forked import can_fork
from tests.cli.plan_scenarios import NAMES, SCENARIOS, human, normalize_args, run, use_stage
from tests.validation.goldens import FIXTURES, case_names

needs_fork = pytest.mark.skipif(not can_fork(), reason="needs fork, a second core and no other thread")


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every pure configuration is checked in the background; records each start."""
    monkeypatch.setattr(background, "MIN_BACKGROUND_BYTES", 0)
    starts: list[bool] = []
    real = background.check_in_background

    def spy(*args: Any) -> Any:
        found = real(*args)
        starts.append(found is not None)
        return found

    monkeypatch.setattr(background, "check_in_background", spy)
    return starts


def _setup_in_other_processes(name: str, work: Path) -> dict[str, Any]:
    """The scenario's setup steps run as commands of their own (an apply in this process would
    leave its progress thread behind, and no copy is forked beside a thread)."""
    scenario = SCENARIOS / name
    steps = json.loads((scenario / "steps.json").read_text())
    for stage, args in steps["setup"]:
        if stage is not None:
            use_stage(scenario / stage, work)
        command = [sys.executable, "-m", "hclrun", *normalize_args(args)]
        done = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    use_stage(scenario / steps["config"], work)
    return steps  # type: ignore[no-any-return]


def _outcome(args: list[str]) -> tuple[int, str, str]:
    result = run(args)
    return result.exit_code, result.stdout, result.stderr


@needs_fork
@pytest.mark.parametrize("name", NAMES)
def test_recorded_scenarios_plan_as_terraform(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[bool]
) -> None:
    monkeypatch.chdir(tmp_path)
    steps = _setup_in_other_processes(name, tmp_path)
    planned = run(["plan", "-input=false", "-no-color", *steps["plan"]])
    assert human(planned.stdout) == human((SCENARIOS / name / "plan_noout.txt").read_text())
    assert started == [True]


@needs_fork
@pytest.mark.parametrize(
    ("kind", "name"), [("cases", n) for n in case_names("cases")] + [("valid", n) for n in case_names("valid")]
)
def test_invalid_configurations_report_the_same(
    kind: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / kind / name, tmp_path / name)
    monkeypatch.chdir(tmp_path / name)
    alone = _outcome(["plan", "-input=false", "-no-color"])
    monkeypatch.setattr(background, "MIN_BACKGROUND_BYTES", 0)
    beside = _outcome(["plan", "-input=false", "-no-color"])
    assert beside == alone


def _tree(tmp_path: Path, text: str) -> Any:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    tree, _ = load_tree(str(tmp_path))
    return tree


@pytest.mark.parametrize(
    ("text", "pure"),
    [
        ('resource "terraform_data" "a" {}\nresource "random_pet" "p" {}\nresource "null_resource" "n" {}\n', True),
        ('data "local_file" "f" {\n  filename = "x"\n}\n', False),
        ('resource "aws_s3_bucket" "b" {}\n', False),
        ('provider "aws" {}\nresource "terraform_data" "a" {}\n', False),
        ('check "c" {\n  data "local_file" "f" {\n    filename = "x"\n  }\n  assert {\n    condition = true\n'
         '    error_message = "x"\n  }\n}\n', False),
    ],
)
def test_only_pure_plans_run_beside_the_check(text: str, pure: bool, tmp_path: Path) -> None:
    assert background.planning_is_pure(_tree(tmp_path, text)) is pure


def test_reports_wait_for_the_verdict_and_are_dropped_if_invalid() -> None:
    seen: list[str] = []
    asked: list[bool] = []

    class Inner(background.Hooks):
        def pre_refresh(self, addr: Any) -> None:
            seen.append(f"refresh {addr}")

    def verdict(valid: bool) -> Callable[[], bool]:
        def settle() -> bool:
            asked.append(valid)
            return valid

        return settle

    gated = background.GatedHooks(Inner(), verdict(True))
    gated.pre_refresh("a")  # type: ignore[arg-type]
    gated.pre_refresh("b")  # type: ignore[arg-type]
    assert seen == ["refresh a", "refresh b"] and asked == [True]
    seen.clear()
    gated = background.GatedHooks(Inner(), verdict(False))
    gated.pre_refresh("a")  # type: ignore[arg-type]
    gated.post_refresh("a", "id")  # type: ignore[arg-type]
    assert seen == [] and asked == [True, False]
