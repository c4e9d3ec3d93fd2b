"""``hclrun apply``, ``hclrun destroy`` and ``hclrun refresh``: plan (or read a
saved plan), ask for approval, apply, and show the outcome."""

from __future__ import annotations

import sys
import threading
from typing import Any

import click

from hclrun.cli.interrupts import InterruptHandler
from hclrun.cli.plan import lock_timeout_or_exit
from hclrun.cli.planflags import OrderedVariablesCommand, flag_value, plan_mode, plan_options, variable_args
from hclrun.cli.views.applyview import approval_prompt, cancelled_message, outputs_section, summary
from hclrun.cli.views.jsonui import JsonProgress, JsonView
from hclrun.cli.views.outputs import ui_apply_outputs
from hclrun.cli.views.planview import object_ids, show_human_plan, show_json_plan
from hclrun.cli.views.progress import HumanProgress
from hclrun.cli.views.stream import Output
from hclrun.cli.views.varprompt import can_prompt, terminal_prompt
from hclrun.plans.actions import Action, PlanMode
from hclrun.plans.model import Plan
from hclrun.states.sync import SyncState


def _auto_approve_option(f: Any) -> Any:
    return click.option("--auto-approve", "auto_approve", is_flag=True, help="Skip interactive approval of plan before applying.")(f)


@click.command(cls=OrderedVariablesCommand)
@plan_options
@_auto_approve_option
@click.option("--backup", "backup", hidden=True)
@click.option("--state", "state_path", hidden=True)
@click.option("--state-out", "state_out", hidden=True)
@click.argument("plan_file", required=False)
@click.pass_context
def apply(ctx: click.Context, plan_file: str | None, **opts: Any) -> None:
    """Create or update infrastructure."""
    run_command(ctx, "apply", plan_file, opts)


@click.command(cls=OrderedVariablesCommand)
@plan_options
@_auto_approve_option
@click.pass_context
def destroy(ctx: click.Context, **opts: Any) -> None:
    """Destroy previously-created infrastructure."""
    opts["destroy"] = True
    run_command(ctx, "destroy", None, opts)


@click.command(cls=OrderedVariablesCommand)
@plan_options
@click.pass_context
def refresh(ctx: click.Context, **opts: Any) -> None:
    """Update the state to match remote systems."""
    opts["refresh_only"] = True
    opts["auto_approve"] = True
    run_command(ctx, "refresh", None, opts)


def run_command(ctx: click.Context, command: str, plan_file: str | None, opts: dict[str, Any]) -> None:
    from hclrun.operations import ApplyRequest, WorkingDir, run_apply

    as_json = bool(opts["as_json"])
    output = Output(color=not opts["no_color"] and not as_json)
    view = JsonView(output) if as_json else None
    progress: HumanProgress | JsonProgress = JsonProgress(view) if view is not None else HumanProgress(output)
    if view is not None:
        view.version()
    mode = plan_mode(bool(opts["destroy"]), bool(opts["refresh_only"]))
    auto_approve = bool(opts["auto_approve"])
    if view is not None and not auto_approve and not plan_file:
        from hclrun.diagnostics import Diagnostic

        view.diagnostics(
            [
                Diagnostic.error(
                    "Plan file or auto-approve required",
                    "hclrun cannot ask for interactive approval when -json is set. You can either apply a saved "
                    "plan file, or enable the -auto-approve option.",
                )
            ],
            {},
        )
        sys.exit(1)
    stop_event = threading.Event()
    interrupts = InterruptHandler(output, stop_event)
    ask = flag_value(str(opts["input_"]))

    def review(plan_result: Any) -> bool:
        planned: Plan = plan_result.plan
        if view is not None:
            if command != "refresh":
                show_json_plan(view, planned)
        elif command != "refresh":
            show_human_plan(output, planned, plan_result.schemas.lookup(), saved_to=None, next_step=False)
        if not planned.applyable or auto_approve:
            return True
        if not ask:
            output.write_err(
                "\nError: No value for approval\n\nApproval is required to apply the plan; run again with "
                "-auto-approve or without -input=false.\n"
            )
            return False
        output.write(approval_prompt(output, mode))
        answer = sys.stdin.readline()
        output.write("\n")
        if answer.strip() != "yes":
            output.write(cancelled_message(mode))
            return False
        return True

    def before_apply(planned: Plan, state: SyncState) -> None:
        progress.ids.update(object_ids(planned))
        if isinstance(progress, HumanProgress):
            progress.state = state
            progress.replacing = {c.addr for c in planned.changes if c.action is Action.CREATE_THEN_DELETE}
        interrupts.install()

    request = ApplyRequest(
        mode=mode,
        refresh=flag_value(str(opts["refresh"])),
        targets=tuple(opts["target"]),
        replace=tuple(opts["replace"]),
        variable_args=variable_args(ctx, opts["var"], opts["var_file"]),
        lock=flag_value(str(opts["lock"])),
        lock_timeout=lock_timeout_or_exit(output, str(opts["lock_timeout"])),
        parallelism=int(opts["parallelism"]),
        input=ask,
        ask_variable=terminal_prompt(output) if can_prompt(ask) and view is None else None,
        hooks=progress,
        plan_file=plan_file,
        review=review,
        stop_event=stop_event,
        before_apply=before_apply,
    )
    try:
        result = run_apply(WorkingDir("."), request)
    finally:
        interrupts.restore()
        if isinstance(progress, HumanProgress):
            progress.stop_all()
    state = result.state
    if view is not None:
        view.diagnostics(result.diagnostics, result.sources)
        if result.applied and not result.diagnostics.has_errors():
            if command != "refresh":
                operation = "destroy" if command == "destroy" else "apply"
                view.change_summary(operation, result.added, result.changed, result.destroyed)
            if state is not None and command != "destroy":
                view.outputs(ui_apply_outputs(state.outputs))
    else:
        output.diagnostics(result.diagnostics, result.sources)
        if result.applied and not result.diagnostics.has_errors():
            if command != "refresh":
                summary(output, command == "destroy", result.added, result.changed, result.destroyed)
            if state is not None and mode is not PlanMode.DESTROY:
                outputs_section(output, state.outputs)
    if result.cancelled or not result.ok:
        sys.exit(1)
