"""Terraform's ``-json`` streaming UI: one JSON object per line with
``@level``, ``@message``, ``@module`` ("terraform.ui"), ``@timestamp`` and
``type`` (version, refresh_start/complete, planned_change, change_summary,
outputs, apply_start/complete, diagnostic)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Mapping
from typing import Any

from hclrun.addrs import AbsResourceInstance
from hclrun.cli.views.progress import duration_text, output_lines
from hclrun.cli.views.stream import Output
from hclrun.diagnostics import Diagnostic
from hclrun.engine import Hooks
from hclrun.plans.actions import Action, ActionReason
from hclrun.plans.model import Plan
from hclrun.plans.render_text import product
from hclrun.states.jsondata import dumps_compact
from hclrun.version import TERRAFORM_COMPAT_VERSION, __version__

UI_VERSION = "1.2"
_ACTION_NAMES = {
    Action.NO_OP: "noop",
    Action.CREATE: "create",
    Action.READ: "read",
    Action.UPDATE: "update",
    Action.DELETE: "delete",
    Action.DELETE_THEN_CREATE: "replace",
    Action.CREATE_THEN_DELETE: "replace",
}
_PLAN_VERBS = {"create": "create", "update": "update", "delete": "delete", "replace": "replace", "read": "read"}
_START = {"create": "Creating...", "update": "Modifying...", "delete": "Destroying...", "replace": "Creating...", "read": "Reading..."}
_DONE = {
    "create": "Creation complete",
    "update": "Modifications complete",
    "delete": "Destruction complete",
    "replace": "Creation complete",
    "read": "Read complete",
}

# The streaming UI's names for replacement reasons (the others are the plan's names).
_REASONS = {
    ActionReason.REPLACE_BECAUSE_TAINTED: "tainted",
    ActionReason.REPLACE_BY_REQUEST: "requested",
    ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE: "cannot_update",
    ActionReason.REPLACE_BY_TRIGGERS: "replace_triggered_by",
}

# Terraform's noun for an action, in "x: Creation errored after 0s".
_NOUN = {"create": "Creation", "update": "Modifications", "delete": "Destruction", "replace": "Creation", "read": "Refresh"}


def timestamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def resource_data(addr: AbsResourceInstance) -> dict[str, Any]:
    resource = addr.resource.resource
    module = str(addr.module) if not addr.module.is_root else ""
    key = addr.resource.key
    return {
        "addr": str(addr),
        "module": module,
        "resource": str(addr.resource),
        "implied_provider": resource.type.split("_", 1)[0],
        "resource_type": resource.type,
        "resource_name": resource.name,
        "resource_key": key,
    }


def _with_address(doc: dict[str, Any], diag: Diagnostic) -> dict[str, Any]:
    """``doc`` with the resource instance address after ``detail``, where terraform puts it."""
    if not diag.address:
        return doc
    out: dict[str, Any] = {}
    for key, value in doc.items():
        out[key] = value
        if key == "detail":
            out["address"] = diag.address
    out.setdefault("address", diag.address)
    return out


class JsonView:
    def __init__(self, output: Output) -> None:
        self.output = output

    def emit(self, message: str, kind: str, level: str = "info", **fields: Any) -> None:
        doc: dict[str, Any] = {"@level": level, "@message": message, "@module": "terraform.ui", "@timestamp": timestamp()}
        fields["type"] = kind
        doc.update(sorted(fields.items()))
        self.output.write(dumps_compact(doc) + "\n")

    def version(self) -> None:
        self.emit(f"hclrun {__version__}", "version", terraform=TERRAFORM_COMPAT_VERSION, ui=UI_VERSION)

    def diagnostics(self, diags: list[Diagnostic], sources: Mapping[str, bytes]) -> None:
        from hclrun.validation.report import diagnostic_json

        for diag in diags:
            level = "error" if diag.is_error else "warn"
            prefix = "Error: " if diag.is_error else "Warning: "
            self.emit(prefix + product(diag.summary), "diagnostic", level, diagnostic=_with_address(diagnostic_json(diag, sources), diag))

    def planned_changes(self, plan: Plan) -> None:
        for change in plan.changes:
            name = _ACTION_NAMES.get(change.action, "noop")
            if name == "noop" and not change.is_moved:
                continue
            body: dict[str, Any] = {"resource": resource_data(change.addr), "action": name if name != "noop" else "move"}
            if change.is_moved and change.prev_run_addr is not None:
                body["previous_resource"] = resource_data(change.prev_run_addr)
            if change.reason is not ActionReason.NONE:
                body["reason"] = _REASONS.get(change.reason, change.reason.value)
            verb = _PLAN_VERBS.get(name, "move")
            self.emit(f"{change.addr}: Plan to {verb}", "planned_change", change=body)

    def change_summary(self, operation: str, add: int, change: int, remove: int, imported: int = 0) -> None:
        if operation == "plan":
            message = f"Plan: {add} to add, {change} to change, {remove} to destroy."
        elif operation == "destroy":
            message = f"Destroy complete! Resources: {remove} destroyed."
        else:
            message = f"Apply complete! Resources: {add} added, {change} changed, {remove} destroyed."
        counts = {"add": add, "change": change, "import": imported, "remove": remove, "operation": operation}
        self.emit(message, "change_summary", changes=counts)

    def outputs(self, outputs: Mapping[str, dict[str, Any]]) -> None:
        self.emit(f"Outputs: {len(outputs)}", "outputs", outputs=dict(outputs))


def _hook_action(action: Action) -> str:
    """The action a progress message names: a replacement reports its halves as create and delete."""
    name = _ACTION_NAMES.get(action, "update")
    return "create" if name == "replace" else name


class JsonProgress(Hooks):
    def __init__(self, view: JsonView, ids: Mapping[AbsResourceInstance, str] | None = None) -> None:
        self.view = view
        self.ids = dict(ids or {})
        self._lock = threading.Lock()
        self._started: dict[AbsResourceInstance, float] = {}

    def pre_refresh(self, addr: AbsResourceInstance) -> None:
        pass

    def post_refresh(self, addr: AbsResourceInstance, id: str) -> None:
        hook = {"resource": resource_data(addr), "id_key": "id", "id_value": id}
        self.view.emit(f"{addr}: Refreshing state... [id={id}]", "refresh_start", hook=hook)
        self.view.emit(f"{addr}: Refresh complete [id={id}]", "refresh_complete", hook=hook)

    def pre_apply(self, addr: AbsResourceInstance, action: Action) -> None:
        name = _hook_action(action)
        hook: dict[str, Any] = {"resource": resource_data(addr), "action": name}
        shown = self.ids.get(addr, "") if name in ("update", "delete") else ""
        message = f"{addr}: {_START[name]}"
        if shown:
            hook.update(id_key="id", id_value=shown)
            message += f" [id={shown}]"
        with self._lock:
            self._started[addr] = time.monotonic()
        self.view.emit(message, "apply_start", hook=hook)

    def post_apply(
        self, addr: AbsResourceInstance, action: Action, elapsed: float, id: str, error: str | None
    ) -> None:
        name = _hook_action(action)
        hook: dict[str, Any] = {"resource": resource_data(addr), "action": name}
        if error is not None:
            hook["elapsed_seconds"] = int(elapsed)
            self.view.emit(f"{addr}: {_NOUN[name]} errored after {duration_text(elapsed)}", "apply_errored", hook=hook)
            return
        message = f"{addr}: {_DONE[name]} after {duration_text(elapsed)}"
        if id and name != "delete":
            hook.update(id_key="id", id_value=id)
            message += f" [id={id}]"
        hook["elapsed_seconds"] = int(elapsed)
        self.view.emit(message, "apply_complete", hook=hook)

    def pre_provision(self, addr: AbsResourceInstance, provisioner: str) -> None:
        hook = {"resource": resource_data(addr), "provisioner": provisioner}
        self.view.emit(f"{addr}: Provisioning with '{provisioner}'...", "provision_start", hook=hook)

    def provisioner_output(self, addr: AbsResourceInstance, provisioner: str, line: str) -> None:
        for text in output_lines(line):
            if text:
                hook = {"resource": resource_data(addr), "provisioner": provisioner, "output": text}
                self.view.emit(f"{addr}: ({provisioner}): {text}", "provision_progress", hook=hook)

    def post_provision(self, addr: AbsResourceInstance, provisioner: str, failed: bool) -> None:
        hook = {"resource": resource_data(addr), "provisioner": provisioner}
        if failed:
            self.view.emit(f"{addr}: ({provisioner}) Provisioning errored", "provision_errored", hook=hook)
        else:
            self.view.emit(f"{addr}: ({provisioner}) Provisioning complete", "provision_complete", hook=hook)
