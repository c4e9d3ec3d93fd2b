"""The ``configuration`` member of the JSON plan: Terraform's static view of
the module tree (provider configurations, resources with their expressions,
module calls, variables and outputs), built from the loaded configuration."""

from __future__ import annotations

from typing import Any

from hclrun.addrs import parse_provider_source
from hclrun.config.model import Module
from hclrun.config.tree import ModuleNode
from hclrun.engine.providers import provider_source
from hclrun.eval.evaluator import evaluate
from hclrun.eval.references import references, traversal_string
from hclrun.eval.scope import Scope
from hclrun.plans.jsonvalues import value_data
from hclrun.syntax import ast

_PLAIN_ROOTS = {"var", "local", "count", "each", "path", "self", "terraform"}


def reference_forms(traversal: tuple[ast.Traverser, ...]) -> list[str]:
    """The traversal and the shorter addresses it refers through, as Terraform lists them."""
    root = traversal[0].name  # type: ignore[union-attr]
    if root in _PLAIN_ROOTS:
        subject_len = 2 if len(traversal) > 1 else 1
    elif root == "data":
        subject_len = 3
    elif root == "module":
        subject_len = 2
    else:
        subject_len = 2
    keyed = subject_len < len(traversal) and isinstance(traversal[subject_len], ast.TraverseIndex)
    forms = [traversal_string(traversal)]
    if keyed:
        forms.append(traversal_string(traversal[: subject_len + 1]))
    forms.append(traversal_string(traversal[:subject_len]))
    seen: list[str] = []
    for form in forms:
        if form not in seen:
            seen.append(form)
    return seen


def expression_json(expr: ast.Expression) -> dict[str, Any]:
    refs = references(expr)
    if refs:
        # Terraform lists every reference's forms, repeats included.
        return {"references": [form for ref in refs for form in reference_forms(ref.traversal)]}
    value, diags = evaluate(expr, Scope())
    if diags.has_errors() or not value.is_wholly_known:
        return {}
    return {"constant_value": value_data(value.unmark_deep()[0])}


def _body_json(body: ast.Body | None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if body is None:
        return found
    for item in body.items:
        if isinstance(item, ast.Attribute):
            found[item.name] = expression_json(item.expr)
        elif item.type not in ("lifecycle", "provisioner", "connection", "dynamic"):
            found.setdefault(item.type, []).append(_body_json(item.body))
    return found


def _provider_key(module: Module, local: str, alias: str | None) -> str:
    return f"{local}.{alias}" if alias else local


def configuration_json(tree: ModuleNode) -> dict[str, Any]:
    providers: dict[str, Any] = {}
    root = _module_json(tree, providers)
    doc: dict[str, Any] = {}
    if providers:
        doc["provider_config"] = dict(sorted(providers.items()))
    doc["root_module"] = root
    return doc


def _module_json(node: ModuleNode, providers: dict[str, Any]) -> dict[str, Any]:
    module = node.module
    out: dict[str, Any] = {}
    outputs = {}
    for name in sorted(module.outputs):
        output = module.outputs[name]
        body: dict[str, Any] = {}
        if output.sensitive:
            body["sensitive"] = True
        body["expression"] = expression_json(output.expr) if output.expr is not None else {}
        if output.depends_on:
            body["depends_on"] = [traversal_string(d.traversal) for d in output.depends_on if isinstance(d, ast.ScopeTraversalExpr)]
        if output.description:
            body["description"] = output.description
        outputs[name] = body
    if outputs:
        out["outputs"] = outputs
    resources = []
    for decl in sorted(module.resources.values(), key=lambda d: (d.mode != "managed", d.type, d.name)):
        local, alias = decl.provider if decl.provider else (decl.type.split("_", 1)[0], None)
        key = _provider_key(module, local, alias)
        source = parse_provider_source(provider_source(module, local))
        if key not in providers and node.path == ():
            providers[key] = {"name": local, "full_name": str(source) if source else local}
            if alias:
                providers[key]["alias"] = alias
        elif key not in providers:
            providers[key] = {"name": local, "full_name": str(source) if source else local}
        prefix = "data." if decl.mode == "data" else ""
        body = {
            "address": f"{prefix}{decl.type}.{decl.name}",
            "mode": decl.mode,
            "type": decl.type,
            "name": decl.name,
            "provider_config_key": key,
        }
        expressions = _body_json(decl.body)
        if expressions:
            body["expressions"] = expressions
        body["schema_version"] = 0
        if decl.count is not None and expression_json(decl.count):
            body["count_expression"] = expression_json(decl.count)
        if decl.for_each is not None and expression_json(decl.for_each):
            body["for_each_expression"] = expression_json(decl.for_each)
        if decl.depends_on:
            body["depends_on"] = [traversal_string(d.traversal) for d in decl.depends_on if isinstance(d, ast.ScopeTraversalExpr)]
        resources.append(body)
    if resources:
        out["resources"] = resources
    calls = {}
    for name in sorted(module.module_calls):
        call = module.module_calls[name]
        body = {"source": call.source}
        arguments = {k: expression_json(a.expr) for k, a in sorted(call.arguments.items())}
        if arguments:
            body["expressions"] = arguments
        if call.count is not None and expression_json(call.count):
            body["count_expression"] = expression_json(call.count)
        if call.for_each is not None and expression_json(call.for_each):
            body["for_each_expression"] = expression_json(call.for_each)
        child = node.children.get(name)
        if child is not None:
            body["module"] = _module_json(child, providers)
        if call.version:
            body["version_constraint"] = call.version
        calls[name] = body
    if calls:
        out["module_calls"] = calls
    variables = {}
    for name in sorted(module.variables):
        var = module.variables[name]
        body = {}
        if var.default is not None:
            value, diags = evaluate(var.default, Scope())
            if not diags.has_errors():
                body["default"] = value_data(value.unmark_deep()[0])
        if var.description:
            body["description"] = var.description
        if var.sensitive:
            body["sensitive"] = True
        variables[name] = body
    if variables:
        out["variables"] = variables
    return out
