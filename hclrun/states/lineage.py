"""Lineage: a new state gets a random UUID as its lineage, which every later
snapshot of it keeps (its serial grows whenever content changes)."""

from __future__ import annotations

import secrets


def new_lineage() -> str:
    """A random UUID in the 8-4-4-4-12 form Terraform uses."""
    h = secrets.token_hex(16)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
