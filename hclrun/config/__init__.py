"""Configuration: loading a module directory's ``.tf`` files into a Module.

This first version knows the blocks that shape expression evaluation at the
console (``variable``, ``locals``, ``output``, and the names of resources,
data sources and module calls), and builds the evaluation scope Terraform's
console offers in that directory.
"""

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
    "console_scope",
    "load_module",
]
