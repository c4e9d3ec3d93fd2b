"""Building the state model from a decoded version 4 state document, with
Terraform's diagnostics for content it cannot accept."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from hclrun.addrs import (
    AbsProviderConfig,
    ConfigResource,
    InstanceKey,
    ModuleInstance,
    Resource,
    ResourceMode,
    parse_abs_provider_config,
    parse_abs_resource,
    parse_module_instance,
    parse_provider_source,
)
from hclrun.diagnostics import Diagnostics
from hclrun.states import jsondata
from hclrun.states.model import (
    CheckObjectResult,
    CheckResult,
    OutputValue,
    ResourceInstanceState,
    ResourceState,
    State,
)
from hclrun.states.objects import ObjectStatus, ResourceInstanceObject
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.json import TypeJSONError, from_json, type_from_json

if TYPE_CHECKING:
    from hclrun.states.statefile import StateFile

_FORMAT = "Unsupported state file format"
_META = "Invalid resource instance metadata in state"


class StateDecoder:
    def __init__(self, filename: str, diags: Diagnostics) -> None:
        self.filename = filename
        self.diags = diags
        self._modules: dict[str, ModuleInstance | None] = {}
        self._providers: dict[str, AbsProviderConfig | None] = {}
        self._deps: dict[str, ConfigResource | None] = {}

    def field_error(self, name: str, value: Any) -> None:
        self.diags.error(_FORMAT, f"The state file field {name!r} has invalid value {jsondata.dumps_compact(value)}".replace("'", '"'))

    def decode(self, data: dict[str, Any]) -> StateFile:
        from hclrun.states.statefile import StateFile

        file = StateFile(state=State())
        serial, lineage, tfv = data.get("serial", 0), data.get("lineage", ""), data.get("terraform_version", "")
        if not isinstance(serial, int) or isinstance(serial, bool) or serial < 0:
            self.field_error("serial", serial)
        else:
            file.serial = serial
        if not isinstance(lineage, str):
            self.field_error("lineage", lineage)
        else:
            file.lineage = lineage
        if not isinstance(tfv, str):
            self.field_error("terraform_version", tfv)
        else:
            file.terraform_version = tfv
        resources = data.get("resources") or []
        if not isinstance(resources, list):
            self.field_error("resources", resources)
            resources = []
        for rdata in resources:
            if not isinstance(rdata, dict):
                self.field_error("resources", rdata)
                continue
            self._resource(file.state, rdata)
        outputs = data.get("outputs") or {}
        if not isinstance(outputs, dict):
            self.field_error("outputs", outputs)
            outputs = {}
        for name, odata in outputs.items():
            self._output(file.state, name, odata)
        checks = data.get("check_results")
        if checks is not None:
            file.state.check_results = self._checks(checks)
        return file

    # ------------------------------------------------------------------ helpers

    def _module(self, text: str) -> ModuleInstance | None:
        if text not in self._modules:
            addr, diags = parse_module_instance(text, self.filename)
            self.diags.extend(diags)
            self._modules[text] = addr
        return self._modules[text]

    def _provider(self, text: str) -> AbsProviderConfig | None:
        if text not in self._providers:
            addr, diags = parse_abs_provider_config(text, self.filename)
            if addr is None and text.startswith("provider."):
                # Written before provider source addresses: provider.aws[.alias]
                parts = text.split(".")
                legacy = parse_provider_source(f"registry.terraform.io/-/{parts[1]}") if len(parts) in (2, 3) else None
                if legacy is not None:
                    addr = AbsProviderConfig(legacy, alias=parts[2] if len(parts) == 3 else "")
                    diags = Diagnostics()
            self.diags.extend(diags)
            self._providers[text] = addr
        return self._providers[text]

    def _dependency(self, text: str) -> ConfigResource | None:
        if text not in self._deps:
            addr, diags = parse_abs_resource(text, self.filename)
            self.diags.extend(diags)
            self._deps[text] = None if addr is None else addr.config()
        return self._deps[text]

    def _dependencies(self, texts: Any) -> tuple[ConfigResource, ...]:
        """Recorded dependencies; long lists of addresses already seen are looked up without a Python loop."""
        if not texts:
            return ()
        found = list(map(self._deps.get, texts))
        if None not in found:
            return tuple(found)  # type: ignore[arg-type]
        return tuple(d for d in (self._dependency(t) for t in texts) if d is not None)

    # ------------------------------------------------------------------ resources

    def _resource(self, state: State, rdata: dict[str, Any]) -> None:
        rtype, name, mode_text = rdata.get("type", ""), rdata.get("name", ""), rdata.get("mode", "")
        try:
            mode = {"managed": ResourceMode.MANAGED, "data": ResourceMode.DATA}[mode_text]
        except (KeyError, TypeError):
            self.diags.error(
                "Invalid resource mode in state",
                f"State contains a resource with mode {_q(mode_text)} ({_q(rtype)} {_q(name)}) which is not supported.",
            )
            return
        module = self._module(rdata.get("module", "") or "")
        provider = self._provider(rdata.get("provider", ""))
        if module is None or provider is None:
            return
        raddr = Resource(mode, rtype, name).absolute(module)
        rs = state.set_resource_provider(raddr, provider)
        rs.each_mode = rdata.get("each", "") or ""
        for idata in rdata.get("instances") or []:
            self._instance(rs, idata)

    def _instance(self, rs: ResourceState, idata: dict[str, Any]) -> None:
        make_addr = rs.addr.instance
        raw_key = idata.get("index_key")
        key: InstanceKey
        if raw_key is None or isinstance(raw_key, str):
            key = raw_key
        elif isinstance(raw_key, int) and not isinstance(raw_key, bool):
            key = raw_key
        elif isinstance(raw_key, jsondata.JSONNumber):
            key = int(float(raw_key))
        else:
            self.diags.error(_META, f"Resource {rs.addr} has an instance with the invalid instance key {jsondata.dumps_compact(raw_key)}.")
            return
        addr = _LazyAddr(make_addr, key)
        status_text = idata.get("status", "") or ""
        if status_text not in ("", "tainted"):
            self.diags.error(_META, f"Instance {addr} has invalid status {_q(status_text)}.")
            return
        attributes = idata.get("attributes")
        if attributes is None:
            flat = idata.get("attributes_flat")
            attributes = dict(flat) if isinstance(flat, dict) else {}
        private = None
        if idata.get("private"):
            try:
                private = base64.b64decode(idata["private"], validate=True)
            except (binascii.Error, ValueError, TypeError):
                self.field_error("private", idata["private"])
                return
        deps = self._dependencies(idata.get("dependencies") or ())
        obj = ResourceInstanceObject(
            attributes=attributes,
            status=ObjectStatus.TAINTED if status_text else ObjectStatus.READY,
            schema_version=int(idata.get("schema_version", 0) or 0),
            sensitive_attributes=idata.get("sensitive_attributes", []) or [],
            private=private,
            dependencies=deps,
            create_before_destroy=bool(idata.get("create_before_destroy", False)),
        )
        existing = rs.instances.get(key)
        deposed = idata.get("deposed", "") or ""
        if deposed:
            if len(deposed) != 8:
                self.diags.error(_META, f"Instance {addr} has an object with deposed key {_q(deposed)}, which is not correctly formatted.")
                return
            if existing is not None and deposed in existing.deposed:
                self.diags.error("Duplicate resource instance in state", f"Instance {addr} deposed object {_q(deposed)} appears multiple times in the state file.")
                return
            if existing is None:
                existing = rs.instances[key] = ResourceInstanceState()
            existing.deposed[deposed] = obj
        else:
            if existing is not None and existing.current is not None:
                self.diags.error("Duplicate resource instance in state", f"Instance {addr} appears multiple times in the state file.")
                return
            if existing is None:
                existing = rs.instances[key] = ResourceInstanceState()
            existing.current = obj

    # ------------------------------------------------------------------ outputs and checks

    def _output(self, state: State, name: str, odata: Any) -> None:
        if not isinstance(odata, dict):
            self.field_error("outputs", odata)
            return
        try:
            ty = type_from_json(jsondata.dumps_compact(odata.get("type")))
        except TypeJSONError as err:
            self.diags.error(
                "Invalid output value type in state",
                f"The state file has an invalid type specification for output {_q(name)}: {err}.",
            )
            return
        try:
            value = convert(from_json(jsondata.dumps_compact(odata.get("value"))), ty)
        except (ConversionError, ValueError) as err:
            self.diags.error(
                "Invalid output value saved in state",
                f"The state file has an invalid value for output {_q(name)}: {err}.",
            )
            return
        state.outputs[name] = OutputValue(value, bool(odata.get("sensitive", False)))

    def _checks(self, data: Any) -> tuple[CheckResult, ...]:
        results: list[CheckResult] = []
        if not isinstance(data, list):
            self.field_error("check_results", data)
            return ()
        for entry in data:
            if not isinstance(entry, dict) or entry.get("object_kind") not in ("resource", "output", "check", "var"):
                continue  # unknown kinds are skipped for forward compatibility
            objects = None
            if entry.get("objects") is not None:
                objects = tuple(
                    CheckObjectResult(
                        str(o.get("object_addr", "")),
                        _status(o.get("status")),
                        tuple(o["failure_messages"]) if o.get("failure_messages") else None,
                    )
                    for o in entry["objects"]
                    if isinstance(o, dict)
                )
            results.append(CheckResult(entry["object_kind"], str(entry.get("config_addr", "")), _status(entry.get("status")), objects))
        return tuple(results)


def _status(text: Any) -> str:
    return text if text in ("pass", "fail", "error") else "unknown"


def _q(s: Any) -> str:
    return jsondata.go_string(str(s))


class _LazyAddr:
    """An instance address built only when a message needs it."""

    __slots__ = ("key", "make")

    def __init__(self, make: Any, key: InstanceKey) -> None:
        self.make = make
        self.key = key

    def __str__(self) -> str:
        return str(self.make(self.key))
