"""Check results as the JSON plan and state formats write them (``checks``):
one entry per checkable configuration object with its instances' statuses
and failure messages, sorted by display address."""

from __future__ import annotations

from typing import Any

from hclrun.addrs import ResourceMode, parse_abs_resource_instance
from hclrun.states import CheckResult
from hclrun.states.model import CheckObjectResult

_KIND = {"resource": "resource", "output": "output_value", "check": "check", "var": "var"}


def checks_data(results: tuple[CheckResult, ...]) -> list[dict[str, Any]]:
    out = []
    for result in results:
        instances = [_instance_data(result.object_kind, o) for o in result.objects or ()]
        instances.sort(key=lambda i: i["address"]["to_display"])
        entry: dict[str, Any] = {
            "address": _static_address(result.object_kind, result.config_addr),
            "status": result.status,
        }
        if instances:
            entry["instances"] = instances
        out.append(entry)
    out.sort(key=lambda e: e["address"]["to_display"])
    return out


def _split_module(text: str) -> tuple[str, str]:
    """``module.a.module.b.rest`` → (``module.a.module.b``, ``rest``)."""
    parts = text.split(".")
    i = 0
    while i + 1 < len(parts) and parts[i] == "module":
        i += 2
    return ".".join(parts[:i]), ".".join(parts[i:])


def _static_address(kind: str, addr: str) -> dict[str, Any]:
    module, local = _split_module(addr)
    data: dict[str, Any] = {"kind": _KIND.get(kind, kind)}
    steps = local.split(".")
    if kind == "resource":
        mode = ResourceMode.DATA if steps[0] == "data" else ResourceMode.MANAGED
        if mode is ResourceMode.DATA:
            steps = steps[1:]
        data["mode"] = mode.value
        data["type"] = steps[0]
        data["name"] = steps[-1]
    else:
        data["name"] = steps[-1]
    if module:
        data["module"] = module
    data["to_display"] = addr
    return dict(sorted(data.items()))


def _instance_data(kind: str, obj: CheckObjectResult) -> dict[str, Any]:
    address: dict[str, Any] = {"to_display": obj.object_addr}
    module, _ = _split_module(obj.object_addr)
    if module:
        address["module"] = module
    if kind == "resource":
        parsed, _ = parse_abs_resource_instance(obj.object_addr)
        if parsed is not None and parsed.resource.key is not None:
            address["instance_key"] = parsed.resource.key
    data: dict[str, Any] = {"address": dict(sorted(address.items())), "status": obj.status}
    if obj.failure_messages:
        data["problems"] = [{"message": m} for m in sorted(obj.failure_messages)]
    return data


__all__ = ["checks_data"]
