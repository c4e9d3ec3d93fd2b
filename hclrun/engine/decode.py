"""Decoding a resource or provider body by its schema into one object value.

Attributes are evaluated and converted to their schema types; nested blocks
become objects, lists, sets or maps of objects by nesting mode; ``dynamic``
blocks are expanded by their ``for_each``. Anything not set is a typed null
(an empty collection for repeated blocks). Problems are Terraform's
diagnostics on the attribute or block at fault.
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope, did_you_mean
from hclrun.providers.schema import Block, NestedBlock
from hclrun.syntax import ast
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import DYNAMIC, Type
from hclrun.values.value import Value


def decode_body(body: ast.Body | None, schema: Block, scope: Scope, diags: Diagnostics) -> Value:
    """The object value ``body`` stands for under ``schema`` (typed nulls for what is unset)."""
    implied = schema.implied_type
    attrs: dict[str, Value] = {}
    blocks: dict[str, list[tuple[ast.Block, Scope]]] = {}
    unknown_blocks: set[str] = set()
    items = body.items if body is not None else ()
    for item in items:
        if isinstance(item, ast.Attribute):
            attribute = schema.attributes.get(item.name)
            if attribute is None:
                diags.error(
                    "Unsupported argument",
                    f'An argument named "{item.name}" is not expected here.{did_you_mean(item.name, schema.attributes)}',
                    item.name_range,
                )
                continue
            attrs[item.name] = _attribute_value(item, attribute.type, scope, diags)
        elif item.type == "dynamic" and item.labels:
            _expand_dynamic(item, schema, scope, diags, blocks, unknown_blocks)
        elif item.type in schema.block_types:
            blocks.setdefault(item.type, []).append((item, scope))
        else:
            diags.error(
                "Unsupported block type",
                f'Blocks of type "{item.type}" are not expected here.{did_you_mean(item.type, schema.block_types)}',
                item.type_range,
            )
    out: dict[str, Value] = {}
    for name, attribute in schema.attributes.items():
        value = attrs.get(name)
        if value is None:
            if attribute.required and body is not None:
                diags.error(
                    "Missing required argument",
                    f'The argument "{name}" is required, but no definition was found.',
                    body.end_range,
                )
            value = Value.null(attribute.type)
        out[name] = value
    for name, nested in schema.block_types.items():
        t = implied.attributes[name]
        if name in unknown_blocks:
            out[name] = Value.unknown(t)
        else:
            out[name] = _nested_value(nested, t, blocks.get(name, []), diags)
    return Value.object(out) if implied.has_dynamic_types() else Value(implied, out)


def _attribute_value(item: ast.Attribute, want: Type, scope: Scope, diags: Diagnostics) -> Value:
    value, value_diags = evaluate(item.expr, scope)
    diags.extend(value_diags)
    if value_diags.has_errors():
        return Value.unknown(want)
    if want is DYNAMIC:
        return value
    try:
        return convert(value, want)
    except ConversionError as exc:
        diags.error(
            "Incorrect attribute value type",
            f'Inappropriate value for attribute "{item.name}": {exc.formatted()}.',
            item.expr.range,
        )
        return Value.unknown(want)


def _nested_value(nested: NestedBlock, t: Type, found: list[tuple[ast.Block, Scope]], diags: Diagnostics) -> Value:
    block = nested.block
    mode = nested.nesting_mode
    objects = [(b, decode_body(b.body, block, s, diags)) for b, s in found]
    if mode in ("single", "group"):
        if len(objects) > 1:
            diags.error(
                "Too many blocks",
                f'No more than 1 "{found[1][0].type}" blocks are allowed',
                found[1][0].type_range,
            )
        if objects:
            return objects[0][1]
        if mode == "group":
            return decode_body(None, block, Scope({}), diags)
        return Value.null(t)
    if nested.max_items and len(objects) > nested.max_items:
        diags.error(
            "Too many blocks",
            f'No more than {nested.max_items} "{found[0][0].type}" blocks are allowed',
            found[nested.max_items][0].type_range,
        )
    element = block.implied_type
    values = [v for _, v in objects]
    if mode == "list":
        return Value(t, tuple(values)) if all(v.type == element for v in values) else Value.tuple(values)
    if mode == "set":
        return Value.set(values, element)
    items: dict[str, Value] = {}
    for b, v in objects:
        key = b.labels[0] if b.labels else ""
        items[key] = v
    return Value.map(items, element)


def _expand_dynamic(
    item: ast.Block,
    schema: Block,
    scope: Scope,
    diags: Diagnostics,
    blocks: dict[str, list[tuple[ast.Block, Scope]]],
    unknown_blocks: set[str],
) -> None:
    type_name = item.labels[0]
    if type_name not in schema.block_types:
        diags.error(
            "Unsupported block type",
            f'Blocks of type "{type_name}" are not expected here.{did_you_mean(type_name, schema.block_types)}',
            item.label_ranges[0],
        )
        return
    iterator = type_name
    for_each: ast.Expression | None = None
    labels: ast.Expression | None = None
    content: ast.Block | None = None
    for part in item.body.items:
        if isinstance(part, ast.Attribute):
            if part.name == "for_each":
                for_each = part.expr
            elif part.name == "iterator":
                expr = part.expr
                if isinstance(expr, ast.ScopeTraversalExpr) and len(expr.traversal) == 1:
                    iterator = expr.traversal[0].name  # type: ignore[union-attr]
            elif part.name == "labels":
                labels = part.expr
        elif part.type == "content":
            content = part
    if for_each is None or content is None:
        return
    collection, coll_diags = evaluate(for_each, scope)
    diags.extend(coll_diags)
    if coll_diags.has_errors():
        return
    plain, marks = collection.unmark()
    if not plain.is_known:
        unknown_blocks.add(type_name)
        return
    if plain.is_null:
        diags.error(
            "Invalid dynamic for_each value",
            "Cannot use a null value in for_each.",
            for_each.range,
        )
        return
    for key, value in plain.elements():
        bound = scope.child({iterator: Value.object({"key": key.with_marks(marks), "value": value.with_marks(marks)})})
        block_labels: tuple[str, ...] = ()
        if labels is not None:
            label_value, label_diags = evaluate(labels, bound)
            diags.extend(label_diags)
            if label_value.is_known and not label_value.is_null:
                block_labels = tuple(str(v.unmark()[0].raw) for _, v in label_value.elements())
        synthetic = ast.Block(
            type_name,
            block_labels,
            content.body,
            item.type_range,
            item.label_ranges,
            content.open_brace_range,
            content.close_brace_range,
            content.range,
        )
        blocks.setdefault(type_name, []).append((synthetic, bound))
