"""``hclrun show [PATH]``: the state, a saved plan, or a state file; human or ``-json``."""

from __future__ import annotations

import sys

import click

from hclrun.cli.views.stream import Output


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Output in a machine-readable form.")
@click.option("--no-color", "no_color", is_flag=True, help="If specified, output won't contain any color.")
@click.argument("path", required=False)
def show(as_json: bool, no_color: bool, path: str | None) -> None:
    """Show the current state or a saved plan."""
    from hclrun.operations import WorkingDir
    from hclrun.operations.show_op import show_target

    output = Output(color=not no_color and not as_json)
    target = show_target(WorkingDir("."), path)
    if target.diagnostics.has_errors():
        output.diagnostics(target.diagnostics, target.sources)
        sys.exit(1)
    schemas = target.schemas.lookup()
    if target.plan is not None:
        if as_json:
            from hclrun.plans.jsonplan import encode_plan_json

            output.write(encode_plan_json(target.plan, schemas, target.configuration_json) + "\n")
        else:
            from hclrun.plans.render_human import render_plan

            output.write(render_plan(target.plan, schemas, color=output.color))
        return
    if as_json:
        from hclrun.plans.jsonstate import encode_state_json

        output.write(encode_state_json(target.state, schemas) + "\n")
        return
    if target.state is None:
        output.write("No state.\n")
        return
    from hclrun.cli.views.stateview import render_state

    output.write(render_state(target.state, schemas))
