"""Plans: the actions and change model (``actions``, ``model``), saved plan
files (``planfile``), Terraform's JSON plan and state formats (``jsonplan``,
``jsonstate``) and the human plan renderer (``render_human``)."""

from hclrun.plans.actions import Action, ActionReason, PlanMode
from hclrun.plans.model import (
    Importing,
    OutputChange,
    Path,
    Plan,
    RelevantAttribute,
    ResourceInstanceChange,
)

__all__ = [
    "Action",
    "ActionReason",
    "Importing",
    "OutputChange",
    "Path",
    "Plan",
    "PlanMode",
    "RelevantAttribute",
    "ResourceInstanceChange",
]
