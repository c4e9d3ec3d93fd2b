"""Set functions: setunion, setintersection, setsubtract, setproduct.

Results come out in canonical set order (``Value.set``).
"""

from __future__ import annotations

from collections.abc import Callable

from hclrun.functions.collections_common import convert_value, deep_unmarked, unify_types
from hclrun.functions.spec import ArgError, Function, FunctionCallError, Parameter
from hclrun.values.types import DYNAMIC, ListType, SetType, TupleType, Type
from hclrun.values.value import Value

SET_OF_ANY = SetType(DYNAMIC)


def _set_operation_type(args: list[Value]) -> Type:
    common = unify_types([a.type for a in args])
    if common is None:
        raise FunctionCallError("given sets must all have compatible element types")
    return common


def _contains(elems: list[Value], v: Value) -> bool:
    return any(e.raw_equals(v) for e in elems)


def _set_result(elems: list[Value], ret: Type) -> Value:
    return Value.set(elems, ret.element)  # type: ignore[attr-defined]


SetOp = Callable[[list[list[Value]]], list[Value]]


def _set_impl(op: SetOp, allow_unknown_elements: bool = False) -> Callable[[list[Value], Type], Value]:
    def impl(args: list[Value], ret: Type) -> Value:
        converted = [convert_value(a, ret) for a in args]
        if not all(a.is_known for a in converted):
            return Value.unknown(ret)
        if not allow_unknown_elements and not all(a.is_wholly_known for a in converted):
            return Value.unknown(ret)
        return _set_result(op([list(a.raw) for a in converted]), ret)

    return deep_unmarked(impl)


def _union(sets: list[list[Value]]) -> list[Value]:
    out: list[Value] = []
    for s in sets:
        out.extend(e for e in s if not e.is_known or not _contains(out, e))
    return out


def _intersection(sets: list[list[Value]]) -> list[Value]:
    first, *rest = sets
    return [e for e in first if all(_contains(s, e) for s in rest)]


def _subtract(sets: list[list[Value]]) -> list[Value]:
    a, b = sets
    return [e for e in a if not _contains(b, e)]


# ----------------------------------------------------------------- setproduct


def _setproduct_type(args: list[Value]) -> Type:
    if len(args) < 2:
        raise FunctionCallError("at least two arguments are required")
    list_count = 0
    etys: list[Type] = []
    for i, a in enumerate(args):
        t = a.type
        if t.is_set:
            etys.append(t.element)  # type: ignore[attr-defined]
        elif t.is_list:
            etys.append(t.element)  # type: ignore[attr-defined]
            list_count += 1
        elif t.is_tuple:
            as_list = unify_types(list(t.elements)) or DYNAMIC  # type: ignore[attr-defined]
            etys.append(as_list)
            list_count += 1
        elif t.is_dynamic:
            return DYNAMIC
        else:
            raise ArgError(i, "a set or a list is required")
    if list_count == len(args):
        return ListType(TupleType(etys))
    return SetType(TupleType(etys))


def _setproduct(args: list[Value], ret: Type) -> Value:
    marks: set[str] = set()
    plain: list[Value] = []
    unknown_length = False
    for a in args:
        p, m = a.unmark()
        marks.update(m)
        if not p.is_known:
            unknown_length = True
        elif p.type.is_tuple:
            p = convert_value(p, ListType(DYNAMIC))
        plain.append(p)
    if unknown_length:
        return Value.unknown(ret).with_marks(marks)
    ety: TupleType = ret.element  # type: ignore[attr-defined]
    combos: list[list[Value]] = [[]]
    for j, p in enumerate(plain):
        sub = ety.elements[j]
        elems = [e if e.type == sub else convert_value(e, sub) for e in p.raw]
        combos = [[*c, e] for c in combos for e in elems]
    tuples = [Value.tuple(c) for c in combos]
    if ret.is_list:
        return (Value.list(tuples, ety) if tuples else Value.list((), ety)).with_marks(marks)
    return (Value.set(tuples, ety) if tuples else Value.set((), ety)).with_marks(marks)


def set_functions() -> list[Function]:
    def set_param(name: str) -> Parameter:
        return Parameter(name, SET_OF_ANY, allow_unknown=True)

    return [
        Function(
            "setunion",
            (set_param("first_set"),),
            _set_operation_type,
            _set_impl(_union, allow_unknown_elements=True),
            variadic=set_param("other_sets"),
            description="The elements that are in any of the given sets.",
        ),
        Function(
            "setintersection",
            (set_param("first_set"),),
            _set_operation_type,
            _set_impl(_intersection),
            variadic=set_param("other_sets"),
            description="The elements that are in all of the given sets.",
        ),
        Function(
            "setsubtract",
            (set_param("a"), set_param("b")),
            _set_operation_type,
            _set_impl(_subtract),
            description="The elements of the first set that are not in the second.",
        ),
        Function(
            "setproduct",
            (),
            _setproduct_type,
            _setproduct,
            variadic=Parameter("sets", allow_unknown=True, allow_marked=True),
            description="Every combination of one element from each given set or list.",
        ),
    ]
