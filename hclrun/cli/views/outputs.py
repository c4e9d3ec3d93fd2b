"""Root output values as ``apply`` and ``output`` show them: ``name = value``
sorted by name with ``<sensitive>``, Terraform's indented ``-json`` document
(null outputs left out), and the JSON UI ``outputs`` message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hclrun.plans.jsonstate import output_data
from hclrun.plans.model import OutputChange
from hclrun.states import OutputValue
from hclrun.states.jsondata import write_indented
from hclrun.values.render import render_console


def human_outputs(outputs: Mapping[str, OutputValue]) -> str:
    lines = []
    for name in sorted(outputs):
        output = outputs[name]
        if output.value.is_null:
            continue
        if output.sensitive:
            lines.append(f"{name} = <sensitive>")
        else:
            plain, _ = output.value.unmark_deep()
            lines.append(f"{name} = {render_console(plain)}")
    return "".join(line + "\n" for line in lines)


def output_json_data(output: OutputValue) -> dict[str, Any]:
    data = output_data(output)
    return {"sensitive": data["sensitive"], "type": data["type"], "value": data["value"]}


def indented_json(data: Any) -> str:
    out: list[str] = []
    write_indented(data, out, "")
    return "".join(out)


def outputs_json(outputs: Mapping[str, OutputValue]) -> str:
    doc = {name: output_json_data(outputs[name]) for name in sorted(outputs) if not outputs[name].value.is_null}
    return indented_json(doc) + "\n"


def ui_apply_outputs(outputs: Mapping[str, OutputValue]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in sorted(outputs):
        output = outputs[name]
        data = output_json_data(output)
        body: dict[str, Any] = {"sensitive": output.sensitive, "type": data["type"]}
        if not output.sensitive:
            body["value"] = data["value"]
        found[name] = body
    return found


def ui_plan_outputs(changes: list[OutputChange]) -> dict[str, Any]:
    names = {"no-op": "noop"}
    return {
        c.addr.name: {"sensitive": c.sensitive, "action": names.get(c.action.value, c.action.value)}
        for c in sorted(changes, key=lambda c: c.addr.name)
    }
