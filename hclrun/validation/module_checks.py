"""Checking one module of the tree: every expression evaluated with unknowns, in its own context."""

from __future__ import annotations

from collections.abc import Mapping

from hclrun.config.metaargs import check_count, check_for_each
from hclrun.config.model import Condition, ModuleCall, ResourceDecl, Variable
from hclrun.config.tree import ModuleNode
from hclrun.config.typeconstraints import to_variable_type
from hclrun.diagnostics import Diagnostics
from hclrun.eval.evaluator import evaluate
from hclrun.functions.spec import Function
from hclrun.providers.schema import Block
from hclrun.source import Range
from hclrun.syntax import ast
from hclrun.validation.graph import evaluation_order, find_cycles, module_graph
from hclrun.validation.provider_schemas import resource_schema
from hclrun.validation.references import resource_value, unsupported_attribute
from hclrun.validation.resource_bodies import check_body
from hclrun.validation.scope import NO_CONTEXT, Context, ModuleScopes
from hclrun.values.errors import ConversionError
from hclrun.values.types import DYNAMIC
from hclrun.values.value import DYNAMIC_UNKNOWN, SENSITIVE, Value


class ModuleChecker:
    def __init__(self, node: ModuleNode, diags: Diagnostics, functions: Mapping[str, Function] | None = None) -> None:
        self.node = node
        self.module = node.module
        self.scopes = ModuleScopes(node, functions=functions)
        self.diags = diags

    def evaluate(self, expr: ast.Expression, context: Context = NO_CONTEXT) -> Value:
        value, value_diags = evaluate(expr, self.scopes.scope(context))
        self.diags.extend(value_diags)
        return value

    def run(self) -> bool:
        """Check the module; False when a dependency cycle stopped the check."""
        graph = module_graph(self.module)
        cycles = find_cycles(graph)
        if cycles:
            self.diags.extend(cycles)
            return False
        for key in evaluation_order(graph):
            if key.startswith("local."):
                self._local(key.removeprefix("local."))
        for resource in self.module.resources.values():
            self._resource(resource)
        for call in self.module.module_calls.values():
            self._module_call(call)
        for output in self.module.outputs.values():
            if output.expr is None:
                continue
            value = self.evaluate(output.expr)
            for expr in output.depends_on:
                self.evaluate(expr)
            self._conditions(output.preconditions, Context())
            if not self.node.path and not output.sensitive:
                _, marks = value.unmark_deep()
                if SENSITIVE in marks:
                    self.diags.error(
                        "Output refers to sensitive values",
                        "To reduce the risk of accidentally exporting sensitive data that was intended to be only "
                        "internal, Terraform requires that any root module output containing sensitive data be "
                        "explicitly marked as sensitive, to confirm your intent.\n\nIf you do intend to export this "
                        "data, annotate the output value as sensitive by adding the following argument:\n"
                        "    sensitive = true",
                        output.decl_range,
                    )
        for variable in self.module.variables.values():
            before = len(self.diags)
            self._conditions(variable.validations, Context())
            if variable.validations and len(self.diags) == before:
                self._validate_constant_argument(variable)
        for check in self.module.checks.values():
            self._conditions(check.asserts, Context())
        for imported in self.module.imports:
            context = Context(each=imported.for_each is not None)
            if imported.for_each is not None:
                self.evaluate(imported.for_each)
            if imported.id_expr is not None:
                self.evaluate(imported.id_expr, context)
        return True

    def _validate_constant_argument(self, variable: Variable) -> None:
        """A called module's validation rules, checked against the value its call gives the
        variable when that value is a constant (as Terraform's validate knows it)."""
        given = constant_argument(self.node, variable, self.scopes.functions)
        if given is None:
            return
        value, subject = given
        from hclrun.engine.conditions import check_conditions, failures_at

        unknown = self.scopes.variables[variable.name]
        self.scopes.variables[variable.name] = value
        found = Diagnostics()
        try:
            check_conditions(variable.validations, "validation", self.scopes.scope(Context()), found)
        finally:
            self.scopes.variables[variable.name] = unknown
        self.diags.extend(failures_at(found, subject))

    def _local(self, name: str) -> None:
        local = self.module.locals[name]
        from hclrun.eval.references import references

        for ref in references(local.expr):
            step = ref.traversal[1] if len(ref.traversal) > 1 else None
            if ref.root_name == "local" and isinstance(step, ast.TraverseAttr) and step.name == name:
                self.diags.error(
                    "Self-referencing local value",
                    f"Local value local.{name} cannot use its own result as part of its expression.",
                    ref.traversal[0].range.to(step.range),
                )
                self.scopes.local_values[name] = DYNAMIC_UNKNOWN
                return
        self.scopes.local_values[name] = self.evaluate(local.expr)

    def _conditions(self, conditions: tuple[Condition, ...], context: Context) -> None:
        for condition in conditions:
            if condition.condition is not None:
                self.evaluate(condition.condition, context)
            if condition.error_message is not None:
                self.evaluate(condition.error_message, context)

    def _resource(self, resource: ResourceDecl) -> None:
        context = Context(count=resource.count is not None, each=resource.for_each is not None)
        if resource.count is not None:
            before = len(self.diags)
            value = self.evaluate(resource.count)
            if len(self.diags) == before:
                check_count(value, resource.count.range, self.diags)
        if resource.for_each is not None:
            before = len(self.diags)
            value = self.evaluate(resource.for_each)
            if len(self.diags) == before:
                check_for_each(value, resource.for_each.range, self.diags)
        for expr in resource.depends_on:
            self.evaluate(expr)
        schema = resource_schema(self.module, resource)
        if resource.body is not None:
            check_body(resource.body, schema, self, context)
        lifecycle = resource.lifecycle
        if schema is not None:
            self._ignore_changes(lifecycle.ignore_changes, schema)
        self._conditions(lifecycle.preconditions, context)
        self_value = resource_value(self.module, resource)
        self_context = Context(context.count, context.each, self_value)
        self._conditions(lifecycle.postconditions, self_context)
        for provisioner in resource.provisioners:
            check_body(provisioner.body, None, self, self_context)
            if provisioner.connection is not None:
                check_body(provisioner.connection, None, self, self_context)
        if resource.connection is not None:
            check_body(resource.connection, None, self, self_context)

    def _ignore_changes(self, exprs: tuple[ast.Expression, ...], schema: Block) -> None:
        for expr in exprs:
            if isinstance(expr, ast.ScopeTraversalExpr):
                root = expr.traversal[0]
                step = ast.TraverseAttr(root.name, root.range)  # type: ignore[union-attr]
                problem = unsupported_attribute(schema, step)
                if problem is not None:
                    self.diags.add(problem)

    def _module_call(self, call: ModuleCall) -> None:
        context = Context(count=call.count is not None, each=call.for_each is not None)
        if call.count is not None:
            before = len(self.diags)
            value = self.evaluate(call.count)
            if len(self.diags) == before:
                check_count(value, call.count.range, self.diags)
        if call.for_each is not None:
            before = len(self.diags)
            value = self.evaluate(call.for_each)
            if len(self.diags) == before:
                check_for_each(value, call.for_each.range, self.diags)
        for expr in call.depends_on:
            self.evaluate(expr)
        child = self.node.children.get(call.name)
        if child is None:
            for attr in call.arguments.values():
                self.evaluate(attr.expr, context)
            return
        variables = child.module.variables
        address = f"{child.address}.var"
        for name, attr in call.arguments.items():
            variable = variables.get(name)
            if variable is None:
                self.diags.error(
                    "Unsupported argument", f'An argument named "{name}" is not expected here.', attr.name_range
                )
                continue
            before = len(self.diags)
            value = self.evaluate(attr.expr, context)
            if len(self.diags) != before or variable.type_expr is None:
                continue
            if variable.constraint[0] == DYNAMIC:
                continue
            try:
                to_variable_type(variable, value)
            except ConversionError as exc:
                decl = variable.decl_range
                where = f"{decl.filename}:{decl.start.line},{decl.start.column}-{decl.end.column}"
                self.diags.error(
                    "Invalid value for input variable",
                    f"The given value is not suitable for {address}.{name} declared at {where}: {exc.formatted()}.",
                    attr.expr.range,
                )
        for name, variable in variables.items():
            if variable.default is None and name not in call.arguments:
                self.diags.error(
                    "Missing required argument",
                    f'The argument "{name}" is required, but no definition was found.',
                    call.open_brace_range,
                )


def constant_argument(
    node: ModuleNode, variable: Variable, functions: Mapping[str, Function]
) -> tuple[Value, Range] | None:
    """The value the call of ``node`` (not repeated with ``count`` or ``for_each``) gives
    ``variable`` when its expression refers to nothing, converted to the variable's type;
    None otherwise, or when that value is null or unsuitable (reported elsewhere)."""
    call = node.call
    if call is None or call.count is not None or call.for_each is not None:
        return None
    argument = call.arguments.get(variable.name)
    if argument is None:
        return None
    from hclrun.eval.references import references
    from hclrun.eval.scope import Scope

    if references(argument.expr):
        return None
    value, value_diags = evaluate(argument.expr, Scope(None, functions))
    if value_diags.has_errors() or not value.is_wholly_known or value.is_null:
        return None
    if variable.type_expr is not None:
        try:
            converted = to_variable_type(variable, value)
        except ConversionError:
            return None
        if converted is None:
            return None
        value = converted
    if variable.sensitive:
        value = value.mark(SENSITIVE)
    return value, argument.expr.range
