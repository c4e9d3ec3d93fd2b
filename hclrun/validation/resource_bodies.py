"""A resource body checked against its provider schema (when known) and every expression evaluated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hclrun.eval.scope import did_you_mean
from hclrun.providers.schema import Block
from hclrun.syntax import ast
from hclrun.validation.scope import Context
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import Type
from hclrun.values.value import DYNAMIC_UNKNOWN, Value

if TYPE_CHECKING:
    from hclrun.validation.module_checks import ModuleChecker


def check_body(body: ast.Body, schema: Block | None, checker: ModuleChecker, context: Context) -> None:
    _check(body, schema, checker, context, {})


def _check(
    body: ast.Body, schema: Block | None, checker: ModuleChecker, context: Context, bound: dict[str, Value]
) -> None:
    seen: set[str] = set()
    for item in body.items:
        if isinstance(item, ast.Attribute):
            seen.add(item.name)
            if schema is not None and item.name not in schema.attributes:
                checker.diags.error(
                    "Unsupported argument",
                    f'An argument named "{item.name}" is not expected here.{did_you_mean(item.name, schema.attributes)}',
                    item.name_range,
                )
                continue
            value, ok = _evaluate(item.expr, checker, context, bound)
            if ok and schema is not None:
                _check_type(item, value, schema.attributes[item.name].type, checker)
        elif item.type == "dynamic" and item.labels:
            _dynamic(item, schema, checker, context, bound)
        else:
            nested = None
            if schema is not None:
                block_type = schema.block_types.get(item.type)
                if block_type is None:
                    checker.diags.error(
                        "Unsupported block type",
                        f'Blocks of type "{item.type}" are not expected here.'
                        f"{did_you_mean(item.type, schema.block_types)}",
                        item.type_range,
                    )
                    continue
                nested = block_type.block
            _check(item.body, nested, checker, context, bound)
    if schema is not None:
        for name, attribute in schema.attributes.items():
            if attribute.required and name not in seen:
                checker.diags.error(
                    "Missing required argument",
                    f'The argument "{name}" is required, but no definition was found.',
                    body.end_range,
                )


def _dynamic(
    block: ast.Block, schema: Block | None, checker: ModuleChecker, context: Context, bound: dict[str, Value]
) -> None:
    type_name = block.labels[0]
    nested = None
    if schema is not None:
        block_type = schema.block_types.get(type_name)
        if block_type is None:
            checker.diags.error(
                "Unsupported block type",
                f'Blocks of type "{type_name}" are not expected here.{did_you_mean(type_name, schema.block_types)}',
                block.label_ranges[0],
            )
            return
        nested = block_type.block
    iterator = type_name
    content: ast.Block | None = None
    for item in block.body.items:
        if isinstance(item, ast.Attribute):
            if item.name == "iterator" and isinstance(item.expr, ast.ScopeTraversalExpr):
                iterator = getattr(item.expr.traversal[0], "name", iterator)
            elif item.name in ("for_each", "labels"):
                _evaluate(item.expr, checker, context, bound)
        elif item.type == "content":
            content = item
    if content is not None:
        inner = dict(bound)
        inner[iterator] = Value.object({"key": DYNAMIC_UNKNOWN, "value": DYNAMIC_UNKNOWN})
        _check(content.body, nested, checker, context, inner)


def _check_type(attr: ast.Attribute, value: Value, want: Type, checker: ModuleChecker) -> None:
    """Terraform's check of an argument's value against the type its schema declares."""
    try:
        convert(value, want)
    except ConversionError as exc:
        checker.diags.error(
            "Incorrect attribute value type",
            f'Inappropriate value for attribute "{attr.name}": {exc.formatted()}.',
            attr.expr.range,
        )


def _evaluate(
    expr: ast.Expression, checker: ModuleChecker, context: Context, bound: dict[str, Value]
) -> tuple[Value, bool]:
    """The value of ``expr`` and whether it evaluated without errors."""
    from hclrun.eval.evaluator import evaluate

    scope = checker.scopes.scope(context)
    if bound:
        scope = scope.child(bound)
    value, diags = evaluate(expr, scope)
    checker.diags.extend(diags)
    return value, not diags.has_errors()
