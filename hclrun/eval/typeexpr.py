"""Type constraint expressions: ``string``, ``list(number)``, ``object({a = optional(string, "x")})``.

``type_constraint`` reads the expression's syntax (it is never evaluated,
except for ``optional`` defaults, which must be constant) and returns the
type, the defaults for optional attributes, and Terraform's diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.source import Range
from hclrun.syntax import ast
from hclrun.values.convert import ConversionError, convert
from hclrun.values.types import (
    BOOL,
    DYNAMIC,
    NUMBER,
    STRING,
    ListType,
    MapType,
    ObjectType,
    SetType,
    TupleType,
    Type,
)
from hclrun.values.value import Value

_INVALID = "Invalid type specification"
_PRIMITIVES: dict[str, Type] = {"bool": BOOL, "string": STRING, "number": NUMBER, "any": DYNAMIC}
_COLLECTIONS: dict[str, type[ListType] | type[SetType] | type[MapType]] = {
    "list": ListType,
    "set": SetType,
    "map": MapType,
}
_ONE_ARGUMENT = {
    "list": "The list type constructor requires one argument specifying the element type.",
    "set": "The set type constructor requires one argument specifying the element type.",
    "map": "The map type constructor requires one argument specifying the element type.",
    "object": "The object type constructor requires one argument specifying the attribute types and values as a map.",
    "tuple": "The tuple type constructor requires one argument specifying the element types as a list.",
}
_QUOTED_PREFIX = (
    "Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now "
    "deprecated and will be removed in a future version of Terraform. "
)


@dataclass
class TypeDefaults:
    """Defaults for optional object attributes, by position in the type.

    ``values`` holds the defaults of this object's attributes; ``children``
    the defaults nested under an attribute name, a tuple index (as a string),
    or ``""`` for the elements of a collection.
    """

    type: Type
    values: dict[str, Value] = field(default_factory=dict)
    children: dict[str, TypeDefaults] = field(default_factory=dict)


def keyword(expr: ast.Expression) -> str:
    """The bare name ``expr`` is, if it is a single identifier (HCL's ExprAsKeyword)."""
    if isinstance(expr, ast.ScopeTraversalExpr) and len(expr.traversal) == 1:
        return expr.traversal[0].name  # type: ignore[union-attr]
    if isinstance(expr, ast.LiteralValueExpr) and (expr.value is None or isinstance(expr.value, bool)):
        return {None: "null", True: "true", False: "false"}[expr.value]
    if isinstance(expr, ast.ParenthesesExpr):
        return ""
    return ""


def _quoted_string(expr: ast.Expression) -> str | None:
    if isinstance(expr, ast.TemplateExpr) and not expr.heredoc and len(expr.parts) == 1:
        part = expr.parts[0]
        if isinstance(part, ast.LiteralValueExpr) and isinstance(part.value, str):
            return part.value
    return None


def type_constraint(expr: ast.Expression) -> tuple[Type, TypeDefaults | None, Diagnostics]:
    """The type constraint ``expr`` (a variable's ``type``) stands for."""
    diags = Diagnostics()
    quoted = _quoted_string(expr)
    if quoted is not None:
        return _legacy_quoted(quoted, expr.range, diags), None, diags
    name = keyword(expr)
    if name == "list":
        return ListType(DYNAMIC), None, diags
    if name == "map":
        return MapType(DYNAMIC), None, diags
    t, defaults = _get_type(expr, diags)
    return t, defaults, diags


def _legacy_quoted(text: str, subject: Range, diags: Diagnostics) -> Type:
    if text == "string":
        diags.error(
            "Invalid quoted type constraints", _QUOTED_PREFIX + 'Remove the quotes around "string".', subject
        )
        return STRING
    if text in ("list", "map"):
        diags.error(
            "Invalid quoted type constraints",
            _QUOTED_PREFIX
            + f'Remove the quotes around "{text}" and write {text}(string) instead to explicitly '
            f"indicate that the {text} elements are strings.",
            subject,
        )
        return ListType(STRING) if text == "list" else MapType(STRING)
    diags.error(
        "Invalid legacy variable type hint",
        "To provide a full type expression, remove the surrounding quotes and give the type expression directly.",
        subject,
    )
    return DYNAMIC


def _get_type(expr: ast.Expression, diags: Diagnostics) -> tuple[Type, TypeDefaults | None]:
    name = keyword(expr)
    if name:
        primitive = _PRIMITIVES.get(name)
        if primitive is not None:
            return primitive, None
        if name in _ONE_ARGUMENT:
            diags.error(_INVALID, _ONE_ARGUMENT[name], expr.range)
        else:
            diags.error(_INVALID, f'The keyword "{name}" is not a valid type specification.', expr.range)
        return DYNAMIC, None
    if not isinstance(expr, ast.FunctionCallExpr):
        diags.error(
            _INVALID,
            "A type specification is either a primitive type keyword (bool, number, string) or a complex type "
            "constructor call, like list(string).",
            expr.range,
        )
        return DYNAMIC, None
    args_range = Range.between(expr.open_paren_range, expr.close_paren_range)
    call = expr.name
    if call in ("bool", "string", "number"):
        diags.error(_INVALID, f'Primitive type keyword "{call}" does not expect arguments.', args_range)
        return DYNAMIC, None
    if call == "any":
        diags.error(_INVALID, f'Type constraint keyword "{call}" does not expect arguments.', args_range)
        return DYNAMIC, None
    if len(expr.args) != 1 and call in _ONE_ARGUMENT:
        subject = args_range
        if len(expr.args) > 1:
            subject = Range.between(expr.args[1].range, expr.args[-1].range)
        diags.add(Diagnostic.error(_INVALID, _ONE_ARGUMENT[call], subject, args_range))
        return DYNAMIC, None
    collection = _COLLECTIONS.get(call)
    if collection is not None:
        element, element_defaults = _get_type(expr.args[0], diags)
        t = collection(element)
        return t, (TypeDefaults(t, children={"": element_defaults}) if element_defaults else None)
    if call == "object":
        return _object_type(expr, diags)
    if call == "tuple":
        return _tuple_type(expr, diags)
    if call == "optional":
        diags.error(
            _INVALID,
            'Keyword "optional" is valid only as a modifier for object type attributes.',
            expr.name_range,
        )
        return DYNAMIC, None
    diags.error(_INVALID, f'Keyword "{call}" is not a valid type constructor.', expr.range)
    return DYNAMIC, None


def _tuple_type(expr: ast.FunctionCallExpr, diags: Diagnostics) -> tuple[Type, TypeDefaults | None]:
    arg = expr.args[0]
    if not isinstance(arg, ast.TupleConsExpr):
        diags.add(
            Diagnostic.error(
                _INVALID, "Tuple type constructor requires a list of element types.", arg.range, expr.range
            )
        )
        return DYNAMIC, None
    types: list[Type] = []
    children: dict[str, TypeDefaults] = {}
    for i, element_expr in enumerate(arg.exprs):
        element, element_defaults = _get_type(element_expr, diags)
        types.append(element)
        if element_defaults is not None:
            children[str(i)] = element_defaults
    t = TupleType(types)
    return t, (TypeDefaults(t, children=children) if children else None)


def _object_type(expr: ast.FunctionCallExpr, diags: Diagnostics) -> tuple[Type, TypeDefaults | None]:
    arg = expr.args[0]
    if not isinstance(arg, ast.ObjectConsExpr):
        diags.add(
            Diagnostic.error(
                _INVALID,
                "Object type constructor requires a map whose keys are attribute names and whose values are the "
                "corresponding attribute types.",
                arg.range,
                expr.range,
            )
        )
        return DYNAMIC, None
    attributes: dict[str, Type] = {}
    optional: list[str] = []
    values: dict[str, Value] = {}
    children: dict[str, TypeDefaults] = {}
    for item in arg.items:
        name = "" if item.key.force_non_literal else keyword(item.key.wrapped)
        if not name:
            diags.add(
                Diagnostic.error(
                    _INVALID,
                    "Object constructor map keys must be attribute names.",
                    item.key.range,
                    expr.range,
                )
            )
            continue
        if name in attributes:
            diags.add(
                Diagnostic.error(
                    _INVALID, "Object constructor map keys must be unique.", item.key.range, expr.range
                )
            )
            continue
        type_expr = item.value
        default_expr: ast.Expression | None = None
        if isinstance(type_expr, ast.FunctionCallExpr) and type_expr.name == "optional":
            call_args = Range.between(type_expr.open_paren_range, type_expr.close_paren_range)
            if not type_expr.args:
                diags.add(
                    Diagnostic.error(
                        _INVALID,
                        "Optional attribute modifier requires the attribute type as its argument.",
                        call_args,
                        type_expr.range,
                    )
                )
                continue
            if len(type_expr.args) > 2:
                diags.add(
                    Diagnostic.error(
                        _INVALID,
                        "Optional attribute modifier expects at most two arguments: the attribute type, and a "
                        "default value.",
                        call_args,
                        type_expr.range,
                    )
                )
            elif len(type_expr.args) == 2:
                default_expr = type_expr.args[1]
                default, default_diags = _constant(default_expr)
                diags.extend(default_diags)
                if not default_diags.has_errors():
                    optional.append(name)
                    values[name] = default
            else:
                optional.append(name)
            type_expr = type_expr.args[0]
        attr_type, attr_defaults = _get_type(type_expr, diags)
        if name in values and default_expr is not None:
            try:
                values[name] = convert(values[name], attr_type)
            except ConversionError as exc:
                diags.error(
                    "Invalid default value for optional attribute",
                    f"This default value is not compatible with the attribute's type constraint: {exc}.",
                    default_expr.range,
                )
                del values[name]
        attributes[name] = attr_type
        if attr_defaults is not None:
            children[name] = attr_defaults
    t = ObjectType(attributes, optional)
    if not values and not children:
        return t, None
    return t, TypeDefaults(t, values, children)


def _constant(expr: ast.Expression) -> tuple[Value, Diagnostics]:
    """Evaluate a default value: no variables and no functions are available."""
    from hclrun.eval.evaluator import evaluate
    from hclrun.eval.scope import Scope

    return evaluate(expr, Scope())
