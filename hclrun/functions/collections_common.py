"""Small helpers shared by the collection, type-conversion and encoding functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hclrun.functions.spec import ArgError, FunctionCallError
from hclrun.values import number as num
from hclrun.values.types import DYNAMIC, Type
from hclrun.values.value import NO_MARKS, Value

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


def whole_number(v: Value) -> int:
    """The int in a known number value, with the wording of cty's ``gocty`` decoding.

    Raises ValueError with the message (callers put it in context).
    """
    n = v.raw
    if not num.is_integer(n) or not INT64_MIN <= num.to_int(n) <= INT64_MAX:
        raise ValueError(f"value must be a whole number, between {INT64_MIN} and {INT64_MAX}")
    return num.to_int(n)


def arg_int(args: list[Value], index: int, prefix: str = "") -> int:
    """A whole-number argument; a fraction is an error for that argument."""
    try:
        return whole_number(args[index])
    except ValueError as exc:
        raise ArgError(index, f"{prefix}{exc}") from None


def call_int(v: Value, prefix: str = "") -> int:
    """A whole number; a fraction is an error for the call as a whole."""
    try:
        return whole_number(v)
    except ValueError as exc:
        raise FunctionCallError(f"{prefix}{exc}") from None


Impl = Callable[[list[Value], Type], Value]


def deep_unmarked(impl: Impl) -> Impl:
    """Run ``impl`` on arguments without marks at any depth; all of them go on the result.

    This is how functions whose parameters do not accept marked values treat
    marks nested inside collections.
    """

    def wrapped(args: list[Value], ret: Type) -> Value:
        marks: frozenset[str] = NO_MARKS
        plain: list[Value] = []
        for a in args:
            p, m = a.unmark_deep()
            plain.append(p)
            marks = marks | m
        return impl(plain, ret).with_marks(marks)

    return wrapped


def union_marks(values: Iterable[Value]) -> frozenset[str]:
    marks: frozenset[str] = NO_MARKS
    for v in values:
        marks = marks | v.marks
    return marks


def unify_types(types: list[Type]) -> Type | None:
    """cty's ``UnifyUnsafe``: the common type of ``types`` or None."""
    from hclrun.values.unify import unify_unsafe

    if not types:
        return DYNAMIC
    return unify_unsafe(types)


def convert_value(v: Value, t: Type) -> Value:
    from hclrun.values.convert import convert

    return convert(v, t)


def values_equal(a: Value, b: Value) -> Value:
    """HCL ``==`` of two values: a bool value, unknown when undecidable."""
    from hclrun.values.ops import equals

    return equals(a, b)


def make_list(elems: list[Value], element_type: Type) -> Value:
    """A list of ``elems`` (which all have ``element_type`` or convert to it)."""
    if not elems:
        return Value.list((), element_type)
    return Value.list([e if e.type == element_type else convert_value(e, element_type) for e in elems],
                      element_type)


def seq_elements(v: Value) -> list[Value]:
    """The elements of a known list, tuple or set."""
    return list(v.raw)
