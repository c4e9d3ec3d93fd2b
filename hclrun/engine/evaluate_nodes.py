"""Visiting the nodes plan and apply share: variables, locals, module expansion, outputs, providers, checks.

Each visit evaluates the node once per instance of its module and records
the results in ``EvalData``; problems are returned as diagnostics, which
make the walk skip whatever depends on the node.
"""

from __future__ import annotations

from collections.abc import Mapping

from hclrun.addrs import AbsResourceInstance, ModuleInstance
from hclrun.config.model import Variable
from hclrun.config.typeconstraints import apply_type_constraint
from hclrun.config.varfinal import checked_in_walk
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.engine.checkresults import (
    ASSERT,
    OUTPUT_PRECONDITION,
    POSTCONDITION,
    PRECONDITION,
    VALIDATION,
    CheckResults,
)
from hclrun.engine.conditions import check_conditions, failures_at
from hclrun.engine.decode import decode_body
from hclrun.engine.dispatch import NodeVisit
from hclrun.engine.evaldata import EvalData
from hclrun.engine.expand import expand
from hclrun.engine.graph_build import ConfigGraph
from hclrun.engine.marks import unmark_paths
from hclrun.engine.nodes import CHECK, LOCAL, MODULE, OUTPUT, PROVIDER, VARIABLE, Node
from hclrun.engine.nodes import VALIDATION as VALIDATION_NODE
from hclrun.engine.providers import ProviderSet
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.providers.protocol import ConfigureProviderRequest
from hclrun.source import Range
from hclrun.values.types import DYNAMIC
from hclrun.values.value import SENSITIVE, Value

SENSITIVE_OUTPUT_DETAIL = (
    "To reduce the risk of accidentally exporting sensitive data that was intended to be only internal, "
    "Terraform requires that any root module output containing sensitive data be explicitly marked as "
    "sensitive, to confirm your intent.\n\nIf you do intend to export this data, annotate the output value "
    "as sensitive by adding the following argument:\n    sensitive = true"
)


class NodeEvaluator:
    def __init__(
        self,
        cg: ConfigGraph,
        data: EvalData,
        providers: ProviderSet,
        root_variables: Mapping[str, Value],
    ) -> None:
        self.cg = cg
        self.data = data
        self.providers = providers
        self.root_variables = root_variables
        self.variable_subjects: Mapping[str, Range] = {}
        self.checks = CheckResults(cg.modules)

    def shared_visits(self) -> dict[str, NodeVisit]:
        """The visit of each node kind plan and apply handle alike."""
        return {
            VARIABLE: self.visit_variable,
            LOCAL: self.visit_local,
            MODULE: self.visit_module,
            OUTPUT: self.visit_output,
            PROVIDER: self.visit_provider,
            CHECK: self.visit_check,
            VALIDATION_NODE: self.visit_validation,
        }

    # ------------------------------------------------------------ variables and locals

    def visit_variable(self, node: Node) -> Diagnostics:
        diags = Diagnostics()
        module = self.cg.modules[node.module]
        var = module.module.variables[node.name]
        instances = self.data.module_instances.get(node.module, [])
        config_addr = str(node)
        checked = self.checks.has(config_addr)
        if checked:
            self.checks.report_objects(config_addr, (_in_module(mi, f"var.{node.name}") for mi in instances))
        for mi in instances:
            if not node.module:
                value = self._root_variable(var, diags)
            else:
                value = self._module_variable(node, var, mi, diags)
            self.data.variables[(mi, node.name)] = value
        return diags

    def visit_validation(self, node: Node) -> Diagnostics:
        """A variable's validation rules, once the variable and what the rules refer to are known."""
        diags = Diagnostics()
        config_addr = str(Node(VARIABLE, node.module, node.name))
        if not self.checks.has(config_addr):
            return diags
        var = self.cg.modules[node.module].module.variables[node.name]
        for mi in self.data.module_instances.get(node.module, []):
            self._validate_variable(var, mi, config_addr, diags)
        return diags

    def _validate_variable(self, var: Variable, mi: ModuleInstance, config_addr: str, diags: Diagnostics) -> None:
        """Record the outcome of each validation rule.

        The rules of root variables were enforced when their values were
        read, so only their outcomes are recorded here.
        """
        report = self.checks.reporter(config_addr, _in_module(mi, f"var.{var.name}"), VALIDATION)
        scope = self.data.scope(mi)
        found = Diagnostics()
        check_conditions(var.validations, "validation", scope, found, report)
        if mi.is_root:
            # Unless checked_in_walk, the rules were enforced when the values were read, and
            # their outcomes are only recorded here.
            if checked_in_walk(var):
                diags.extend(failures_at(found, self.variable_subjects.get(var.name, var.decl_range)))
            return
        call = self.cg.modules[mi.module().names].call
        arg = call.arguments.get(var.name) if call is not None else None
        diags.extend(failures_at(found, arg.expr.range if arg is not None else None))

    def _root_variable(self, var: Variable, diags: Diagnostics) -> Value:
        given = self.root_variables.get(var.name)
        if given is None or (given.is_null and not var.nullable):
            if var.default is not None:
                given, value_diags = evaluate(var.default, Scope())
                diags.extend(value_diags)
            elif given is None:
                diags.error(
                    "No value for required variable",
                    f'The root module input variable "{var.name}" is not set, and has no default value. Use a '
                    "-var or -var-file command line argument to provide a value for this variable.",
                    var.decl_range,
                )
                return Value.unknown(DYNAMIC)
        return self._finish_variable(var, given, diags)

    def _module_variable(self, node: Node, var: Variable, mi: object, diags: Diagnostics) -> Value:
        assert isinstance(mi, ModuleInstance)
        call = self.cg.modules[node.module].call
        assert call is not None
        arg = call.arguments.get(var.name)
        value: Value | None = None
        if arg is not None:
            parent = mi.parent()
            scope = self.data.bind(parent, self.data.module_bindings.get(mi, {}))
            value, value_diags = evaluate(arg.expr, scope)
            diags.extend(value_diags)
        if value is None or (value.is_null and not var.nullable):
            if var.default is not None:
                value, value_diags = evaluate(var.default, Scope())
                diags.extend(value_diags)
            elif value is None:
                value = Value.null(DYNAMIC)
        return self._finish_variable(var, value, diags)

    def _finish_variable(self, var: Variable, value: Value, diags: Diagnostics) -> Value:
        if var.type_expr is not None:
            value = apply_type_constraint(var, value, diags, report_default=False)
        if var.sensitive:
            value = value.mark(SENSITIVE)
        return value

    def visit_local(self, node: Node) -> Diagnostics:
        diags = Diagnostics()
        expr = self.cg.modules[node.module].module.locals[node.name].expr
        for mi in self.data.module_instances.get(node.module, []):
            value, value_diags = evaluate(expr, self.data.scope(mi))
            diags.extend(value_diags)
            self.data.locals[(mi, node.name)] = value
        return diags

    # ------------------------------------------------------------ modules

    def visit_module(self, node: Node) -> Diagnostics:
        diags = Diagnostics()
        call = self.cg.modules[node.module].module.module_calls[node.name]
        child_path = node.call_path
        children = self.data.module_instances.setdefault(child_path, [])
        children.clear()
        for parent in self.data.module_instances.get(node.module, []):
            expansion = expand(call.count, call.for_each, self.data.scope(parent), diags)
            self.data.call_expansions[(parent, node.name)] = expansion
            for key, binding in expansion.keys.items():
                child = parent.child(node.name, key)
                children.append(child)
                self.data.module_bindings[child] = binding
        return diags

    # ------------------------------------------------------------ outputs

    def visit_output(self, node: Node) -> Diagnostics:
        diags = Diagnostics()
        output = self.cg.modules[node.module].module.outputs[node.name]
        instances = self.data.module_instances.get(node.module, [])
        config_addr = str(node)
        self.checks.report_objects(config_addr, (_in_module(mi, f"output.{node.name}") for mi in instances))
        for mi in instances:
            scope = self.data.scope(mi)
            report = self.checks.reporter(config_addr, _in_module(mi, f"output.{node.name}"), OUTPUT_PRECONDITION)
            check_conditions(output.preconditions, "output", scope, diags, report)
            if output.expr is None:
                continue
            value, value_diags = evaluate(output.expr, scope)
            diags.extend(value_diags)
            if not node.module and not output.sensitive and value.contains_marked():
                _, paths = unmark_paths(value)
                if paths:
                    diags.add(Diagnostic.error("Output refers to sensitive values", SENSITIVE_OUTPUT_DETAIL, output.decl_range))
            if output.sensitive:
                value = value.mark(SENSITIVE)
            self.data.outputs[(mi, node.name)] = value
        return diags

    # ------------------------------------------------------------ providers and checks

    def visit_provider(self, node: Node) -> Diagnostics:
        diags = Diagnostics()
        resolved = self.cg.providers[node]
        if resolved.addr in self.providers.configured:
            return diags
        impl, found = self.providers.instance(resolved.addr)
        diags.extend(found)
        if impl is None:
            return diags
        schema, schema_diags = self.providers.schema(resolved.addr)
        diags.extend(schema_diags)
        if schema is None:
            return diags
        body = resolved.config.body if resolved.config is not None else None
        mi_list = self.data.module_instances.get(node.module, [])
        scope = self.data.scope(mi_list[0]) if mi_list else Scope({})
        config = decode_body(body, schema.provider.block, scope, diags)
        if diags.has_errors():
            return diags
        plain, _ = unmark_paths(config)
        if plain.is_wholly_known:
            response = impl.configure_provider(ConfigureProviderRequest(plain))
            diags.extend(response.diagnostics)
        self.providers.configured.add(resolved.addr)
        return diags

    def visit_check(self, node: Node) -> Diagnostics:
        diags = Diagnostics()
        check = self.cg.modules[node.module].module.checks[node.name]
        instances = self.data.module_instances.get(node.module, [])
        config_addr = str(node)
        self.checks.report_objects(config_addr, (_in_module(mi, f"check.{node.name}") for mi in instances))
        for mi in instances:
            report = self.checks.reporter(config_addr, _in_module(mi, f"check.{node.name}"), ASSERT)
            check_conditions(check.asserts, "assert", self.data.scope(mi), diags, report)
        return diags


    # ------------------------------------------------------------ resource conditions during apply

    def check_applied_instance(
        self, addr: AbsResourceInstance, node: Node, scope: Scope, value: Value, report_failures: bool
    ) -> Diagnostics:
        """Evaluate an applied instance's conditions again with its final value, as apply does.

        The outcomes are recorded; a failed postcondition is an error when
        ``report_failures`` (the instance changed), while preconditions were
        enforced before the change was made.
        """
        diags = Diagnostics()
        config_addr = str(node)
        if not self.checks.has(config_addr):
            return diags
        lifecycle = self.cg.resources[node].lifecycle
        pre = self.checks.reporter(config_addr, str(addr), PRECONDITION)
        check_conditions(lifecycle.preconditions, "precondition", scope, Diagnostics(), pre)
        post = self.checks.reporter(config_addr, str(addr), POSTCONDITION)
        found = Diagnostics()
        check_conditions(lifecycle.postconditions, "postcondition", scope.child({"self": value}), found, post)
        if report_failures:
            diags.extend(found)
        return diags


def _in_module(mi: ModuleInstance, local: str) -> str:
    """The address of a checkable object inside a module instance."""
    return local if mi.is_root else f"{mi}.{local}"

