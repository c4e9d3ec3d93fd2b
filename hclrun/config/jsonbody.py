"""Reading ``.tf.json`` files as bodies: the schema decides which properties are blocks.

The result is the same syntax tree the native syntax produces (attributes
whose expressions point into the JSON text, blocks with their labels), so the
rest of the loader does not care which syntax a file used. Expressions that
must be static references or type expressions are written as strings in JSON;
:func:`json_static_expression` parses them.
"""

from __future__ import annotations

from hclrun.config.jsonexpr import is_json_expression, json_static_expression
from hclrun.config.schemas import BlockSchema
from hclrun.diagnostics import Diagnostics
from hclrun.eval.scope import did_you_mean
from hclrun.source import Pos, Range
from hclrun.syntax import ast
from hclrun.syntax.json_syntax import (
    JsonArray,
    JsonObject,
    JsonProperty,
    JsonString,
    JsonValue,
    json_to_expression,
)


def json_file_body(root: JsonValue | None, schema: BlockSchema, filename: str, diags: Diagnostics) -> ast.Body:
    if root is None:
        zero = Range(filename, Pos(1, 1, 0), Pos(1, 1, 0))
        return ast.Body((), zero, zero)
    if not isinstance(root, JsonObject):
        diags.error(
            "Incorrect JSON value type",
            "A JSON object is required here, setting the arguments for this block.",
            root.range,
        )
        return ast.Body((), root.range, root.range)
    return json_body(root, schema, diags)


def json_body(obj: JsonObject, schema: BlockSchema, diags: Diagnostics) -> ast.Body:
    items: list[ast.Attribute | ast.Block] = []
    for prop in obj.body_properties():
        spec = schema.blocks.get(prop.name)
        if spec is not None:
            _blocks(prop, prop.value, spec[0], (), spec[1], items, diags)
        elif prop.name in schema.attributes or schema.open_attributes:
            expr, expr_diags = json_to_expression(prop.value)
            diags.extend(expr_diags)
            items.append(ast.Attribute(prop.name, expr, prop.name_range, prop.name_range, prop.name_range.to(expr.range)))
        else:
            names = set(schema.attributes) | set(schema.blocks)
            diags.error(
                "Extraneous JSON object property",
                f'No argument or block type is named "{prop.name}".{did_you_mean(prop.name, names)}',
                prop.name_range,
            )
    end = Range(obj.range.filename, obj.range.end, obj.range.end)
    return ast.Body(tuple(items), obj.range, end)


def _blocks(
    prop: JsonProperty,
    value: JsonValue,
    label_names: tuple[str, ...],
    labels: tuple[tuple[str, Range], ...],
    schema: BlockSchema,
    out: list[ast.Attribute | ast.Block],
    diags: Diagnostics,
) -> None:
    if isinstance(value, JsonArray) and len(labels) == len(label_names):
        for item in value.items:
            _blocks(prop, item, label_names, labels, schema, out, diags)
        return
    if not isinstance(value, JsonObject):
        diags.error(
            "Incorrect JSON value type",
            f'Either a JSON object or a JSON array is required, representing the contents of one or more '
            f'"{prop.name}" blocks.'
            if len(labels) == len(label_names)
            else f'A JSON object is required, whose keys represent the labels of the "{prop.name}" block.',
            value.range,
        )
        return
    if len(labels) < len(label_names):
        for inner in value.body_properties():
            _blocks(prop, inner.value, label_names, (*labels, (inner.name, inner.name_range)), schema, out, diags)
        return
    body = json_body(value, schema, diags)
    out.append(
        ast.Block(
            prop.name,
            tuple(name for name, _ in labels),
            body,
            prop.name_range,
            tuple(r for _, r in labels),
            value.open_range,
            Range(value.range.filename, value.range.end, value.range.end),
            prop.name_range.to(value.range),
        )
    )


__all__ = ["JsonString", "is_json_expression", "json_body", "json_file_body", "json_static_expression"]
