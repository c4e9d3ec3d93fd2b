"""State files shared with terraform.

Always run: a state terraform wrote applying each recorded plan scenario
(fixtures/cli/interop/, by scripts/record_cli_goldens) is planned by
``hclrun plan -detailed-exitcode`` with no changes, and the state hclrun
writes applying the same scenario equals terraform's once generated ids,
lineage, serial and versions are set aside.

With terraform installed (skipped otherwise): hclrun applies and terraform
plans the same directory with no changes, and the other way round.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.cli.plan_scenarios import SCENARIOS, replay_setup, run
from tests.cli.recorded_cases import CASES, HCLRUN, environment

INTEROP = CASES / "interop"
NAMES = sorted(p.stem for p in INTEROP.glob("*.tfstate"))
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TERRAFORM = shutil.which("terraform")


def comparable_state(text: str) -> Any:
    doc = json.loads(UUID.sub("<id>", text))
    for key in ("lineage", "serial", "terraform_version"):
        doc.pop(key, None)
    # Terraform lists sensitive paths in the order of an unordered set.
    for resource in doc.get("resources", []):
        for instance in resource.get("instances", []):
            if "sensitive_attributes" in instance:
                instance["sensitive_attributes"].sort(key=json.dumps)
    return doc


def scenario_dir(name: str, work: Path) -> list[str]:
    """The scenario's final configuration in ``work``; returns the extra plan arguments."""
    steps = json.loads((SCENARIOS / name / "steps.json").read_text())
    shutil.copytree(SCENARIOS / name / steps["config"], work, dirs_exist_ok=True)
    return list(steps["plan"])


def mode_args(extra: list[str]) -> list[str]:
    """A scenario's plan options without ``-replace`` (which would plan the replacement again)."""
    return [a for a in extra if not a.startswith("-replace")]


@pytest.mark.parametrize("name", NAMES)
def test_terraform_state_plans_without_changes(name: str, tmp_path: Path) -> None:
    extra = scenario_dir(name, tmp_path)
    shutil.copyfile(INTEROP / f"{name}.tfstate", tmp_path / "terraform.tfstate")
    before = (tmp_path / "terraform.tfstate").read_bytes()
    planned = subprocess.run(
        [*HCLRUN, "plan", "-detailed-exitcode", "-input=false", "-no-color", *mode_args(extra)],
        cwd=tmp_path, capture_output=True, text=True, env=environment(), timeout=120,
    )
    assert planned.returncode == 0, planned.stdout + planned.stderr
    assert (tmp_path / "terraform.tfstate").read_bytes() == before


@pytest.mark.parametrize("name", NAMES)
def test_written_state_equals_terraforms(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    steps = replay_setup(name, tmp_path)
    applied = run(["apply", "-auto-approve", "-input=false", "-no-color", *steps["plan"]])
    assert applied.exit_code == 0, applied.output
    got = comparable_state((tmp_path / "terraform.tfstate").read_text())
    want = comparable_state((INTEROP / f"{name}.tfstate").read_text())
    assert got == want


def _tool(tool: list[str], work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**environment(), "CHECKPOINT_DISABLE": "1"}
    return subprocess.run([*tool, *args], cwd=work, capture_output=True, text=True, env=env, timeout=300)


ROUND_TRIPS = [(name, first) for name in NAMES for first in ("hclrun", "terraform")]


@pytest.mark.skipif(TERRAFORM is None, reason="terraform is not installed")
@pytest.mark.parametrize(("name", "first"), ROUND_TRIPS)
def test_round_trip_with_terraform(name: str, first: str, tmp_path: Path) -> None:
    assert TERRAFORM is not None
    tools = {"hclrun": HCLRUN, "terraform": [TERRAFORM]}
    second = "terraform" if first == "hclrun" else "hclrun"
    extra = scenario_dir(name, tmp_path)
    assert _tool([TERRAFORM], tmp_path, "init", "-input=false", "-no-color").returncode == 0
    applied = _tool(tools[first], tmp_path, "apply", "-auto-approve", "-input=false", "-no-color", *extra)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    planned = _tool(tools[second], tmp_path, "plan", "-detailed-exitcode", "-input=false", "-no-color", *mode_args(extra))
    assert planned.returncode == 0, planned.stdout + planned.stderr


def test_interop_cases_cover_every_scenario() -> None:
    scenarios = sorted(p.parent.name for p in SCENARIOS.glob("*/steps.json"))
    assert NAMES == scenarios
    assert os.path.isdir(INTEROP)
