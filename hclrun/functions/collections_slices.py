"""Functions that pick, reorder or regroup the elements of a sequence:
slice, reverse, chunklist, distinct, compact, sort, one."""

from __future__ import annotations

from hclrun.functions.collections_common import arg_int, call_int, deep_unmarked, make_list, values_equal
from hclrun.functions.spec import ArgError, Function, FunctionCallError, Parameter
from hclrun.values.types import DYNAMIC, NUMBER, STRING, ListType, TupleType, Type
from hclrun.values.value import Value

LIST_OF_ANY = ListType(DYNAMIC)
LIST_OF_STRING = ListType(STRING)


# ----------------------------------------------------------------- slice


def _slice_indexes(args: list[Value]) -> tuple[int, int, bool]:
    seq, start_v, end_v = args
    length: int | None = None
    if seq.type.is_tuple:
        length = len(seq.type.elements)  # type: ignore[attr-defined]
    elif seq.is_known:
        length = seq.length()
    start = end = 0
    start_known = start_v.is_known
    end_known = end_v.is_known
    if start_known:
        start = arg_int(args, 1, "invalid start index: ")
        if start < 0:
            raise ArgError(1, "start index must not be less than zero")
        if length is not None and start > length:
            raise ArgError(1, "start index must not be greater than the length of the list")
    if end_known:
        end = arg_int(args, 2, "invalid end index: ")
        if end < 0:
            raise ArgError(2, "end index must not be less than zero")
        if length is not None and end > length:
            raise ArgError(2, "end index must not be greater than the length of the list")
    if start_known and end_known and start > end:
        raise ArgError(1, "start index must not be greater than end index")
    return start, end, start_known and end_known


def _slice_type(args: list[Value]) -> Type:
    t = args[0].type
    if t.is_set:
        raise ArgError(
            0,
            "cannot slice a set, because its elements do not have indices; explicitly convert "
            "to a list if the ordering of the result is not important",
        )
    if not (t.is_list or t.is_tuple):
        raise ArgError(0, "must be a list or tuple value")
    start, end, known = _slice_indexes(args)
    if t.is_list:
        return t
    if not known:
        return DYNAMIC
    return TupleType(t.elements[start:end])  # type: ignore[attr-defined]


def _slice(args: list[Value], ret: Type) -> Value:
    seq, marks = args[0].unmark()
    if ret.is_dynamic:
        return Value.unknown(DYNAMIC).with_marks(marks)
    start, end, _ = _slice_indexes(args)
    part = seq.raw[start:end]
    if ret.is_tuple:
        return Value.tuple(part).with_marks(marks)
    return make_list(list(part), ret.element).with_marks(marks)  # type: ignore[attr-defined]


# ----------------------------------------------------------------- reverse


def _reverse_type(args: list[Value]) -> Type:
    t = args[0].type
    if t.is_tuple:
        return TupleType(reversed(t.elements))  # type: ignore[attr-defined]
    if t.is_list:
        return t
    if t.is_set:
        return ListType(t.element)  # type: ignore[attr-defined]
    raise ArgError(0, f"can only reverse list or tuple values, not {t.friendly_name()}")


def _reverse(args: list[Value], ret: Type) -> Value:
    seq, marks = args[0].unmark()
    elems = list(reversed(seq.raw))
    if ret.is_tuple:
        return Value.tuple(elems).with_marks(marks)
    return make_list(elems, ret.element).with_marks(marks)  # type: ignore[attr-defined]


# ----------------------------------------------------------------- chunklist, distinct


def _chunklist(args: list[Value], ret: Type) -> Value:
    seq, marks = args[0].unmark()
    size_v, size_marks = args[1].unmark()
    marks = marks | size_marks
    if not size_v.is_known or not seq.is_known:
        return Value.unknown(ret).with_marks(marks)
    size = call_int(size_v, "invalid size: ")
    if size < 0:
        raise FunctionCallError("the size argument must be positive")
    if seq.length() == 0:
        return Value.list((), seq.type).with_marks(marks)
    elems = list(seq.raw)
    if size == 0:
        return Value.list([seq]).with_marks(marks)
    chunks = [make_list(elems[i : i + size], seq.type.element) for i in range(0, len(elems), size)]  # type: ignore[attr-defined]
    return Value.list(chunks, seq.type).with_marks(marks)


def _distinct(args: list[Value], ret: Type) -> Value:
    seq = args[0]
    if not seq.is_wholly_known:
        return Value.unknown(ret)
    out: list[Value] = []
    for e in seq.raw:
        if not any(values_equal(e, o).raw is True for o in out):
            out.append(e)
    return make_list(out, ret.element)  # type: ignore[attr-defined]


# ----------------------------------------------------------------- compact, sort


def _compact(args: list[Value], ret: Type) -> Value:
    seq = args[0]
    if not seq.is_wholly_known:
        return Value.unknown(ret)
    out: list[Value] = []
    for e in seq.raw:
        plain, _ = e.unmark()
        if plain.is_null or plain.raw == "":
            continue
        out.append(e)
    return make_list(out, STRING)


def _sort(args: list[Value], ret: Type) -> Value:
    seq = args[0]
    if not seq.is_wholly_known:
        return make_list([Value.unknown(STRING) for _ in seq.raw], STRING)
    plain: list[Value] = []
    for i, e in enumerate(seq.raw):
        if e.is_null:
            raise FunctionCallError(f"given list element {i} is null; a null string cannot be sorted")
        plain.append(e)
    plain.sort(key=lambda v: v.raw.encode("utf-8"))
    return make_list(plain, STRING)


# ----------------------------------------------------------------- one


def _one_type(args: list[Value]) -> Type:
    t = args[0].type
    if t.is_list or t.is_set:
        return t.element  # type: ignore[attr-defined,no-any-return]
    if t.is_tuple:
        elems = t.elements  # type: ignore[attr-defined]
        if len(elems) == 0:
            return DYNAMIC
        if len(elems) == 1:
            return elems[0]  # type: ignore[no-any-return]
    elif t.is_dynamic:
        return DYNAMIC
    raise ArgError(0, "must be a list, set, or tuple value with either zero or one elements")


def _one(args: list[Value], ret: Type) -> Value:
    seq, marks = args[0].unmark()
    if not seq.is_known:
        return Value.unknown(ret).with_marks(marks)
    n = seq.length()
    if n == 0:
        return Value.null(ret).with_marks(marks)
    if n > 1:
        raise ArgError(0, "must be a list, set, or tuple value with either zero or one elements")
    return seq.raw[0].with_marks(marks)  # type: ignore[no-any-return]


def _same_as_first(args: list[Value]) -> Type:
    return args[0].type


def slice_functions() -> list[Function]:
    return [
        Function(
            "slice",
            (Parameter("list", allow_marked=True), Parameter("start_index", NUMBER),
             Parameter("end_index", NUMBER)),
            _slice_type,
            _slice,
            description="The elements of a list or tuple from a start index up to an end index.",
        ),
        Function(
            "reverse",
            (Parameter("list", allow_marked=True),),
            _reverse_type,
            _reverse,
            description="A sequence with its elements in the opposite order.",
        ),
        Function(
            "chunklist",
            (Parameter("list", LIST_OF_ANY, allow_marked=True, allow_unknown=True),
             Parameter("size", NUMBER, allow_marked=True, allow_unknown=True)),
            lambda a: ListType(a[0].type),
            _chunklist,
            description="A list split into lists of at most a given size.",
        ),
        Function(
            "distinct",
            (Parameter("list", LIST_OF_ANY),),
            _same_as_first,
            deep_unmarked(_distinct),
            description="A list without its repeated elements, first occurrences kept.",
        ),
        Function(
            "compact",
            (Parameter("list", LIST_OF_STRING),),
            lambda _a: LIST_OF_STRING,
            deep_unmarked(_compact),
            description="A list of strings without its null and empty elements.",
        ),
        Function(
            "sort",
            (Parameter("list", LIST_OF_STRING),),
            lambda _a: LIST_OF_STRING,
            deep_unmarked(_sort),
            description="A list of strings in lexical (byte) order.",
        ),
        Function(
            "one",
            (Parameter("list", allow_marked=True),),
            _one_type,
            _one,
            description="The only element of a sequence, or null when it is empty.",
        ),
    ]
