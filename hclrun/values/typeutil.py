"""Type transformations used by conversion: dropping optional-attribute
markers and filling ``any`` placeholders from a concrete type."""

from __future__ import annotations

from functools import lru_cache

from hclrun.values.types import DYNAMIC, ListType, MapType, ObjectType, SetType, TupleType, Type


@lru_cache(maxsize=2048)
def without_optional_deep(t: Type) -> Type:
    """``t`` with every ``optional(...)`` marker removed, at any depth."""
    if t.is_primitive or t.is_dynamic:
        return t
    if isinstance(t, ObjectType):
        attrs = {k: without_optional_deep(a) for k, a in t.attributes.items()}
        if not t.optional and all(attrs[k] is t.attributes[k] for k in attrs):
            return t
        return ObjectType(attrs)
    if isinstance(t, TupleType):
        return TupleType(without_optional_deep(e) for e in t.elements)
    if isinstance(t, ListType):
        return ListType(without_optional_deep(t.element))
    if isinstance(t, SetType):
        return SetType(without_optional_deep(t.element))
    if isinstance(t, MapType):
        return MapType(without_optional_deep(t.element))
    return t


def dynamic_replace(in_t: Type, out_t: Type) -> Type:
    """The type a null or unknown of type ``in_t`` gets when converted to ``out_t``:
    ``out_t`` with its ``any`` parts taken from ``in_t`` (cty's dynamicReplace)."""
    from hclrun.values.unify import unify

    if in_t is DYNAMIC:
        return out_t
    if out_t is DYNAMIC:
        return in_t
    if out_t.is_primitive:
        return out_t
    if isinstance(out_t, MapType):
        if isinstance(in_t, MapType):
            return MapType(dynamic_replace(in_t.element, out_t.element))
        if isinstance(in_t, ObjectType):
            unified = unify(list(in_t.attributes.values()), unsafe=True)
            return MapType(dynamic_replace(unified or DYNAMIC, out_t.element))
        return out_t
    if isinstance(out_t, ObjectType):
        attrs: dict[str, Type] = {}
        if isinstance(in_t, MapType):
            for name, aty in out_t.attributes.items():
                attrs[name] = dynamic_replace(in_t.element, aty)
        if isinstance(in_t, ObjectType):
            for name, aty in out_t.attributes.items():
                in_aty = in_t.attributes.get(name)
                attrs[name] = aty if in_aty is None else dynamic_replace(in_aty, aty)
        return ObjectType(attrs)
    if isinstance(out_t, SetType | ListType):
        make = SetType if isinstance(out_t, SetType) else ListType
        if isinstance(in_t, SetType | ListType):
            return make(dynamic_replace(in_t.element, out_t.element))
        if isinstance(in_t, TupleType):
            unified = unify(list(in_t.elements), unsafe=True)
            return make(dynamic_replace(unified or DYNAMIC, out_t.element))
        return out_t
    if isinstance(out_t, TupleType):
        in_elems = in_t.elements if isinstance(in_t, TupleType) else ()
        return TupleType(
            dynamic_replace(in_elems[i] if i < len(in_elems) else DYNAMIC, e)
            for i, e in enumerate(out_t.elements)
        )
    return out_t
