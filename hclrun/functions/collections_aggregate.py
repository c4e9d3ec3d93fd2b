"""Functions that reduce several values to one: alltrue, anytrue, sum,
coalesce, coalescelist."""

from __future__ import annotations

import gmpy2

from hclrun.functions.collections_common import convert_value, deep_unmarked, unify_types
from hclrun.functions.spec import ArgError, Function, FunctionCallError, Parameter, fixed_type
from hclrun.values import number as num
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ListType, Type
from hclrun.values.value import FALSE, TRUE, Value

LIST_OF_BOOL = ListType(BOOL)


def _alltrue(args: list[Value], _ret: Type) -> Value:
    marks: set[str] = set()
    for e in args[0].raw:
        e, m = e.unmark()
        marks.update(m)
        if not e.is_known:
            return Value.unknown(BOOL).with_marks(marks)
        if e.is_null or e.raw is False:
            return FALSE.with_marks(marks)
    return TRUE.with_marks(marks)


def _anytrue(args: list[Value], _ret: Type) -> Value:
    marks: set[str] = set()
    has_unknown = False
    for e in args[0].raw:
        e, m = e.unmark()
        marks.update(m)
        if not e.is_known:
            has_unknown = True
            continue
        if e.raw is True:
            return TRUE.with_marks(marks)
    return (Value.unknown(BOOL) if has_unknown else FALSE).with_marks(marks)


def _sum(args: list[Value], _ret: Type) -> Value:
    seq = args[0]
    t = seq.type
    if not (t.is_collection or t.is_structural):
        raise ArgError(0, "cannot sum noniterable")
    if seq.is_known and seq.length() == 0:
        raise ArgError(0, "cannot sum an empty list")
    if not (t.is_list or t.is_set or t.is_tuple):
        raise ArgError(0, f"argument must be list, set, or tuple. Received {t.friendly_name()}")
    if not seq.is_wholly_known:
        return Value.unknown(NUMBER)
    from hclrun.values.convert import ConversionError

    marks: set[str] = set()
    total = None
    for e in seq.raw:
        e, m = e.unmark()
        marks.update(m)
        if e.is_null:
            raise ArgError(0, "argument must be list, set, or tuple of number values")
        try:
            n = convert_value(e, NUMBER).raw
        except ConversionError:
            raise ArgError(0, "argument must be list, set, or tuple of number values") from None
        if total is None:
            total = n
        else:
            if gmpy2.is_infinite(total) and gmpy2.is_infinite(n) and (total > 0) != (n > 0):
                raise FunctionCallError("can't compute sum of opposing infinities")
            total = num.add(total, n)
    return Value(NUMBER, total).with_marks(marks)


# ----------------------------------------------------------------- coalesce, coalescelist


def _coalesce_type(args: list[Value]) -> Type:
    common = unify_types([a.type for a in args]) if args else None
    if common is None:
        raise FunctionCallError("all arguments must have the same type")
    return common


def _coalesce(args: list[Value], ret: Type) -> Value:
    for a in args:
        v = convert_value(a, ret)
        plain, marks = v.unmark()
        if not plain.is_known:
            return Value.unknown(ret).with_marks(marks)
        if plain.is_null:
            continue
        if plain.type == STRING and plain.raw == "":
            continue
        return v
    raise FunctionCallError("no non-null, non-empty-string arguments")


def _coalescelist_type(args: list[Value]) -> Type:
    if not args:
        raise FunctionCallError("at least one argument is required")
    for a in args:
        if not (a.type.is_list or a.type.is_tuple or (a.type.is_dynamic and not a.is_known)):
            raise FunctionCallError("coalescelist arguments must be lists or tuples")
    if all(a.type.is_list for a in args):
        common = unify_types([a.type for a in args])
        return DYNAMIC if common is None else common
    return DYNAMIC


def _coalescelist(args: list[Value], ret: Type) -> Value:
    for a in args:
        plain, marks = a.unmark()
        if not plain.is_known:
            return Value.unknown(ret).with_marks(marks)
        if plain.is_null:
            continue
        if plain.length() > 0:
            return a if ret.is_dynamic else convert_value(a, ret)
    raise FunctionCallError("no non-null arguments")


def aggregate_functions() -> list[Function]:
    return [
        Function(
            "alltrue",
            (Parameter("list", LIST_OF_BOOL),),
            fixed_type(BOOL),
            deep_unmarked(_alltrue),
            description="Whether every element of a list is true (true for an empty list).",
        ),
        Function(
            "anytrue",
            (Parameter("list", LIST_OF_BOOL),),
            fixed_type(BOOL),
            deep_unmarked(_anytrue),
            description="Whether any element of a list is true (false for an empty list).",
        ),
        Function(
            "sum",
            (Parameter("list"),),
            fixed_type(NUMBER),
            deep_unmarked(_sum),
            description="The total of a list, set or tuple of numbers.",
        ),
        Function(
            "coalesce",
            (),
            _coalesce_type,
            deep_unmarked(_coalesce),
            variadic=Parameter("vals", allow_null=True, allow_unknown=True, allow_dynamic_type=True),
            description="The first argument that is neither null nor an empty string.",
        ),
        Function(
            "coalescelist",
            (),
            _coalescelist_type,
            deep_unmarked(_coalescelist),
            variadic=Parameter("vals", allow_null=True, allow_unknown=True, allow_dynamic_type=True),
            description="The first argument that is a non-empty list or tuple.",
        ),
    ]
