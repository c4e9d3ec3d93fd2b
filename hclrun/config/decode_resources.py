"""Decoding ``resource``, ``data`` and ``ephemeral`` blocks: meta-arguments, lifecycle, provisioners."""

from __future__ import annotations

from hclrun.config import schemas
from hclrun.config.bodies import decl_range, decode_body, label_range, range_text
from hclrun.config.decode_values import decode_condition
from hclrun.config.jsonexpr import is_json_expression, json_static_expression
from hclrun.config.model import Lifecycle, Module, Provisioner, ResourceDecl
from hclrun.config.replace_triggers import check_replace_triggers
from hclrun.config.static import (
    INVALID_NAME_DETAIL,
    STATIC_REFERENCE_DETAIL,
    depends_on_references,
    keyword,
    static_bool,
    static_traversal,
    valid_name,
)
from hclrun.diagnostics import Diagnostics
from hclrun.source import Range
from hclrun.syntax import ast

MODES = {"resource": "managed", "data": "data", "ephemeral": "ephemeral"}
_SCHEMAS = {"managed": schemas.MANAGED_RESOURCE, "data": schemas.DATA_RESOURCE, "ephemeral": schemas.EPHEMERAL_RESOURCE}
_META_BLOCKS = {"managed": {"lifecycle", "connection", "provisioner"}, "data": {"lifecycle"}, "ephemeral": {"lifecycle"}}
_KIND_WORDS = {"managed": "resource", "data": "data", "ephemeral": "ephemeral"}


def decode_resource(block: ast.Block, module: Module, diags: Diagnostics, in_check: str | None = None) -> None:
    mode = MODES[block.type]
    resource = resource_from_block(block, mode, diags, in_check)
    key = (mode, resource.type, resource.name)
    if key in module.resources:
        first = module.resources[key].decl_range
        what = {"managed": "resource", "data": "data resource", "ephemeral": "ephemeral resource"}[mode]
        diags.error(
            f'Duplicate {_KIND_WORDS[mode]} "{resource.type}" configuration',
            f'A {resource.type} {what} named "{resource.name}" was already declared at {range_text(first)}. '
            "Resource names must be unique per type in each module.",
            resource.decl_range,
        )
        return
    module.resources[key] = resource


def resource_from_block(block: ast.Block, mode: str, diags: Diagnostics, in_check: str | None = None) -> ResourceDecl:
    type_name, name = block.labels
    if not valid_name(type_name):
        diags.error("Invalid resource type name", INVALID_NAME_DETAIL, label_range(block, 0))
    if not valid_name(name):
        diags.error("Invalid resource name", INVALID_NAME_DETAIL, label_range(block, 1))
    content = decode_body(block.body, _SCHEMAS[mode], block.open_brace_range, diags)
    attrs = content.attributes
    count = attrs.get("count")
    for_each = attrs.get("for_each")
    if count is not None and for_each is not None:
        diags.error(
            'Invalid combination of "count" and "for_each"',
            'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be '
            "explicit about the number of resources to be created.",
            for_each.name_range,
        )
    provider, provider_range = _provider_reference(attrs.get("provider"), diags)
    depends = attrs.get("depends_on")
    lifecycle = Lifecycle()
    provisioners: list[Provisioner] = []
    connection: ast.Body | None = None
    for nested in content.blocks:
        if nested.type == "lifecycle" and mode in _META_BLOCKS and "lifecycle" in _META_BLOCKS[mode]:
            lifecycle = _lifecycle(nested, mode, diags)
        elif nested.type == "provisioner" and mode == "managed":
            provisioners.append(_provisioner(nested, diags))
        elif nested.type == "connection" and mode == "managed":
            connection = nested.body
    meta = schemas.RESOURCE_META | _META_BLOCKS[mode]
    body_items = tuple(i for i in block.body.items if _item_name(i) not in meta)
    return ResourceDecl(
        mode,
        type_name,
        name,
        decl_range(block),
        count.expr if count else None,
        for_each.expr if for_each else None,
        provider,
        provider_range,
        depends_on_references(depends.expr, diags) if depends else (),
        lifecycle,
        tuple(provisioners),
        connection,
        ast.Body(body_items, block.body.range, block.body.end_range),
        label_range(block, 0),
        in_check,
    )


def _item_name(item: ast.Attribute | ast.Block) -> str:
    return item.name if isinstance(item, ast.Attribute) else item.type


def _provider_reference(
    attr: ast.Attribute | None, diags: Diagnostics
) -> tuple[tuple[str, str | None] | None, Range | None]:
    if attr is None:
        return None, None
    traversal = static_traversal(attr.expr, diags, allow_quoted=True)
    if traversal is None:
        return None, None
    names = [getattr(step, "name", None) for step in traversal]
    if len(traversal) > 2 or not all(isinstance(n, str) for n in names):
        diags.error(
            "Invalid provider reference",
            "Provider argument requires a provider name followed by an optional alias, like \"aws.foo\".",
            attr.expr.range,
        )
        return None, None
    alias = names[1] if len(names) == 2 else None
    return (str(names[0]), alias), attr.expr.range


def _lifecycle(block: ast.Block, mode: str, diags: Diagnostics) -> Lifecycle:
    schema = schemas.MANAGED_LIFECYCLE if mode == "managed" else schemas.DATA_LIFECYCLE
    content = decode_body(block.body, schema, block.open_brace_range, diags)
    attrs = content.attributes
    ignore: tuple[ast.Expression, ...] = ()
    ignore_all = False
    if "ignore_changes" in attrs:
        expr = attrs["ignore_changes"].expr
        if is_json_expression(expr):
            expr = json_static_expression(expr, diags)
        if keyword(expr) == "all":
            ignore_all = True
        elif isinstance(expr, ast.TupleConsExpr):
            items = []
            for item in expr.exprs:
                if keyword(item) == "all" or _quoted_keyword(item) == "all":
                    ignore_all = True
                elif static_traversal(item, diags, allow_quoted=True) is not None:
                    items.append(item)
            ignore = tuple(items)
        else:
            diags.error(
                "Invalid ignore_changes ruleset",
                'A list of attribute names is required, or the keyword "all" to ignore all attributes.',
                expr.range,
            )
    triggers: list[ast.Expression] = []
    if "replace_triggered_by" in attrs:
        expr = attrs["replace_triggered_by"].expr
        if is_json_expression(expr):
            expr = json_static_expression(expr, diags)
        for item in expr.exprs if isinstance(expr, ast.TupleConsExpr) else (expr,):
            if _replace_trigger_ok(item, diags):
                triggers.append(item)
        check_replace_triggers(tuple(triggers), diags)
    return Lifecycle(
        static_bool(attrs.get("create_before_destroy"), diags),
        static_bool(attrs.get("prevent_destroy"), diags),
        ignore,
        ignore_all,
        tuple(triggers),
        tuple(decode_condition(b, diags) for b in content.blocks_of("precondition")),
        tuple(decode_condition(b, diags) for b in content.blocks_of("postcondition")),
    )


def _quoted_keyword(expr: ast.Expression) -> str | None:
    if isinstance(expr, ast.TemplateExpr) and len(expr.parts) == 1:
        part = expr.parts[0]
        if isinstance(part, ast.LiteralValueExpr) and isinstance(part.value, str):
            return part.value
    return None


def _replace_trigger_ok(expr: ast.Expression, diags: Diagnostics) -> bool:
    inner = expr
    while isinstance(inner, ast.IndexExpr | ast.RelativeTraversalExpr):
        inner = inner.collection if isinstance(inner, ast.IndexExpr) else inner.source
    if isinstance(inner, ast.ScopeTraversalExpr):
        return True
    if isinstance(inner, ast.FunctionCallExpr | ast.ForExpr | ast.ConditionalExpr | ast.BinaryOpExpr):
        diags.error("Invalid expression", STATIC_REFERENCE_DETAIL, expr.range)
        return False
    diags.error(
        "Invalid replace_triggered_by expression",
        "Missing resource reference in replace_triggered_by expression.",
        expr.range,
    )
    return False


def _provisioner(block: ast.Block, diags: Diagnostics) -> Provisioner:
    content = decode_body(block.body, schemas.PROVISIONER, block.open_brace_range, diags)
    attrs = content.attributes
    when = _keyword_choice(attrs.get("when"), "when", ("create", "destroy"), "create or destroy", diags) or "create"
    on_failure = (
        _keyword_choice(attrs.get("on_failure"), "on_failure", ("continue", "fail"), "continue or fail", diags)
        or "fail"
    )
    connections = content.blocks_of("connection")
    items = tuple(i for i in block.body.items if _item_name(i) not in {"when", "on_failure", "connection"})
    return Provisioner(
        block.labels[0],
        ast.Body(items, block.body.range, block.body.end_range),
        when,
        on_failure,
        connections[0].body if connections else None,
        decl_range(block),
    )


def _keyword_choice(
    attr: ast.Attribute | None, name: str, allowed: tuple[str, ...], listed: str, diags: Diagnostics
) -> str | None:
    if attr is None:
        return None
    expr = attr.expr
    if is_json_expression(expr):
        expr = json_static_expression(expr, diags)
    word = keyword(expr)
    if word not in allowed:
        diags.error(
            f'Invalid "{name}" keyword',
            f'The "{name}" argument requires one of the following keywords: {listed}.',
            attr.expr.range,
        )
        return None
    return word
