"""The state file: format version 4, read and written exactly as Terraform does.

``read_state_file(text, filename)`` returns a ``StateFile`` or diagnostics
("Unsupported state file format", "Invalid resource mode in state", ...);
``write_state_file(file)`` returns the text, which for a file Terraform wrote
is byte-for-byte what it was (our ``terraform_version`` is the compatible
Terraform version).
"""

from __future__ import annotations

import base64
import binascii
import gc
import json
from collections.abc import Callable
from dataclasses import field
from typing import Any

from hclrun.addrs import AbsResource, ResourceMode
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.records import record
from hclrun.source import Pos, Range
from hclrun.states import jsondata
from hclrun.states.decode import StateDecoder
from hclrun.states.deptext import indented_list
from hclrun.states.lineage import new_lineage
from hclrun.states.model import CheckResult, OutputValue, ResourceInstanceState, ResourceState, State
from hclrun.values.json import to_json, type_to_json
from hclrun.version import TERRAFORM_COMPAT_VERSION

INVALID_FORMAT = "Unsupported state file format"


@record(slots=True, frozen=False)
class StateFile:
    state: State = field(default_factory=State)
    serial: int = 0
    lineage: str = field(default_factory=new_lineage)
    terraform_version: str = TERRAFORM_COMPAT_VERSION


def _json_error_position(text: str, err: json.JSONDecodeError, filename: str) -> tuple[int, Range]:
    offset = len(text[: err.pos].encode("utf-8", "surrogatepass"))
    pos = Pos(err.lineno, err.colno, offset)
    return offset, Range(filename, pos, pos)


def read_state_file(source: str | bytes, filename: str = "terraform.tfstate") -> tuple[StateFile | None, Diagnostics]:
    # Decoding builds many long-lived containers and no cycles: the cyclic
    # collector's scans of them would find nothing, so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_state_file(source, filename)
    finally:
        if collecting:
            gc.enable()


def _dependency_strings_shared() -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A decoding hook that makes equal dependency addresses one string object.

    In a long chain the dependency lists hold most of the file; sharing the
    strings as each instance is decoded keeps memory near the size of the
    addresses themselves rather than one object per mention.
    """
    strings: dict[str, str] = {}

    def share(obj: dict[str, Any]) -> dict[str, Any]:
        deps = obj.get("dependencies")
        if type(deps) is list and deps and "attributes" in obj and set(map(type, deps)) == {str}:
            obj["dependencies"] = list(map(strings.setdefault, deps, deps))
        return obj

    return share


def _read_state_file(source: str | bytes, filename: str) -> tuple[StateFile | None, Diagnostics]:
    diags = Diagnostics()
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as err:
            diags.error(INVALID_FORMAT, f"The state file {filename} is not valid UTF-8 text (byte offset {err.start}).")
            return None, diags
    else:
        text = source
    try:
        data = jsondata.loads(text, _dependency_strings_shared())
    except json.JSONDecodeError as err:
        offset, rng = _json_error_position(text, err, filename)
        diags.append(
            Diagnostic.error(
                INVALID_FORMAT,
                f"The state file {filename} could not be parsed as JSON: syntax error at byte offset {offset} "
                f"(line {err.lineno}, column {err.colno}): {err.msg}.",
                rng,
            )
        )
        return None, diags
    if not isinstance(data, dict) or "version" not in data:
        diags.error(
            INVALID_FORMAT,
            'The state file does not have a "version" attribute, which is required to identify the format version.',
        )
        return None, diags
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int | jsondata.JSONNumber):
        kind = {str: "string", bool: "bool", list: "array", dict: "object", type(None): "null"}.get(type(version), "number")
        diags.error(INVALID_FORMAT, f"The version in the state file is {kind}. A positive whole number is required.")
        return None, diags
    if version != 4:
        if isinstance(version, int) and version > 4:
            detail = (
                f"The state file uses format version {version}, which is not supported by Terraform "
                f"{TERRAFORM_COMPAT_VERSION}. This state file may have been created by a newer version of Terraform."
            )
        else:
            detail = (
                f"The state file uses format version {version}; only format version 4 (written by "
                "Terraform 0.12 and later) can be read. Upgrade it by running a Terraform 1.x command "
                "such as \"terraform refresh\" on it first."
            )
        diags.error(INVALID_FORMAT, detail)
        return None, diags
    file = StateDecoder(filename, diags).decode(data)
    return (None if diags.has_errors() else file), diags


# ----------------------------------------------------------------------------- writing


def write_state_file(file: StateFile) -> str:
    state = file.state
    # Like Terraform, a writer records its own version, whatever wrote the file before.
    out: list[str] = ['{\n  "version": 4,\n  "terraform_version": ', jsondata.go_string(TERRAFORM_COMPAT_VERSION)]
    out.append(f',\n  "serial": {file.serial},\n  "lineage": ')
    out.append(jsondata.go_string(file.lineage))
    out.append(',\n  "outputs": ')
    jsondata.write_indented({name: _output_data(state.outputs[name]) for name in sorted(state.outputs)}, out, "  ")
    out.append(',\n  "resources": ')
    resources = sorted(state.iter_resources(), key=_resource_order)
    if not resources:
        out.append("[]")
    else:
        sep = "[\n    "
        for rs in resources:
            out.append(sep)
            _write_resource(rs, out)
            sep = ",\n    "
        out.append("\n  ]")
    out.append(',\n  "check_results": ')
    jsondata.write_indented(_check_results_data(state.check_results), out, "  ")
    out.append("\n}\n")
    return "".join(out)


def _output_data(output: OutputValue) -> dict[str, Any]:
    plain, _ = output.value.unmark_deep()
    data: dict[str, Any] = {
        "value": jsondata.loads(to_json(plain)),
        "type": jsondata.loads(type_to_json(plain.type)),
    }
    if output.sensitive:
        data["sensitive"] = True
    return data


def _resource_order(rs: ResourceState) -> tuple[str, str, str, str]:
    addr = rs.addr
    return (str(addr.module), addr.resource.mode.value, addr.resource.type, addr.resource.name)


def _instance_order(item: tuple[Any, ResourceInstanceState]) -> tuple[int, Any]:
    key = item[0]
    if key is None:
        return (0, 0)
    return (1, key) if isinstance(key, int) else (2, key)


_RESOURCE_INDENT = "    "
_INSTANCE_INDENT = "        "
_FIELD_INDENT = "          "


def _write_resource(rs: ResourceState, out: list[str]) -> None:
    addr: AbsResource = rs.addr
    go = jsondata.go_string
    out.append("{\n")
    if not addr.module.is_root:
        out.append(f'{_RESOURCE_INDENT}  "module": {go(str(addr.module))},\n')
    mode = addr.resource.mode
    if mode is ResourceMode.EPHEMERAL:
        raise ValueError(f"ephemeral resource {addr} cannot be saved in state")
    out.append(f'{_RESOURCE_INDENT}  "mode": "{mode.value}",\n')
    out.append(f'{_RESOURCE_INDENT}  "type": {go(addr.resource.type)},\n')
    out.append(f'{_RESOURCE_INDENT}  "name": {go(addr.resource.name)},\n')
    out.append(f'{_RESOURCE_INDENT}  "provider": {go(str(rs.provider))},\n')
    out.append(f'{_RESOURCE_INDENT}  "instances": ')
    objects = []
    for key, inst in sorted(rs.instances.items(), key=_instance_order):
        if inst.current is not None:
            objects.append((key, "", inst.current))
        for dk in sorted(inst.deposed):
            objects.append((key, dk, inst.deposed[dk]))
    if not objects:
        out.append("[]")
    else:
        sep = "[\n" + _INSTANCE_INDENT
        for key, dk, obj in objects:
            out.append(sep)
            _write_object(key, dk, obj, out)
            sep = ",\n" + _INSTANCE_INDENT
        out.append("\n" + _RESOURCE_INDENT + "  ]")
    out.append("\n" + _RESOURCE_INDENT + "}")


def _write_object(key: Any, deposed: str, obj: Any, out: list[str]) -> None:
    go = jsondata.go_string
    f = _FIELD_INDENT
    out.append("{")
    if key is not None:
        out.append(f'\n{f}"index_key": {key if isinstance(key, int) else go(key)},')
    if obj.status.value == "tainted":
        out.append(f'\n{f}"status": "tainted",')
    if deposed:
        out.append(f'\n{f}"deposed": {go(deposed)},')
    out.append(f'\n{f}"schema_version": {obj.schema_version},\n{f}"attributes": ')
    jsondata.write_indented(obj.attributes, out, f)
    out.append(f',\n{f}"sensitive_attributes": ')
    jsondata.write_indented(obj.sensitive_attributes, out, f)
    if obj.private:
        out.append(f',\n{f}"private": "{base64.b64encode(obj.private).decode("ascii")}"')
    if obj.dependencies:
        out.append(f",\n{f}\"dependencies\": ")
        out.append(indented_list(obj.dependencies, f))
    if obj.create_before_destroy:
        out.append(f',\n{f}"create_before_destroy": true')
    out.append("\n" + _INSTANCE_INDENT + "}")


def _check_results_data(results: tuple[CheckResult, ...] | None) -> Any:
    if not results:
        return None
    data = []
    for r in results:
        entry: dict[str, Any] = {
            "object_kind": r.object_kind,
            "config_addr": r.config_addr,
            "status": r.status,
            "objects": None,
        }
        if r.objects:
            objects = []
            for o in r.objects:
                od: dict[str, Any] = {"object_addr": o.object_addr, "status": o.status}
                if o.failure_messages:
                    od["failure_messages"] = list(o.failure_messages)
                objects.append(od)
            entry["objects"] = objects
        data.append(entry)
    return data


def decode_private(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
