"""Changes to a state as small self-contained records: set or remove one
resource instance object, set or remove one root output. The journal stores
these, and replaying them over the state they started from rebuilds the
state every completed change produced."""

from __future__ import annotations

import base64
from typing import Any

from hclrun.addrs import (
    AbsProviderConfig,
    AbsResourceInstance,
    ConfigResource,
    parse_abs_provider_config,
    parse_abs_resource,
    parse_abs_resource_instance,
)
from hclrun.states import jsondata
from hclrun.states.model import OutputValue, State
from hclrun.states.objects import ObjectStatus, ResourceInstanceObject
from hclrun.values.convert import convert
from hclrun.values.json import from_json, to_json, type_from_json, type_to_json

Change = dict[str, Any]


def object_change(
    addr: AbsResourceInstance, deposed: str, obj: ResourceInstanceObject | None, provider: AbsProviderConfig
) -> Change:
    change: Change = {"op": "object", "addr": str(addr), "provider": str(provider)}
    if deposed:
        change["deposed"] = deposed
    change["object"] = None if obj is None else obj.to_data()
    return change


def output_change(name: str, output: OutputValue | None) -> Change:
    change: Change = {"op": "output", "name": name}
    if output is None:
        change["remove"] = True
        return change
    plain, _ = output.value.unmark_deep()
    change["value"] = jsondata.loads(to_json(plain))
    change["type"] = jsondata.loads(type_to_json(plain.type))
    change["sensitive"] = output.sensitive
    return change


class ChangeError(ValueError):
    """A journal record that does not describe a change (a bug or a damaged file)."""


def apply_change(state: State, change: Change) -> None:
    op = change.get("op")
    if op == "object":
        addr, _ = parse_abs_resource_instance(change["addr"])
        provider, _ = parse_abs_provider_config(change["provider"])
        if addr is None or provider is None:
            raise ChangeError(f"invalid address in change record: {change['addr']!r}")
        obj = None if change.get("object") is None else _object_from_data(change["object"])
        deposed = change.get("deposed", "")
        if deposed:
            state.set_deposed(addr, deposed, obj, provider)
        else:
            state.set_current(addr, obj, provider)
    elif op == "output":
        name = change["name"]
        if change.get("remove"):
            state.set_output(name, None)
        else:
            ty = type_from_json(jsondata.dumps_compact(change["type"]))
            value = convert(from_json(jsondata.dumps_compact(change["value"])), ty)
            state.set_output(name, OutputValue(value, bool(change.get("sensitive"))))
    else:
        raise ChangeError(f"unknown change kind {op!r}")


def _object_from_data(data: dict[str, Any]) -> ResourceInstanceObject:
    deps: list[ConfigResource] = []
    for text in data.get("dependencies", ()):
        dep, _ = parse_abs_resource(text)
        if dep is not None:
            deps.append(dep.config())
    private = data.get("private")
    return ResourceInstanceObject(
        attributes=data.get("attributes", {}),
        status=ObjectStatus.TAINTED if data.get("status") == "tainted" else ObjectStatus.READY,
        schema_version=int(data.get("schema_version", 0)),
        sensitive_attributes=data.get("sensitive_attributes", []),
        private=base64.b64decode(private) if private else None,
        dependencies=tuple(deps),
        create_before_destroy=bool(data.get("create_before_destroy", False)),
    )
