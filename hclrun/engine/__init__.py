"""The engine: the configuration graph, expansion, and the plan and apply walks.

``plan`` turns a module tree, a prior state and root variable values into a
``Plan``; ``apply`` carries a plan out through a ``SyncState`` (every
completed change journaled at once); ``refresh``, ``import_resource`` and
``evaluate_outputs`` serve the other commands. The engine does no printing
and no file I/O: progress goes out through ``Hooks``.
"""

from hclrun.engine.apply_walk import apply
from hclrun.engine.graph_build import ConfigGraph, build_graph, dump
from hclrun.engine.options import ApplyOptions, Hooks, PlanOptions
from hclrun.engine.plan_walk import plan
from hclrun.engine.providers import ProviderSet

__all__ = [
    "ApplyOptions",
    "ConfigGraph",
    "Hooks",
    "PlanOptions",
    "ProviderSet",
    "apply",
    "build_graph",
    "dump",
    "plan",
]
