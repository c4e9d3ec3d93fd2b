"""Applying one planned change of one resource instance.

The configuration is evaluated again (everything it refers to is known
now), the provider plans once more and applies; the result must match
every value the plan knew. The new object is recorded through the
``SyncState`` at once (one journal record), so every completed change
survives whatever happens next. A create that fails leaves a tainted
object when the provider says something was created.

Provisioners run between the provider's work and the ``post_apply`` hook,
as in Terraform: "Creation complete" (with the time the provisioners took)
is reported only once they have succeeded, and a failed create-time
provisioner taints the new object. Problems the provider reports are
attributed to the resource instance.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from hclrun.addrs import AbsProviderConfig, AbsResourceInstance, ConfigResource
from hclrun.config.model import ResourceDecl
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.engine.decode import decode_body
from hclrun.engine.marks import mark_paths, schema_sensitive_paths, unmark_paths
from hclrun.engine.options import Hooks, value_id
from hclrun.engine.plan_instance import _apply_ignore_changes
from hclrun.engine.stateobjects import new_object, object_value
from hclrun.eval.scope import Scope
from hclrun.plans.actions import Action
from hclrun.plans.model import ResourceInstanceChange
from hclrun.providers.objects import proposed_new
from hclrun.providers.protocol import (
    ApplyResourceChangeRequest,
    PlanResourceChangeRequest,
    Provider,
    ReadDataSourceRequest,
)
from hclrun.providers.schema import Schema
from hclrun.states.objects import ObjectStatus
from hclrun.states.sync import SyncState
from hclrun.values.errors import format_path
from hclrun.values.value import Unknown, Value

INCONSISTENT_DETAIL = (
    'When applying changes to {addr}, provider "{provider}" produced an unexpected new value: {path}{why}.'
    "\n\nThis is a bug in the provider, which should be reported in the provider's own issue tracker."
)


# Runs provisioners: given the object's value, returns diagnostics and whether it failed.
Provision = Callable[[Value], tuple[Diagnostics, bool]]


@dataclass
class ApplyRequest:
    change: ResourceInstanceChange
    decl: ResourceDecl | None
    provider: Provider
    schema: Schema
    scope: Scope | None
    dependencies: tuple[ConfigResource, ...]
    hooks: Hooks
    create_before_destroy: bool = False
    # Create-time provisioners, run once the object is created.
    provision: Provision | None = None


def _inconsistency(planned: Value, actual: Value, path: tuple = ()) -> tuple[tuple, str] | None:
    """Where ``actual`` differs from a known part of ``planned``, and how; None when it conforms."""
    if isinstance(planned.raw, Unknown):
        return None
    if planned.is_null or actual.is_null:
        if planned.is_null and actual.is_null:
            return None
        return path, " was null, but now has a value" if planned.is_null else " was present, but now absent"
    p, a = planned.raw, actual.raw
    if isinstance(p, dict) and isinstance(a, dict):
        for k, v in p.items():
            if k not in a:
                return (*path, k), " was present, but now absent"
            found = _inconsistency(v, a[k], (*path, k))
            if found is not None:
                return found
        return None
    if isinstance(p, tuple) and isinstance(a, tuple):
        if len(p) != len(a):
            return path, f": length changed from {len(p)} to {len(a)}"
        if planned.type.is_set:
            return None if planned.is_wholly_known is False or planned.raw_equals(actual) else (path, ": set elements changed")
        for i, (x, y) in enumerate(zip(p, a, strict=True)):
            found = _inconsistency(x, y, (*path, i))
            if found is not None:
                return found
        return None
    if planned.type != actual.type or p != a:
        return path, f": was {planned!r}, but now {actual!r}"
    return None


def apply_change(req: ApplyRequest, state: SyncState, deposed_keys: dict[AbsResourceInstance, str]) -> tuple[Value | None, Diagnostics, bool]:
    """Apply a create, update, replace-create or read; returns the new value, diagnostics and whether it was created."""
    change = req.change
    decl = req.decl
    assert decl is not None and req.scope is not None
    diags = Diagnostics()
    block = req.schema.block
    addr, provider_addr = change.addr, change.provider
    config = decode_body(decl.body, block, req.scope, diags)
    if diags.has_errors():
        return None, diags, False
    config_plain, paths = unmark_paths(config)
    where = str(addr)
    if change.action is Action.READ:
        read = req.provider.read_data_source(ReadDataSourceRequest(decl.type, config_plain))
        diags.extend(d.with_address(where) for d in read.diagnostics)
        if diags.has_errors():
            return None, diags, False
        value = mark_paths(read.state, [*paths, *schema_sensitive_paths(block, read.state)])
        state.set_current(addr, new_object(value, block.implied_type, schema_version=req.schema.version), provider_addr)
        return value, diags, False
    if change.action is Action.CREATE_THEN_DELETE:
        key = state.depose_current(addr, provider_addr)
        if key is not None:
            deposed_keys[addr] = key
    inst = state.resource_instance(addr)
    prior_obj = inst.current if inst is not None else None
    if change.action is Action.DELETE_THEN_CREATE:
        prior_obj = None
    prior_plain = Value.null(block.implied_type)
    if prior_obj is not None:
        prior_plain = unmark_paths(object_value(prior_obj, block.implied_type))[0]
        config_plain = _apply_ignore_changes(decl, config_plain, prior_plain)
    elif change.importing is not None and change.before is not None:
        prior_plain = unmark_paths(change.before)[0]
    private = (prior_obj.private or b"") if prior_obj is not None else (change.private or b"")
    planned_response = req.provider.plan_resource_change(
        PlanResourceChangeRequest(decl.type, prior_plain, proposed_new(block, prior_plain, config_plain), config_plain, private)
    )
    diags.extend(d.with_address(where) for d in planned_response.diagnostics)
    if diags.has_errors():
        return None, diags, False
    planned = planned_response.planned_state
    action = change.action
    req.hooks.pre_apply(addr, action)
    started = time.monotonic()
    response = req.provider.apply_resource_change(
        ApplyResourceChangeRequest(decl.type, prior_plain, planned, config_plain, planned_response.planned_private)
    )
    diags.extend(d.with_address(where) for d in response.diagnostics)
    new = response.new_state
    failed = diags.has_errors()
    if not failed:
        found = _inconsistency(planned, new)
        if found is not None:
            path, why = found
            diags.add(
                Diagnostic.error(
                    "Provider produced inconsistent result after apply",
                    INCONSISTENT_DETAIL.format(
                        addr=addr, provider=provider_addr.provider, path=format_path(path) or "the object", why=why
                    ),
                )
            )
            failed = True
    creating = prior_obj is None
    value = mark_paths(new, [*paths, *schema_sensitive_paths(block, new)]) if not new.is_null else new
    if not new.is_null and new.is_wholly_known:
        status = ObjectStatus.TAINTED if failed and creating else ObjectStatus.READY
        obj = new_object(
            value,
            block.implied_type,
            status=status,
            schema_version=req.schema.version,
            private=response.private or None,
            dependencies=req.dependencies,
            create_before_destroy=req.create_before_destroy,
        )
        state.set_current(addr, obj, provider_addr)
    elif new.is_null and not creating:
        state.set_current(addr, None, provider_addr)
    created = creating and not failed
    if created and req.provision is not None and not new.is_null:
        prov_diags, prov_failed = req.provision(value)
        diags.extend(prov_diags)
        if prov_failed:
            inst = state.resource_instance(addr)
            if inst is not None and inst.current is not None:
                state.set_current(addr, inst.current.tainted(), provider_addr)
    error = next((d.summary for d in diags if d.is_error), None)
    req.hooks.post_apply(addr, action, time.monotonic() - started, value_id(value), error)
    return value, diags, created


def destroy_object(
    change: ResourceInstanceChange,
    provider: Provider,
    schema: Schema,
    provider_addr: AbsProviderConfig,
    deposed: str,
    state: SyncState,
    hooks: Hooks,
    provision: Provision | None = None,
) -> Diagnostics:
    """Delete one object; ``provision`` (destroy-time provisioners) runs first, and a failure keeps it."""
    diags = Diagnostics()
    addr = change.addr
    inst = state.resource_instance(addr)
    obj = None
    if inst is not None:
        obj = inst.deposed.get(deposed) if deposed else inst.current
    if obj is None:
        return diags
    if change.action is Action.FORGET:
        state.set_current(addr, None, provider_addr)
        return diags
    block = schema.block
    prior = unmark_paths(object_value(obj, block.implied_type))[0]
    hooks.pre_apply(addr, Action.DELETE)
    started = time.monotonic()
    if provision is not None:
        prov_diags, prov_failed = provision(prior)
        diags.extend(prov_diags)
        if prov_failed:
            failure = next((d.summary for d in diags if d.is_error), "provisioner failed")
            hooks.post_apply(addr, Action.DELETE, time.monotonic() - started, value_id(prior), failure)
            return diags
    null = Value.null(block.implied_type)
    response = provider.apply_resource_change(
        ApplyResourceChangeRequest(addr.resource.resource.type, prior, null, null, obj.private or b"")
    )
    diags.extend(response.diagnostics)
    error = next((d.summary for d in diags if d.is_error), None)
    if error is None:
        if deposed:
            state.set_deposed(addr, deposed, None, provider_addr)
        else:
            state.set_current(addr, None, provider_addr)
    hooks.post_apply(addr, Action.DELETE, time.monotonic() - started, value_id(prior), error)
    return diags
