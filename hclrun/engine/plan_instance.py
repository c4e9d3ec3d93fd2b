"""Planning one resource instance: refresh, configuration, the provider's plan and the action.

``plan_managed`` refreshes the prior object, decodes the configuration,
applies ``ignore_changes``, asks the provider for a plan and decides the
action (create, update, replace and why, or no-op); ``plan_data`` reads a
data source now, or plans to read it during apply when its configuration
is not wholly known or something it depends on has changes pending.
"""

from __future__ import annotations

from dataclasses import dataclass

from hclrun.addrs import AbsProviderConfig, AbsResourceInstance
from hclrun.config.model import ResourceDecl
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.engine.checkresults import RuleReport
from hclrun.engine.conditions import check_conditions
from hclrun.engine.decode import decode_body
from hclrun.engine.marks import mark_paths, schema_sensitive_paths, unmark_paths
from hclrun.engine.stateobjects import object_value
from hclrun.engine.valuepaths import get_path, path_from_expression, set_path
from hclrun.eval.scope import Scope
from hclrun.plans.actions import Action, ActionReason
from hclrun.plans.model import Importing, ResourceInstanceChange
from hclrun.providers.objects import proposed_new, same
from hclrun.providers.protocol import (
    PlanResourceChangeRequest,
    Provider,
    ReadDataSourceRequest,
    ValidateDataResourceConfigRequest,
    ValidateResourceConfigRequest,
)
from hclrun.providers.schema import Block, Schema
from hclrun.source import Range
from hclrun.states.objects import ObjectStatus, ResourceInstanceObject
from hclrun.values.value import Unknown, Value

PREVENT_DESTROY = (
    "Resource {addr} has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. "
    "To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the "
    "scope of the plan using the -target option."
)


@dataclass
class InstanceRequest:
    """Everything needed to plan one instance."""

    addr: AbsResourceInstance
    decl: ResourceDecl
    provider_addr: AbsProviderConfig
    provider: Provider
    schema: Schema
    scope: Scope
    prior: ResourceInstanceObject | None
    prev_run_addr: AbsResourceInstance | None = None
    force_replace: bool = False
    triggered: bool = False
    importing: Importing | None = None
    create_before_destroy: bool = False
    # ``prior`` as a value, when refreshing already decoded it.
    prior_decoded: Value | None = None
    # Where the outcomes of the pre- and postconditions are recorded.
    report_pre: RuleReport | None = None
    report_post: RuleReport | None = None


def prior_value(obj: ResourceInstanceObject | None, block: Block) -> Value | None:
    return None if obj is None else object_value(obj, block.implied_type)


def with_unknown_computed(block: Block, config: Value) -> Value:
    """A data source's planned value before it is read: computed attributes left null become unknown."""
    if config.is_null or not config.is_known:
        return config
    out: dict[str, Value] = {}
    for name, value in config.raw.items():
        attribute = block.attributes.get(name)
        if attribute is not None and attribute.computed and value.is_null:
            out[name] = Value(value.type, Unknown())
        else:
            out[name] = value
    return Value(config.type, out, config.marks)


def _apply_ignore_changes(decl: ResourceDecl, config: Value, prior: Value) -> Value:
    lifecycle = decl.lifecycle
    if lifecycle.ignore_all_changes:
        return _keep_prior_except_computed(config, prior)
    for expr in lifecycle.ignore_changes:
        path = path_from_expression(expr)
        if path is None:
            continue
        old = get_path(prior, path)
        if old is not None:
            config = set_path(config, path, old)
    return config


def _keep_prior_except_computed(config: Value, prior: Value) -> Value:
    if not isinstance(config.raw, dict) or not isinstance(prior.raw, dict):
        return config
    return Value(config.type, {k: prior.raw.get(k, v) if prior.raw.get(k) is not None else v for k, v in config.raw.items()})


def _path_changed(before: Value, after: Value, path: tuple) -> bool:
    old, new = get_path(before, path), get_path(after, path)
    if old is None or new is None:
        return old is not new
    return not new.is_wholly_known or not same(old, new)


def plan_managed(req: InstanceRequest, diags: Diagnostics) -> ResourceInstanceChange | None:
    decl, block = req.decl, req.schema.block
    type_name = decl.type
    config = decode_body(decl.body, block, req.scope, diags)
    if diags.has_errors():
        return None
    check_conditions(decl.lifecycle.preconditions, "precondition", req.scope, diags, req.report_pre)
    if diags.has_errors():
        return None
    config_plain, config_paths = unmark_paths(config)
    validated = req.provider.validate_resource_config(ValidateResourceConfigRequest(type_name, config_plain))
    diags.extend(_with_subject(validated.diagnostics, decl, req.addr))
    if diags.has_errors():
        return None
    prior = req.prior_decoded if req.prior_decoded is not None else prior_value(req.prior, block)
    prior_plain = unmark_paths(prior)[0] if prior is not None else Value.null(block.implied_type)
    if prior is not None:
        config_plain = _apply_ignore_changes(decl, config_plain, prior_plain)
    private = (req.prior.private or b"") if req.prior is not None else b""
    proposed = proposed_new(block, prior_plain, config_plain)
    response = req.provider.plan_resource_change(
        PlanResourceChangeRequest(type_name, prior_plain, proposed, config_plain, private)
    )
    diags.extend(_with_subject(response.diagnostics, decl, req.addr))
    if diags.has_errors():
        return None
    planned = response.planned_state
    planned_private = response.planned_private
    reason = ActionReason.NONE
    replace_paths: tuple = ()
    if prior is None:
        action = Action.CREATE
    else:
        replace_paths = tuple(p for p in response.requires_replace if _path_changed(prior_plain, planned, p))
        if req.prior is not None and req.prior.status is ObjectStatus.TAINTED:
            reason = ActionReason.REPLACE_BECAUSE_TAINTED
        elif req.force_replace:
            reason = ActionReason.REPLACE_BY_REQUEST
        elif replace_paths:
            reason = ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE
        elif req.triggered:
            reason = ActionReason.REPLACE_BY_TRIGGERS
        if reason is not ActionReason.NONE:
            action = Action.CREATE_THEN_DELETE if req.create_before_destroy else Action.DELETE_THEN_CREATE
            null_prior = Value.null(block.implied_type)
            again = req.provider.plan_resource_change(
                PlanResourceChangeRequest(type_name, null_prior, proposed_new(block, null_prior, config_plain), config_plain)
            )
            diags.extend(_with_subject(again.diagnostics, decl, req.addr))
            if diags.has_errors():
                return None
            planned, planned_private = again.planned_state, again.planned_private
            if decl.lifecycle.prevent_destroy:
                diags.add(Diagnostic.error("Instance cannot be destroyed", PREVENT_DESTROY.format(addr=req.addr), decl.decl_range))
                return None
        elif same(prior_plain, planned):
            action = Action.NO_OP
        else:
            action = Action.UPDATE
    after = mark_paths(planned, [*config_paths, *schema_sensitive_paths(block, planned)])
    change = ResourceInstanceChange(
        req.addr,
        req.provider_addr,
        action,
        prior,
        after,
        prev_run_addr=req.prev_run_addr,
        reason=reason,
        replace_paths=replace_paths,
        importing=req.importing,
        private=planned_private or None,
    )
    if decl.lifecycle.postconditions:
        self_scope = req.scope.child({"self": after})
        check_conditions(decl.lifecycle.postconditions, "postcondition", self_scope, diags, req.report_post)
    return change


@dataclass
class DataResult:
    """A data source read now (``value``), or planned to be read during apply (``change``)."""

    value: Value | None = None
    change: ResourceInstanceChange | None = None


def plan_data(req: InstanceRequest, dependency_pending: bool, diags: Diagnostics) -> DataResult:
    decl, block = req.decl, req.schema.block
    config = decode_body(decl.body, block, req.scope, diags)
    if diags.has_errors():
        return DataResult()
    config_plain, config_paths = unmark_paths(config)
    validated = req.provider.validate_data_resource_config(ValidateDataResourceConfigRequest(decl.type, config_plain))
    diags.extend(_with_subject(validated.diagnostics, decl, req.addr))
    if diags.has_errors():
        return DataResult()
    known = config_plain.is_wholly_known
    if known and not dependency_pending:
        check_conditions(decl.lifecycle.preconditions, "precondition", req.scope, diags, req.report_pre)
        response = req.provider.read_data_source(ReadDataSourceRequest(decl.type, config_plain))
        diags.extend(_with_subject(response.diagnostics, decl, req.addr))
        if diags.has_errors():
            return DataResult()
        value = mark_paths(response.state, [*config_paths, *schema_sensitive_paths(block, response.state)])
        if decl.lifecycle.postconditions:
            self_scope = req.scope.child({"self": value})
            check_conditions(decl.lifecycle.postconditions, "postcondition", self_scope, diags, req.report_post)
        return DataResult(value=value)
    planned = mark_paths(with_unknown_computed(block, config_plain), config_paths)
    reason = ActionReason.READ_BECAUSE_CONFIG_UNKNOWN if not known else ActionReason.READ_BECAUSE_DEPENDENCY_PENDING
    if decl.in_check and known:
        reason = ActionReason.READ_BECAUSE_CHECK_NESTED
    prior = prior_value(req.prior, block)
    change = ResourceInstanceChange(req.addr, req.provider_addr, Action.READ, prior, planned, reason=reason)
    return DataResult(value=planned, change=change)


def _with_subject(found: list[Diagnostic], decl: ResourceDecl, addr: AbsResourceInstance) -> list[Diagnostic]:
    """Provider diagnostics located in the resource block: those without a source
    range point at the attribute they name, or at the block, and all of them name
    the instance they arose in (the ``with ADDR,`` line), as during apply."""
    if not found:
        return []
    from dataclasses import replace

    subject = decl.body.range if decl.body is not None else decl.decl_range
    where = str(addr)
    return [
        (d if d.subject is not None else replace(d, subject=_attribute_range(decl, d) or subject)).with_address(where)
        for d in found
    ]


def _attribute_range(decl: ResourceDecl, diag: Diagnostic) -> Range | None:
    path = diag.attribute_path
    if not path or decl.body is None:
        return None
    for item in decl.body.items:
        if getattr(item, "name", None) == path[0]:
            return item.expr.range  # type: ignore[union-attr]
    return None
