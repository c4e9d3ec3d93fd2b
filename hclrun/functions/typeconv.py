"""Type conversion and mark functions: tobool, tonumber, tostring, tolist,
toset, tomap, sensitive, nonsensitive, issensitive, ephemeralasnull.

``type`` is only meaningful in the console; ``type_of`` gives the text the
console prints for it, and the console evaluates ``type(...)`` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hclrun.functions.spec import ArgError, Function, Parameter, fixed_type
from hclrun.values.strings import go_quote
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ListType, MapType, SetType, Type
from hclrun.values.value import EPHEMERAL, FALSE, SENSITIVE, TRUE, Value

if TYPE_CHECKING:
    from hclrun.functions.registry import FunctionContext


def type_of(value: Value) -> str:
    """What the console prints for ``type(value)``."""
    from hclrun.values.render import render_type

    return render_type(value.type)


# ----------------------------------------------------------------- to* conversions


def _conversion_type(want: Type) -> Callable[[list[Value]], Type]:
    def rule(args: list[Value]) -> Type:
        from hclrun.values.convert import can_convert
        from hclrun.values.mismatch import mismatch_message

        got = args[0].type
        if got == want or can_convert(got, want, unsafe=True):
            return want
        if got.is_tuple and want.is_tuple:
            raise ArgError(0, f"incompatible tuple type for conversion: {mismatch_message(got, want)}")
        if got.is_object and want.is_object:
            raise ArgError(0, f"incompatible object type for conversion: {mismatch_message(got, want)}")
        raise ArgError(0, f"cannot convert {got.friendly_name()} to {want.friendly_name_for_constraint()}")

    return rule


def _conversion_impl(want: Type) -> Callable[[list[Value], Type], Value]:
    def impl(args: list[Value], ret: Type) -> Value:
        from hclrun.values.convert import ConversionError, convert

        v = args[0]
        try:
            return convert(v, want)
        except ConversionError:
            plain = v.unmark_deep()[0]
            got = plain.type
            if v.is_sensitive:
                raise ArgError(
                    0, f"cannot convert this sensitive {got.friendly_name()} to {want.friendly_name_for_constraint()}"
                ) from None
            what = "string" if plain.is_null else go_quote(plain.raw) if got == STRING else ""
            if got == STRING and want == BOOL:
                raise ArgError(
                    0, f'cannot convert {what} to bool; only the strings "true" or "false" are allowed'
                ) from None
            if got == STRING and want == NUMBER:
                raise ArgError(
                    0, f"cannot convert {what} to number; given string must be a decimal representation of a number"
                ) from None
            raise ArgError(
                0, f"cannot convert {got.friendly_name()} to {want.friendly_name_for_constraint()}"
            ) from None

    return impl


def _to_function(name: str, want: Type, description: str) -> Function:
    return Function(
        name,
        (Parameter("v", allow_null=True, allow_unknown=True, allow_dynamic_type=True, allow_marked=True),),
        _conversion_type(want),
        _conversion_impl(want),
        description=description,
    )


# ----------------------------------------------------------------- marks


def _sensitive(args: list[Value], _ret: Type) -> Value:
    return args[0].mark(SENSITIVE)


def _nonsensitive(args: list[Value], _ret: Type) -> Value:
    v, marks = args[0].unmark()
    return v.with_marks(marks - {SENSITIVE})


def _issensitive(args: list[Value], _ret: Type) -> Value:
    v = args[0]
    if v.is_sensitive:
        return TRUE
    if not v.is_known:
        return Value.unknown(BOOL)
    return FALSE


def _without_ephemeral(v: Value) -> Value:
    if EPHEMERAL in v.marks:
        return Value.null(v.type).with_marks(v.marks - {EPHEMERAL})
    raw = v.raw
    if isinstance(raw, tuple) and v.is_known:
        return Value(v.type, tuple(_without_ephemeral(e) for e in raw), v.marks)
    if isinstance(raw, dict):
        return Value(v.type, {k: _without_ephemeral(e) for k, e in raw.items()}, v.marks)
    return v


def _ephemeralasnull(args: list[Value], _ret: Type) -> Value:
    return _without_ephemeral(args[0])


def _same_type(args: list[Value]) -> Type:
    return args[0].type


def _mark_param() -> Parameter:
    return Parameter("value", allow_null=True, allow_unknown=True, allow_dynamic_type=True, allow_marked=True)


def functions(ctx: FunctionContext) -> list[Function]:
    del ctx
    return [
        _to_function("tobool", BOOL, "A value converted to bool."),
        _to_function("tonumber", NUMBER, "A value converted to number."),
        _to_function("tostring", STRING, "A value converted to string."),
        _to_function("tolist", ListType(DYNAMIC), "A value converted to a list."),
        _to_function("toset", SetType(DYNAMIC), "A value converted to a set."),
        _to_function("tomap", MapType(DYNAMIC), "A value converted to a map."),
        Function("sensitive", (_mark_param(),), _same_type, _sensitive,
                 description="The value, marked as sensitive."),
        Function("nonsensitive", (_mark_param(),), _same_type, _nonsensitive,
                 description="The value without its sensitive mark."),
        Function("issensitive", (_mark_param(),), fixed_type(BOOL), _issensitive,
                 description="Whether the value is marked as sensitive."),
        Function("ephemeralasnull", (_mark_param(),), _same_type, _ephemeralasnull,
                 description="The value with every ephemeral part replaced by null."),
    ]
