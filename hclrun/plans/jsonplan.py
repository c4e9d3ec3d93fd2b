"""Terraform's JSON plan format (``terraform show -json PLANFILE``), format
version "1.2".

``plan_json_data`` builds the document as JSON data (see ``jsonvalues``) in
Terraform's key order with its omission rules; ``encode_plan_json`` writes
the compact text. ``resource_change_data`` and ``output_change_data`` are
also what the human renderer reads, as Terraform's renderer reads this
format.

The ``configuration`` member belongs to the configuration layer: callers
pass the object it built (Terraform's configuration JSON) and it is written
as given; without one an empty root module is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hclrun.addrs import ModuleInstance, ResourceMode
from hclrun.gcpause import without_cyclic_gc
from hclrun.plans.actions import Action, ActionReason
from hclrun.plans.jsonchecks import checks_data
from hclrun.plans.jsonstate import state_json_data
from hclrun.plans.jsonvalues import (
    OMITTED,
    mark_schema_sensitive,
    omit_unknowns,
    planned_views,
    sensitive_as_bool,
    unknown_as_bool,
    value_data,
)
from hclrun.plans.model import OutputChange, Path, Plan, ResourceInstanceChange
from hclrun.plans.schemas import SchemaLookup, require_schema
from hclrun.states.jsondata import JSONNumber, dumps_compact, loads
from hclrun.values.errors import MapKey
from hclrun.values.json import type_to_json
from hclrun.values.value import Value
from hclrun.version import TERRAFORM_COMPAT_VERSION

FORMAT_VERSION = "1.2"


def encode_plan_json(
    plan: Plan,
    schemas: SchemaLookup,
    configuration: Mapping[str, Any] | None = None,
    terraform_version: str = TERRAFORM_COMPAT_VERSION,
) -> str:
    return dumps_compact(plan_json_data(plan, schemas, configuration, terraform_version))


@without_cyclic_gc
def plan_json_data(
    plan: Plan,
    schemas: SchemaLookup,
    configuration: Mapping[str, Any] | None = None,
    terraform_version: str = TERRAFORM_COMPAT_VERSION,
) -> dict[str, Any]:
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION, "terraform_version": terraform_version}
    if plan.variables:
        doc["variables"] = {
            name: {"value": value_data(plan.variables[name].unmark_deep()[0])} for name in sorted(plan.variables)
        }
    doc["planned_values"] = planned_values_data(plan, schemas)
    drift = drift_changes(plan)
    if drift:
        doc["resource_drift"] = [resource_change_data(c, schemas) for c in sorted_changes(drift)]
    changes = [c for c in sorted_changes(plan.changes) if not (c.mode is ResourceMode.DATA and c.action is Action.DELETE)]
    if changes:
        doc["resource_changes"] = [resource_change_data(c, schemas) for c in changes]
    outputs = output_changes_data(plan.output_changes)
    if outputs:
        doc["output_changes"] = outputs
    if not plan.prior_state.is_empty:
        doc["prior_state"] = state_json_data(plan.prior_state, schemas, plan.prior_state_terraform_version)
    doc["configuration"] = dict(configuration) if configuration is not None else {"root_module": {}}
    if plan.relevant_attributes:
        doc["relevant_attributes"] = [
            {"resource": str(ra.resource), "attribute": path_data(ra.path)} for ra in plan.relevant_attributes
        ]
    if plan.check_results:
        doc["checks"] = checks_data(plan.check_results)
    doc["timestamp"] = plan.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    doc["applyable"] = plan.applyable
    doc["complete"] = plan.complete
    doc["errored"] = plan.errored
    return doc


def drift_changes(plan: Plan) -> list[ResourceInstanceChange]:
    """The drift the formats show: all of it in refresh-only mode, else only real changes."""
    from hclrun.plans.actions import PlanMode

    if plan.mode is PlanMode.REFRESH_ONLY:
        return list(plan.drift)
    return [d for d in plan.drift if d.action is not Action.NO_OP]


def sorted_changes(changes: list[ResourceInstanceChange]) -> list[ResourceInstanceChange]:
    return sorted(changes, key=lambda c: (c.addr.sort_key(), c.deposed))


# ----------------------------------------------------------------------------- resource changes


def resource_change_data(change: ResourceInstanceChange, schemas: SchemaLookup) -> dict[str, Any]:
    addr = change.addr
    data: dict[str, Any] = {"address": str(addr)}
    if change.prev_run_addr is not None and change.prev_run_addr != addr:
        data["previous_address"] = str(change.prev_run_addr)
    if not addr.module.is_root:
        data["module_address"] = str(addr.module)
    data["mode"] = "data" if change.mode is ResourceMode.DATA else "managed"
    data["type"] = change.type
    data["name"] = change.name
    if change.index is not None:
        data["index"] = change.index
    data["provider_name"] = str(change.provider.provider)
    if change.deposed:
        data["deposed"] = change.deposed
    schema = require_schema(schemas, change.provider.provider, change.mode, change.type)
    body: dict[str, Any] = {"actions": change.action.json_actions}
    before = change.before
    after = change.after
    # Marks are left on: the JSON views ignore them, except the sensitive ones.
    before_sensitive: Any = False
    if before is not None:
        before = mark_schema_sensitive(before, schema.block)
        body["before"] = value_data(before)
        before_sensitive = sensitive_as_bool(before)
    else:
        body["before"] = None
    after_unknown: Any = {}
    after_sensitive: Any = False
    if after is not None:
        after = mark_schema_sensitive(after, schema.block)
        known, unknown, after_sensitive, wholly_known = planned_views(after)
        if wholly_known:
            body["after"] = known
        else:
            if known is not OMITTED and known is not None:
                body["after"] = known
            after_unknown = unknown
    else:
        body["after"] = None
    body["after_unknown"] = after_unknown
    body["before_sensitive"] = before_sensitive
    body["after_sensitive"] = after_sensitive
    if change.replace_paths:
        body["replace_paths"] = [path_data(p) for p in sorted_paths(change.replace_paths)]
    if change.importing is not None:
        body["importing"] = {"unknown": True} if change.importing.unknown else (
            {"id": change.importing.id} if change.importing.id else {}
        )
    if change.generated_config:
        body["generated_config"] = change.generated_config
    data["change"] = body
    if change.reason is not ActionReason.NONE:
        data["action_reason"] = change.reason.value
    return data


def _set_after(body: dict[str, Any], after: Value) -> None:
    if after.is_wholly_known:
        body["after"] = value_data(after)
        return
    known = omit_unknowns(after)
    if known is not OMITTED and known is not None:
        body["after"] = known


def path_data(path: Path) -> list[Any]:
    return [JSONNumber(str(step)) if isinstance(step, int) else str(step) for step in path]


def sorted_paths(paths: tuple[Path, ...]) -> list[Path]:
    """A stable order for a set of paths (cty's path sets have none to copy)."""
    unique = {_path_key(p): p for p in paths}
    return [unique[k] for k in sorted(unique)]


def _path_key(path: Path) -> tuple[tuple[int, str], ...]:
    return tuple((1, f"{s:020d}") if isinstance(s, int) else ((2 if isinstance(s, MapKey) else 0), s) for s in path)


# ----------------------------------------------------------------------------- outputs


def output_changes_data(changes: list[OutputChange]) -> dict[str, Any]:
    root = {c.addr.name: c for c in changes if c.addr.module.is_root}
    return {name: output_change_data(root[name]) for name in sorted(root)}


def output_change_data(change: OutputChange) -> dict[str, Any]:
    body: dict[str, Any] = {"actions": change.action.json_actions}
    after_unknown: Any = False
    body["before"] = None if change.before is None else value_data(change.before.unmark_deep()[0])
    if change.after is not None:
        after = change.after.unmark_deep()[0]
        _set_after(body, after)
        if not after.is_wholly_known:
            after_unknown = unknown_as_bool(after)
    else:
        body["after"] = None
    body["after_unknown"] = after_unknown
    body["before_sensitive"] = change.sensitive
    body["after_sensitive"] = change.sensitive
    return body


# ----------------------------------------------------------------------------- planned values


def planned_values_data(plan: Plan, schemas: SchemaLookup) -> dict[str, Any]:
    values: dict[str, Any] = {}
    outputs = _planned_outputs(plan.output_changes)
    if outputs:
        values["outputs"] = outputs
    values["root_module"] = _planned_modules(plan.changes, schemas)
    return values


def _planned_outputs(changes: list[OutputChange]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for change in sorted((c for c in changes if c.addr.module.is_root), key=lambda c: c.addr.name):
        if change.action is Action.DELETE:
            continue
        entry: dict[str, Any] = {"sensitive": change.sensitive}
        if change.after is not None:
            after = change.after.unmark_deep()[0]
            if after.is_wholly_known:
                entry["type"] = loads(type_to_json(after.type))
                entry["value"] = value_data(after)
        out[change.addr.name] = entry
    return out


def _planned_modules(changes: list[ResourceInstanceChange], schemas: SchemaLookup) -> dict[str, Any]:
    by_module: dict[ModuleInstance, list[ResourceInstanceChange]] = {}
    children: dict[ModuleInstance, list[ModuleInstance]] = {}
    seen: set[ModuleInstance] = set()
    for change in changes:
        if change.action is Action.DELETE or change.deposed:
            continue
        module = change.addr.module
        by_module.setdefault(module, []).append(change)
        step = module
        while not step.is_root and step not in seen:
            seen.add(step)
            children.setdefault(step.parent(), []).append(step)
            step = step.parent()
    root = _planned_module(ModuleInstance(), by_module, children, schemas)
    kids = root.get("child_modules")
    if kids:
        kids.sort(key=lambda m: m["address"])
    return root


def _planned_module(
    addr: ModuleInstance,
    by_module: dict[ModuleInstance, list[ResourceInstanceChange]],
    children: dict[ModuleInstance, list[ModuleInstance]],
    schemas: SchemaLookup,
) -> dict[str, Any]:
    module: dict[str, Any] = {}
    resources = [_planned_resource(c, schemas) for c in by_module.get(addr, [])]
    if resources:
        resources.sort(key=lambda r: r["address"])
        module["resources"] = resources
    if not addr.is_root:
        module["address"] = str(addr)
    kids = children.get(addr)
    if kids:
        module["child_modules"] = [_planned_module(k, by_module, children, schemas) for k in kids]
    return module


def _planned_resource(change: ResourceInstanceChange, schemas: SchemaLookup) -> dict[str, Any]:
    schema = require_schema(schemas, change.provider.provider, change.mode, change.type)
    data: dict[str, Any] = {
        "address": str(change.addr),
        "mode": "data" if change.mode is ResourceMode.DATA else "managed",
        "type": change.type,
        "name": change.name,
    }
    if change.index is not None:
        data["index"] = change.index
    data["provider_name"] = str(change.provider.provider)
    data["schema_version"] = schema.version
    after = change.after
    if after is not None:
        plain = after.unmark_deep()[0]
        known = value_data(plain) if plain.is_wholly_known else omit_unknowns(plain)
        if isinstance(known, dict) and known:
            data["values"] = known
        data["sensitive_values"] = sensitive_as_bool(after)
    else:
        data["sensitive_values"] = False
    return data


__all__ = [
    "FORMAT_VERSION",
    "drift_changes",
    "encode_plan_json",
    "output_change_data",
    "output_changes_data",
    "path_data",
    "plan_json_data",
    "planned_values_data",
    "resource_change_data",
    "sorted_changes",
]
