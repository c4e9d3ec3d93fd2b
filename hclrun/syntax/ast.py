"""The HCL native-syntax tree: immutable records (dataclasses), every node with a source range.

The node set mirrors HCL's own (hclsyntax) so that ranges in diagnostics match
Terraform's: a static reference like ``var.a.b[0]`` is one
ScopeTraversalExpr; a traversal after any other expression is a
RelativeTraversalExpr; an index with a non-literal key is an IndexExpr.

Literal values are kept as source-level Python data (numbers as their source
text, so the evaluator can parse them at full precision); the syntax layer
never imports the value layer.
"""

from __future__ import annotations

from dataclasses import field

from hclrun.records import record
from hclrun.source import Range

# ---------------------------------------------------------------- traversals


@record(slots=True)
class TraverseRoot:
    name: str
    range: Range


@record(slots=True)
class TraverseAttr:
    name: str
    range: Range


@record(slots=True)
class TraverseIndex:
    """A literal index: ``[0]``, ``["k"]`` or legacy ``.0``.

    ``key`` is a ``str`` for string keys and a ``NumberLiteral`` for numbers.
    """

    key: str | NumberLiteral
    range: Range


@record(slots=True)
class TraverseSplat:
    """Only used while building; never appears in finished trees."""

    range: Range


Traverser = TraverseRoot | TraverseAttr | TraverseIndex


@record(slots=True)
class NumberLiteral:
    """A number as written in the source (e.g. ``"1e3"``), parsed by the evaluator."""

    text: str

    def __str__(self) -> str:
        return self.text


# ---------------------------------------------------------------- expressions


@record(slots=True)
class LiteralValueExpr:
    """``true``, ``false``, ``null``, a number, or a literal string part of a template.

    ``value`` is ``bool``, ``None``, ``NumberLiteral`` or ``str``.
    """

    value: bool | NumberLiteral | str | None
    range: Range


@record(slots=True)
class TemplateExpr:
    """A quoted string or heredoc: literal parts and interpolated expressions.

    Directives appear as TemplateIfExpr / TemplateForExpr parts. Strip markers
    (``~``) are already applied to the neighbouring literal parts.
    """

    parts: tuple[Expression, ...]
    range: Range
    heredoc: bool = False


@record(slots=True)
class TemplateWrapExpr:
    """A template that is exactly ``"${expr}"``: evaluates to ``expr`` unchanged."""

    wrapped: Expression
    range: Range


@record(slots=True)
class TemplateIfExpr:
    condition: Expression
    true_template: TemplateExpr
    false_template: TemplateExpr | None
    range: Range


@record(slots=True)
class TemplateForExpr:
    key_var: str | None
    value_var: str
    collection: Expression
    body: TemplateExpr
    range: Range


@record(slots=True)
class ScopeTraversalExpr:
    traversal: tuple[Traverser, ...]  # starts with a TraverseRoot
    range: Range


@record(slots=True)
class RelativeTraversalExpr:
    source: Expression
    traversal: tuple[Traverser, ...]  # TraverseAttr / TraverseIndex only
    range: Range


@record(slots=True)
class IndexExpr:
    collection: Expression
    key: Expression
    range: Range
    open_range: Range  # the ``[`` ... ``]`` part, for diagnostics


@record(slots=True)
class SplatExpr:
    """``source[*].each`` or legacy ``source.*.each``.

    ``each`` is evaluated once per element with ``item`` (an AnonSymbolExpr)
    bound to the element.
    """

    source: Expression
    each: Expression
    item: AnonSymbolExpr
    range: Range
    marker_range: Range
    legacy: bool = False


@record(slots=True)
class AnonSymbolExpr:
    range: Range


@record(slots=True)
class FunctionCallExpr:
    name: str  # may be namespaced: "provider::aws::arn_parse", "core::upper"
    args: tuple[Expression, ...]
    expand_final: bool
    name_range: Range
    open_paren_range: Range
    close_paren_range: Range
    range: Range


@record(slots=True)
class ConditionalExpr:
    condition: Expression
    true_result: Expression
    false_result: Expression
    range: Range


@record(slots=True)
class BinaryOpExpr:
    """``op`` is one of: ``|| && == != < > <= >= + - * / %``."""

    op: str
    lhs: Expression
    rhs: Expression
    range: Range


@record(slots=True)
class UnaryOpExpr:
    """``op`` is ``!`` or ``-``."""

    op: str
    operand: Expression
    range: Range
    symbol_range: Range


@record(slots=True)
class TupleConsExpr:
    exprs: tuple[Expression, ...]
    range: Range
    open_range: Range


@record(slots=True)
class ObjectConsKeyExpr:
    """An object key. A bare identifier (``foo = 1``) is taken literally as a string
    unless ``force_non_literal`` (the key was parenthesised: ``(foo) = 1``)."""

    wrapped: Expression
    force_non_literal: bool
    range: Range


@record(slots=True)
class ObjectConsItem:
    key: ObjectConsKeyExpr
    value: Expression


@record(slots=True)
class ObjectConsExpr:
    items: tuple[ObjectConsItem, ...]
    range: Range
    open_range: Range


@record(slots=True)
class ForExpr:
    """``[for k, v in coll : val if cond]`` or ``{for k, v in coll : key => val... if cond}``."""

    key_var: str | None
    value_var: str
    collection: Expression
    key_expr: Expression | None  # None for tuple-producing for
    value_expr: Expression
    condition: Expression | None
    group: bool  # the ``...`` grouping marker
    range: Range
    open_range: Range
    close_range: Range


@record(slots=True)
class ParenthesesExpr:
    expr: Expression
    range: Range


Expression = (
    LiteralValueExpr
    | TemplateExpr
    | TemplateWrapExpr
    | TemplateIfExpr
    | TemplateForExpr
    | ScopeTraversalExpr
    | RelativeTraversalExpr
    | IndexExpr
    | SplatExpr
    | AnonSymbolExpr
    | FunctionCallExpr
    | ConditionalExpr
    | BinaryOpExpr
    | UnaryOpExpr
    | TupleConsExpr
    | ObjectConsExpr
    | ForExpr
    | ParenthesesExpr
)

# ---------------------------------------------------------------- structure


@record(slots=True)
class Attribute:
    name: str
    expr: Expression
    name_range: Range
    equals_range: Range
    range: Range


@record(slots=True)
class Block:
    type: str
    labels: tuple[str, ...]
    body: Body
    type_range: Range
    label_ranges: tuple[Range, ...]
    open_brace_range: Range
    close_brace_range: Range
    range: Range


@record(slots=True)
class Body:
    """A sequence of attributes and blocks in source order."""

    items: tuple[Attribute | Block, ...]
    range: Range
    end_range: Range  # zero-width range at the end, for "missing argument" diagnostics

    @property
    def attributes(self) -> tuple[Attribute, ...]:
        return tuple(i for i in self.items if isinstance(i, Attribute))

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(i for i in self.items if isinstance(i, Block))


@record
class File:
    """A parsed file: its body and the bytes it came from (for diagnostics snippets)."""

    filename: str
    body: Body
    source: bytes = field(repr=False)
