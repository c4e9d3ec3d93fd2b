"""hclrun: a Terraform-compatible infrastructure-as-code engine.

The public API is re-exported here; everything else is internal and may change.
Imports are lazy so that ``import hclrun`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

from hclrun.version import TERRAFORM_COMPAT_VERSION, __version__

_EXPORTS: dict[str, str] = {
    "ApplyResult": "hclrun.api",
    "Plan": "hclrun.api",
    "ResourceChange": "hclrun.api",
    "Workspace": "hclrun.api",
    "evaluate": "hclrun.api",
    "Diagnostic": "hclrun.diagnostics",
    "Diagnostics": "hclrun.diagnostics",
    "DiagnosticsError": "hclrun.diagnostics",
    "Severity": "hclrun.diagnostics",
    "Pos": "hclrun.source",
    "Range": "hclrun.source",
    "Value": "hclrun.values.value",
    "types": "hclrun.values.types",
}

__all__ = ["TERRAFORM_COMPAT_VERSION", "__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hclrun' has no attribute {name!r}")
    mod = importlib.import_module(module)
    return mod if name == "types" else getattr(mod, name)
