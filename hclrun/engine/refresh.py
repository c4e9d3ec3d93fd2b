"""Refreshing one resource instance: ask the provider what exists now and record drift."""

from __future__ import annotations

from dataclasses import replace

from hclrun.addrs import AbsProviderConfig, AbsResourceInstance
from hclrun.diagnostics import Diagnostics
from hclrun.engine.marks import mark_paths, schema_sensitive_paths, unmark_paths
from hclrun.engine.options import Hooks, value_id
from hclrun.engine.stateobjects import new_object, object_value
from hclrun.plans.actions import Action
from hclrun.plans.model import ResourceInstanceChange
from hclrun.providers.objects import same
from hclrun.providers.protocol import Provider, ReadResourceRequest
from hclrun.providers.schema import Schema
from hclrun.states.model import State
from hclrun.states.objects import ResourceInstanceObject
from hclrun.values.value import Value


def refresh_instance(
    addr: AbsResourceInstance,
    provider_addr: AbsProviderConfig,
    provider: Provider,
    schema: Schema,
    prior: ResourceInstanceObject,
    state: State,
    drift: list[ResourceInstanceChange],
    hooks: Hooks,
    diags: Diagnostics,
) -> tuple[ResourceInstanceObject | None, Value | None]:
    """The refreshed object (None when it is gone) and its value; ``state`` is updated and drift recorded.

    The value is returned so that planning does not decode the object again;
    it is None when the object is gone or the provider reported an error.
    """
    block = schema.block
    before = object_value(prior, block.implied_type)
    plain, paths = unmark_paths(before)
    hooks.pre_refresh(addr)
    response = provider.read_resource(ReadResourceRequest(addr.resource.resource.type, plain, prior.private or b""))
    diags.extend(response.diagnostics)
    if response.diagnostics and diags.has_errors():
        return prior, None
    new = response.new_state
    if new.is_null:
        drift.append(ResourceInstanceChange(addr, provider_addr, Action.DELETE, before, None))
        state.set_current(addr, None, provider_addr)
        hooks.post_refresh(addr, "")
        return None, None
    if same(new, plain) and (response.private or b"") == (prior.private or b""):
        hooks.post_refresh(addr, value_id(before))
        return prior, before
    after = mark_paths(new, [*paths, *schema_sensitive_paths(block, new)])
    if not same(new, plain):
        drift.append(ResourceInstanceChange(addr, provider_addr, Action.UPDATE, before, after))
    fresh = new_object(after, block.implied_type, schema_version=prior.schema_version)
    refreshed = replace(
        prior,
        attributes=fresh.attributes,
        sensitive_attributes=fresh.sensitive_attributes,
        private=response.private or None,
    )
    state.set_current(addr, refreshed, provider_addr)
    hooks.post_refresh(addr, value_id(after))
    return refreshed, None
