"""Configuration: loading a module directory's ``.tf`` files into a Module.

This first version knows the blocks that shape expression evaluation at the
console (``variable``, ``locals``, ``output``, and the names of resources,
data sources and module calls), builds the evaluation scope Terraform's console offers in
that directory, and collects the root module's variable values from the
environment, variable files and the command line
(:func:`collect_root_variables`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hclrun.lazyexports import lazy_exports

if TYPE_CHECKING:
    from hclrun.config.inputvars import collect_root_variables
    from hclrun.config.loader import load_module
    from hclrun.config.model import Local, Module, ModuleCall, Output, ResourceDecl, Variable
    from hclrun.config.scope import ConsoleScopeOptions, console_scope

# Public names load their modules on first use: loading a module tree must not pay for
# variable input or console scopes.
_EXPORTS: dict[str, str] = {
    "ConsoleScopeOptions": "hclrun.config.scope",
    "Local": "hclrun.config.model",
    "Module": "hclrun.config.model",
    "ModuleCall": "hclrun.config.model",
    "Output": "hclrun.config.model",
    "ResourceDecl": "hclrun.config.model",
    "Variable": "hclrun.config.model",
    "collect_root_variables": "hclrun.config.inputvars",
    "console_scope": "hclrun.config.scope",
    "load_module": "hclrun.config.loader",
}

__all__ = [
    "ConsoleScopeOptions",
    "Local",
    "Module",
    "ModuleCall",
    "Output",
    "ResourceDecl",
    "Variable",
    "collect_root_variables",
    "console_scope",
    "load_module",
]


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)
