"""The apply graph: configuration nodes plus one node per planned change of a resource instance.

Resource declarations are replaced by the instance changes the plan holds:
a "main" node (create, update, read or no-op) and, for deletions and
replacements, a "destroy" node. Edges:

* a main node depends on what its resource's configuration depends on, and
  whatever depended on the resource depends on its main nodes: only on the
  instances it names with a literal key (``many[1]``, ``many["a"]``) when
  every reference it makes to the resource has one, as in Terraform, where a
  failed instance skips only what names it (``many[*]``, ``many[count.index]``
  or ``length(many)`` name the resource as a whole);
* delete-then-create: the create waits for the destroy; create-then-delete:
  the destroy of the deposed object waits for the create and for the
  updates of everything that depends on the resource;
* destroys run in reverse dependency order (an object is destroyed after
  everything that depended on it, per the ``dependencies`` its dependents
  recorded in state), and after the updates of its former dependents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hclrun.addrs import AbsResourceInstance, ConfigResource
from hclrun.engine.apply_refs import NamedKeys, referenced_keys
from hclrun.engine.graph_build import ConfigGraph
from hclrun.engine.nodes import PROVIDER, RESOURCE, Node
from hclrun.graph import Graph
from hclrun.plans.actions import Action
from hclrun.plans.model import Plan, ResourceInstanceChange
from hclrun.states.model import State


class InstanceNode:
    """One planned change of one resource instance object (``destroy``: its delete half)."""

    __slots__ = ("_hash", "_text", "addr", "deposed", "destroy")

    def __init__(self, addr: AbsResourceInstance, deposed: str, destroy: bool) -> None:
        self.addr = addr
        self.deposed = deposed
        self.destroy = destroy
        text = str(addr)
        if deposed:
            text += f" (deposed {deposed})"
        elif destroy:
            text += " (destroy)"
        self._text = text
        self._hash = hash((addr, deposed, destroy))

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"InstanceNode({self._text})"

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, InstanceNode)
            and self.addr == other.addr
            and self.deposed == other.deposed
            and self.destroy == other.destroy
        )


ApplyNode = Node | InstanceNode


@dataclass
class ApplyGraph:
    graph: Graph[ApplyNode]
    changes: dict[InstanceNode, ResourceInstanceChange] = field(default_factory=dict)
    config_nodes: dict[InstanceNode, Node] = field(default_factory=dict)


def config_node_of(cg: ConfigGraph, addr: AbsResourceInstance) -> Node | None:
    node = Node(RESOURCE, addr.module.module().names, str(addr.resource.resource))
    return node if node in cg.resources else None


def build_apply_graph(cg: ConfigGraph, plan: Plan, prior: State) -> ApplyGraph:
    g: Graph[ApplyNode] = Graph()
    ag = ApplyGraph(g)
    for node in cg.graph:
        if node.kind != RESOURCE:
            g.add(node)
    main_of: dict[Node, list[InstanceNode]] = {}
    destroys: list[InstanceNode] = []
    cbd_destroys: list[tuple[InstanceNode, Node]] = []
    for change in plan.changes:
        cnode = config_node_of(cg, change.addr)
        action = change.action
        main = destroy = None
        if change.deposed or action in (Action.DELETE, Action.FORGET):
            destroy = InstanceNode(change.addr, change.deposed, True)
        elif action is Action.DELETE_THEN_CREATE:
            destroy = InstanceNode(change.addr, "", True)
            main = InstanceNode(change.addr, "", False)
            g.add_edge(main, destroy)
        elif action is Action.CREATE_THEN_DELETE:
            destroy = InstanceNode(change.addr, "", True)
            main = InstanceNode(change.addr, "", False)
            g.add_edge(destroy, main)
            if cnode is not None:
                cbd_destroys.append((destroy, cnode))
        else:
            main = InstanceNode(change.addr, "", False)
        for created in (main, destroy):
            if created is not None:
                g.add(created)
                ag.changes[created] = change
                if cnode is not None:
                    ag.config_nodes[created] = cnode
        if main is not None and cnode is not None:
            main_of.setdefault(cnode, []).append(main)
        if destroy is not None:
            destroys.append(destroy)
    _config_edges(cg, g, main_of)
    _provider_edges(cg, ag, destroys)
    _destroy_edges(cg, ag, prior, destroys, main_of, cbd_destroys)
    return ag


def _config_edges(cg: ConfigGraph, g: Graph[ApplyNode], main_of: dict[Node, list[InstanceNode]]) -> None:
    for node in cg.graph:
        deps = cg.graph.dependencies(node)
        sources: list[ApplyNode] = list(main_of.get(node, ())) if node.kind == RESOURCE else [node]
        if not sources:
            continue
        keys_by_target: dict[Node, NamedKeys] | None = None
        for dep in deps:
            targets: list[ApplyNode] = list(main_of.get(dep, ())) if dep.kind == RESOURCE else [dep]
            if len(targets) > 1:
                if keys_by_target is None:
                    keys_by_target = referenced_keys(cg, node)
                targets = _named_instances(targets, keys_by_target.get(dep))
            for source in sources:
                for target in targets:
                    g.add_edge(source, target)


def _named_instances(mains: list[ApplyNode], keys: NamedKeys) -> list[ApplyNode]:
    """The main nodes whose instance key is in ``keys``; all of them when ``keys``
    is None (the resource named as a whole) or names no planned instance."""
    if keys is None:
        return mains
    named: list[ApplyNode] = []
    found: set[object] = set()
    for main in mains:
        if isinstance(main, InstanceNode) and main.addr.resource.key in keys:
            named.append(main)
            found.add(main.addr.resource.key)
    return named if found == keys else mains


def _provider_edges(cg: ConfigGraph, ag: ApplyGraph, destroys: list[InstanceNode]) -> None:
    for destroy in destroys:
        provider = ag.changes[destroy].provider
        text = f'provider["{provider.provider}"]' + (f".{provider.alias}" if provider.alias else "")
        pnode = Node(PROVIDER, provider.module.names, text)
        if pnode in ag.graph:
            ag.graph.add_edge(destroy, pnode)


def _destroy_edges(
    cg: ConfigGraph,
    ag: ApplyGraph,
    prior: State,
    destroys: list[InstanceNode],
    main_of: dict[Node, list[InstanceNode]],
    cbd_destroys: list[tuple[InstanceNode, Node]],
) -> None:
    g = ag.graph
    destroys_of: dict[ConfigResource, list[InstanceNode]] = {}
    for destroy in destroys:
        destroys_of.setdefault(destroy.addr.containing_resource().config(), []).append(destroy)
    # Objects (being destroyed, or updated) whose recorded dependencies name a resource being destroyed.
    ordering: list[tuple[InstanceNode, InstanceNode]] = []
    for an in ag.changes if destroys_of else ():
        inst = prior.resource_instance(an.addr)
        if inst is None:
            continue
        obj = inst.deposed.get(an.deposed) if an.deposed else inst.current
        if obj is None:
            continue
        for dep in obj.dependencies:
            for destroy in destroys_of.get(dep, ()):
                if destroy is an or destroy.addr == an.addr:
                    continue
                if an.destroy:
                    ordering.append((destroy, an))
                elif ag.changes[destroy].action in (Action.DELETE, Action.FORGET) and not destroy.deposed:
                    ordering.append((destroy, an))
    for destroy, cnode in cbd_destroys:
        for dependent in cg.graph.dependents(cnode):
            for main in main_of.get(dependent, ()):
                ordering.append((destroy, main))
    for dependent, dependency in ordering:  # type: ignore[assignment]
        g.add_edge(dependent, dependency)
    try:
        g.topological_order(str)
    except ValueError:
        for dependent, dependency in ordering:  # type: ignore[assignment]
            if g.has_edge(dependent, dependency):
                g.remove_edge(dependent, dependency)
