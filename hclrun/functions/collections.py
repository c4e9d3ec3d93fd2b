"""Collection functions: sequences (this module), maps (``collections_maps``),
sets (``collections_sets``) and aggregates (``collections_aggregate``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gmpy2 import mpfr

from hclrun.functions.collections_aggregate import aggregate_functions
from hclrun.functions.collections_common import (
    call_int,
    deep_unmarked,
    make_list,
    unify_types,
    values_equal,
)
from hclrun.functions.collections_maps import map_functions
from hclrun.functions.collections_sets import set_functions
from hclrun.functions.collections_slices import slice_functions
from hclrun.functions.spec import ArgError, Function, FunctionCallError, PanicError, Parameter, fixed_type
from hclrun.values import number as num
from hclrun.values.strings import grapheme_length
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ListType, TupleType, Type
from hclrun.values.value import FALSE, TRUE, Value

if TYPE_CHECKING:
    from hclrun.functions.registry import FunctionContext

LIST_OF_ANY = ListType(DYNAMIC)


# ----------------------------------------------------------------- length


def _count(n: int) -> Value:
    """A count or position as the reference returns it (a 64-bit integer)."""
    return Value(NUMBER, num.int64_number(n))


def _length(args: list[Value], _ret: Type) -> Value:
    v, marks = args[0].unmark()
    t = v.type
    if t.is_tuple:
        assert isinstance(t, TupleType)
        return _count(len(t.elements)).with_marks(marks)
    if t.is_object:
        return _count(len(t.attributes)).with_marks(marks)  # type: ignore[attr-defined]
    if not v.is_known:
        return Value.unknown(NUMBER).with_marks(marks)
    if t == STRING:
        return _count(grapheme_length(v.raw)).with_marks(marks)
    return _count(v.length()).with_marks(marks)


def _length_type(args: list[Value]) -> Type:
    t = args[0].type
    if not (t.is_dynamic or t.is_collection or t.is_structural or t == STRING):
        raise FunctionCallError("argument must be a string, a collection type, or a structural type")
    return NUMBER


# ----------------------------------------------------------------- element, index, contains


def _element_type(args: list[Value]) -> Type:
    t, index = args[0].type, args[1]
    if t.is_list:
        return t.element  # type: ignore[attr-defined,no-any-return]
    if t.is_tuple:
        assert isinstance(t, TupleType)
        if not index.is_known:
            return DYNAMIC
        i = call_int(index, "invalid index: ")
        if not t.elements:
            raise FunctionCallError("cannot use element function with an empty list")
        return t.elements[_wrapped_index(i, len(t.elements))]
    if t.is_dynamic:
        return DYNAMIC
    raise FunctionCallError(f"cannot read elements from {t.friendly_name()}")


def _element(args: list[Value], ret: Type) -> Value:
    seq, index = args
    i = call_int(index, "invalid index: ")
    if not seq.is_known:
        return Value.unknown(ret)
    n = seq.length()
    if n == 0:
        raise FunctionCallError("cannot use element function with an empty list")
    return seq.raw[_wrapped_index(i, n)]  # type: ignore[no-any-return]


def _wrapped_index(i: int, n: int) -> int:
    """``i`` wrapped into ``range(n)`` by truncated remainder; a negative index
    wraps only when it is a multiple of ``n`` (the reference crashes otherwise)."""
    r = abs(i) % n
    if i < 0 and r:
        raise PanicError(f"runtime error: index out of range [{-r}]")
    return r


def _index(args: list[Value], _ret: Type) -> Value:
    seq, want = args
    if not (seq.type.is_list or seq.type.is_tuple):
        raise FunctionCallError("argument must be a list or tuple")
    if not seq.is_known:
        return Value.unknown(NUMBER)
    if seq.length() == 0:
        raise FunctionCallError("cannot search an empty list")
    for i, v in enumerate(seq.raw):
        eq = values_equal(v, want)
        if not eq.is_known:
            return Value.unknown(NUMBER)
        if eq.raw:
            return _count(i)
    raise FunctionCallError("item not found")


def _contains(args: list[Value], _ret: Type) -> Value:
    seq, want = args
    t = seq.type
    if not (t.is_list or t.is_tuple or t.is_set):
        raise FunctionCallError("argument must be list, tuple, or set")
    if not seq.is_known or not want.is_known:
        return Value.unknown(BOOL)
    has_unknown = False
    for v in seq.raw:
        eq = values_equal(v, want)
        if not eq.is_known:
            has_unknown = True
            continue
        if eq.raw:
            return TRUE
    return Value.unknown(BOOL) if has_unknown else FALSE


# ----------------------------------------------------------------- concat, flatten


def _concat_type(args: list[Value]) -> Type:
    if not args:
        raise FunctionCallError("at least one argument is required")
    if args[0].type.is_list and all(a.type.is_list for a in args):
        common = unify_types([a.type for a in args])
        if common is not None:
            return common
    etys: list[Type] = []
    for i, a in enumerate(args):
        t = a.type
        if t.is_tuple:
            assert isinstance(t, TupleType)
            etys.extend(t.elements)
        elif t.is_list:
            if not a.is_known:
                return DYNAMIC
            etys.extend([t.element] * a.length())  # type: ignore[attr-defined]
        else:
            raise ArgError(i, f"all arguments must be lists or tuples; got {t.friendly_name()}")
    return TupleType(etys)


def _concat(args: list[Value], ret: Type) -> Value:
    marks: set[str] = set()
    plain: list[Value] = []
    for a in args:
        p, m = a.unmark()
        marks.update(m)
        plain.append(p)
    return _concat_plain(plain, ret).with_marks(marks)


def _concat_plain(args: list[Value], ret: Type) -> Value:
    if ret.is_list:
        elems: list[Value] = []
        for i, a in enumerate(args):
            from hclrun.values.convert import ConversionError, convert

            try:
                a = convert(a, ret)
            except ConversionError as exc:
                raise ArgError(i, str(exc)) from None
            elems.extend(a.raw)
        return make_list(elems, ret.element)  # type: ignore[attr-defined]
    return Value.tuple([e for a in args for e in a.raw])


def _flatten_into(v: Value, out: list[Value], marks: set[str]) -> bool:
    """Append the flattened elements of ``v``; False when the result can't be known yet."""
    v, m = v.unmark()
    marks.update(m)
    if not v.is_known:
        return False
    known = True
    for e in v.raw:
        if e.type.is_dynamic and not e.is_known:
            known = False
        t = e.type
        if not e.is_null and (t.is_list or t.is_set or t.is_tuple):
            if not e.is_known:
                known = False
                marks.update(e.marks)
                continue
            if not _flatten_into(e, out, marks):
                known = False
        else:
            out.append(e)
    return known


def _flatten_type(args: list[Value]) -> Type:
    t = args[0].type
    if t.is_dynamic:
        return DYNAMIC
    if not (t.is_list or t.is_set or t.is_tuple):
        raise FunctionCallError("can only flatten lists, sets and tuples")
    if not args[0].is_known:
        return DYNAMIC
    out: list[Value] = []
    if not _flatten_into(args[0], out, set()):
        return DYNAMIC
    return TupleType(e.type for e in out)


def _flatten(args: list[Value], ret: Type) -> Value:
    out: list[Value] = []
    marks: set[str] = set()
    if not _flatten_into(args[0], out, marks):
        return Value.unknown(ret).with_marks(marks)
    return Value.tuple(out).with_marks(marks)


# ----------------------------------------------------------------- range


def _range(args: list[Value], _ret: Type) -> Value:
    # The reference's defaults: a float64 zero and 64-bit integer steps.
    one, minus_one, zero = num.int64_number(1), num.int64_number(-1), mpfr(0, 53)
    nums = [a.raw for a in args]
    if len(nums) == 1:
        start, end, step = zero, nums[0], (minus_one if nums[0] < 0 else one)
    elif len(nums) == 2:
        start, end, step = nums[0], nums[1], (minus_one if nums[1] < nums[0] else one)
    elif len(nums) == 3:
        start, end, step = nums
    else:
        raise FunctionCallError("must have one, two, or three arguments")
    down = step < 0
    if down and end > start:
        raise ArgError(1, "end must be less than start when step is negative")
    if not down and end < start:
        raise ArgError(1, "end must be greater than start when step is positive")
    vals: list[Value] = []
    n = start
    while (n > end) if down else (n < end):
        if len(vals) >= 1024:
            raise FunctionCallError(
                "more than 1024 values were generated; either decrease the difference "
                "between start and end or use a smaller step"
            )
        vals.append(Value(NUMBER, n))
        n = num.add(n, step)
    return make_list(vals, NUMBER)


# ----------------------------------------------------------------- table


def functions(ctx: FunctionContext) -> list[Function]:
    del ctx
    any_param = Parameter
    return [
        Function(
            "length",
            (any_param("value", allow_unknown=True, allow_dynamic_type=True, allow_marked=True),),
            _length_type,
            _length,
            description="The number of elements of a collection or structure, or characters of a string.",
        ),
        Function(
            "element",
            (any_param("list", allow_unknown=True, allow_marked=True), Parameter("index", NUMBER)),
            _element_type,
            lambda a, r: _marked_first(_element, a, r),
            description="The element at an index of a list, wrapping around past the end.",
        ),
        Function(
            "index",
            (any_param("list"), any_param("value")),
            fixed_type(NUMBER),
            deep_unmarked(_index),
            description="The index of the first element equal to a value.",
        ),
        Function(
            "contains",
            (any_param("list"), any_param("value")),
            fixed_type(BOOL),
            deep_unmarked(_contains),
            description="Whether a list, tuple or set has an element equal to a value.",
        ),
        Function(
            "concat",
            (),
            _concat_type,
            _concat,
            variadic=Parameter("seqs", allow_marked=True),
            description="The elements of several lists or tuples, one after another.",
        ),
        Function(
            "flatten",
            (any_param("list", allow_marked=True),),
            _flatten_type,
            _flatten,
            description="Nested lists, sets and tuples replaced by their elements.",
        ),
        Function(
            "range",
            (),
            fixed_type(ListType(NUMBER)),
            deep_unmarked(_range),
            variadic=Parameter("params", NUMBER),
            description="A list of numbers from start (default 0) up to an end, by a step.",
        ),
        *slice_functions(),
        *map_functions(),
        *set_functions(),
        *aggregate_functions(),
    ]


def _marked_first(impl: object, args: list[Value], ret: Type) -> Value:
    """Run ``impl`` with the first argument's own marks moved onto the result."""
    first, marks = args[0].unmark()
    result: Value = impl([first, *args[1:]], ret)  # type: ignore[operator]
    return result.with_marks(marks)


__all__ = ["LIST_OF_ANY", "functions"]
