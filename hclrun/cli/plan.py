"""``hclrun plan``: show the changes applying the configuration would make."""

from __future__ import annotations

import sys

import click

from hclrun.cli.planflags import (
    OrderedVariablesCommand,
    flag_value,
    parse_duration,
    plan_mode,
    plan_options,
    variable_args,
)
from hclrun.cli.views.jsonui import JsonProgress, JsonView
from hclrun.cli.views.planview import show_human_plan, show_json_plan
from hclrun.cli.views.progress import HumanProgress
from hclrun.cli.views.stream import Output
from hclrun.cli.views.varprompt import can_prompt, terminal_prompt
from hclrun.engine import Hooks


def lock_timeout_or_exit(output: Output, text: str) -> float:
    seconds = parse_duration(text)
    if seconds is None:
        output.write_err(f'invalid value "{text}" for flag -lock-timeout: parse error\n')
        sys.exit(1)
    return seconds


@click.command(cls=OrderedVariablesCommand)
@plan_options
@click.option("--out", "out", metavar="PATH", help="Write a plan file to the given path.")
@click.option("--detailed-exitcode", "detailed_exitcode", is_flag=True, help="Return detailed exit codes: 0 no changes, 1 error, 2 changes.")
@click.option("--generate-config-out", "generate_config_out", hidden=True)
@click.pass_context
def plan(ctx: click.Context, **opts: object) -> None:
    """Show changes required by the current configuration."""
    from hclrun.operations import PlanRequest, WorkingDir, run_plan

    as_json = bool(opts["as_json"])
    output = Output(color=not opts["no_color"] and not as_json)
    view = JsonView(output) if as_json else None
    hooks: Hooks = JsonProgress(view) if view is not None else HumanProgress(output)
    if view is not None:
        view.version()
    request = PlanRequest(
        mode=plan_mode(bool(opts["destroy"]), bool(opts["refresh_only"])),
        refresh=flag_value(str(opts["refresh"])),
        targets=tuple(opts["target"]),  # type: ignore[arg-type]
        replace=tuple(opts["replace"]),  # type: ignore[arg-type]
        variable_args=variable_args(ctx, opts["var"], opts["var_file"]),  # type: ignore[arg-type]
        out=str(opts["out"]) if opts["out"] else None,
        lock=flag_value(str(opts["lock"])),
        lock_timeout=lock_timeout_or_exit(output, str(opts["lock_timeout"])),
        parallelism=int(opts["parallelism"]),  # type: ignore[call-overload]
        input=flag_value(str(opts["input_"])),
        ask_variable=terminal_prompt(output) if view is None and can_prompt(flag_value(str(opts["input_"]))) else None,
        hooks=hooks,
    )
    result = run_plan(WorkingDir("."), request)
    # A plan that failed part-way is shown as far as it got, before the errors, as Terraform does.
    shown = result.plan is not None and (result.ok or result.plan.errored)
    if view is not None:
        if shown and result.plan is not None:
            show_json_plan(view, result.plan)
        view.diagnostics(result.diagnostics, result.sources)
    else:
        if shown and result.plan is not None:
            show_human_plan(output, result.plan, result.schemas.lookup(), saved_to=None, next_step=False)
        output.diagnostics(result.diagnostics, result.sources)
        if result.plan is not None and result.ok:
            from hclrun.plans.render_human import render_plan_next_step

            if result.plan.applyable:
                output.write(render_plan_next_step(request.out or "", color=output.color))
    if not result.ok:
        sys.exit(1)
    if opts["detailed_exitcode"] and result.has_changes:
        sys.exit(2)
