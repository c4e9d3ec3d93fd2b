"""Configuration: loading a module directory's ``.tf`` files into a Module.

This first version knows the blocks that shape expression evaluation at the
console (``variable``, ``locals``, ``output``, and the names of resources,
data sources and module calls), builds the evaluation scope Terraform's console offers in
that directory, and collects the root module's variable values from the
environment, variable files and the command line
(:func:`collect_root_variables`).
"""

from hclrun.config.inputvars import collect_root_variables
from hclrun.config.loader import load_module
from hclrun.config.model import Local, Module, ModuleCall, Output, ResourceDecl, Variable
from hclrun.config.scope import ConsoleScopeOptions, console_scope

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
