"""Workspace names and the selected workspace (``.terraform/environment``)."""

from __future__ import annotations

import os
import re

from hclrun.backends.fileio import atomic_write
from hclrun.backends.protocol import DEFAULT_WORKSPACE
from hclrun.diagnostics import Diagnostics

# Names that URL path escaping leaves unchanged (Go's url.PathEscape).
_VALID_NAME = re.compile(r"[A-Za-z0-9\-_.~$&+:=@]+")
ENVIRONMENT_FILE = "environment"


def valid_workspace_name(name: str) -> bool:
    return bool(_VALID_NAME.fullmatch(name))


def invalid_name_diagnostics(name: str) -> Diagnostics:
    diags = Diagnostics()
    if not valid_workspace_name(name):
        diags.error(
            "Invalid workspace name",
            f'The workspace name "{name}" is not allowed. The name must contain only URL safe characters, '
            "and no path separators.",
        )
    return diags


def selected_workspace(data_dir: str = ".terraform") -> str:
    """The workspace named in ``TF_WORKSPACE`` or ``.terraform/environment``, else ``default``."""
    override = os.environ.get("TF_WORKSPACE")
    if override:
        return override
    try:
        with open(os.path.join(data_dir, ENVIRONMENT_FILE), encoding="utf-8") as f:
            name = f.read().strip()
    except OSError:
        return DEFAULT_WORKSPACE
    return name or DEFAULT_WORKSPACE


def select_workspace(name: str, data_dir: str = ".terraform") -> None:
    """Record ``name`` as the selected workspace."""
    path = os.path.join(data_dir, ENVIRONMENT_FILE)
    os.makedirs(data_dir, exist_ok=True)
    atomic_write(path, name.encode("utf-8"), mode=0o644)
