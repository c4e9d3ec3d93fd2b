"""Whether one state snapshot may replace another: the check ``state push``
makes (unless forced) before overwriting a stored state."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.states.statefile import StateFile, write_state_file


def check_push(incoming: StateFile, existing: StateFile | None, *, force: bool = False) -> Diagnostics:
    """Problems with storing ``incoming`` over ``existing``, in ``terraform state push`` words.

    An empty or absent stored state may always be replaced; otherwise the
    lineages must match (or one be missing) and the serial must not go back.
    """
    diags = Diagnostics()
    if force or existing is None or existing.state.is_empty:
        return diags
    problem = ""
    if incoming.lineage and existing.lineage and incoming.lineage != existing.lineage:
        problem = (
            f'cannot import state with lineage "{incoming.lineage}" over unrelated state with lineage '
            f'"{existing.lineage}"'
        )
    elif not incoming.lineage or not existing.lineage or incoming.serial > existing.serial:
        return diags
    elif incoming.serial == existing.serial:
        if write_state_file(incoming) != write_state_file(existing):
            problem = (
                f"cannot overwrite existing state with serial {incoming.serial} with a different state that has "
                "the same serial"
            )
    else:
        problem = f"cannot import state with serial {incoming.serial} over newer state with serial {existing.serial}"
    if problem:
        diags.error("Failed to write state", problem)
    return diags
