"""Functions over maps and objects: keys, values, lookup, merge, zipmap,
transpose, matchkeys."""

from __future__ import annotations

from hclrun.functions.collections_common import (
    convert_value,
    deep_unmarked,
    make_list,
    unify_types,
    values_equal,
)
from hclrun.functions.spec import ArgError, Function, FunctionCallError, PanicError, Parameter
from hclrun.values.strings import go_quote
from hclrun.values.types import (
    DYNAMIC,
    EMPTY_OBJECT,
    STRING,
    ListType,
    MapType,
    ObjectType,
    TupleType,
    Type,
)
from hclrun.values.value import SENSITIVE, Value

LIST_OF_ANY = ListType(DYNAMIC)
LIST_OF_STRING = ListType(STRING)


# ----------------------------------------------------------------- keys, values


def _keys_type(args: list[Value]) -> Type:
    t = args[0].type
    if t.is_map:
        return LIST_OF_STRING
    if t.is_object:
        return TupleType([STRING] * len(t.attributes))  # type: ignore[attr-defined]
    if t.is_dynamic:
        return DYNAMIC
    raise ArgError(0, "must have map or object type")


def _keys(args: list[Value], ret: Type) -> Value:
    m, marks = args[0].unmark()
    t = m.type
    if t.is_object:
        return Value.tuple(Value.string(k) for k in t.attributes).with_marks(marks)  # type: ignore[attr-defined]
    if not m.is_known:
        return Value.unknown(ret).with_marks(marks)
    return make_list([Value.string(k) for k in m.raw], STRING).with_marks(marks)


def _values_type(args: list[Value]) -> Type:
    t = args[0].type
    if t.is_map:
        return ListType(t.element)  # type: ignore[attr-defined]
    if t.is_object:
        return TupleType(t.attributes.values())  # type: ignore[attr-defined]
    if t.is_dynamic:
        return DYNAMIC
    raise FunctionCallError("values() requires a map as the first argument")


def _values(args: list[Value], ret: Type) -> Value:
    m, marks = args[0].unmark()
    if ret.is_tuple:
        return Value.tuple(m.raw.values()).with_marks(marks)
    return make_list(list(m.raw.values()), ret.element).with_marks(marks)  # type: ignore[attr-defined]


# ----------------------------------------------------------------- lookup


def _lookup_type(args: list[Value]) -> Type:
    if len(args) > 3:
        raise FunctionCallError(f"lookup() takes two or three arguments, got {len(args)}")
    t = args[0].type
    if t.is_object:
        if not args[1].is_known:
            return DYNAMIC
        key = args[1].unmark()[0].raw
        if key in t.attributes:  # type: ignore[attr-defined]
            return t.attributes[key]  # type: ignore[attr-defined,no-any-return]
        if len(args) == 3:
            return args[2].type
        raise ArgError(0, f"the given object has no attribute {go_quote(key)}")
    if t.is_map:
        if len(args) == 3:
            from hclrun.values.convert import ConversionError, convert

            try:
                convert(args[2].unmark()[0], t.element)  # type: ignore[attr-defined]
            except ConversionError:
                raise ArgError(2, "the default value must have the same type as the map elements") from None
        return t.element  # type: ignore[attr-defined,no-any-return]
    if t.is_dynamic:
        return DYNAMIC
    raise ArgError(0, "lookup() requires a map as the first argument")


def _lookup(args: list[Value], ret: Type) -> Value:
    m, marks = args[0].unmark()
    key_v, key_marks = args[1].unmark()
    marks = marks | key_marks
    if not m.is_known or not key_v.is_known:
        return Value.unknown(ret).with_marks(marks)
    key = key_v.raw
    if key in m.raw:
        return m.raw[key].with_marks(marks)  # type: ignore[no-any-return]
    if len(args) == 3:
        default = args[2]
        return convert_value(default, ret).with_marks(marks)
    shown = "(sensitive value)" if SENSITIVE in key_marks else go_quote(key)
    raise FunctionCallError(f"lookup failed to find key {shown}")


# ----------------------------------------------------------------- merge


def _merge_type(args: list[Value]) -> Type:
    if not args:
        return EMPTY_OBJECT
    attrs: dict[str, Type] = {}
    first: Type | None = None
    matching = True
    attrs_known = True
    for i, arg in enumerate(args):
        t = arg.type
        if t.is_dynamic:
            return DYNAMIC
        plain = arg.unmark()[0]
        if t.is_object and not plain.is_null:
            attrs.update(t.attributes)  # type: ignore[attr-defined]
        elif t.is_map:
            if plain.is_null:
                pass
            elif plain.is_known:
                for k in plain.raw:
                    attrs[k] = t.element  # type: ignore[attr-defined]
            else:
                attrs_known = False
        elif not t.is_object:
            raise FunctionCallError(f"arguments must be maps or objects, got {go_quote(t.friendly_name())}")
        if i == 0:
            first = t
            continue
        if t != first:
            matching = False
    if matching:
        assert first is not None
        return first
    if not attrs_known:
        return DYNAMIC
    return ObjectType(attrs)


def _merge(args: list[Value], ret: Type) -> Value:
    out: dict[str, Value] = {}
    marks: set[str] = set()
    for arg in args:
        if arg.is_null:
            continue
        plain, m = arg.unmark()
        if not (plain.type.is_object or plain.type.is_map):
            # Only reachable when the result type is dynamic (an untyped null came first).
            raise PanicError("attempt to iterate on non-collection, non-tuple type")
        marks.update(m)
        out.update(plain.raw)
    if ret.is_map:
        if not out:
            return Value.map({}, ret.element).with_marks(marks)  # type: ignore[attr-defined]
        return Value.map(out).with_marks(marks)
    return Value.object(out).with_marks(marks)


# ----------------------------------------------------------------- zipmap


def _zipmap_type(args: list[Value]) -> Type:
    keys, vals = args
    vt = vals.type
    if vt.is_list:
        return MapType(vt.element)  # type: ignore[attr-defined]
    if vt.is_tuple:
        if not keys.is_wholly_known:
            return DYNAMIC
        etys = vt.elements  # type: ignore[attr-defined]
        if keys.length() != len(etys):
            raise FunctionCallError(
                f"number of keys ({keys.length()}) does not match number of values ({len(etys)})"
            )
        attrs: dict[str, Type] = {}
        for i, (k, ety) in enumerate(zip(keys.raw, etys, strict=True)):
            k_plain = k.unmark()[0]
            if k_plain.is_null:
                raise FunctionCallError(f"keys list has null value at index {i}")
            attrs[k_plain.raw] = ety
        return ObjectType(attrs)
    if vt.is_dynamic:
        return DYNAMIC
    raise FunctionCallError("values argument must be a list or tuple value")


def _zipmap(args: list[Value], ret: Type) -> Value:
    keys, (vals, vals_marks) = args[0], args[1].unmark()
    return _zipmap_plain(keys, vals, ret).with_marks(vals_marks)


def _zipmap_plain(keys: Value, vals: Value, ret: Type) -> Value:
    if not keys.is_wholly_known or not vals.is_known:
        return Value.unknown(ret)
    if keys.length() != vals.length():
        raise FunctionCallError(
            f"number of keys ({keys.length()}) does not match number of values ({vals.length()})"
        )
    out: dict[str, Value] = {}
    marks: set[str] = set()
    for i, (k, v) in enumerate(zip(keys.raw, vals.raw, strict=True)):
        k_plain, km = k.unmark()
        if k_plain.is_null:
            raise FunctionCallError(f"keys list has null value at index {i}")
        marks.update(km)
        out[k_plain.raw] = v
    if ret.is_map:
        if not out:
            return Value.map({}, ret.element).with_marks(marks)  # type: ignore[attr-defined]
        return Value.map(out, ret.element).with_marks(marks)  # type: ignore[attr-defined]
    return Value.object(out).with_marks(marks)


# ----------------------------------------------------------------- transpose, matchkeys


def _transpose(args: list[Value], ret: Type) -> Value:
    m = args[0]
    if not m.is_wholly_known:
        return Value.unknown(ret)
    out: dict[str, list[Value]] = {}
    marks: set[str] = set()
    for key, lst in m.raw.items():
        lst_plain, lm = lst.unmark()
        marks.update(lm)
        if lst_plain.is_null:
            raise FunctionCallError("input must not contain null list")
        for v in lst_plain.raw:
            v_plain, vm = v.unmark()
            if v_plain.is_null:
                raise FunctionCallError("input list must not contain null string")
            marks.update(vm)
            out.setdefault(v_plain.raw, []).append(Value.string(key))
    result = {k: make_list(v, STRING) for k, v in out.items()}
    if not result:
        return Value.map({}, LIST_OF_STRING).with_marks(marks)
    return Value.map(result, LIST_OF_STRING).with_marks(marks)


def _matchkeys_type(args: list[Value]) -> Type:
    if unify_types([args[1].type, args[2].type]) is None:
        raise FunctionCallError("keys and searchset must be of the same type")
    return args[0].type


def _matchkeys(args: list[Value], ret: Type) -> Value:
    vals, keys, search = args
    if not vals.is_known:
        return Value.unknown(ListType(ret.element))  # type: ignore[attr-defined]
    if vals.length() != keys.length():
        raise FunctionCallError("length of keys and values should be equal")
    out: list[Value] = []
    if not keys.is_known or not search.is_known:
        return Value.unknown(ret)
    common = unify_types([keys.type, search.type])
    keys, search = convert_value(keys, common), convert_value(search, common)  # type: ignore[arg-type]
    for i, k in enumerate(keys.raw):
        for s in search.raw:
            eq = values_equal(k, s)
            if not eq.is_known:
                return Value.unknown(ret)
            if eq.raw:
                out.append(vals.raw[i])
                break
    return make_list(out, ret.element)  # type: ignore[attr-defined]


def map_functions() -> list[Function]:
    return [
        Function(
            "keys",
            (Parameter("inputMap", allow_unknown=True, allow_marked=True),),
            _keys_type,
            _keys,
            description="The keys of a map or the attribute names of an object, sorted.",
        ),
        Function(
            "values",
            (Parameter("mapping", allow_marked=True),),
            _values_type,
            _values,
            description="The elements of a map or object, in the order of their keys.",
        ),
        Function(
            "lookup",
            (Parameter("inputMap", allow_marked=True, allow_unknown=True),
             Parameter("key", STRING, allow_marked=True, allow_unknown=True)),
            _lookup_type,
            _lookup,
            variadic=Parameter("default", allow_null=True, allow_unknown=True, allow_marked=True,
                               allow_dynamic_type=True),
            description="The element of a map for a key, or a default when it is absent.",
        ),
        Function(
            "merge",
            (),
            _merge_type,
            _merge,
            variadic=Parameter("maps", allow_null=True, allow_marked=True, allow_dynamic_type=True),
            description="The attributes of several maps or objects; later ones win.",
        ),
        Function(
            "zipmap",
            (Parameter("keys", LIST_OF_STRING), Parameter("values", allow_marked=True)),
            _zipmap_type,
            _zipmap,
            description="A map (or object) built from a list of keys and a list of values.",
        ),
        Function(
            "transpose",
            (Parameter("values", MapType(LIST_OF_STRING)),),
            lambda _a: MapType(LIST_OF_STRING),
            deep_unmarked(_transpose),
            description="A map of lists of strings with keys and values swapped.",
        ),
        Function(
            "matchkeys",
            (Parameter("values", LIST_OF_ANY), Parameter("keys", LIST_OF_ANY),
             Parameter("searchset", LIST_OF_ANY)),
            _matchkeys_type,
            deep_unmarked(_matchkeys),
            description="The elements of a list whose corresponding keys are in a search set.",
        ),
    ]
