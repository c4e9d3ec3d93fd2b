"""Operations without the command line: plan and apply tables, the state
write failure that leaves ``errored.tfstate``, state edits and workspaces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hclrun.backends import LocalBackend
from hclrun.diagnostics import Diagnostics
from hclrun.operations import ApplyRequest, PlanRequest, WorkingDir, run_apply, run_plan
from hclrun.operations.state_ops import edit_state, move_instances, remove_instances, set_tainted
from hclrun.operations.workspace_ops import delete_workspace, list_workspaces, new_workspace, switch_workspace
from hclrun.plans.actions import PlanMode
from hclrun.values.value import Value

CONFIG = """
variable "name" {
  type    = string
  default = "d"
}

resource "terraform_data" "x" {
  input = var.name
}

output "secret" {
  value     = "s"
  sensitive = true
}

output "nothing" {
  value = null
}
"""


@pytest.fixture
def wd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WorkingDir:
    (tmp_path / "main.tf").write_text(CONFIG)
    monkeypatch.chdir(tmp_path)
    return WorkingDir(".")


def apply(wd: WorkingDir, **kw: object) -> object:
    result = run_apply(wd, ApplyRequest(**kw))  # type: ignore[arg-type]
    assert not result.diagnostics.has_errors(), [d.summary for d in result.diagnostics]
    return result


@pytest.mark.parametrize(
    ("variables", "mode", "actions"),
    [
        ({}, PlanMode.NORMAL, ["create"]),
        ({"name": Value.string("given")}, PlanMode.NORMAL, ["create"]),
        ({"name": Value.null(Value.string("").type)}, PlanMode.NORMAL, ["create"]),
        ({}, PlanMode.DESTROY, []),
        ({}, PlanMode.REFRESH_ONLY, []),
    ],
)
def test_plan_on_empty_state(wd: WorkingDir, variables: dict[str, Value], mode: PlanMode, actions: list[str]) -> None:
    result = run_plan(wd, PlanRequest(mode=mode, variables=variables))
    assert result.ok, [d.summary for d in result.diagnostics]
    assert result.plan is not None
    assert [c.action.value for c in result.plan.changes] == actions
    assert not Path("terraform.tfstate").exists()
    assert not Path(".terraform.tfstate.lock.info").exists() or Path(".terraform.tfstate.lock.info").stat().st_size == 0


def test_apply_then_no_changes_and_outputs(wd: WorkingDir) -> None:
    result = apply(wd, variables={"name": Value.string("v")})
    assert (result.added, result.changed, result.destroyed) == (1, 0, 0)  # type: ignore[attr-defined]
    state = json.loads(Path("terraform.tfstate").read_text())
    assert state["resources"][0]["instances"][0]["attributes"]["input"] == {"value": "v", "type": "string"}
    assert state["outputs"]["secret"] == {"value": "s", "type": "string", "sensitive": True}
    again = run_plan(wd, PlanRequest(variables={"name": Value.string("v")}))
    assert again.ok and again.plan is not None and not again.plan.applyable
    changed = run_plan(wd, PlanRequest(variables={"name": Value.string("w")}))
    assert changed.plan is not None and [c.action.value for c in changed.plan.changes] == ["update"]


def test_review_can_cancel(wd: WorkingDir) -> None:
    seen: list[object] = []

    def review(plan_result: object) -> bool:
        seen.append(plan_result)
        return False

    result = run_apply(wd, ApplyRequest(review=review))
    assert result.cancelled and len(seen) == 1
    assert not Path("terraform.tfstate").exists()


def test_failed_state_write_leaves_errored_state(wd: WorkingDir, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: LocalBackend, workspace: str, file: object) -> Diagnostics:
        diags = Diagnostics()
        diags.error("Failed to save state", "Error saving state: read-only file system.")
        return diags

    monkeypatch.setattr(LocalBackend, "put_state", refuse)
    result = run_apply(wd, ApplyRequest())
    summaries = [d.summary for d in result.diagnostics]
    assert "Failed to save state" in summaries
    assert "Failed to persist state to backend" in summaries
    errored = json.loads(Path("errored.tfstate").read_text())
    assert [r["name"] for r in errored["resources"]] == ["x"]
    assert not Path(".terraform.tfstate.lock.info").exists() or not Path(".terraform.tfstate.lock.info").read_text()


def test_held_lock_refuses_then_force_unlock(wd: WorkingDir) -> None:
    from hclrun.backends.protocol import LockInfo
    from hclrun.operations.workspace_ops import force_unlock

    other = LocalBackend(".")
    lock_id = other.lock("default", LockInfo(operation="OperationTypeApply"))
    result = run_plan(wd, PlanRequest())
    assert [d.summary for d in result.diagnostics] == ["Error acquiring the state lock"]
    assert not force_unlock(wd, lock_id).has_errors()
    assert run_plan(wd, PlanRequest()).ok


@pytest.mark.parametrize(
    ("edit", "messages", "left"),
    [
        (lambda s, e: remove_instances(s, e, ["terraform_data.x"]), ["Removed terraform_data.x", "Successfully removed 1 resource instance(s)."], []),
        (lambda s, e: move_instances(s, e, "terraform_data.x", "terraform_data.y"), ['Move "terraform_data.x" to "terraform_data.y"', "Successfully moved 1 object(s)."], ["y"]),
        (lambda s, e: set_tainted(s, e, "terraform_data.x", True), ["Resource instance terraform_data.x has been marked as tainted."], ["x"]),
        (lambda s, e: set_tainted(s, e, "terraform_data.nope", True, allow_missing=True), ["Resource instance terraform_data.nope was not found, but this is not an error."], ["x"]),
    ],
)
def test_state_edits(wd: WorkingDir, edit: object, messages: list[str], left: list[str]) -> None:
    apply(wd)
    result = edit_state(wd, edit)  # type: ignore[arg-type]
    assert not result.diagnostics.has_errors(), [d.summary for d in result.diagnostics]
    assert result.messages == messages
    state = json.loads(Path("terraform.tfstate").read_text())
    assert [r["name"] for r in state["resources"]] == left


@pytest.mark.parametrize(
    ("edit", "summary"),
    [
        (lambda s, e: remove_instances(s, e, ["terraform_data.q"]), "Invalid target address"),
        (lambda s, e: set_tainted(s, e, "terraform_data.q", True), "No such resource instance"),
        (lambda s, e: set_tainted(s, e, "terraform_data.x", False), "Resource instance is not tainted"),
    ],
)
def test_state_edit_errors_leave_state_alone(wd: WorkingDir, edit: object, summary: str) -> None:
    apply(wd)
    before = Path("terraform.tfstate").read_text()
    result = edit_state(wd, edit)  # type: ignore[arg-type]
    assert [d.summary for d in result.diagnostics] == [summary]
    assert Path("terraform.tfstate").read_text() == before
    assert not list(Path(".").glob("terraform.tfstate.*.backup"))


def test_workspaces(wd: WorkingDir) -> None:
    assert list_workspaces(wd) == (["default"], "default")
    assert not new_workspace(wd, "dev").has_errors()
    assert list_workspaces(wd) == (["default", "dev"], "dev")
    apply(wd)
    assert Path("terraform.tfstate.d/dev/terraform.tfstate").exists()
    assert not Path("terraform.tfstate").exists()
    diags, created = switch_workspace(wd, "default")
    assert not diags and not created
    refused = delete_workspace(wd, "dev")
    assert [d.summary for d in refused] == ["Workspace is not empty"]
    assert not delete_workspace(wd, "dev", force=True).has_errors()
    assert list_workspaces(wd) == (["default"], "default")
    assert [d.summary for d in new_workspace(wd, "bad/name")] == ["Invalid workspace name"]
