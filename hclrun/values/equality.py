"""Value equality as HCL's ``==`` sees it (cty ``Value.Equals``).

Type-aware and deep: ``1 == "1"`` is false, ``[1] == tolist([1])`` is false
(tuple vs list). Unknowns make the answer unknown unless the types or
nullness already decide it; marks anywhere in either operand end up on the
result.
"""

from __future__ import annotations

from hclrun.values.number import numbers_equal
from hclrun.values.sets import hash_bytes
from hclrun.values.types import DYNAMIC, NUMBER
from hclrun.values.unknowns import NOT_NULL, definitely_not_null
from hclrun.values.value import FALSE, TRUE, Unknown, Value

_UNKNOWN = Value(FALSE.type, NOT_NULL)


def equals(a: Value, b: Value) -> Value:
    """cty's Equals: a bool, unknown when undecidable; marks of both sides on the result."""
    t = a.type
    if t.is_primitive and t is b.type and not a.marks and not b.marks:
        # Two unmarked primitives of one type: known and non-null, they compare directly.
        ar, br = a.raw, b.raw
        if ar is not None and br is not None and not isinstance(ar, Unknown) and not isinstance(br, Unknown):
            if t is NUMBER:
                return TRUE if numbers_equal(ar, br) else FALSE
            return TRUE if ar == br else FALSE
    if a.contains_marked() or b.contains_marked():
        a, ma = a.unmark_deep()
        b, mb = b.unmark_deep()
        return _equals(a, b).with_marks(ma | mb)
    return _equals(a, b)


def _equals(a: Value, b: Value) -> Value:
    ar, br = a.raw, b.raw
    if ar is None and definitely_not_null(b):
        return FALSE
    if br is None and definitely_not_null(a):
        return FALSE
    a_known = not isinstance(ar, Unknown)
    b_known = not isinstance(br, Unknown)
    if a_known != b_known:
        known, unknown = (a, b) if a_known else (b, a)
        if _excluded_by_refinement(known, unknown):
            return FALSE
        if known.raw is None or unknown.type.has_dynamic_types():
            return _UNKNOWN
        if known.type != unknown.type:
            return FALSE
        return _UNKNOWN
    if not a_known:
        return _UNKNOWN
    if ar is None or br is None:
        return TRUE if ar is None and br is None else FALSE
    if not _wholly_known_type(a) or not _wholly_known_type(b):
        if not _conforms(a.type, b.type) and not _conforms(b.type, a.type):
            return FALSE
        return _UNKNOWN
    if a.type != b.type:
        return FALSE
    result = _raw_equal(a, b)
    if result is None:
        return _UNKNOWN
    return TRUE if result else FALSE


def _raw_equal(a: Value, b: Value) -> bool | None:
    """Deep equality of two known, non-null values of the same type; None = unknown."""
    t = a.type
    ar, br = a.raw, b.raw
    if t is NUMBER:
        return numbers_equal(ar, br)
    if t.is_primitive:
        return bool(ar == br)
    if t.is_set:
        return _sets_equal(ar, br)
    if isinstance(ar, tuple):
        if len(ar) != len(br):
            return False
        pairs = list(zip(ar, br))
    else:
        if ar.keys() != br.keys():
            return False
        pairs = [(ar[k], br[k]) for k in ar]
    for x, y in pairs:
        eq = _equals(x, y)
        if not eq.is_known:
            return None
        if not eq.raw:
            return False
    return True


def _sets_equal(ar: tuple[Value, ...], br: tuple[Value, ...]) -> bool | None:
    if any(not e.is_known for e in ar) or any(not e.is_known for e in br):
        return None

    def has(container: tuple[Value, ...], v: Value) -> bool:
        h = hash_bytes(v)
        for c in container:
            if hash_bytes(c) == h and _equals(c, v).raw is True:
                return True
        return False

    return all(has(br, e) for e in ar) and all(has(ar, e) for e in br)


def _wholly_known_type(v: Value) -> bool:
    """cty's HasWhollyKnownType: no unknown value of type ``any`` anywhere inside."""
    raw = v.raw
    if raw is None:
        return True
    if isinstance(raw, Unknown):
        return v.type is not DYNAMIC
    if isinstance(raw, tuple):
        return all(_wholly_known_type(e) for e in raw)
    if isinstance(raw, dict):
        return all(_wholly_known_type(e) for e in raw.values())
    return True


def _conforms(given: object, want: object) -> bool:
    """cty's TestConformance: ``given`` matches ``want`` where ``want`` may hold ``any``."""
    from hclrun.values.types import ListType, MapType, ObjectType, SetType, TupleType

    if want is DYNAMIC:
        return True
    if isinstance(want, ListType | SetType | MapType):
        return type(given) is type(want) and _conforms(given.element, want.element)  # type: ignore[attr-defined]
    if isinstance(want, ObjectType):
        return (
            isinstance(given, ObjectType)
            and given.attributes.keys() == want.attributes.keys()
            and all(_conforms(given.attributes[k], want.attributes[k]) for k in want.attributes)
        )
    if isinstance(want, TupleType):
        return (
            isinstance(given, TupleType)
            and len(given.elements) == len(want.elements)
            and all(_conforms(g, w) for g, w in zip(given.elements, want.elements))
        )
    return given == want


def _excluded_by_refinement(known: Value, unknown: Value) -> bool:
    """True when the unknown's refinements rule out the known value."""
    ref: Unknown = unknown.raw
    kr = known.raw
    if kr is None:
        return ref.not_null
    if ref.string_prefix and isinstance(kr, str) and not kr.startswith(ref.string_prefix):
        return True
    if isinstance(kr, tuple | dict) and not known.type.is_tuple and not known.type.is_object:
        n = len(kr)
        if n < ref.length_lower or (ref.length_upper is not None and n > ref.length_upper):
            return True
    return False
