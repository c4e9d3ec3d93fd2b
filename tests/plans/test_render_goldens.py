"""The human plan renderer against terraform's recorded ``show`` and ``plan`` output."""

from __future__ import annotations

import re

import pytest

from hclrun.plans.render_human import PlanDocument, render_plan, render_plan_document, render_plan_next_step
from tests.plans.goldens import SCENARIOS, Scenario, plan_from_document, schemas


def _document(scenario: Scenario) -> PlanDocument:
    doc = scenario.plan_document()
    return PlanDocument(
        resource_changes=doc.get("resource_changes", []),
        output_changes=doc.get("output_changes", {}),
        resource_drift=doc.get("resource_drift", []),
        relevant_attributes=doc.get("relevant_attributes", []),
    )


def _render(scenario: Scenario, color: bool) -> str:
    doc = scenario.plan_document()
    return render_plan_document(
        _document(scenario),
        schemas(),
        mode=scenario.mode(),
        errored=doc["errored"],
        no_changes=not doc["applyable"],
        color=color,
        product_name="Terraform",
    )


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("color", [False, True], ids=["no-color", "color"])
def test_show_matches_terraform(name: str, color: bool) -> None:
    scenario = Scenario(name)
    golden = scenario.text("show.color.txt" if color else "show.txt")
    assert _render(scenario, color) == golden


@pytest.mark.parametrize("name", SCENARIOS)
def test_show_from_plan_model_matches_terraform(name: str) -> None:
    scenario = Scenario(name)
    doc = scenario.plan_document()
    plan = plan_from_document(doc, scenario.prior_state(), scenario.mode())
    assert render_plan(plan, schemas(), product_name="Terraform") == scenario.text("show.txt")


_REFRESHING = re.compile(r"^.*: Refreshing state\.\.\. \[id=.*\]\n", re.MULTILINE)


def _without_refresh_lines(text: str) -> str:
    return _REFRESHING.sub("", text)


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("saved", [False, True], ids=["no-out", "out"])
def test_plan_command_output_matches_terraform(name: str, saved: bool) -> None:
    scenario = Scenario(name)
    golden = _without_refresh_lines(scenario.text("plan.txt" if saved else "plan_noout.txt"))
    if "\nWarning: " in golden:
        pytest.skip("the plan's warnings are rendered by the diagnostics renderer")
    # Only a plan with something to apply ends with the next-step note.
    applyable = scenario.plan_document()["applyable"]
    ending = render_plan_next_step("tfplan" if saved else "", product_name="Terraform") if applyable else ""
    assert _render(scenario, False) + ending == golden
