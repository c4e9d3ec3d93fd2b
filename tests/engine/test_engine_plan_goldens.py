"""Plan scenarios under fixtures/engine/ recorded from terraform (scripts/record_engine_goldens).

``import`` blocks with ``for_each`` and into module instances, and ``moved``
blocks between keyed module instances: the engine plans the final stage
against the recorded prior state and must propose terraform's changes
(addresses, actions, reasons, previous addresses, import ids); applying the plan
must leave terraform's resources (generated ids masked).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hclrun.engine.stateobjects import object_value
from hclrun.states import State
from hclrun.values.json import to_json
from tests.engine.scenario import read_state, run_apply, run_plan
from tests.engine.test_plan_goldens import TERRAFORM_DATA, _comparable, _state_resources

SCENARIOS = Path(__file__).resolve().parents[2] / "fixtures" / "engine"
NAMES = sorted(p.name for p in SCENARIOS.iterdir() if (p / "steps.json").exists())

Row = tuple[str, list[str], str, str, str]


def _golden_rows(doc: dict[str, Any]) -> list[Row]:
    return sorted(
        (
            c["address"],
            c["change"]["actions"],
            c.get("action_reason", ""),
            (c["change"].get("importing") or {}).get("id", ""),
            c.get("previous_address", ""),
        )
        for c in doc.get("resource_changes", [])
    )


def _setup(name: str) -> tuple[Path, State]:
    scenario = SCENARIOS / name
    steps = json.loads((scenario / "steps.json").read_text())
    prior = scenario / "prior.tfstate"
    return scenario / steps["config"], read_state(prior) if prior.exists() else State()


def test_scenarios_present() -> None:
    assert {"import_for_each", "moved_module_keys"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_plan_matches_terraform(name: str) -> None:
    stage, state = _setup(name)
    _, result, diags = run_plan(stage, state)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    rows = sorted(
        (
            str(c.addr),
            c.action.json_actions,
            c.reason.value,
            c.importing.id if c.importing is not None else "",
            str(c.prev_run_addr) if c.prev_run_addr is not None else "",
        )
        for c in result.changes
    )
    assert rows == _golden_rows(json.loads((SCENARIOS / name / "plan.json").read_text()))


@pytest.mark.parametrize("name", NAMES)
def test_apply_matches_terraform(name: str) -> None:
    stage, state = _setup(name)
    tree, result, diags = run_plan(stage, state)
    assert not diags.has_errors()
    new_state, apply_diags, _ = run_apply(stage, tree, result, state)
    assert not apply_diags.has_errors(), [(d.summary, d.detail) for d in apply_diags]
    want = _state_resources(json.loads((SCENARIOS / name / "state.json").read_text()))
    got: dict[str, Any] = {}
    for addr in new_state.resource_instance_addrs():
        obj = new_state.current_object(addr)
        assert obj is not None
        got[str(addr)] = json.loads(to_json(object_value(obj, TERRAFORM_DATA).unmark_deep()[0]))
    assert sorted(got) == sorted(want)
    for addr, values in want.items():
        assert _comparable(got[addr]) == _comparable(values), addr
