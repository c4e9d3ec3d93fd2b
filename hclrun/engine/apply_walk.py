"""The apply walk: ``apply(plan, tree, state, providers, options) -> (State, Diagnostics)``.

Before the walk, what the plan already settled is recorded: moved
addresses, refreshed objects, data sources read during plan. Then the apply
graph is walked in parallel: configuration nodes are evaluated again,
instance nodes apply their change and record it through the ``SyncState``
at once. A failure skips what depends on it; independent work finishes.
Setting ``options.stop_event`` starts nothing new and lets running work end.
Root outputs are stored as their nodes are visited.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from hclrun.addrs import (
    ROOT_MODULE_INSTANCE,
    AbsProviderConfig,
    AbsResource,
    AbsResourceInstance,
    ResourceMode,
)
from hclrun.config.model import ResourceDecl
from hclrun.config.tree import ModuleNode
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.engine.apply_graph import ApplyNode, InstanceNode, build_apply_graph
from hclrun.engine.apply_instance import ApplyRequest, Provision, apply_change, destroy_object
from hclrun.engine.dependencies import DependencySets
from hclrun.engine.dispatch import KindDispatch
from hclrun.engine.evaldata import EvalData
from hclrun.engine.evaluate_nodes import NodeEvaluator
from hclrun.engine.expand import COUNT, FOR_EACH, SINGLE, Expansion, expand
from hclrun.engine.graph_build import ConfigGraph, build_graph
from hclrun.engine.nodes import OUTPUT, Node
from hclrun.engine.options import ApplyOptions
from hclrun.engine.plan_walk import _schema_lookup
from hclrun.engine.providers import ProviderSet
from hclrun.engine.provisioners import run_provisioners
from hclrun.eval.scope import Scope
from hclrun.gcpause import without_cyclic_gc
from hclrun.graph import walk
from hclrun.plans.actions import Action, PlanMode
from hclrun.plans.model import Plan
from hclrun.states.model import OutputValue, State
from hclrun.states.objects import ObjectStatus
from hclrun.states.sync import SyncState
from hclrun.values.value import SENSITIVE, Value


class Applier(NodeEvaluator):
    def __init__(
        self,
        cg: ConfigGraph,
        data: EvalData,
        providers: ProviderSet,
        plan: Plan,
        state: SyncState,
        options: ApplyOptions,
    ) -> None:
        super().__init__(cg, data, providers, plan.variables)
        self.plan = plan
        self.state = state
        self.options = options
        self.deps = DependencySets(cg)
        self.deposed_keys: dict[AbsResourceInstance, str] = {}
        self._bindings: dict[AbsResource, Expansion] = {}
        self._lock = threading.Lock()
        self.ag = build_apply_graph(cg, plan, plan.prior_state)
        self.cbd = self.deps.create_before_destroy()
        self.visit_kind = KindDispatch({**self.shared_visits(), OUTPUT: self._visit_output})

    def visit(self, node: ApplyNode) -> Diagnostics:
        if isinstance(node, InstanceNode):
            return self.visit_instance(node)
        return self.visit_kind(node)

    def _visit_output(self, node: Node) -> Diagnostics:
        diags = self.visit_output(node)
        if node.module or diags.has_errors():
            return diags
        if self.plan.mode is PlanMode.DESTROY:
            return diags
        value = self.data.outputs.get((ROOT_MODULE_INSTANCE, node.name))
        output = self.cg.modules[()].module.outputs[node.name]
        if value is not None:
            store_output(self.state, node.name, value, output.sensitive)
        return diags

    def _binding(self, addr: AbsResourceInstance, node: Node) -> dict[str, Value]:
        decl = self.cg.resources[node]
        if decl.count is None and decl.for_each is None:
            return {}
        resource = addr.containing_resource()
        with self._lock:
            expansion = self._bindings.get(resource)
            if expansion is None:
                expansion = expand(decl.count, decl.for_each, self.data.scope(addr.module), Diagnostics())
                self._bindings[resource] = expansion
        return expansion.keys.get(addr.resource.key, {})

    def visit_instance(self, node: InstanceNode) -> Diagnostics:
        change = self.ag.changes[node]
        cnode = self.ag.config_nodes.get(node)
        addr = change.addr
        mode = addr.resource.resource.mode
        impl, diags_list = self.providers.instance(change.provider)
        diags = Diagnostics(diags_list)
        schema = self.providers.resource_schema(change.provider, mode.value, addr.resource.resource.type)
        if impl is None or schema is None:
            if schema is None and impl is not None:
                diags.error("Invalid resource type", f'The provider does not support resource type "{addr.resource.resource.type}".')
            return diags
        decl = self.cg.resources.get(cnode) if cnode is not None else None
        if node.destroy:
            deposed = node.deposed
            if change.action is Action.CREATE_THEN_DELETE:
                deposed = self.deposed_keys.get(addr, "")
                if not deposed:
                    return diags
            provision = None
            if not deposed and decl is not None and cnode is not None and change.action is not Action.FORGET:
                provision = self._destroy_provisioners(node, decl, cnode)
            diags.extend(
                destroy_object(change, impl, schema, change.provider, deposed, self.state, self.options.hooks, provision)
            )
            return diags
        if change.action is Action.NO_OP:
            if change.importing is not None and change.before is not None:
                from hclrun.engine.stateobjects import new_object

                obj = new_object(
                    change.before,
                    schema.block.implied_type,
                    schema_version=schema.version,
                    private=change.private,
                    dependencies=self.deps.recorded(cnode) if cnode is not None else (),
                )
                self.state.set_current(addr, obj, change.provider)
            if change.after is not None:
                self.data.set_instance(addr, change.after)
                if cnode is not None and change.after.is_wholly_known:
                    scope = self.data.bind(addr.module, self._binding(addr, cnode))
                    diags.extend(self.check_applied_instance(addr, cnode, scope, change.after, False))
            return diags
        if decl is None or cnode is None:
            diags.error("Resource configuration missing", f"There is no configuration for {addr} any more.")
            return diags
        scope = self.data.bind(addr.module, self._binding(addr, cnode))
        deps = self.deps.recorded(cnode) if mode is ResourceMode.MANAGED else ()
        provision = self._create_provisioners(addr, decl, scope) if decl.provisioners else None
        value, apply_diags, _ = apply_change(
            ApplyRequest(change, decl, impl, schema, scope, deps, self.options.hooks, cnode in self.cbd, provision),
            self.state,
            self.deposed_keys,
        )
        diags.extend(apply_diags)
        if value is not None:
            self.data.set_instance(addr, value)
            if not apply_diags.has_errors():
                diags.extend(self.check_applied_instance(addr, cnode, scope, value, True))
        return diags

    def _create_provisioners(self, addr: AbsResourceInstance, decl: ResourceDecl, scope: Scope) -> Provision:
        def provision(value: Value) -> tuple[Diagnostics, bool]:
            return run_provisioners(
                addr, decl.provisioners, "create", scope.child({"self": value}), self.options.hooks, self.options.environment
            )

        return provision

    def _destroy_provisioners(self, node: InstanceNode, decl: ResourceDecl, cnode: Node) -> Provision | None:
        """Destroy-time provisioners of the current object; Terraform runs none for a tainted one."""
        if not any(p.when == "destroy" for p in decl.provisioners):
            return None
        addr = node.addr
        inst = self.state.resource_instance(addr)
        if inst is None or inst.current is None or inst.current.status is ObjectStatus.TAINTED:
            return None
        before = self.ag.changes[node].before
        self_value = before if before is not None else Value.null()

        def provision(_prior: Value) -> tuple[Diagnostics, bool]:
            scope = self.data.bind(addr.module, {**self._binding(addr, cnode), "self": self_value})
            return run_provisioners(addr, decl.provisioners, "destroy", scope, self.options.hooks, self.options.environment)

        return provision


def store_output(state: SyncState, name: str, value: Value, sensitive: bool) -> None:
    """Record a root output's value once it is wholly known; Terraform keeps no null ones."""
    if value.is_null:
        state.set_output(name, None)
    elif value.is_wholly_known:
        plain, marks = value.unmark_deep()
        state.set_output(name, OutputValue(plain, sensitive or SENSITIVE in marks))


def _record_planned_outputs(plan: Plan, state: SyncState) -> None:
    """Root outputs the plan already knew: Terraform's plan records them in the
    state the apply starts from, so they stay even when what they refer to fails."""
    if plan.mode is PlanMode.DESTROY:
        return
    for change in plan.output_changes:
        if change.action is not Action.DELETE and change.after is not None and change.addr.module.is_root:
            store_output(state, change.addr.name, change.after, change.sensitive)


def _record_plan_results(plan: Plan, state: SyncState) -> None:
    """Moves, refreshed objects and data sources the plan already settled."""
    prior = plan.prior_state
    for change in plan.changes:
        old = change.prev_run_addr
        if old is None or old == change.addr:
            continue
        inst = state.resource_instance(old)
        if inst is None:
            continue
        provider = change.provider
        if inst.current is not None:
            state.set_current(change.addr, inst.current, provider)
            state.set_current(old, None, provider)
        for deposed_key, deposed_obj in inst.deposed.items():
            state.set_deposed(change.addr, deposed_key, deposed_obj, provider)
            state.set_deposed(old, deposed_key, None, provider)
    for drift in plan.drift:
        drifted = prior.resource(drift.addr.containing_resource())
        state.set_current(
            drift.addr, prior.current_object(drift.addr), drifted.provider if drifted is not None else drift.provider
        )
    for rs in prior.iter_resources():
        if rs.addr.resource.mode is not ResourceMode.DATA:
            continue
        for instance_key, data_inst in rs.instances.items():
            if data_inst.current is not None:
                state.set_current(rs.addr.instance(instance_key), data_inst.current, rs.provider)
    for addr, provider_addr in state.read(_stale_data(prior)):
        state.set_current(addr, None, provider_addr)
    for addr, provider_addr in state.read(_upgraded_objects(prior)):
        state.set_current(addr, prior.current_object(addr), provider_addr)


def _upgraded_objects(prior: State) -> Callable[[State], list[tuple[AbsResourceInstance, AbsProviderConfig]]]:
    """Managed objects the plan upgraded to a newer resource schema version."""

    def find(current: State) -> list[tuple[AbsResourceInstance, AbsProviderConfig]]:
        found = []
        for rs in prior.iter_resources():
            if rs.addr.resource.mode is not ResourceMode.MANAGED:
                continue
            for key, inst in rs.instances.items():
                if inst.current is None:
                    continue
                addr = rs.addr.instance(key)
                stored = current.current_object(addr)
                if stored is not None and stored.schema_version != inst.current.schema_version:
                    found.append((addr, rs.provider))
        return found

    return find


def _stale_data(prior: State) -> Callable[[State], list[tuple[AbsResourceInstance, AbsProviderConfig]]]:
    """Data resource instances in a state that the plan's refreshed state no longer has."""

    def find(current: State) -> list[tuple[AbsResourceInstance, AbsProviderConfig]]:
        return [
            (rs.addr.instance(key), rs.provider)
            for rs in current.iter_resources()
            if rs.addr.resource.mode is ResourceMode.DATA
            for key in rs.instances
            if prior.current_object(rs.addr.instance(key)) is None
        ]

    return find


def _preset_expansions(cg: ConfigGraph, plan: Plan, data: EvalData) -> None:
    from hclrun.engine.apply_graph import config_node_of

    found: dict[AbsResource, Expansion] = {}
    for change in plan.changes:
        if change.deposed or change.action in (Action.DELETE, Action.FORGET):
            continue
        cnode = config_node_of(cg, change.addr)
        if cnode is None:
            continue
        decl = cg.resources[cnode]
        resource = change.addr.containing_resource()
        expansion = found.get(resource)
        if expansion is None:
            mode = COUNT if decl.count is not None else FOR_EACH if decl.for_each is not None else SINGLE
            expansion = found[resource] = Expansion(mode, {})
        expansion.keys[change.addr.resource.key] = {}
    for resource, expansion in found.items():
        data.set_resource_expansion(resource, expansion)


@without_cyclic_gc
def apply(
    plan: Plan,
    tree: ModuleNode,
    state: SyncState,
    providers: ProviderSet,
    options: ApplyOptions | None = None,
) -> tuple[State, Diagnostics]:
    """Carry out ``plan``; every completed change is recorded in ``state`` as it happens."""
    options = options or ApplyOptions()
    cg, diags = build_graph(tree)
    if diags.has_errors():
        return state.read(lambda s: s), diags
    _record_plan_results(plan, state)
    _record_planned_outputs(plan, state)
    data = EvalData(
        cg.modules,
        plan.prior_state,
        _schema_lookup(cg, providers, plan.prior_state),  # type: ignore[arg-type]
        workspace=options.workspace,
        applying=True,
    )
    _preset_expansions(cg, plan, data)
    applier = Applier(cg, data, providers, plan, state, options)
    applier.checks.seed(plan.check_results)
    graph = applier.ag.graph
    result = walk(
        graph, applier.visit, parallelism=options.parallelism, stop_event=options.stop_event, key=str
    )
    order = graph.topological_order(str)
    diags.extend(result.diagnostics(order))
    for node in order:
        outcome = result.outcomes.get(node)
        if outcome is not None and outcome.error is not None:
            diags.add(Diagnostic.error("Internal error", f"Applying {node} failed: {outcome.error!r}"))
    for change in plan.output_changes:
        if change.action is Action.DELETE:
            state.set_output(change.addr.name, None)
    if result.interrupted or (options.stop_event is not None and options.stop_event.is_set()):
        # Terraform's wording, reported before what failed because of the
        # interrupt; the state records every change that completed.
        diags.insert(0, Diagnostic.error("execution halted"))
    if plan.mode is PlanMode.DESTROY:
        for name in list(state.read(lambda s: list(s.outputs))):
            state.set_output(name, None)
    with state.locked() as current:
        current.check_results = None if plan.mode is PlanMode.DESTROY else applier.checks.results()
    return state.read(lambda s: s), diags
