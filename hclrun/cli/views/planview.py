"""The human and JSON views of a plan (``plan``, and ``apply`` before it asks)."""

from __future__ import annotations

from hclrun.addrs import AbsResourceInstance
from hclrun.cli.views.jsonui import JsonView
from hclrun.cli.views.outputs import ui_plan_outputs
from hclrun.cli.views.stream import Output
from hclrun.engine.options import value_id
from hclrun.plans.actions import Action
from hclrun.plans.model import Plan
from hclrun.plans.render_human import render_plan, render_plan_next_step
from hclrun.plans.schemas import SchemaLookup


def plan_counts(plan: Plan) -> tuple[int, int, int, int]:
    """(add, change, remove, import) as the plan summary counts them."""
    add = change = remove = imported = 0
    for c in plan.changes:
        if c.importing is not None:
            imported += 1
        if c.action is Action.CREATE:
            add += 1
        elif c.action is Action.UPDATE:
            change += 1
        elif c.action is Action.DELETE and c.addr.resource.resource.mode.value != "data":
            remove += 1
        elif c.action in (Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE):
            add += 1
            remove += 1
    return add, change, remove, imported


def object_ids(plan: Plan) -> dict[AbsResourceInstance, str]:
    """The id of every object that exists before the plan is applied, for progress lines."""
    found: dict[AbsResourceInstance, str] = {}
    for c in plan.changes:
        shown = value_id(c.before)
        if shown and not c.deposed:
            found[c.addr] = shown
    return found


def show_human_plan(output: Output, plan: Plan, schemas: SchemaLookup, *, saved_to: str | None, next_step: bool) -> None:
    output.write(render_plan(plan, schemas, color=output.color))
    if next_step and plan.applyable:
        output.write(render_plan_next_step(saved_to or "", color=output.color))


def show_json_plan(view: JsonView, plan: Plan) -> None:
    view.planned_changes(plan)
    add, change, remove, imported = plan_counts(plan)
    view.change_summary("plan", add, change, remove, imported)
    if plan.output_changes:
        view.outputs(ui_plan_outputs(plan.output_changes))
