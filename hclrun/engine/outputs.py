"""The planned changes of root module outputs."""

from __future__ import annotations

from hclrun.addrs import ROOT_MODULE_INSTANCE, Target, root_output
from hclrun.engine.evaldata import EvalData
from hclrun.engine.graph_build import ConfigGraph
from hclrun.plans.actions import Action, PlanMode
from hclrun.plans.model import OutputChange
from hclrun.providers.objects import same
from hclrun.states.model import State
from hclrun.values.value import SENSITIVE


def output_changes(
    cg: ConfigGraph, data: EvalData, prior: State, mode: PlanMode, targets: list[Target]
) -> list[OutputChange]:
    found: list[OutputChange] = []
    configured = cg.modules[()].module.outputs
    if mode is not PlanMode.DESTROY:
        for name, output in configured.items():
            after = data.outputs.get((ROOT_MODULE_INSTANCE, name))
            if after is None:
                continue
            old = prior.outputs.get(name)
            before = None
            if old is not None:
                before = old.value.mark(SENSITIVE) if old.sensitive else old.value
            if before is None:
                # A null output is not stored, so staying null is no change.
                action = Action.NO_OP if after.is_known and after.is_null else Action.CREATE
            elif after.is_wholly_known and same(before, after) and old is not None and old.sensitive == output.sensitive:
                action = Action.NO_OP
            else:
                action = Action.UPDATE
            found.append(OutputChange(root_output(name), action, before, after, output.sensitive))
    for name, old in prior.outputs.items():
        if mode is PlanMode.DESTROY or (name not in configured and not targets):
            before = old.value.mark(SENSITIVE) if old.sensitive else old.value
            found.append(OutputChange(root_output(name), Action.DELETE, before, None, old.sensitive))
    found.sort(key=lambda c: c.addr.name)
    return found
