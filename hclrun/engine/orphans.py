"""Deletions: instances in state that the configuration no longer has, and destroy mode.

Each deletion says why, as Terraform does: no configuration for the resource,
the module instance is gone, the wrong kind of instance key for the
resource's repetition, a count index or for_each key no longer present.
A ``removed`` block makes the change a ``forget`` (or keeps it a delete when
it asks to destroy). Data resources leave the state silently.
"""

from __future__ import annotations

from hclrun.addrs import AbsResourceInstance, ResourceMode, Target
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.engine.evaldata import EvalData
from hclrun.engine.expand import COUNT, FOR_EACH, SINGLE
from hclrun.engine.graph_build import ConfigGraph
from hclrun.engine.moves import RemovedStatement, removed_for
from hclrun.engine.nodes import RESOURCE, Node
from hclrun.engine.plan_instance import PREVENT_DESTROY
from hclrun.engine.providers import ProviderSet
from hclrun.engine.stateobjects import object_value
from hclrun.plans.actions import Action, ActionReason
from hclrun.plans.model import ResourceInstanceChange
from hclrun.states.model import ResourceState, State
from hclrun.states.objects import ResourceInstanceObject
from hclrun.values.value import Value

Key = tuple[AbsResourceInstance, str]


def _before(providers: ProviderSet, rs: ResourceState, obj: ResourceInstanceObject) -> Value:
    r = rs.addr.resource
    schema = providers.resource_schema(rs.provider, r.mode.value, r.type)
    if schema is None:
        return obj.attributes_value()
    return object_value(obj, schema.block.implied_type)


def _targeted(targets: list[Target], addr: AbsResourceInstance) -> bool:
    from hclrun.engine.plan_walk import target_matches

    return not targets or any(target_matches(t, addr) for t in targets)


def _reason(cg: ConfigGraph, data: EvalData, visited: set[Node], addr: AbsResourceInstance) -> ActionReason | None:
    """Why ``addr`` is deleted; None when it is still configured (or was not evaluated)."""
    path = addr.module.module().names
    node = Node(RESOURCE, path, str(addr.resource.resource))
    if path not in cg.modules or node not in cg.resources:
        return ActionReason.DELETE_BECAUSE_NO_RESOURCE_CONFIG
    if node not in visited:
        return None
    if addr.module not in data.module_instances.get(path, []):
        return ActionReason.DELETE_BECAUSE_NO_MODULE
    expansion = data.resource_expansions.get(addr.containing_resource())
    if expansion is None or not expansion.known:
        return None
    key = addr.resource.key
    if key in expansion.keys:
        return None
    mode = expansion.mode
    if (key is None) != (mode == SINGLE) or (isinstance(key, int) and mode != COUNT) or (
        isinstance(key, str) and mode != FOR_EACH
    ):
        return ActionReason.DELETE_BECAUSE_WRONG_REPETITION
    return ActionReason.DELETE_BECAUSE_COUNT_INDEX if isinstance(key, int) else ActionReason.DELETE_BECAUSE_EACH_KEY


def plan_orphans(
    cg: ConfigGraph,
    data: EvalData,
    state: State,
    providers: ProviderSet,
    visited: set[Node],
    removed: list[RemovedStatement],
    targets: list[Target],
    planned: set[Key],
    diags: Diagnostics,
) -> dict[Key, ResourceInstanceChange]:
    found: dict[Key, ResourceInstanceChange] = {}
    for rs in list(state.iter_resources()):
        for key, inst in list(rs.instances.items()):
            addr = rs.addr.instance(key)
            if not _targeted(targets, addr):
                continue
            if inst.current is not None and (addr, "") not in planned:
                reason = _reason(cg, data, visited, addr)
                if reason is not None:
                    if rs.addr.resource.mode is not ResourceMode.MANAGED:
                        state.set_current(addr, None, rs.provider)
                        continue
                    action = Action.DELETE
                    stmt = removed_for(removed, addr) if reason is ActionReason.DELETE_BECAUSE_NO_RESOURCE_CONFIG else None
                    if stmt is not None and not stmt.destroy:
                        action = Action.FORGET
                    before = _before(providers, rs, inst.current)
                    found[(addr, "")] = ResourceInstanceChange(addr, rs.provider, action, before, None, reason=reason)
            for deposed, obj in inst.deposed.items():
                before = _before(providers, rs, obj)
                found[(addr, deposed)] = ResourceInstanceChange(addr, rs.provider, Action.DELETE, before, None, deposed=deposed)
    return found


def plan_destroy_all(
    cg: ConfigGraph, state: State, providers: ProviderSet, targets: list[Target], diags: Diagnostics
) -> dict[Key, ResourceInstanceChange]:
    found: dict[Key, ResourceInstanceChange] = {}
    for rs in list(state.iter_resources()):
        if rs.addr.resource.mode is not ResourceMode.MANAGED:
            continue
        node = Node(RESOURCE, rs.addr.module.module().names, str(rs.addr.resource))
        decl = cg.resources.get(node)
        for key, inst in rs.instances.items():
            addr = rs.addr.instance(key)
            if not _targeted(targets, addr):
                continue
            if inst.current is not None:
                if decl is not None and decl.lifecycle.prevent_destroy:
                    diags.add(Diagnostic.error("Instance cannot be destroyed", PREVENT_DESTROY.format(addr=addr), decl.decl_range))
                found[(addr, "")] = ResourceInstanceChange(
                    addr, rs.provider, Action.DELETE, _before(providers, rs, inst.current), None
                )
            for deposed, obj in inst.deposed.items():
                found[(addr, deposed)] = ResourceInstanceChange(
                    addr, rs.provider, Action.DELETE, _before(providers, rs, obj), None, deposed=deposed
                )
    return found
