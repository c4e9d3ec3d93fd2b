"""State as ``show`` and ``state show`` print it: ``# ADDRESS:`` and a
resource block per instance, then the outputs."""

from __future__ import annotations

from typing import Any

from hclrun.addrs import ResourceMode, parse_provider_source
from hclrun.plans.jsonstate import state_json_data
from hclrun.plans.render_change import Change
from hclrun.plans.render_differ import compute_block
from hclrun.plans.render_nodes import Opts
from hclrun.plans.render_text import Colorize
from hclrun.plans.schemas import SchemaLookup
from hclrun.states import State
from hclrun.values.render import render_console


def _resources(module: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(module.get("resources", []))
    for child in module.get("child_modules", []):
        found.extend(_resources(child))
    return found


def render_resource(resource: dict[str, Any], schemas: SchemaLookup) -> str:
    provider = parse_provider_source(resource["provider_name"])
    mode = ResourceMode.DATA if resource["mode"] == "data" else ResourceMode.MANAGED
    schema = schemas(provider, mode, resource["type"]) if provider is not None else None
    kind = "data" if mode is ResourceMode.DATA else "resource"
    header = f'# {resource["address"]}:\n{kind} "{resource["type"]}" "{resource["name"]}" '
    if schema is None:
        return header + "{}\n"
    values = resource.get("values", {})
    sensitive = resource.get("sensitive_values", {})
    change = Change(before=values, after=values, before_sensitive=sensitive, after_sensitive=sensitive)
    opts = Opts(Colorize(disable=True), override_null_suffix=True, show_unchanged_children=True, hide_diff_action_symbols=True)
    return header + compute_block(change, schema.block).render(0, opts) + "\n"


def state_resources(state: State, schemas: SchemaLookup) -> list[dict[str, Any]]:
    doc = state_json_data(state, schemas)
    return _resources(doc.get("values", {}).get("root_module", {}))


def render_state(state: State, schemas: SchemaLookup) -> str:
    if state.is_empty:
        return "The state file is empty. No resources are represented.\n"
    blocks = [render_resource(r, schemas) for r in state_resources(state, schemas)]
    text = "\n".join(blocks)
    outputs = sorted(state.outputs)
    if outputs:
        lines = []
        for name in outputs:
            output = state.outputs[name]
            shown = "(sensitive value)" if output.sensitive else render_console(output.value.unmark_deep()[0])
            lines.append(f"{name} = {shown}\n")
        text += "\n\nOutputs:\n\n" + "".join(lines)
    return text
