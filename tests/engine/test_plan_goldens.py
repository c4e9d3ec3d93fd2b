"""Plans and applies of the scenarios recorded from terraform under fixtures/plans/.

For each scenario the engine plans the final stage against the recorded
prior state and must propose exactly the changes terraform proposed
(addresses, actions, reasons, previous addresses, output actions); applying
the plan must leave the resources and outputs terraform's apply left
(attribute values compared except generated ids).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from hclrun.engine.stateobjects import object_value
from hclrun.providers.terraform import new_provider
from hclrun.states import State
from hclrun.values.json import to_json
from tests.engine.scenario import change_rows, plan_options, read_state, run_apply, run_plan

SCENARIOS = Path(__file__).resolve().parents[2] / "fixtures" / "plans"
NAMES = sorted(p.name for p in SCENARIOS.iterdir() if (p / "steps.json").exists())
TERRAFORM_DATA = new_provider().schema.resource_schemas["terraform_data"].block.implied_type


def _golden_rows(doc: dict[str, Any]) -> list[tuple[str, list[str], str, str]]:
    return sorted(
        (
            c["address"] + (f" (deposed {c['deposed']})" if c.get("deposed") else ""),
            c["change"]["actions"],
            c.get("action_reason", ""),
            c.get("previous_address", ""),
        )
        for c in doc.get("resource_changes", [])
    )


def _setup(name: str) -> tuple[Path, dict[str, Any], State]:
    scenario = SCENARIOS / name
    steps = json.loads((scenario / "steps.json").read_text())
    prior = scenario / "prior.tfstate"
    state = read_state(prior) if prior.exists() else State()
    return scenario, steps, state


@pytest.mark.parametrize("name", NAMES)
def test_plan_matches_terraform(name: str) -> None:
    scenario, steps, state = _setup(name)
    options, variables = plan_options(steps["plan"])
    _, result, diags = run_plan(scenario / steps["config"], state, options, variables)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    golden = json.loads((scenario / "plan.json").read_text())
    assert change_rows(result) == _golden_rows(golden)
    want_outputs = {k: v["actions"] for k, v in golden.get("output_changes", {}).items()}
    got_outputs = {o.addr.name: o.action.json_actions for o in result.output_changes}
    assert {k: v for k, v in got_outputs.items() if k in want_outputs} == want_outputs


def _state_resources(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}

    def visit(module: dict[str, Any]) -> None:
        for r in module.get("resources", []):
            found[r["address"]] = r["values"]
        for child in module.get("child_modules", []):
            visit(child)

    visit(doc.get("values", {}).get("root_module", {}))
    return found


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _comparable(value: Any) -> Any:
    """``value`` with generated ids (random UUIDs) replaced by a placeholder."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, str) and UUID.match(value):
        return "<uuid>"
    return value


@pytest.mark.parametrize("name", NAMES)
def test_apply_matches_terraform(name: str) -> None:
    scenario, steps, state = _setup(name)
    options, variables = plan_options(steps["plan"])
    stage = scenario / steps["config"]
    tree, result, diags = run_plan(stage, state, options, variables)
    assert not diags.has_errors()
    new_state, apply_diags, _ = run_apply(stage, tree, result, state)
    assert not apply_diags.has_errors(), [(d.summary, d.detail) for d in apply_diags]
    golden = json.loads((scenario / "state.json").read_text())
    want = _state_resources(golden)
    got: dict[str, dict[str, Any]] = {}
    for addr in new_state.resource_instance_addrs():
        obj = new_state.current_object(addr)
        assert obj is not None
        value = object_value(obj, TERRAFORM_DATA).unmark_deep()[0]
        got[str(addr)] = json.loads(to_json(value))
    assert sorted(got) == sorted(want)
    for addr, values in want.items():
        assert _comparable(got[addr]) == _comparable(values), addr
    want_outputs = {k: v["value"] for k, v in golden.get("values", {}).get("outputs", {}).items()}
    got_outputs = {k: json.loads(to_json(o.value)) for k, o in new_state.outputs.items()}
    assert _comparable(got_outputs) == _comparable(want_outputs)
