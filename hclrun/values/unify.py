"""Type unification: the single type a list of types can all convert to
(cty's ``convert.Unify`` / ``UnifyUnsafe``).

HCL uses the unsafe variant for conditional results and most function
parameters; with it, ``number`` and ``string`` unify to ``string`` and
``bool`` and ``number`` do not unify at all. Objects with different
attribute sets unify to a map when their attribute types unify; tuples of
different lengths to a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from hclrun.values.types import DYNAMIC, STRING, ListType, MapType, ObjectType, SetType, TupleType, Type

__all__ = ["unify", "unify_unsafe"]


def unify(types: Sequence[Type], *, unsafe: bool = False) -> Type | None:
    """The common type of ``types``, or None when there is none."""
    return _unify(tuple(types), unsafe)


def unify_unsafe(types: Sequence[Type]) -> Type | None:
    return _unify(tuple(types), True)


def _can(a: Type, b: Type, unsafe: bool) -> bool:
    from hclrun.values.convert import can_convert

    return can_convert(a, b, unsafe=unsafe)


@lru_cache(maxsize=4096)
def _unify(types: tuple[Type, ...], unsafe: bool) -> Type | None:
    if not types:
        return None
    if len(types) == 1:
        return types[0]
    first = types[0]
    if all(t == first for t in types):
        return first
    maps = lists = sets = objects = tuples = dynamics = 0
    for t in types:
        if t.is_map:
            maps += 1
        elif t.is_list:
            lists += 1
        elif t.is_set:
            sets += 1
        elif t.is_object:
            objects += 1
        elif t.is_tuple:
            tuples += 1
        elif t is DYNAMIC:
            dynamics += 1
    n = len(types)
    if maps and maps + dynamics == n:
        return _collections(MapType, types, unsafe, dynamics > 0)
    if maps and maps + objects + dynamics == n:
        mapped = _objects_as_maps(types, unsafe)
        if mapped is not None:
            return mapped
    elif lists and lists + dynamics == n:
        return _collections(ListType, types, unsafe, dynamics > 0)
    elif lists and lists + tuples + dynamics == n:
        listed = _tuples_as_list(types, unsafe)
        if listed is not None:
            return listed
    elif sets and sets + dynamics == n:
        return _collections(SetType, types, unsafe, dynamics > 0)
    elif objects and objects + dynamics == n:
        return _object_types(types, unsafe, dynamics > 0)
    elif tuples and tuples + dynamics == n:
        return _tuple_types(types, unsafe, dynamics > 0)
    elif objects and tuples:
        return None
    return _by_preference(types, unsafe)


def _by_preference(types: tuple[Type, ...], unsafe: bool) -> Type | None:
    for want_idx in _preference_order(types):
        want = types[want_idx]
        if all(i == want_idx or t == want or _can(t, want, unsafe) for i, t in enumerate(types)):
            return want
    return None


def _collections(make: type, types: tuple[Type, ...], unsafe: bool, has_dynamic: bool) -> Type | None:
    if has_dynamic:
        return DYNAMIC
    ety = _unify(tuple(t.element for t in types), unsafe)  # type: ignore[attr-defined]
    if ety is None:
        return None
    result: Type = make(ety)
    if all(t == result or _can(t, result, unsafe) for t in types):
        return result
    return None


def _objects_as_maps(types: tuple[Type, ...], unsafe: bool) -> Type | None:
    objs = tuple(t for t in types if t.is_object)
    as_map = _objects_to_map(objs, unsafe)
    if as_map is None or not as_map.is_map:
        return None
    result = _unify(tuple(as_map if t.is_object else t for t in types), unsafe)
    return result if result is not None and result.is_map else None


def _tuples_as_list(types: tuple[Type, ...], unsafe: bool) -> Type | None:
    tups = tuple(t for t in types if t.is_tuple)
    as_list = _tuples_to_list(tups, unsafe)
    if as_list is None or not as_list.is_list:
        return None
    result = _unify(tuple(as_list if t.is_tuple else t for t in types), unsafe)
    return result if result is not None and result.is_list else None


def _object_types(types: tuple[Type, ...], unsafe: bool, has_dynamic: bool) -> Type | None:
    if has_dynamic:
        return DYNAMIC
    objs: list[ObjectType] = [t for t in types]  # type: ignore[misc]
    names = objs[0].attributes.keys()
    if any(o.attributes.keys() != names for o in objs[1:]):
        return _objects_to_map(types, unsafe)
    attrs = {}
    for name in names:
        aty = _unify(tuple(o.attributes[name] for o in objs), unsafe)
        if aty is None:
            return None
        attrs[name] = aty
    result = ObjectType(attrs)
    if all(t == result or _can(t, result, unsafe) for t in types):
        return result
    return _objects_to_map(types, unsafe)


def _objects_to_map(types: tuple[Type, ...], unsafe: bool) -> Type | None:
    atys = tuple(aty for t in types for aty in t.attributes.values())  # type: ignore[attr-defined]
    ety = _unify(atys, unsafe)
    if ety is None:
        return None
    result = MapType(ety)
    if all(t == result or _can(t, result, unsafe) for t in types):
        return result
    return None


def _tuple_types(types: tuple[Type, ...], unsafe: bool, has_dynamic: bool) -> Type | None:
    if has_dynamic:
        return DYNAMIC
    tups: list[TupleType] = [t for t in types]  # type: ignore[misc]
    length = len(tups[0].elements)
    if any(len(t.elements) != length for t in tups[1:]):
        return _tuples_to_list(types, unsafe)
    etys = []
    for i in range(length):
        ety = _unify(tuple(t.elements[i] for t in tups), unsafe)
        if ety is None:
            return None
        etys.append(ety)
    result = TupleType(etys)
    if all(t == result or _can(t, result, unsafe) for t in types):
        return result
    return _tuples_to_list(types, unsafe)


def _tuples_to_list(types: tuple[Type, ...], unsafe: bool) -> Type | None:
    etys = tuple(e for t in types for e in t.elements)  # type: ignore[attr-defined]
    ety = _unify(etys, unsafe)
    if ety is None:
        return None
    result = ListType(ety)
    if all(t == result or _can(t, result, unsafe) for t in types):
        return result
    return None


# --------------------------------------------------------------------------- preference order


def _compare(a: Type, b: Type) -> int:
    """cty's compareTypes: negative when ``a`` is the more general (preferred) type."""
    if a is DYNAMIC or b is DYNAMIC:
        if a is not DYNAMIC:
            return -1
        if b is not DYNAMIC:
            return 1
        return 0
    if a.is_primitive and b.is_primitive:
        if a is STRING or b is STRING:
            if a is not STRING:
                return 1
            if b is not STRING:
                return -1
        return 0
    for kind in ("is_list", "is_set", "is_map"):
        if getattr(a, kind) and getattr(b, kind):
            return _compare(a.element, b.element)  # type: ignore[attr-defined]
    swap = 1
    if (
        (a.is_tuple and b.is_list)
        or (a.is_object and b.is_map)
        or (a.is_set and b.is_tuple)
        or (a.is_set and b.is_list)
    ):
        a, b = b, a
        swap = -1
    if b.is_set and (a.is_tuple or a.is_list):
        return -swap
    if a.is_list and b.is_tuple:
        return -swap
    if a.is_map and b.is_object:
        return -swap
    if isinstance(a, ObjectType) and isinstance(b, ObjectType):
        if a.attributes.keys() != b.attributes.keys():
            return 0
        return _supers((_compare(a.attributes[k], b.attributes[k]) for k in a.attributes), swap)
    if isinstance(a, TupleType) and isinstance(b, TupleType):
        if len(a.elements) != len(b.elements):
            return 0
        return _supers((_compare(x, y) for x, y in zip(a.elements, b.elements)), swap)
    return 0


def _supers(cmps: object, swap: int) -> int:
    a_super = b_super = False
    for c in cmps:  # type: ignore[attr-defined]
        if c < 0:
            a_super = True
        elif c > 0:
            b_super = True
    if a_super and b_super:
        return 0
    if a_super:
        return -swap
    if b_super:
        return swap
    return 0


def _preference_order(types: tuple[Type, ...]) -> list[int]:
    """cty's sortTypes: a topological order of "more general first" (Kahn's algorithm);
    positions left unfilled by a cycle stay 0, as in cty."""
    n = len(types)
    edges: list[list[int]] = [[] for _ in range(n)]
    for i in range(n - 1):
        for j in range(i + 1, n):
            c = _compare(types[i], types[j])
            if c < 0:
                edges[i].append(j)
            elif c > 0:
                edges[j].append(i)
    in_degree = [0] * n
    for outs in edges:
        for j in outs:
            in_degree[j] += 1
    result = [0] * n
    filled = 0
    head = 0
    for i, d in enumerate(in_degree):
        if d == 0:
            result[filled] = i
            filled += 1
    while head < filled:
        i = result[head]
        head += 1
        for j in edges[i]:
            in_degree[j] -= 1
            if in_degree[j] == 0:
                result[filled] = j
                filled += 1
    return result
