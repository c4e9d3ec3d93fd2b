"""The comment lines above each resource in the human plan: what will happen
to it and why (``# terraform_data.x will be destroyed``, ``# (moved from ...)``)."""

from __future__ import annotations

import json
from typing import Any

from hclrun.plans.actions import Action
from hclrun.states.jsondata import dumps_compact


def resource_change_comment(rc: dict[str, Any], action: Action, cause: str) -> str:
    """Colour-coded text (``[bold]``...) ending with a newline; ``cause`` is "change" or "drift"."""
    addr = rc["address"]
    deposed = rc.get("deposed", "")
    shown = f"{addr} (deposed object {deposed})" if deposed else addr
    reason = rc.get("action_reason", "")
    prev = rc.get("previous_address", "")
    importing = rc["change"].get("importing")
    lines: list[str] = []
    printed_moved = printed_imported = False
    if action is Action.CREATE:
        lines.append(f"[bold]  # {shown}[reset] will be created")
    elif action is Action.READ:
        text = f"[bold]  # {shown}[reset] will be read during apply"
        text += {
            "read_because_config_unknown": "\n  # (config refers to values not yet known)",
            "read_because_dependency_pending": "\n  # (depends on a resource or a module with changes pending)",
            "read_because_check_nested": "\n  # (config will be reloaded to verify a check block)",
        }.get(reason, "")
        lines.append(text)
    elif action is Action.UPDATE:
        if cause == "change":
            lines.append(f"[bold]  # {shown}[reset] will be updated in-place")
        elif cause == "drift":
            lines.append(f"[bold]  # {shown}[reset] has changed")
        else:
            lines.append(f"[bold]  # {shown}[reset] update (unknown reason {cause})")
    elif action in (Action.CREATE_THEN_DELETE, Action.DELETE_THEN_CREATE):
        lines.append({
            "replace_because_tainted": f"[bold]  # {shown}[reset] is tainted, so must be [bold][red]replaced[reset]",
            "replace_by_request": f"[bold]  # {shown}[reset] will be [bold][red]replaced[reset], as requested",
            "replace_by_triggers": f"[bold]  # {shown}[reset] will be [bold][red]replaced[reset] due to changes in "
            "replace_triggered_by",
        }.get(reason, f"[bold]  # {shown}[reset] must be [bold][red]replaced[reset]"))
    elif action is Action.CREATE_THEN_FORGET:
        lines.append(f"[bold] # {shown}[reset] must be replaced, but the existing object will not be destroyed"
                     "\n # (destroy = false is set in the configuration)")
    elif action is Action.FORGET:
        if deposed:
            text = (f"[bold] # {shown}[reset] will be removed from Terraform state, but [bold][red]will not be "
                    "destroyed[reset]\n[bold] # (left over from a partially-failed replacement of this instance)")
        else:
            text = (f"[bold] # {shown}[reset] will no longer be managed by Terraform, but [bold][red]will not be "
                    "destroyed[reset]")
        lines.append(text + "\n # (destroy = false is set in the configuration)")
    elif action is Action.DELETE:
        if cause == "change":
            text = f"[bold]  # {shown}[reset] will be [bold][red]destroyed[reset]"
        elif cause == "drift":
            text = f"[bold]  # {shown}[reset] has been deleted"
        else:
            text = f"[bold]  # {shown}[reset] delete (unknown reason {cause})"
        text += _delete_reason(rc, reason, prev)
        if deposed:
            text += "\n  # (left over from a partially-failed replacement of this instance)"
        lines.append(text)
    elif action is Action.NO_OP and prev and prev != addr:
        lines.append(f"[bold]  # {prev}[reset] has moved to [bold]{shown}[reset]")
        printed_moved = True
    elif action is Action.NO_OP and importing is not None:
        text = f"[bold]  # {shown}[reset] will be imported"
        if rc["change"].get("generated_config"):
            text += "\n  #[reset] (config will be generated)"
        lines.append(text)
        printed_imported = True
    else:
        lines.append(f"{shown} has an action the plan renderer doesn't support (this is a bug)")
    out = lines[0] + "\n"
    if prev and prev != addr and not printed_moved:
        out += f"  # [reset](moved from {prev})\n"
    if importing is not None and not printed_imported:
        if importing.get("id"):
            out += f'  # [reset](imported from "{importing["id"]}")\n'
        else:
            out += "  # [reset](will be imported first)\n"
    if importing is not None and action in (Action.CREATE_THEN_DELETE, Action.DELETE_THEN_CREATE):
        out += "  # [reset][yellow]Warning: this will destroy the imported resource[reset]\n"
    return out


def _delete_reason(rc: dict[str, Any], reason: str, prev: str) -> str:
    if reason == "delete_because_no_resource_config":
        return f"\n  # (because {rc['type']}.{rc['name']} is not in configuration)"
    if reason == "delete_because_no_move_target":
        return f"\n  # (because {prev} was moved to {rc['address']}, which is not in configuration)"
    if reason == "delete_because_no_module":
        return f"\n  # (because {rc.get('module_address', '')} is not in configuration)"
    if reason == "delete_because_wrong_repetition":
        index = rc.get("index")
        if index is None:
            return "\n  # (because resource uses count or for_each)"
        if isinstance(index, str) and not _is_number(index):
            return "\n  # (because resource does not use for_each)"
        return "\n  # (because resource does not use count)"
    if reason == "delete_because_count_index":
        return f"\n  # (because index [{_raw(rc.get('index'))}] is out of range for count)"
    if reason == "delete_because_each_key":
        return f"\n  # (because key [{_raw(rc.get('index'))}] is not in for_each map)"
    return ""


def _is_number(index: Any) -> bool:
    from hclrun.states.jsondata import JSONNumber

    return isinstance(index, JSONNumber)


def _raw(index: Any) -> str:
    if isinstance(index, int | str) and not isinstance(index, bool):
        from hclrun.states.jsondata import JSONNumber

        if isinstance(index, JSONNumber) or isinstance(index, int):
            return str(index)
        return dumps_compact(index)
    return json.dumps(index)


__all__ = ["resource_change_comment"]
