"""``hclrun output``: show root module output values from the state."""

from __future__ import annotations

import sys

import click

from hclrun.cli.views.stream import Output
from hclrun.diagnostics import Diagnostic

NO_OUTPUTS_DETAIL = (
    "The state file either has no outputs defined, or all the defined outputs are empty. Please define an output "
    "in your configuration with the `output` keyword and run `hclrun refresh` for it to become available. If you "
    "are using interpolation, please verify the interpolated value is not empty. You can use the `hclrun console` "
    "command to assist."
)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine readable output will be printed in JSON format.")
@click.option("--raw", "raw", is_flag=True, help="Print the raw string directly, without quotes or escapes.")
@click.option("--no-color", "no_color", is_flag=True, help="If specified, output won't contain any color.")
@click.option("--state", "state_path", hidden=True)
@click.argument("name", required=False)
def output(as_json: bool, raw: bool, no_color: bool, state_path: str | None, name: str | None) -> None:
    """Show output values from your root module."""
    from hclrun.cli.views.outputs import human_outputs, outputs_json
    from hclrun.operations import WorkingDir
    from hclrun.operations.state_ops import read_state
    from hclrun.states.jsondata import dumps_compact
    from hclrun.values.render import render_console

    out = Output(color=not no_color)
    file, diags = read_state(WorkingDir("."))
    if diags.has_errors():
        out.diagnostics(diags, {})
        sys.exit(1)
    outputs = {} if file is None else {k: v for k, v in file.state.outputs.items() if not v.value.is_null}
    if name is None:
        if raw:
            _error(out, "Output name required", "You must give the name of a single output value when using the -raw option.")
        if as_json:
            out.write(outputs_json(outputs))
            return
        if not outputs:
            out.diagnostics([Diagnostic.warning("No outputs found", NO_OUTPUTS_DETAIL)], {})
            return
        out.write(human_outputs(outputs))
        return
    found = outputs.get(name)
    if found is None:
        _error(
            out,
            f'Output "{name}" not found',
            "The output variable requested could not be found in the state file. If you recently added this to your "
            "configuration, be sure to run `hclrun apply`, since the state won't be updated with new output "
            "variables until that command is run.",
        )
        return
    plain, _ = found.value.unmark_deep()
    if as_json:
        from hclrun.plans.jsonvalues import value_data

        out.write(dumps_compact(value_data(plain)) + "\n")
    elif raw:
        if not plain.type.is_primitive:
            type_name = plain.type.friendly_name()
            _error(
                out,
                "Unsupported value for raw output",
                f'The -raw option only supports strings, numbers, and boolean values, but output value "{name}" is '
                f"{type_name}.\n\nUse the -json option for machine-readable representations of output values that "
                "have complex types.",
            )
        from hclrun.values.convert import convert
        from hclrun.values.types import STRING

        out.write(str(convert(plain, STRING).raw))
    else:
        out.write(render_console(plain) + "\n")


def _error(out: Output, summary: str, detail: str) -> None:
    out.diagnostics([Diagnostic.error(summary, detail)], {})
    sys.exit(1)
