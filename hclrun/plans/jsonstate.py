"""Terraform's JSON state format (``terraform show -json`` without a plan,
and the plan's ``prior_state``): ``format_version`` "1.0", root outputs and
the module tree of resource instances with ``values`` and ``sensitive_values``.

Builders return JSON data (see ``jsonvalues``); ``encode_state_json`` writes
the compact text Terraform prints.
"""

from __future__ import annotations

from typing import Any

from hclrun.addrs import AbsResource, ModuleInstance, ResourceMode
from hclrun.addrs.keys import key_order
from hclrun.gcpause import without_cyclic_gc
from hclrun.plans.jsonvalues import mark_schema_sensitive, mark_state_paths, sensitive_as_bool, value_data
from hclrun.plans.schemas import SchemaLookup, require_schema
from hclrun.providers.statejson import value_from_state_json
from hclrun.states import State
from hclrun.states.jsondata import dumps_compact
from hclrun.states.model import OutputValue, ResourceState
from hclrun.states.objects import ObjectStatus, ResourceInstanceObject
from hclrun.values.json import type_to_json
from hclrun.version import TERRAFORM_COMPAT_VERSION

FORMAT_VERSION = "1.0"


@without_cyclic_gc
def state_json_data(
    state: State | None, schemas: SchemaLookup, terraform_version: str = TERRAFORM_COMPAT_VERSION
) -> dict[str, Any]:
    """The whole document; an empty state is only ``{"format_version": "1.0"}``."""
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION}
    if state is None or state.is_empty:
        return doc
    doc["terraform_version"] = terraform_version
    doc["values"] = state_values_data(state, schemas)
    if state.check_results:
        from hclrun.plans.jsonchecks import checks_data

        doc["checks"] = checks_data(state.check_results)
    return doc


def encode_state_json(
    state: State | None, schemas: SchemaLookup, terraform_version: str = TERRAFORM_COMPAT_VERSION
) -> str:
    return dumps_compact(state_json_data(state, schemas, terraform_version))


def state_values_data(state: State, schemas: SchemaLookup) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if state.outputs:
        values["outputs"] = {name: output_data(state.outputs[name]) for name in sorted(state.outputs)}
    values["root_module"] = _module_tree(state, schemas)
    return values


def output_data(output: OutputValue) -> dict[str, Any]:
    plain, _ = output.value.unmark_deep()
    return {
        "sensitive": output.sensitive,
        "value": value_data(plain),
        "type": _type_data(plain),
    }


def _type_data(value: Any) -> Any:
    from hclrun.states.jsondata import loads

    return loads(type_to_json(value.type))


def _module_tree(state: State, schemas: SchemaLookup) -> dict[str, Any]:
    children: dict[ModuleInstance, set[ModuleInstance]] = {}
    for addr in state.modules:
        step = addr
        while not step.is_root:
            children.setdefault(step.parent(), set()).add(step)
            step = step.parent()
    root: dict[str, Any] = {}
    resources = _module_resources(state, ModuleInstance(), schemas)
    if resources:
        root["resources"] = resources
    kids = _child_modules(state, children.get(ModuleInstance(), set()), children, schemas)
    if kids:
        root["child_modules"] = kids
    return root


def _child_modules(
    state: State,
    modules: set[ModuleInstance],
    children: dict[ModuleInstance, set[ModuleInstance]],
    schemas: SchemaLookup,
) -> list[dict[str, Any]]:
    out = []
    for addr in modules:
        module: dict[str, Any] = {}
        resources = _module_resources(state, addr, schemas)
        if resources:
            module["resources"] = resources
        module["address"] = str(addr)
        if addr in children:
            module["child_modules"] = _child_modules(state, children[addr], children, schemas)
        out.append(module)
    out.sort(key=lambda m: m["address"])
    return out


def _module_resources(state: State, addr: ModuleInstance, schemas: SchemaLookup) -> list[dict[str, Any]]:
    ms = state.module(addr)
    if ms is None:
        return []
    out: list[dict[str, Any]] = []
    for rs in sorted(ms.resources.values(), key=lambda r: r.addr.resource.sort_key()):
        for key in sorted(rs.instances, key=key_order):
            inst = rs.instances[key]
            if inst.current is not None:
                out.append(resource_object_data(rs, key, inst.current, "", schemas))
            for deposed in sorted(inst.deposed):
                out.append(resource_object_data(rs, key, inst.deposed[deposed], deposed, schemas))
    return out


def resource_object_data(
    rs: ResourceState, key: Any, obj: ResourceInstanceObject, deposed: str, schemas: SchemaLookup
) -> dict[str, Any]:
    addr: AbsResource = rs.addr
    resource = addr.resource
    data: dict[str, Any] = {"address": str(addr.instance(key))}
    data["mode"] = "data" if resource.mode is ResourceMode.DATA else "managed"
    data["type"] = resource.type
    data["name"] = resource.name
    if key is not None:
        data["index"] = key
    data["provider_name"] = str(rs.provider.provider)
    schema = require_schema(schemas, rs.provider.provider, resource.mode, resource.type)
    data["schema_version"] = obj.schema_version
    value = value_from_state_json(dumps_compact(obj.attributes), schema.block.implied_type)
    value = mark_state_paths(value, obj.sensitive_attributes)
    value = mark_schema_sensitive(value, schema.block)
    if not value.is_null and value.raw:
        data["values"] = {k: value_data(v) for k, v in value.raw.items()}
    data["sensitive_values"] = sensitive_as_bool(value)
    if obj.dependencies:
        data["depends_on"] = [str(d) for d in obj.dependencies]
    if obj.status is ObjectStatus.TAINTED:
        data["tainted"] = True
    if deposed:
        data["deposed_key"] = deposed
    return data


__all__ = ["FORMAT_VERSION", "encode_state_json", "output_data", "state_json_data", "state_values_data"]
