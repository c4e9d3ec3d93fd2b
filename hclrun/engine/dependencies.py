"""The resources each resource depends on, directly or through anything in between.

State records, for each resource instance, every resource its configuration
depends on, indirect ones included (through locals, variables, module
calls and outputs); destroy ordering and "dependency pending" data reads
use the same sets.

A long chain makes these sets grow with the chain, so they are kept as bit
masks over the resources numbered in the order state writes them: the union
at each node is one integer OR, and a node's recorded list is read off its
mask in order without sorting. Each recorded tuple is built once per
resource and shared by all of its instances.
"""

from __future__ import annotations

from itertools import compress
from typing import TypeVar

from hclrun.addrs import ConfigResource, Module, Resource, ResourceMode
from hclrun.engine.graph_build import ConfigGraph
from hclrun.engine.nodes import RESOURCE, Node

_MODES = {"managed": ResourceMode.MANAGED, "data": ResourceMode.DATA, "ephemeral": ResourceMode.EPHEMERAL}
_BIT_FLAGS = bytes.maketrans(b"01", b"\x00\x01")

T = TypeVar("T")


def config_resource(cg: ConfigGraph, node: Node) -> ConfigResource:
    decl = cg.resources[node]
    return ConfigResource(Module(node.module), Resource(_MODES[decl.mode], decl.type, decl.name))


def _select(items: list[T], mask: int) -> tuple[T, ...]:
    """The items whose bit is set in ``mask``, in list order."""
    flags = bin(mask)[:1:-1].encode("ascii").translate(_BIT_FLAGS)
    return tuple(compress(items, flags))


class DependencySets:
    """Memoised indirect resource dependencies of every node."""

    def __init__(self, cg: ConfigGraph) -> None:
        self.cg = cg
        configs = sorted(((str(c), c, n) for n, c in ((n, config_resource(cg, n)) for n in cg.resources)))
        self._configs: list[ConfigResource] = [c for _, c, _ in configs]
        self._nodes: list[Node] = [n for _, _, n in configs]
        self._bit: dict[Node, int] = {n: 1 << i for i, n in enumerate(self._nodes)}
        self._managed = sum(self._bit[n] for n in self._nodes if cg.resources[n].mode == "managed")
        self._reach: dict[Node, int] = {}
        self._resource_sets: dict[Node, frozenset[Node]] = {}
        self._recorded: dict[Node, tuple[ConfigResource, ...]] = {}

    def _mask(self, node: Node) -> int:
        """The bit mask of resources ``node`` depends on, directly or indirectly."""
        found = self._reach.get(node)
        if found is not None:
            return found
        # Iterative post-order so that long chains do not hit the recursion limit.
        graph, reach, bit = self.cg.graph, self._reach, self._bit
        stack: list[tuple[Node, bool]] = [(node, False)]
        while stack:
            current, expanded = stack.pop()
            if current in reach:
                continue
            deps = graph.dependencies(current)
            if not expanded:
                stack.append((current, True))
                stack.extend((d, False) for d in deps if d not in reach)
                continue
            acc = 0
            for d in deps:
                if d.kind == RESOURCE:
                    acc |= bit[d]
                acc |= reach.get(d, 0)
            own = bit.get(current, 0)
            reach[current] = acc & ~own if acc & own else acc
        return reach[node]

    def resources_of(self, node: Node) -> frozenset[Node]:
        """Resource nodes ``node`` depends on, directly or indirectly."""
        found = self._resource_sets.get(node)
        if found is None:
            found = self._resource_sets[node] = frozenset(_select(self._nodes, self._mask(node)))
        return found

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
            found = self._recorded[node] = _select(self._configs, self._mask(node) & self._managed)
        return found
