"""Faster constructors for the tree nodes a parse builds most often.

The tree's frozen dataclasses set each field through ``object.__setattr__``,
which made node construction a large share of parse time. Each function here
fills an unguarded twin class with the same slots and then switches it to the
real class (see :mod:`hclrun.syntax.locate` for positions), so the result is a
genuine frozen node, equal to one built the ordinary way.
"""

from __future__ import annotations

from hclrun.source import Range
from hclrun.syntax.ast import (
    Expression,
    LiteralValueExpr,
    NumberLiteral,
    ObjectConsItem,
    ObjectConsKeyExpr,
    ScopeTraversalExpr,
    TemplateExpr,
    TraverseAttr,
    Traverser,
    TraverseRoot,
)


class _TraversalRange:
    __slots__ = ("traversal", "range")

    def __init__(self, traversal: tuple[Traverser, ...], range: Range) -> None:
        self.traversal = traversal
        self.range = range


class _NameRange:
    __slots__ = ("name", "range")

    def __init__(self, name: str, range: Range) -> None:
        self.name = name
        self.range = range


class _ValueRange:
    __slots__ = ("value", "range")

    def __init__(self, value: object, range: Range) -> None:
        self.value = value
        self.range = range


class _KeyFields:
    __slots__ = ("wrapped", "force_non_literal", "range")

    def __init__(self, wrapped: Expression, force_non_literal: bool, range: Range) -> None:
        self.wrapped = wrapped
        self.force_non_literal = force_non_literal
        self.range = range


class _KeyValue:
    __slots__ = ("key", "value")

    def __init__(self, key: ObjectConsKeyExpr, value: Expression) -> None:
        self.key = key
        self.value = value


class _TemplateFields:
    __slots__ = ("parts", "range", "heredoc")

    def __init__(self, parts: tuple[Expression, ...], range: Range, heredoc: bool) -> None:
        self.parts = parts
        self.range = range
        self.heredoc = heredoc


class _Text:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def scope_traversal(traversal: tuple[Traverser, ...], rng: Range) -> ScopeTraversalExpr:
    made = _TraversalRange(traversal, rng)
    made.__class__ = ScopeTraversalExpr  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def traverse_root(name: str, rng: Range) -> TraverseRoot:
    made = _NameRange(name, rng)
    made.__class__ = TraverseRoot  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def traverse_attr(name: str, rng: Range) -> TraverseAttr:
    made = _NameRange(name, rng)
    made.__class__ = TraverseAttr  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def literal(value: bool | NumberLiteral | str | None, rng: Range) -> LiteralValueExpr:
    made = _ValueRange(value, rng)
    made.__class__ = LiteralValueExpr  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def number_literal(text: str) -> NumberLiteral:
    made = _Text(text)
    made.__class__ = NumberLiteral  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def object_key(wrapped: Expression, force_non_literal: bool, rng: Range) -> ObjectConsKeyExpr:
    made = _KeyFields(wrapped, force_non_literal, rng)
    made.__class__ = ObjectConsKeyExpr  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def object_item(key: ObjectConsKeyExpr, value: Expression) -> ObjectConsItem:
    made = _KeyValue(key, value)
    made.__class__ = ObjectConsItem  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def template(parts: tuple[Expression, ...], rng: Range, heredoc: bool) -> TemplateExpr:
    made = _TemplateFields(parts, rng, heredoc)
    made.__class__ = TemplateExpr  # type: ignore[assignment]
    return made  # type: ignore[return-value]
