"""Decoding ``variable``, ``locals`` and ``output`` blocks, and condition blocks."""

from __future__ import annotations

from hclrun.config import schemas
from hclrun.config.bodies import decl_range, decode_body, label_range, range_text
from hclrun.config.jsonexpr import is_json_expression, json_static_expression
from hclrun.config.model import Condition, Local, Module, Output, Variable
from hclrun.config.static import INVALID_NAME_DETAIL, static_bool, static_string, valid_name
from hclrun.diagnostics import Diagnostics
from hclrun.eval.references import references
from hclrun.syntax import ast

RESERVED_VARIABLE_NAMES = frozenset(
    {"source", "version", "providers", "count", "for_each", "lifecycle", "depends_on", "locals"}
)


def decode_condition(block: ast.Block, diags: Diagnostics) -> Condition:
    content = decode_body(block.body, schemas.CONDITION, block.open_brace_range, diags)
    condition = content.attributes.get("condition")
    message = content.attributes.get("error_message")
    if block.type in ("precondition", "postcondition") and condition is not None and not references(condition.expr):
        diags.error(
            f"Invalid {block.type} expression",
            "The condition expression must refer to at least one object from elsewhere in the configuration, "
            "or else its result would not be checking anything.",
            condition.expr.range,
        )
    return Condition(
        block.type,
        condition.expr if condition else None,
        message.expr if message else None,
        block.type_range,
    )


def decode_variable(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    name = block.labels[0]
    decl = decl_range(block)
    if not valid_name(name):
        diags.error("Invalid variable name", INVALID_NAME_DETAIL, label_range(block))
    elif name in RESERVED_VARIABLE_NAMES:
        diags.error(
            "Invalid variable name",
            f'The variable name "{name}" is reserved due to its special meaning inside module blocks.',
            label_range(block),
        )
    content = decode_body(block.body, schemas.VARIABLE, block.open_brace_range, diags)
    attrs = content.attributes
    type_attr = attrs.get("type")
    type_expr = type_attr.expr if type_attr else None
    if type_expr is not None and is_json_expression(type_expr):
        type_expr = json_static_expression(type_expr, diags)
    validations = []
    for rule in content.blocks_of("validation"):
        condition = decode_condition(rule, diags)
        if condition.condition is not None and not _checks_variable(condition.condition, name, diags):
            continue
        validations.append(condition)
    sensitive = static_bool(attrs.get("sensitive"), diags)
    nullable = static_bool(attrs.get("nullable"), diags)
    ephemeral = static_bool(attrs.get("ephemeral"), diags)
    variable = Variable(
        name,
        type_expr,
        attrs["default"].expr if "default" in attrs else None,
        bool(sensitive),
        True if nullable is None else nullable,
        decl,
        static_string(attrs.get("description"), diags) or "",
        bool(ephemeral),
        tuple(validations),
    )
    if name in module.variables:
        first = module.variables[name].decl_range
        diags.error(
            "Duplicate variable declaration",
            f'A variable named "{name}" was already declared at {range_text(first)}. '
            "Variable names must be unique within a module.",
            decl,
        )
        return
    module.variables[name] = variable


def _checks_variable(condition: ast.Expression, name: str, diags: Diagnostics) -> bool:
    refs = references(condition)
    if not refs:
        diags.error(
            "Invalid validation expression",
            "The condition expression must refer to at least one object from elsewhere in the configuration, "
            "or else its result would not be checking anything.",
            condition.range,
        )
    for ref in refs:
        step = ref.traversal[1] if len(ref.traversal) > 1 else None
        if ref.root_name == "var" and isinstance(step, ast.TraverseAttr) and step.name == name:
            return True
    diags.error(
        "Invalid variable validation condition",
        f'The condition for variable "{name}" must refer to var.{name} in order to test incoming values.',
        condition.range,
    )
    return False


def decode_locals(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    for item in block.body.items:
        if isinstance(item, ast.Block):
            diags.error(f'Unexpected "{item.type}" block', "Blocks are not allowed here.", item.type_range)
            continue
        attr = item
        if not valid_name(attr.name):
            diags.error("Invalid local value name", INVALID_NAME_DETAIL, attr.name_range)
        decl = attr.name_range.to(attr.expr.range)
        if attr.name in module.locals:
            first = module.locals[attr.name].decl_range
            diags.error(
                "Duplicate local value definition",
                f'A local value named "{attr.name}" was already defined at {range_text(first)}. '
                "Local value names must be unique within a module.",
                decl,
            )
            continue
        module.locals[attr.name] = Local(attr.name, attr.expr, decl)


def decode_output(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    name = block.labels[0]
    decl = decl_range(block)
    if not valid_name(name):
        diags.error("Invalid output name", INVALID_NAME_DETAIL, label_range(block))
    content = decode_body(block.body, schemas.OUTPUT, block.open_brace_range, diags)
    attrs = content.attributes
    from hclrun.config.static import depends_on_references

    depends = attrs.get("depends_on")
    output = Output(
        name,
        attrs["value"].expr if "value" in attrs else None,
        bool(static_bool(attrs.get("sensitive"), diags)),
        decl,
        static_string(attrs.get("description"), diags) or "",
        bool(static_bool(attrs.get("ephemeral"), diags)),
        depends_on_references(depends.expr, diags) if depends else (),
        tuple(decode_condition(b, diags) for b in content.blocks_of("precondition")),
    )
    if name in module.outputs:
        first = module.outputs[name].decl_range
        diags.error(
            "Duplicate output definition",
            f'An output named "{name}" was already defined at {range_text(first)}. '
            "Output names must be unique within a module.",
            decl,
        )
        return
    module.outputs[name] = output
