"""The JSON plan and state encoders against terraform's recorded output."""

from __future__ import annotations

import pytest

from hclrun.plans.jsonplan import encode_plan_json
from hclrun.plans.jsonstate import encode_state_json
from tests.plans.goldens import SCENARIOS, Scenario, load_json, plan_from_document, schemas


@pytest.mark.parametrize("name", SCENARIOS)
def test_plan_json_matches_terraform(name: str) -> None:
    scenario = Scenario(name)
    golden = scenario.text("plan.json")
    doc = scenario.plan_document()
    plan = plan_from_document(doc, scenario.prior_state(), scenario.mode())
    text = encode_plan_json(plan, schemas(), configuration=doc["configuration"]) + "\n"
    assert text == golden


@pytest.mark.parametrize("name", SCENARIOS)
def test_prior_state_json_matches_terraform(name: str) -> None:
    scenario = Scenario(name)
    doc = load_json(scenario.text("plan.json"))
    from hclrun.states.jsondata import dumps_compact

    want = dumps_compact(doc.get("prior_state", {"format_version": "1.0"}))
    assert encode_state_json(scenario.prior_state(), schemas()) == want


@pytest.mark.parametrize("name", SCENARIOS)
def test_state_json_after_apply_matches_terraform(name: str) -> None:
    from tests.plans.goldens import state_from_document

    scenario = Scenario(name)
    golden = scenario.text("state.json")
    state = state_from_document(load_json(golden))
    assert encode_state_json(state, schemas()) + "\n" == golden
