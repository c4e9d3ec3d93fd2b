"""Dependency graphs: the DAG, cycle reports, DOT output and the parallel walker.

This package owns the generic machinery that validate, graph, plan and apply
stand on; it knows nothing of configurations. An edge A → B means "A depends
on B" (B runs first). Modules:

* ``dag`` — the graph, orderings (ties broken by a sort key), subgraphs, reverse;
* ``reduction`` — transitive reduction and projection onto a subset of nodes;
* ``cycles`` — strongly connected components and Terraform's "Cycle: …" errors;
* ``dot`` — ``terraform graph`` output, both the resources-only view and the operation graph;
* ``walker`` and ``outcome`` — visiting nodes in dependency order, in parallel, with interruption.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hclrun.lazyexports import lazy_exports

if TYPE_CHECKING:
    from hclrun.graph.cycles import Cycle, cycle_diagnostics, find_cycles, strongly_connected_components
    from hclrun.graph.dag import CycleError, Graph
    from hclrun.graph.outcome import Outcome, Status, WalkEvent, WalkResult
    from hclrun.graph.walker import DEFAULT_PARALLELISM, walk

# Public names load their modules on first use: checking a configuration's graph for
# cycles does not need the walker.
_EXPORTS: dict[str, str] = {
    "Cycle": "hclrun.graph.cycles",
    "CycleError": "hclrun.graph.dag",
    "DEFAULT_PARALLELISM": "hclrun.graph.walker",
    "Graph": "hclrun.graph.dag",
    "Outcome": "hclrun.graph.outcome",
    "Status": "hclrun.graph.outcome",
    "WalkEvent": "hclrun.graph.outcome",
    "WalkResult": "hclrun.graph.outcome",
    "cycle_diagnostics": "hclrun.graph.cycles",
    "find_cycles": "hclrun.graph.cycles",
    "strongly_connected_components": "hclrun.graph.cycles",
    "walk": "hclrun.graph.walker",
}

__all__ = [
    "DEFAULT_PARALLELISM",
    "Cycle",
    "CycleError",
    "Graph",
    "Outcome",
    "Status",
    "WalkEvent",
    "WalkResult",
    "cycle_diagnostics",
    "find_cycles",
    "strongly_connected_components",
    "walk",
]


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)
