"""Attribute and index steps as diagnostics.

``get_attr`` and ``index`` are the two steps every traversal (``a.b[0]``),
index expression (``a[var.k]``) and splat is made of. The value layer does
the work (``hclrun.values.access``); here a failure becomes a diagnostic on
the step's source range, and the value becomes an unknown of type ``any``.
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostic
from hclrun.source import Range
from hclrun.syntax.ast import NumberLiteral, TraverseAttr, TraverseIndex, Traverser
from hclrun.values import access
from hclrun.values import number as num
from hclrun.values.errors import OperationError
from hclrun.values.types import NUMBER
from hclrun.values.value import DYNAMIC_UNKNOWN, Value

StepResult = tuple[Value, Diagnostic | None]


def get_attr(obj: Value, name: str, subject: Range) -> StepResult:
    """``obj.name``."""
    try:
        return access.get_attr(obj, name), None
    except OperationError as err:
        return DYNAMIC_UNKNOWN, Diagnostic.error(err.summary, err.detail, subject)


def index(collection: Value, key: Value, subject: Range) -> StepResult:
    """``collection[key]``."""
    try:
        return access.index(collection, key), None
    except OperationError as err:
        return DYNAMIC_UNKNOWN, Diagnostic.error(err.summary, err.detail, subject)


_KEYS: dict[str, Value] = {}


def literal_key(key: str | NumberLiteral) -> Value:
    """The value of a literal traversal index (``[0]``, ``["k"]``, ``.0``)."""
    if isinstance(key, NumberLiteral):
        value = _KEYS.get(key.text)
        if value is None:
            value = _KEYS[key.text] = Value(NUMBER, num.parse_number(key.text))
        return value
    return Value.string(key)


def step(value: Value, traverser: Traverser) -> StepResult:
    """Apply one attribute or literal-index step."""
    if isinstance(traverser, TraverseAttr):
        return get_attr(value, traverser.name, traverser.range)
    if isinstance(traverser, TraverseIndex):
        return index(value, literal_key(traverser.key), traverser.range)
    raise AssertionError("root step inside a traversal")
