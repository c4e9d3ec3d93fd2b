"""Faster constructors for the tree nodes a parse builds most often.

A frozen dataclass's ``__init__`` sets each field through
``object.__setattr__``, which made node construction a large share of parse
time. Each function here allocates the node with ``object.__new__`` and fills
its slots through the class's own slot descriptors: the result is the same
frozen node the ordinary constructor builds, and since the descriptors are
the class's own, a field added to or removed from a node class cannot be
silently skipped (the lookup below fails at import).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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

_new = object.__new__


def _setter(cls: type, field: str) -> Callable[[Any, Any], None]:
    """The slot setter of ``cls.field`` (bypassing the frozen ``__setattr__``)."""
    return cls.__dict__[field].__set__  # type: ignore[no-any-return]


_traversal_traversal = _setter(ScopeTraversalExpr, "traversal")
_traversal_range = _setter(ScopeTraversalExpr, "range")
_root_name = _setter(TraverseRoot, "name")
_root_range = _setter(TraverseRoot, "range")
_attr_name = _setter(TraverseAttr, "name")
_attr_range = _setter(TraverseAttr, "range")
_literal_value = _setter(LiteralValueExpr, "value")
_literal_range = _setter(LiteralValueExpr, "range")
_number_text = _setter(NumberLiteral, "text")
_key_wrapped = _setter(ObjectConsKeyExpr, "wrapped")
_key_force = _setter(ObjectConsKeyExpr, "force_non_literal")
_key_range = _setter(ObjectConsKeyExpr, "range")
_item_key = _setter(ObjectConsItem, "key")
_item_value = _setter(ObjectConsItem, "value")
_template_parts = _setter(TemplateExpr, "parts")
_template_range = _setter(TemplateExpr, "range")
_template_heredoc = _setter(TemplateExpr, "heredoc")


def scope_traversal(traversal: tuple[Traverser, ...], rng: Range) -> ScopeTraversalExpr:
    made: ScopeTraversalExpr = _new(ScopeTraversalExpr)
    _traversal_traversal(made, traversal)
    _traversal_range(made, rng)
    return made


def traverse_root(name: str, rng: Range) -> TraverseRoot:
    made: TraverseRoot = _new(TraverseRoot)
    _root_name(made, name)
    _root_range(made, rng)
    return made


def traverse_attr(name: str, rng: Range) -> TraverseAttr:
    made: TraverseAttr = _new(TraverseAttr)
    _attr_name(made, name)
    _attr_range(made, rng)
    return made


def literal(value: bool | NumberLiteral | str | None, rng: Range) -> LiteralValueExpr:
    made: LiteralValueExpr = _new(LiteralValueExpr)
    _literal_value(made, value)
    _literal_range(made, rng)
    return made


def number_literal(text: str) -> NumberLiteral:
    made: NumberLiteral = _new(NumberLiteral)
    _number_text(made, text)
    return made


def object_key(wrapped: Expression, force_non_literal: bool, rng: Range) -> ObjectConsKeyExpr:
    made: ObjectConsKeyExpr = _new(ObjectConsKeyExpr)
    _key_wrapped(made, wrapped)
    _key_force(made, force_non_literal)
    _key_range(made, rng)
    return made


def object_item(key: ObjectConsKeyExpr, value: Expression) -> ObjectConsItem:
    made: ObjectConsItem = _new(ObjectConsItem)
    _item_key(made, key)
    _item_value(made, value)
    return made


def template(parts: tuple[Expression, ...], rng: Range, heredoc: bool) -> TemplateExpr:
    made: TemplateExpr = _new(TemplateExpr)
    _template_parts(made, parts)
    _template_range(made, rng)
    _template_heredoc(made, heredoc)
    return made
