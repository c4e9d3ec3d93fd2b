"""Decoding ``module``, ``provider``, ``terraform``, ``moved``, ``import``, ``removed`` and ``check`` blocks."""

from __future__ import annotations

from hclrun.config import schemas
from hclrun.config.bodies import decl_range, decode_body, label_range, range_text
from hclrun.config.decode_resources import resource_from_block
from hclrun.config.decode_values import decode_condition
from hclrun.config.jsonexpr import is_json_expression, json_static_expression
from hclrun.config.model import (
    Backend,
    Check,
    Import,
    Module,
    ModuleCall,
    Moved,
    ProviderConfig,
    Removed,
    RequiredProvider,
)
from hclrun.config.static import (
    INVALID_NAME_DETAIL,
    depends_on_references,
    static_bool,
    static_string,
    static_traversal,
    valid_name,
)
from hclrun.diagnostics import Diagnostics
from hclrun.eval.references import references
from hclrun.syntax import ast

_MODULE_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})


def decode_module_call(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    name = block.labels[0]
    if not valid_name(name):
        diags.error("Invalid module instance name", INVALID_NAME_DETAIL, label_range(block))
    content = decode_body(block.body, schemas.MODULE_CALL, block.open_brace_range, diags)
    attrs = content.attributes
    count, for_each = attrs.get("count"), attrs.get("for_each")
    if count is not None and for_each is not None:
        diags.error(
            'Invalid combination of "count" and "for_each"',
            'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be '
            "explicit about the number of resources to be created.",
            for_each.name_range,
        )
    source = static_string(attrs.get("source"), diags) or ""
    version = static_string(attrs.get("version"), diags)
    providers: list[tuple[ast.Expression, ast.Expression]] = []
    if "providers" in attrs:
        expr = attrs["providers"].expr
        if isinstance(expr, ast.ObjectConsExpr):
            for item in expr.items:
                providers.append((item.key.wrapped, item.value))
                static_traversal(item.value, diags)
        else:
            diags.error("Invalid expression", "A static map expression is required.", expr.range)
    depends = attrs.get("depends_on")
    call = ModuleCall(
        name,
        decl_range(block),
        source,
        attrs["source"].expr.range if "source" in attrs else None,
        version,
        attrs["version"].expr.range if "version" in attrs else None,
        count.expr if count else None,
        for_each.expr if for_each else None,
        depends_on_references(depends.expr, diags) if depends else (),
        tuple(providers),
        {n: a for n, a in attrs.items() if n not in _MODULE_META},
        block.open_brace_range,
    )
    if "source" in attrs and source:
        from hclrun.modsources.source_address import parse_module_source

        _, source_diags = parse_module_source(source, version is not None, attrs["source"].expr.range)
        diags.extend(source_diags)
    if name in module.module_calls:
        first = module.module_calls[name].decl_range
        diags.error(
            "Duplicate module call",
            f'A module call named "{name}" was already defined at {range_text(first)}. '
            "Module calls must have unique names within a module.",
            call.decl_range,
        )
        return
    module.module_calls[name] = call


def decode_provider(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    content = decode_body(block.body, schemas.PROVIDER, block.open_brace_range, diags)
    alias = static_string(content.attributes.get("alias"), diags)
    if alias is not None and not valid_name(alias):
        diags.error("Invalid provider configuration alias", INVALID_NAME_DETAIL, content.attributes["alias"].expr.range)
    name = block.labels[0]
    key = f"{name}.{alias}" if alias else name
    if key in module.providers:
        first = module.providers[key].decl_range
        diags.error(
            "Duplicate provider configuration",
            f"A provider configuration for {name!r} was already given at {range_text(first)}. "
            "Each configuration for the same provider must have a distinct alias.".replace("'", '"'),
            decl_range(block),
        )
        return
    module.providers[key] = ProviderConfig(name, alias, block.body, decl_range(block))


def decode_terraform(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    content = decode_body(block.body, schemas.TERRAFORM, block.open_brace_range, diags)
    version = content.attributes.get("required_version")
    if version is not None:
        text = static_string(version, diags)
        if text is not None:
            module.required_versions.append((text, version.expr.range, version.range))
    for nested in content.blocks:
        if nested.type == "required_providers":
            decode_required_providers(nested, module, diags)
        elif nested.type == "backend":
            module.backend = Backend(nested.labels[0], nested.body, decl_range(nested))
        elif nested.type == "cloud":
            module.cloud_range = nested.type_range
    if module.backend is not None and module.cloud_range is not None:
        cloud, backend = module.cloud_range, module.backend.decl_range
        diags.error(
            "Both a backend and cloud configuration are present",
            "A module may declare either one 'cloud' block OR one 'backend' block configuring a state backend. "
            f"The 'cloud' block is configured at {range_text(cloud)}; a backend is configured at "
            f"{range_text(backend)}. Remove the backend block to configure HCP Terraform or Terraform Enteprise.",
            backend,
        )


def decode_required_providers(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    from hclrun.eval.evaluator import evaluate
    from hclrun.eval.scope import Scope

    for attr in block.body.attributes:
        expr = attr.expr
        if isinstance(expr, ast.ObjectConsExpr):
            source, version, aliases = "", None, []
            for item in expr.items:
                key_name = _object_key(item.key)
                if key_name == "configuration_aliases":
                    if isinstance(item.value, ast.TupleConsExpr):
                        aliases = [str(e.range) for e in item.value.exprs]
                    continue
                value, value_diags = evaluate(item.value, Scope())
                diags.extend(value_diags)
                if key_name == "source" and isinstance(value.raw, str):
                    source = value.raw
                elif key_name == "version" and isinstance(value.raw, str):
                    version = value.raw
            module.required_providers[attr.name] = RequiredProvider(
                attr.name, source or f"hashicorp/{attr.name}", version, attr.range, tuple(aliases)
            )
        else:
            legacy = static_string(attr, diags)
            module.required_providers[attr.name] = RequiredProvider(attr.name, f"hashicorp/{attr.name}", legacy, attr.range)


def _object_key(key: ast.ObjectConsKeyExpr) -> str:
    """A literal object key: a bare name or a constant string."""
    from hclrun.eval.evaluator import evaluate
    from hclrun.eval.scope import Scope

    wrapped = key.wrapped
    if isinstance(wrapped, ast.ScopeTraversalExpr) and len(wrapped.traversal) == 1 and not key.force_non_literal:
        return wrapped.traversal[0].name  # type: ignore[union-attr]
    value, _ = evaluate(wrapped, Scope())
    return str(value.raw) if value.is_known and isinstance(value.raw, str) else ""


def decode_moved(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    content = decode_body(block.body, schemas.MOVED, block.open_brace_range, diags)
    attrs = content.attributes
    if "from" not in attrs or "to" not in attrs:
        return
    source = static_traversal(attrs["from"].expr, diags)
    target = static_traversal(attrs["to"].expr, diags)
    if source is None or target is None:
        return
    if _is_module_address(source) != _is_module_address(target):
        diags.error(
            'Invalid "moved" addresses',
            'The "from" and "to" addresses must either both refer to resources or both refer to modules.',
            block.type_range,
        )
        return
    module.moved.append(Moved(attrs["from"].expr, attrs["to"].expr, block.type_range))


def _is_module_address(traversal: tuple[ast.Traverser, ...]) -> bool:
    """Whether an address ends at a module call (``module.a`` or ``module.a[0]``) rather than a resource."""
    steps = list(traversal)
    while steps:
        if getattr(steps[0], "name", None) != "module":
            return False
        steps = steps[2:]
        while steps and isinstance(steps[0], ast.TraverseIndex):
            steps = steps[1:]
    return True


def decode_import(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    content = decode_body(block.body, schemas.IMPORT, block.open_brace_range, diags)
    attrs = content.attributes
    if "to" not in attrs:
        return
    to = attrs["to"]
    to_expr = json_static_expression(to.expr, diags) if is_json_expression(to.expr) else to.expr
    traversal = _import_target(to_expr, diags)
    if traversal is None or (traversal and getattr(traversal[0], "name", None) == "data"):
        diags.error("Invalid import address", "Only managed resources can be imported.", to.range)
        return
    module.imports.append(
        Import(
            to_expr,
            attrs["id"].expr if "id" in attrs else None,
            attrs["for_each"].expr if "for_each" in attrs else None,
            attrs["provider"].expr if "provider" in attrs else None,
            block.type_range,
        )
    )


def _import_target(expr: ast.Expression, diags: Diagnostics) -> tuple[ast.Traverser, ...] | None:
    """``to`` may index with an expression when ``for_each`` is set, so only its root must be static."""
    inner = expr
    while isinstance(inner, ast.IndexExpr | ast.RelativeTraversalExpr):
        inner = inner.collection if isinstance(inner, ast.IndexExpr) else inner.source
    if isinstance(inner, ast.ScopeTraversalExpr):
        return inner.traversal
    return static_traversal(expr, diags)


def decode_removed(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    content = decode_body(block.body, schemas.REMOVED, block.open_brace_range, diags)
    if "from" not in content.attributes:
        return
    expr = content.attributes["from"].expr
    traversal = static_traversal(expr, diags)
    if traversal is None:
        return
    for step in traversal:
        if isinstance(step, ast.TraverseIndex):
            diags.error(
                "Resource instance keys not allowed",
                'Resource address must be a resource (e.g. "test_instance.foo"), not a resource instance '
                '(e.g. "test_instance.foo[1]").',
                step.range,
            )
            return
    destroy = True
    for nested in content.blocks_of("lifecycle"):
        lifecycle = decode_body(nested.body, schemas.REMOVED_LIFECYCLE, nested.open_brace_range, diags)
        flag = static_bool(lifecycle.attributes.get("destroy"), diags)
        destroy = True if flag is None else flag
    module.removed.append(Removed(expr, destroy, block.type_range))


def decode_check(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    name = block.labels[0]
    content = decode_body(block.body, schemas.CHECK, block.open_brace_range, diags)
    asserts = []
    for nested in content.blocks_of("assert"):
        condition = decode_condition(nested, diags)
        if condition.condition is not None and not references(condition.condition):
            diags.error(
                "Invalid assert expression",
                "The condition expression must refer to at least one object from elsewhere in the configuration, "
                "or else its result would not be checking anything.",
                condition.condition.range,
            )
            continue
        asserts.append(condition)
    data = tuple(resource_from_block(b, "data", diags, in_check=name) for b in content.blocks_of("data"))
    for resource in data:
        module.resources.setdefault(("data", resource.type, resource.name), resource)
    if not asserts:
        diags.error("Zero assert blocks", "Check blocks must have at least one assert block.", decl_range(block))
    if name in module.checks:
        first = module.checks[name].decl_range
        diags.error(
            "Duplicate check block",
            f'A check block named "{name}" was already defined at {range_text(first)}. '
            "Check blocks must have unique names within a module.",
            decl_range(block),
        )
        return
    module.checks[name] = Check(name, tuple(asserts), data, decl_range(block))
