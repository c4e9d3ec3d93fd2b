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

from hclrun.graph.cycles import Cycle, cycle_diagnostics, find_cycles, strongly_connected_components
from hclrun.graph.dag import CycleError, Graph
from hclrun.graph.outcome import Outcome, Status, WalkEvent, WalkResult
from hclrun.graph.walker import DEFAULT_PARALLELISM, walk

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
