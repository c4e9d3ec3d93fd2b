"""Lineage and serial: a new state gets a random UUID as its lineage; the
serial grows whenever content changes. ``check_replace`` is the guard that
``state push`` uses before overwriting a stored state."""

from __future__ import annotations

import secrets

from hclrun.diagnostics import Diagnostics


def new_lineage() -> str:
    """A random UUID in the 8-4-4-4-12 form Terraform uses."""
    h = secrets.token_hex(16)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def check_replace(
    current_lineage: str | None,
    current_serial: int | None,
    incoming_lineage: str,
    incoming_serial: int,
    *,
    force: bool = False,
) -> Diagnostics:
    """Problems with replacing a stored state by an incoming one (none when forced
    or when nothing is stored yet), worded as ``terraform state push`` words them."""
    diags = Diagnostics()
    if force or current_lineage is None:
        return diags
    if current_lineage and incoming_lineage and current_lineage != incoming_lineage:
        diags.error(
            "Failed to write state",
            f"cannot import state with lineage {incoming_lineage!r} over unrelated state with lineage "
            f"{current_lineage!r}".replace("'", '"'),
        )
    elif current_serial is not None and incoming_serial < current_serial:
        diags.error(
            "Failed to write state",
            f"cannot import state with serial {incoming_serial} over newer state with serial {current_serial}",
        )
    return diags
