"""The plan walk: ``plan(tree, prior_state, variables, providers, options) -> (Plan, Diagnostics)``.

Steps: build the configuration graph; apply ``moved`` blocks (and implied
moves) to a copy of the prior state; walk the graph in dependency order,
expanding and planning every resource instance (refreshing it first);
then plan deletions for what is in state but no longer configured, and
the changes of root outputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hclrun.addrs import (
    ROOT_MODULE_INSTANCE,
    AbsResource,
    AbsResourceInstance,
    Resource,
    ResourceMode,
    Target,
    parse_target,
)
from hclrun.config.tree import ModuleNode
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.engine.checkresults import POSTCONDITION, PRECONDITION
from hclrun.engine.dependencies import DependencySets
from hclrun.engine.dispatch import KindDispatch
from hclrun.engine.evaldata import MODES, EvalData
from hclrun.engine.evaluate_nodes import NodeEvaluator
from hclrun.engine.graph_build import ConfigGraph, build_graph
from hclrun.engine.imports import import_targets
from hclrun.engine.moves import Moves, apply_moves, removed_statements
from hclrun.engine.nodes import LOCAL, MODULE, PROVIDER, RESOURCE, VARIABLE, Node, node_key
from hclrun.engine.options import PlanOptions, value_id
from hclrun.engine.orphans import plan_destroy_all, plan_orphans
from hclrun.engine.outputs import output_changes
from hclrun.engine.plan_instance import InstanceRequest, plan_data, plan_managed
from hclrun.engine.providers import ProviderSet
from hclrun.engine.refresh import refresh_instance
from hclrun.engine.stateobjects import new_object, object_value
from hclrun.engine.triggers import replace_triggered
from hclrun.engine.upgrade import upgrade_object
from hclrun.gcpause import without_cyclic_gc
from hclrun.graph import Graph, walk
from hclrun.plans.actions import Action, PlanMode
from hclrun.plans.model import Importing, Plan, ResourceInstanceChange
from hclrun.states.model import State
from hclrun.values.types import Type
from hclrun.values.value import Value

TARGETING_DETAIL = (
    "You are creating a plan with the -target option, which means that the result of this plan may not "
    "represent all of the changes requested by the current configuration.\n\nThe -target option is not for "
    "routine use, and is provided only for exceptional situations such as recovering from errors or "
    "mistakes, or when Terraform specifically suggests to use it as part of an error message."
)


def target_matches(target: Target, addr: AbsResourceInstance) -> bool:
    if isinstance(target, AbsResourceInstance):
        return target == addr
    if isinstance(target, AbsResource):
        return target == addr.containing_resource()
    n = len(target.steps)
    return addr.module.steps[:n] == target.steps


def _target_nodes(cg: ConfigGraph, targets: list[Target]) -> list[Node]:
    found: list[Node] = []
    for node, _decl in cg.resources.items():
        for target in targets:
            if isinstance(target, AbsResource | AbsResourceInstance):
                module = target.module
                resource = target.resource if isinstance(target, AbsResource) else target.resource.resource
                if module.module().names == node.module and str(resource) == node.name:
                    found.append(node)
                    break
            elif node.module[: len(target.steps)] == tuple(s.name for s in target.steps):
                found.append(node)
                break
    return found


class Planner(NodeEvaluator):
    def __init__(
        self,
        cg: ConfigGraph,
        data: EvalData,
        providers: ProviderSet,
        root_variables: Mapping[str, Value],
        options: PlanOptions,
        state: State,
        moves: Moves,
        targets: list[Target],
        force_replace: set[AbsResourceInstance],
    ) -> None:
        super().__init__(cg, data, providers, root_variables)
        self.variable_subjects = options.variable_subjects
        self.options = options
        self.state = state
        self.moves = moves
        self.targets = targets
        self.force_replace = force_replace
        self.changes: dict[tuple[AbsResourceInstance, str], ResourceInstanceChange] = {}
        self.drift: list[ResourceInstanceChange] = []
        self.pending: set[Node] = set()
        self.visited: set[Node] = set()
        self.deps = DependencySets(cg)
        self.imports = import_targets(cg, data)
        self.cbd = self.deps.create_before_destroy()
        self.visit = KindDispatch({**self.shared_visits(), RESOURCE: self.visit_resource})

    def visit_resource(self, node: Node) -> Diagnostics:
        from hclrun.engine.expand import expand

        diags = Diagnostics()
        decl = self.cg.resources[node]
        resolved = self.cg.resource_providers[node]
        impl, found = self.providers.instance(resolved.addr)
        diags.extend(found)
        schema = self.providers.resource_schema(resolved.addr, decl.mode, decl.type)
        if impl is None:
            return diags
        if schema is None:
            kind = "data source" if decl.mode == "data" else "resource type"
            diags.error(
                "Invalid resource type" if decl.mode == "managed" else "Invalid data source",
                f'The provider {resolved.addr.provider.for_display()} does not support {kind} "{decl.type}".',
                decl.type_range or decl.decl_range,
            )
            return diags
        resource = Resource(MODES[decl.mode], decl.type, decl.name)
        if decl.mode == "managed":
            self.imports.resolve(node.module, node.name, diags)
        pending = decl.mode == "data" and any(n in self.pending for n in self.deps.resources_of(node))
        refresh_only = self.options.mode is PlanMode.REFRESH_ONLY
        config_addr = str(node)
        checked = self.checks.has(config_addr)
        for mi in self.data.module_instances.get(node.module, []):
            abs_res = AbsResource(mi, resource)
            expansion = expand(decl.count, decl.for_each, self.data.scope(mi), diags)
            self.data.set_resource_expansion(abs_res, expansion)
            if checked and expansion.known:
                self.checks.report_objects(config_addr, (str(abs_res.instance(k)) for k in expansion.keys))
            for key, binding in expansion.keys.items():
                addr = abs_res.instance(key)
                if self.targets and not any(target_matches(t, addr) for t in self.targets):
                    continue
                scope = self.data.bind(mi, binding)
                prior = self.state.current_object(addr)
                if prior is not None and prior.schema_version != schema.version and decl.mode == "managed":
                    prior = upgrade_object(addr, impl, schema, prior, diags)
                    if prior is None:
                        continue
                    self.state.set_current(addr, prior, resolved.addr)
                importing = None
                if decl.mode == "managed" and prior is None and addr in self.imports:
                    prior, import_id = self.imports.run(addr, impl, schema, diags)
                    importing = Importing(import_id) if prior is not None else None
                prior_decoded = None
                if prior is not None and decl.mode == "managed" and self.options.refresh and importing is None:
                    prior, prior_decoded = refresh_instance(
                        addr, resolved.addr, impl, schema, prior, self.state, self.drift, self.options.hooks, diags
                    )
                req = InstanceRequest(
                    addr,
                    decl,
                    resolved.addr,
                    impl,
                    schema,
                    scope,
                    prior,
                    prev_run_addr=self.moves.get(addr),
                    force_replace=addr in self.force_replace,
                    importing=importing,
                    create_before_destroy=node in self.cbd,
                    prior_decoded=prior_decoded,
                )
                if checked:
                    req.report_pre = self.checks.reporter(config_addr, str(addr), PRECONDITION)
                    req.report_post = self.checks.reporter(config_addr, str(addr), POSTCONDITION)
                if decl.mode == "data":
                    result = plan_data(req, pending, diags)
                    if result.value is not None:
                        self.data.set_instance(addr, result.value)
                    if result.change is not None:
                        self.changes[(addr, "")] = result.change
                        self.pending.add(node)
                    elif result.value is not None:
                        obj = new_object(result.value, schema.block.implied_type, schema_version=schema.version)
                        self.state.set_current(addr, obj, resolved.addr)
                    continue
                if refresh_only:
                    if prior is not None:
                        self.data.set_instance(addr, object_value(prior, schema.block.implied_type))
                    continue
                trigger_diags = Diagnostics()
                triggered = replace_triggered(self.cg, node, decl, mi, key, self.changes, trigger_diags)
                diags.extend(trigger_diags)
                if trigger_diags.has_errors():
                    continue
                req.triggered = prior is not None and triggered
                instance_diags = Diagnostics()  # each instance is planned even when another one failed
                change = plan_managed(req, instance_diags)
                diags.extend(instance_diags)
                if change is None:
                    continue
                self.changes[(addr, "")] = change
                if change.after is not None:
                    self.data.set_instance(addr, change.after)
                if change.action is not Action.NO_OP:
                    self.pending.add(node)
        self.visited.add(node)
        return diags


def _schema_lookup(cg: ConfigGraph, providers: ProviderSet, state: State) -> object:
    by_name = {(n.module, n.name): n for n in cg.resources}

    def lookup(addr: AbsResource) -> Type | None:
        node = by_name.get((addr.module.module().names, str(addr.resource)))
        if node is not None:
            resolved = cg.resource_providers[node]
            decl = cg.resources[node]
            schema = providers.resource_schema(resolved.addr, decl.mode, decl.type)
        else:
            rs = state.resource(addr)
            if rs is None:
                return None
            schema = providers.resource_schema(rs.provider, addr.resource.mode.value, addr.resource.type)
        return schema.block.implied_type if schema is not None else None

    return lookup


@without_cyclic_gc
def plan(
    tree: ModuleNode,
    prior_state: State,
    variables: Mapping[str, Value],
    providers: ProviderSet,
    options: PlanOptions | None = None,
) -> tuple[Plan, Diagnostics]:
    """Plan the changes that make the infrastructure match the configuration in ``tree``."""
    options = options or PlanOptions()
    diags = Diagnostics()
    cg, graph_diags = build_graph(tree)
    diags.extend(graph_diags)
    result = Plan(mode=options.mode, prev_run_state=prior_state.deep_copy(), targets=options.targets)
    if graph_diags.has_errors():
        result.errored = True
        return result, diags
    state = prior_state.deep_copy()
    moves = apply_moves(state, tree, cg.modules)
    targets = _parse_addresses(options.targets, diags)
    replace = _parse_addresses(options.replace, diags)
    force_replace = {t for t in replace if isinstance(t, AbsResourceInstance)} | {
        t.instance(None) for t in replace if isinstance(t, AbsResource)
    }
    if diags.has_errors():
        result.errored = True
        return result, diags
    data = EvalData(cg.modules, state, _schema_lookup(cg, providers, state), workspace=options.workspace)  # type: ignore[arg-type]
    planner = Planner(cg, data, providers, variables, options, state, moves, targets, force_replace)
    graph: Graph[Node] = cg.graph
    if targets:
        graph = graph.subgraph(_target_nodes(cg, targets))
        diags.add(Diagnostic.warning("Resource targeting is in effect", TARGETING_DETAIL))
    if options.mode is PlanMode.DESTROY:
        graph = graph.induced(n for n in graph if n.kind in (VARIABLE, LOCAL, MODULE, PROVIDER))
    outcome = walk(graph, planner.visit, parallelism=1, key=node_key)
    diags.extend(outcome.diagnostics(graph.topological_order(node_key)))
    for _node, out in outcome.outcomes.items():
        if out.error is not None:
            raise out.error
    changes = planner.changes
    if options.mode is PlanMode.DESTROY:
        destroyed = plan_destroy_all(cg, state, providers, targets, diags)
        changes.update(destroyed)
        _report_refreshed(destroyed.values(), options)
    elif options.mode is PlanMode.NORMAL:
        orphans = plan_orphans(
            cg, data, state, providers, planner.visited, removed_statements(tree), targets, set(changes), diags
        )
        changes.update(orphans)
        _report_refreshed(orphans.values(), options)
    result.changes = sorted(changes.values(), key=lambda c: (c.addr.sort_key(), c.deposed))
    result.drift = sorted(planner.drift, key=lambda c: c.addr.sort_key())
    result.output_changes = output_changes(cg, data, prior_state, options.mode, targets)
    result.prior_state = state
    result.variables = {name: data.variables.get((ROOT_MODULE_INSTANCE, name), value) for name, value in variables.items()}
    for name in tree.module.variables:
        found = data.variables.get((ROOT_MODULE_INSTANCE, name))
        if found is not None:
            result.variables[name] = found
    result.check_results = planner.checks.results()
    result.force_replace = tuple(sorted(force_replace, key=lambda a: a.sort_key()))
    result.errored = diags.has_errors()
    result.complete = not targets and not result.errored
    result.applyable = not result.errored and (result.has_changes or bool(result.drift))
    return result, diags


def _report_refreshed(changes: Iterable[ResourceInstanceChange], options: PlanOptions) -> None:
    """Progress for objects leaving the configuration: Terraform refreshes them too."""
    if not options.refresh:
        return
    for change in changes:
        if change.deposed or change.action is Action.FORGET or change.addr.resource.resource.mode is not ResourceMode.MANAGED:
            continue
        options.hooks.pre_refresh(change.addr)
        options.hooks.post_refresh(change.addr, value_id(change.before))


def _parse_addresses(texts: tuple[str, ...], diags: Diagnostics) -> list[Target]:
    found: list[Target] = []
    for text in texts:
        target, target_diags = parse_target(text)
        diags.extend(target_diags)
        if target is not None:
            found.append(target)
    return found
