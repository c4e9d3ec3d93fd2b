"""Type conversion with cty's rules and error messages.

``convert(value, want)`` is what Terraform applies to function arguments,
input variables and operator operands: the *unsafe* rules, which include
string → number/bool and map → object. ``can_convert`` and ``get_conversion``
expose both rule sets: safe conversions can never fail for a known value;
unsafe ones may fail depending on the value (``"abc"`` → number).

Failures raise ``ConversionError`` with cty's message and the path to the
offending nested value; ``ConversionError.formatted()`` gives the wording
Terraform prints for input variables (``.a[0]: string required``), ``str()``
the bare message used in function argument errors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from hclrun.values import number as num
from hclrun.values.errors import ConversionError, MapKey, PathStep
from hclrun.values.mismatch import mismatch_message
from hclrun.values.types import (
    DYNAMIC,
    NUMBER,
    STRING,
    ListType,
    MapType,
    ObjectType,
    SetType,
    TupleType,
    Type,
)
from hclrun.values.typeutil import dynamic_replace, without_optional_deep
from hclrun.values.unknowns import unknown_conversion_result
from hclrun.values.value import FALSE, TRUE, Value

__all__ = ["ConversionError", "can_convert", "convert", "convert_safe", "get_conversion"]

Conversion = Callable[[Value], Value]


def convert(value: Value, want: Type) -> Value:
    """Convert ``value`` to ``want`` with the unsafe rules (cty ``convert.Convert``)."""
    have = value.type
    # Already of the wanted type, or wanted as ``any``: conversion would rebuild an equal value.
    if have is want or want is DYNAMIC:
        return value
    # Primitive types equal only themselves and have no optional attributes to drop.
    if not want.is_primitive:
        if have == want:
            return value
        if want.is_object or want.has_dynamic_types() or want.is_collection or want.is_tuple:
            plain = without_optional_deep(want)
            if have == plain:
                return value
    conv = _conversion(have, want, True)
    if conv is None:
        raise ConversionError(mismatch_message(value.type, want))
    return conv(value)


def convert_safe(value: Value, want: Type) -> Value:
    """Convert with the safe rules only; raises when no safe conversion exists."""
    if value.type == want or value.type == without_optional_deep(want):
        return value
    conv = _conversion(value.type, want, False)
    if conv is None:
        raise ConversionError(mismatch_message(value.type, want))
    return conv(value)


def get_conversion(from_type: Type, to_type: Type, *, unsafe: bool = True) -> Conversion | None:
    """A reusable conversion function, or None when the types can never convert."""
    return _conversion(from_type, to_type, unsafe)


def can_convert(from_type: Type, to_type: Type, *, unsafe: bool = True) -> bool:
    return from_type == to_type or _conversion(from_type, to_type, unsafe) is not None


# --------------------------------------------------------------------------- dispatch


@lru_cache(maxsize=4096)
def _conversion(in_t: Type, out_t: Type, unsafe: bool) -> Conversion | None:
    known = _known_conversion(in_t, out_t, unsafe)
    if known is None:
        return None
    plain_out = without_optional_deep(out_t)

    def run(v: Value) -> Value:
        marks = v.marks
        if marks:
            v = Value(v.type, v.raw)
        raw = v.raw
        if out_t is DYNAMIC:
            result = v
        elif raw is None:
            result = Value(dynamic_replace(v.type, plain_out), None)
        elif not v.is_known:
            result = unknown_conversion_result(v, dynamic_replace(v.type, plain_out))
        else:
            result = known(v)
        return result.with_marks(marks) if marks else result

    return run


def _known_conversion(in_t: Type, out_t: Type, unsafe: bool) -> Conversion | None:
    if out_t is DYNAMIC:
        return _passthrough
    if unsafe and in_t is DYNAMIC:
        return lambda v: convert(v, out_t)
    if in_t.is_primitive and out_t.is_primitive:
        return _primitive_conversion(in_t, out_t, unsafe)
    if out_t.is_object and in_t.is_object:
        return _object_to_object(in_t, out_t, unsafe)  # type: ignore[arg-type]
    if out_t.is_tuple and in_t.is_tuple:
        return _tuple_to_tuple(in_t, out_t, unsafe)  # type: ignore[arg-type]
    if out_t.is_list and (in_t.is_list or in_t.is_set):
        return _collection_to_seq(in_t, out_t, unsafe)
    if out_t.is_set and (in_t.is_list or in_t.is_set):
        if in_t.is_list and not unsafe:
            return None
        return _collection_to_seq(in_t, out_t, unsafe)
    if out_t.is_map and in_t.is_map:
        return _map_to_map(in_t, out_t, unsafe)  # type: ignore[arg-type]
    if (out_t.is_list or out_t.is_set) and in_t.is_tuple:
        return _tuple_to_seq(in_t, out_t, unsafe)  # type: ignore[arg-type]
    if out_t.is_map and in_t.is_object:
        return _object_to_map(in_t, out_t, unsafe)  # type: ignore[arg-type]
    if out_t.is_object and in_t.is_map:
        if not unsafe:
            return None
        return _map_to_object(in_t, out_t)  # type: ignore[arg-type]
    return None


def _passthrough(v: Value) -> Value:
    return v


def _element_type(t: Type) -> Type:
    return t.element  # type: ignore[attr-defined,no-any-return]


def _convert_at(conv: Conversion, v: Value, step: PathStep) -> Value:
    try:
        return conv(v)
    except ConversionError as err:
        raise err.under(step) from None


def _null_plain(v: Value) -> Value:
    """cty replaces null elements by nulls of the type without optional attributes."""
    if v.raw is None and not v.type.is_primitive:
        plain = without_optional_deep(v.type)
        if plain != v.type:
            return Value(plain, None, v.marks)
    return v


# --------------------------------------------------------------------------- primitives


def _number_to_string(v: Value) -> Value:
    return Value(STRING, num.format_number(v.raw))


def _bool_to_string(v: Value) -> Value:
    return _STRING_TRUE if v.raw else _STRING_FALSE


_STRING_TRUE = Value(STRING, "true")
_STRING_FALSE = Value(STRING, "false")


def _string_to_number(v: Value) -> Value:
    try:
        return Value(NUMBER, num.parse_go_float(v.raw))
    except ValueError:
        raise ConversionError("a number is required") from None


def _string_to_bool(v: Value) -> Value:
    s = v.raw
    if s in ("true", "1"):
        return TRUE
    if s in ("false", "0"):
        return FALSE
    lowered = s.lower()
    if lowered in ("true", "false"):
        raise ConversionError(f'a bool is required; to convert from string, use lowercase "{lowered}"')
    raise ConversionError("a bool is required")


def _primitive_conversion(in_t: Type, out_t: Type, unsafe: bool) -> Conversion | None:
    if in_t is out_t:
        return _passthrough
    if out_t is STRING:
        return _number_to_string if in_t is NUMBER else _bool_to_string
    if unsafe and in_t is STRING:
        return _string_to_number if out_t is NUMBER else _string_to_bool
    return None


# --------------------------------------------------------------------------- structural


def _object_to_object(in_t: ObjectType, out_t: ObjectType, unsafe: bool) -> Conversion | None:
    convs: dict[str, Conversion | None] = {}
    for name, out_aty in out_t.attributes.items():
        in_aty = in_t.attributes.get(name)
        if in_aty is None:
            if name in out_t.optional:
                continue
            return None
        if in_aty == out_aty:
            convs[name] = None
            continue
        c = _conversion(in_aty, out_aty, unsafe)
        if c is None:
            return None
        convs[name] = c
    missing_optional = {
        name: Value(without_optional_deep(out_t.attributes[name]), None)
        for name in out_t.optional
        if name not in in_t.attributes
    }

    def run(v: Value) -> Value:
        attrs: dict[str, Value] = {}
        for name, av in v.raw.items():
            if name not in convs:
                continue
            c = convs[name]
            if c is not None:
                av = _convert_at(c, av, name)
            attrs[name] = _null_plain(av)
        attrs.update(missing_optional)
        return Value.object(attrs)

    return run


def _tuple_to_tuple(in_t: TupleType, out_t: TupleType, unsafe: bool) -> Conversion | None:
    if len(in_t.elements) != len(out_t.elements):
        return None
    convs: list[Conversion | None] = []
    for in_ety, out_ety in zip(in_t.elements, out_t.elements):
        if in_ety == out_ety:
            convs.append(None)
            continue
        c = _conversion(in_ety, out_ety, unsafe)
        if c is None:
            return None
        convs.append(c)

    def run(v: Value) -> Value:
        elems = [e if c is None else _convert_at(c, e, i) for i, (e, c) in enumerate(zip(v.raw, convs))]
        return Value.tuple(elems)

    return run


# --------------------------------------------------------------------------- collections


def _make_seq(out_t: Type, elems: list[Value], empty_ety: Type) -> Value:
    if not elems:
        return Value(ListType(empty_ety) if out_t.is_list else SetType(empty_ety), ())
    ety = elems[0].type
    for e in elems:
        if e.type != ety:
            kind = "list" if out_t.is_list else "set"
            raise ConversionError(f"element types must all match for conversion to {kind}")
    if out_t.is_list:
        return Value(ListType(ety), tuple(elems))
    return Value.set(elems, ety)


def _collection_to_seq(in_t: Type, out_t: Type, unsafe: bool) -> Conversion | None:
    in_ety, out_ety = _element_type(in_t), _element_type(out_t)
    conv: Conversion | None = None
    if in_ety != out_ety:
        conv = _conversion(in_ety, out_ety, unsafe)
        if conv is None:
            return None
    empty_ety = in_ety if out_ety is DYNAMIC else without_optional_deep(out_ety)

    def run(v: Value) -> Value:
        elems = []
        for i, e in enumerate(v.raw):
            if conv is not None:
                e = _convert_at(conv, e, i)
            elems.append(_null_plain(e))
        return _make_seq(out_t, elems, empty_ety)

    return run


def _map_to_map(in_t: MapType, out_t: MapType, unsafe: bool) -> Conversion | None:
    out_ety = out_t.element
    conv = _conversion(in_t.element, out_ety, unsafe)
    if conv is None:
        return None
    empty_ety = in_t.element if out_ety is DYNAMIC else without_optional_deep(out_ety)

    def run(v: Value) -> Value:
        items = {k: _convert_at(conv, e, MapKey(k)) for k, e in v.raw.items()}
        return _make_map(items, out_ety, empty_ety, (), unsafe=False)

    return run


def _make_map(
    items: dict[str, Value], out_ety: Type, empty_ety: Type, path: tuple[PathStep, ...], *, unsafe: bool
) -> Value:
    if not items:
        return Value(MapType(empty_ety), {})
    if out_ety.is_collection or out_ety.is_object:
        items = _unify_elements(items, unsafe)
    types = {e.type for e in items.values()}
    if len(types) != 1:
        raise ConversionError("element types must all match for conversion to map", path)
    return Value(MapType(types.pop()), items)


def _unify_elements(items: dict[str, Value], unsafe: bool) -> dict[str, Value]:
    from hclrun.values.unify import unify

    target = unify([e.type for e in items.values()], unsafe=unsafe)
    if target is None:
        raise ConversionError("cannot find a common base type for all elements")
    out = {}
    for k, e in items.items():
        if e.type == target:
            out[k] = e
            continue
        c = _conversion(e.type, target, unsafe)
        assert c is not None
        out[k] = _convert_at(c, e, MapKey(k))
    return out


def _tuple_to_seq(in_t: TupleType, out_t: Type, unsafe: bool) -> Conversion | None:
    from hclrun.values.unify import unify

    etys = in_t.elements
    out_ety = _element_type(out_t)
    if not etys:
        empty = Value(ListType(without_optional_deep(out_ety)), ()) if out_t.is_list else None
        if empty is None:
            empty = Value(SetType(without_optional_deep(out_ety)), ())
        return lambda v: empty  # type: ignore[return-value]
    if out_ety is DYNAMIC:
        unified = unify(list(etys), unsafe=unsafe)
        if unified is None:
            return None
        if unified is DYNAMIC and any(t is not DYNAMIC for t in etys):
            return None
        out_ety = unified
    convs: list[Conversion | None] = []
    for ety in etys:
        if ety == out_ety:
            convs.append(None)
            continue
        c = _conversion(ety, out_ety, unsafe)
        if c is None:
            return None
        convs.append(c)
    is_list = out_t.is_list

    def run(v: Value) -> Value:
        elems = [e if c is None else _convert_at(c, e, i) for i, (e, c) in enumerate(zip(v.raw, convs))]
        if is_list:
            elems = _unify_list_elements(elems, unsafe)
        else:
            elems = [_null_plain(e) for e in elems]
        return _make_seq(out_t, elems, DYNAMIC)

    return run


def _unify_list_elements(elems: list[Value], unsafe: bool) -> list[Value]:
    from hclrun.values.unify import unify

    target = unify([e.type for e in elems], unsafe=unsafe)
    if target is None:
        # cty reports this with the last element's index on the path.
        raise ConversionError("cannot find a common base type for all elements", (len(elems) - 1,))
    out = []
    for i, e in enumerate(elems):
        if e.type == target:
            out.append(e)
            continue
        c = _conversion(e.type, target, unsafe)
        assert c is not None
        out.append(_convert_at(c, e, i))
    return out


def _object_to_map(in_t: ObjectType, out_t: MapType, unsafe: bool) -> Conversion | None:
    from hclrun.values.unify import unify

    atys = in_t.attributes
    out_ety = out_t.element
    if not atys:
        empty = Value(MapType(without_optional_deep(out_ety)), {})
        return lambda v: empty
    if out_ety is DYNAMIC:
        unified = unify(list(atys.values()), unsafe=unsafe)
        if unified is None:
            return None
        out_ety = unified
    convs: dict[str, Conversion | None] = {}
    for name, aty in atys.items():
        if aty == out_ety:
            convs[name] = None
            continue
        c = _conversion(aty, out_ety, unsafe)
        if c is None:
            return None
        convs[name] = c
    final_ety = out_ety

    def run(v: Value) -> Value:
        items = {}
        for k, e in v.raw.items():
            c = convs[k]
            items[k] = e if c is None else _convert_at(c, e, MapKey(k))
        if final_ety.is_collection or final_ety.is_object:
            items = _unify_elements(items, unsafe)
        types = {e.type for e in items.values()}
        if len(types) != 1:
            raise ConversionError("attribute types must all match for conversion to map")
        return Value(MapType(types.pop()), items)

    return run


def _map_to_object(in_t: MapType, out_t: ObjectType) -> Conversion | None:
    ety = in_t.element
    convs: dict[str, Conversion | None] = {}
    for name, aty in out_t.attributes.items():
        if aty == ety:
            continue
        c = _conversion(ety, aty, True)
        if c is None and name not in out_t.optional:
            return None
        convs[name] = c

    def run(v: Value) -> Value:
        attrs: dict[str, Value] = {}
        for k, e in v.raw.items():
            if k not in out_t.attributes:
                continue
            c = convs.get(k)
            if c is not None:
                e = _convert_at(c, e, MapKey(k))
            elif k in convs:
                msg = mismatch_message(e.type, out_t.attributes[k])
                raise ConversionError(f'map element type is incompatible with attribute "{k}": {msg}')
            attrs[k] = _null_plain(e)
        for name, aty in out_t.attributes.items():
            if name not in attrs:
                if name in out_t.optional:
                    attrs[name] = Value(without_optional_deep(aty), None)
                else:
                    raise ConversionError(f'map has no element for required attribute "{name}"')
        return Value.object(attrs)

    return run
