"""The resources each resource depends on, directly or through anything in between.

State records, for each resource instance, every resource its configuration
depends on, indirect ones included (through locals, variables, module
calls and outputs); destroy ordering and "dependency pending" data reads
use the same sets.
"""

from __future__ import annotations

from hclrun.addrs import ConfigResource, Module, Resource, ResourceMode
from hclrun.engine.graph_build import ConfigGraph
from hclrun.engine.nodes import RESOURCE, Node

_MODES = {"managed": ResourceMode.MANAGED, "data": ResourceMode.DATA, "ephemeral": ResourceMode.EPHEMERAL}


def config_resource(cg: ConfigGraph, node: Node) -> ConfigResource:
    decl = cg.resources[node]
    return ConfigResource(Module(node.module), Resource(_MODES[decl.mode], decl.type, decl.name))


class DependencySets:
    """Memoised indirect resource dependencies of every node."""

    def __init__(self, cg: ConfigGraph) -> None:
        self.cg = cg
        self._reach: dict[Node, frozenset[Node]] = {}
        self._recorded: dict[Node, tuple[ConfigResource, ...]] = {}

    def resources_of(self, node: Node) -> frozenset[Node]:
        """Resource nodes ``node`` depends on, directly or indirectly."""
        found = self._reach.get(node)
        if found is not None:
            return found
        # Iterative post-order so that long chains do not hit the recursion limit.
        graph = self.cg.graph
        stack: list[tuple[Node, bool]] = [(node, False)]
        while stack:
            current, expanded = stack.pop()
            if current in self._reach:
                continue
            deps = graph.dependencies(current)
            if not expanded:
                stack.append((current, True))
                stack.extend((d, False) for d in deps if d not in self._reach)
                continue
            acc: set[Node] = set()
            for d in deps:
                if d.kind == RESOURCE:
                    acc.add(d)
                acc |= self._reach.get(d, frozenset())
            acc.discard(current)
            self._reach[current] = frozenset(acc)
        return self._reach[node]

    def create_before_destroy(self) -> frozenset[Node]:
        """Resources replaced create-before-destroy: those that ask for it and everything they depend on."""
        found: set[Node] = set()
        for node, decl in self.cg.resources.items():
            if decl.lifecycle.create_before_destroy:
                found.add(node)
                found |= self.resources_of(node)
        return frozenset(found)

    def recorded(self, node: Node) -> tuple[ConfigResource, ...]:
        """The ``dependencies`` list state records for instances of ``node`` (managed resources only)."""
        found = self._recorded.get(node)
        if found is None:
            deps = [config_resource(self.cg, n) for n in self.resources_of(node) if self.cg.resources[n].mode == "managed"]
            deps.sort(key=str)
            found = self._recorded[node] = tuple(deps)
        return found
