"""Operations: what each state- and plan-related command does, without printing.

Every operation runs in a working directory: it loads the configuration,
takes the state lock (``-lock=false`` skips it), plans or applies through the
engine and persists the state once at the end through the backend session.
Results are dataclasses that carry diagnostics and the configuration sources
the diagnostics point into; the command line and the library API render them.
"""

from hclrun.operations.apply_op import ApplyRequest, ApplyResult, run_apply
from hclrun.operations.plan_op import PlanRequest, PlanResult, run_plan
from hclrun.operations.workdir import WorkingDir

__all__ = [
    "ApplyRequest",
    "ApplyResult",
    "PlanRequest",
    "PlanResult",
    "WorkingDir",
    "run_apply",
    "run_plan",
]
