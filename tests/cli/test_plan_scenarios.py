"""The recorded terraform scenarios replayed through the command line: every
step's ``plan`` output, ``show -json`` of the saved plan, the ``apply`` of
that plan and the state afterwards match what terraform printed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.cli.plan_scenarios import (
    NAMES,
    SCENARIOS,
    comparable_json,
    human,
    progress_lines,
    replay_setup,
    run,
)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", NAMES)
def test_plan_show_apply_match_terraform(name: str, work: Path) -> None:
    golden = SCENARIOS / name
    steps = replay_setup(name, work)
    extra = steps["plan"]

    planned = run(["plan", "-input=false", "-out=tfplan", "-no-color", *extra])
    assert planned.exit_code == 0, planned.output
    assert human(planned.stdout) == human((golden / "plan.txt").read_text())

    no_out = run(["plan", "-input=false", "-no-color", *extra])
    assert human(no_out.stdout) == human((golden / "plan_noout.txt").read_text())

    shown = run(["show", "-no-color", "tfplan"])
    assert human(shown.stdout) == human((golden / "show.txt").read_text())

    shown_json = run(["show", "-json", "tfplan"])
    want = comparable_json(json.loads((golden / "plan.json").read_text()))
    got = comparable_json(json.loads(shown_json.stdout))
    for key in ("resource_changes", "output_changes", "configuration", "planned_values", "applyable", "complete", "errored"):
        assert got.get(key) == want.get(key), key

    applied = run(["apply", "-no-color", "tfplan"])
    assert applied.exit_code == 0, applied.output
    assert progress_lines(applied.stdout) == progress_lines((golden / "apply.txt").read_text().replace("Terraform", "hclrun"))

    state = run(["show", "-json"])
    assert comparable_json(json.loads(state.stdout)) == comparable_json(json.loads((golden / "state.json").read_text()))


@pytest.mark.parametrize("name", ["create", "update", "destroy"])
def test_detailed_exitcode_after_apply(name: str, work: Path) -> None:
    steps = replay_setup(name, work)
    first = run(["plan", "-detailed-exitcode", "-no-color", *steps["plan"]])
    assert first.exit_code == 2
    assert run(["apply", "-auto-approve", "-no-color", *steps["plan"]]).exit_code == 0
    again = run(["plan", "-detailed-exitcode", "-no-color", *steps["plan"]])
    assert again.exit_code == 0, again.output
