"""The plan model as JSON data for saved plan files (states are stored
beside it as state files; see ``planfile``)."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from hclrun.addrs import (
    AbsProviderConfig,
    AbsResourceInstance,
    ModuleInstance,
    Resource,
    ResourceInstance,
    ResourceMode,
    parse_abs_provider_config,
    parse_abs_resource_instance,
    parse_module_instance,
)
from hclrun.addrs.resource import AbsOutputValue
from hclrun.plans.actions import Action, ActionReason, PlanMode
from hclrun.plans.model import Importing, OutputChange, Path, Plan, RelevantAttribute, ResourceInstanceChange
from hclrun.plans.planfile_values import PlanValueError, decode_value, encode_value
from hclrun.values.errors import MapKey
from hclrun.values.value import Value


def plan_data(plan: Plan) -> dict[str, Any]:
    """Everything but the states (which are written as state files)."""
    return {
        "mode": plan.mode.value,
        "changes": [_change_data(c) for c in plan.changes],
        "drift": [_change_data(c) for c in plan.drift],
        "output_changes": [_output_data(o) for o in plan.output_changes],
        "variables": {k: encode_value(v) for k, v in plan.variables.items()},
        "targets": list(plan.targets),
        "force_replace": [str(a) for a in plan.force_replace],
        "relevant_attributes": [
            {"resource": str(r.resource), "path": _path_data(r.path)} for r in plan.relevant_attributes
        ],
        "timestamp": plan.timestamp.isoformat(),
        "applyable": plan.applyable,
        "complete": plan.complete,
        "errored": plan.errored,
        "state_lineage": plan.state_lineage,
        "state_serial": plan.state_serial,
        "prior_state_terraform_version": plan.prior_state_terraform_version,
    }


def plan_from_data(data: dict[str, Any]) -> Plan:
    """Raises ``PlanValueError`` (or KeyError/TypeError/ValueError) for malformed data."""
    plan = Plan(mode=PlanMode(data["mode"]))
    addresses = _AddressReader()
    plan.changes = [_change_from(c, addresses) for c in data["changes"]]
    plan.drift = [_change_from(c, addresses) for c in data["drift"]]
    plan.output_changes = [_output_from(o) for o in data["output_changes"]]
    plan.variables = {k: decode_value(v) for k, v in data["variables"].items()}
    plan.targets = tuple(str(t) for t in data["targets"])
    plan.force_replace = tuple(_instance(a) for a in data["force_replace"])
    plan.relevant_attributes = [
        RelevantAttribute(_instance(r["resource"]), _path_from(r["path"])) for r in data["relevant_attributes"]
    ]
    plan.timestamp = dt.datetime.fromisoformat(data["timestamp"])
    plan.applyable = bool(data["applyable"])
    plan.complete = bool(data["complete"])
    plan.errored = bool(data["errored"])
    plan.state_lineage = str(data["state_lineage"])
    plan.state_serial = int(data["state_serial"])
    plan.prior_state_terraform_version = str(data["prior_state_terraform_version"])
    return plan


def _value(v: Value | None) -> Any:
    return None if v is None else encode_value(v)


def _value_from(data: Any) -> Value | None:
    return None if data is None else decode_value(data)


def _path_data(path: Path) -> list[Any]:
    return [{"key": str(s)} if isinstance(s, MapKey) else s for s in path]


def _path_from(data: list[Any]) -> Path:
    return tuple(MapKey(s["key"]) if isinstance(s, dict) else s for s in data)


def _instance(text: str) -> AbsResourceInstance:
    addr, _ = parse_abs_resource_instance(text)
    if addr is None:
        raise PlanValueError(f"invalid resource instance address {text!r}")
    return addr


class _AddressReader:
    """Reads the addresses of a plan's changes, parsing each module path and
    provider configuration (shared by many changes) once."""

    def __init__(self) -> None:
        self._modules: dict[str, ModuleInstance] = {}
        self._providers: dict[str, AbsProviderConfig] = {}

    def instance(self, data: Any) -> AbsResourceInstance:
        """An instance written by ``_instance_data``: module, mode, type, name and key."""
        if not isinstance(data, list) or len(data) != 5:
            raise PlanValueError(f"invalid resource instance address {data!r}")
        module_text, mode, type_name, name, key = data
        if not (isinstance(type_name, str) and isinstance(name, str)):
            raise PlanValueError(f"invalid resource instance address {data!r}")
        if key is not None and (isinstance(key, bool) or not isinstance(key, int | str)):
            raise PlanValueError(f"invalid instance key {key!r}")
        resource = Resource(ResourceMode(mode), type_name, name)
        return AbsResourceInstance(self.module(module_text), ResourceInstance(resource, key))

    def module(self, text: Any) -> ModuleInstance:
        found = self._modules.get(text)
        if found is None:
            module, _ = parse_module_instance(str(text))
            if module is None:
                raise PlanValueError(f"invalid module address {text!r}")
            found = self._modules[text] = module
        return found

    def provider(self, text: str) -> AbsProviderConfig:
        found = self._providers.get(text)
        if found is None:
            provider, _ = parse_abs_provider_config(text)
            if not isinstance(provider, AbsProviderConfig):
                raise PlanValueError(f"invalid provider address {text!r}")
            found = self._providers[text] = provider
        return found


def _instance_data(addr: AbsResourceInstance) -> list[Any]:
    resource = addr.resource.resource
    return [str(addr.module), resource.mode.value, resource.type, resource.name, addr.resource.key]


def _change_data(c: ResourceInstanceChange) -> dict[str, Any]:
    return {
        "addr": _instance_data(c.addr),
        "provider": str(c.provider),
        "action": c.action.value,
        "before": _value(c.before),
        "after": _value(c.after),
        "prev_run_addr": None if c.prev_run_addr is None else _instance_data(c.prev_run_addr),
        "deposed": c.deposed,
        "reason": c.reason.value,
        "replace_paths": [_path_data(p) for p in c.replace_paths],
        "importing": None if c.importing is None else {"id": c.importing.id, "unknown": c.importing.unknown},
        "generated_config": c.generated_config,
        "private": None if c.private is None else base64.b64encode(c.private).decode("ascii"),
    }


def _change_from(d: dict[str, Any], addresses: _AddressReader) -> ResourceInstanceChange:
    importing = d["importing"]
    return ResourceInstanceChange(
        addr=addresses.instance(d["addr"]),
        provider=addresses.provider(d["provider"]),
        action=Action(d["action"]),
        before=_value_from(d["before"]),
        after=_value_from(d["after"]),
        prev_run_addr=None if d["prev_run_addr"] is None else addresses.instance(d["prev_run_addr"]),
        deposed=str(d["deposed"]),
        reason=ActionReason(d["reason"]),
        replace_paths=tuple(_path_from(p) for p in d["replace_paths"]),
        importing=None if importing is None else Importing(str(importing["id"]), bool(importing["unknown"])),
        generated_config=str(d["generated_config"]),
        private=None if d["private"] is None else base64.b64decode(d["private"]),
    )


def _output_data(o: OutputChange) -> dict[str, Any]:
    return {
        "module": str(o.addr.module),
        "name": o.addr.name,
        "action": o.action.value,
        "before": _value(o.before),
        "after": _value(o.after),
        "sensitive": o.sensitive,
    }


def _output_from(d: dict[str, Any]) -> OutputChange:
    module, _ = parse_module_instance(d["module"])
    if module is None:
        raise PlanValueError(f"invalid module address {d['module']!r}")
    return OutputChange(
        AbsOutputValue(module, str(d["name"])),
        Action(d["action"]),
        _value_from(d["before"]),
        _value_from(d["after"]),
        bool(d["sensitive"]),
    )


__all__ = ["plan_data", "plan_from_data"]
