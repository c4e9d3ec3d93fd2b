"""What ``apply``, ``destroy`` and ``refresh`` print around the engine's
progress: the approval prompt, the closing summary and the outputs."""

from __future__ import annotations

from collections.abc import Mapping

from hclrun.cli.views.outputs import human_outputs
from hclrun.cli.views.stream import Output
from hclrun.plans.actions import PlanMode
from hclrun.states import OutputValue

_QUESTIONS = {
    PlanMode.NORMAL: (
        "Do you want to perform these actions?",
        "hclrun will perform the actions described above.\n  Only 'yes' will be accepted to approve.",
    ),
    PlanMode.DESTROY: (
        "Do you really want to destroy all resources?",
        "hclrun will destroy all your managed infrastructure, as shown above.\n"
        "  There is no undo. Only 'yes' will be accepted to confirm.",
    ),
    PlanMode.REFRESH_ONLY: (
        "Would you like to update the hclrun state to reflect these detected changes?",
        "hclrun will write these changes to the state without modifying any real infrastructure.\n"
        "  There is no undo. Only 'yes' will be accepted to confirm.",
    ),
}


def approval_prompt(output: Output, mode: PlanMode) -> str:
    question, detail = _QUESTIONS[mode]
    return output.markup(f"\n[bold]{question}[reset]") + f"\n  {detail}\n\n  " + output.markup("[bold]Enter a value:[reset]") + " "


def cancelled_message(mode: PlanMode) -> str:
    return "Destroy cancelled.\n" if mode is PlanMode.DESTROY else "Apply cancelled.\n"


def summary(output: Output, destroy_command: bool, added: int, changed: int, destroyed: int) -> None:
    if destroy_command:
        text = f"Destroy complete! Resources: {destroyed} destroyed."
    else:
        text = f"Apply complete! Resources: {added} added, {changed} changed, {destroyed} destroyed."
    if output.color:
        output.write(f"\x1b[0m\x1b[1m\x1b[32m\n{text}\n\x1b[0m")
    else:
        output.write(f"\n{text}\n")


def outputs_section(output: Output, outputs: Mapping[str, OutputValue]) -> None:
    body = human_outputs(outputs)
    if not body:
        return
    if output.color:
        output.write("\x1b[0m\x1b[1m\x1b[32m\nOutputs:\n\n\x1b[0m" + body)
    else:
        output.write("\nOutputs:\n\n" + body)
