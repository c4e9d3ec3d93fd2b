"""Why a type does not convert to another, in cty's words (``MismatchMessage``)."""

from __future__ import annotations

from hclrun.values.types import DYNAMIC, ObjectType, TupleType, Type


def mismatch_message(got: Type, want: Type) -> str:
    """Describe why ``got`` does not conform to ``want`` (call only after a failed conversion)."""
    if isinstance(got, ObjectType) and isinstance(want, ObjectType):
        return _objects(got, want)
    if got.is_tuple and want.is_list and want.element is DYNAMIC:  # type: ignore[attr-defined]
        return "all list elements must have the same type"
    if got.is_tuple and want.is_set and want.element is DYNAMIC:  # type: ignore[attr-defined]
        return "all set elements must have the same type"
    if got.is_object and want.is_map and want.element is DYNAMIC:  # type: ignore[attr-defined]
        return "all map elements must have the same type"
    if got.is_structural and want.is_collection:
        return _collection_from_structural(got, want)
    if got.is_collection and want.is_collection:
        return _collection_from_collection(got, want)
    return f"{want.friendly_name_for_constraint()} required"


def _objects(got: ObjectType, want: ObjectType) -> str:
    from hclrun.values.convert import can_convert

    missing = []
    unsafe_mismatch = ""
    safe_mismatch = ""
    for name, want_aty in want.attributes.items():
        got_aty = got.attributes.get(name)
        if got_aty is None:
            if name not in want.optional:
                missing.append(name)
            continue
        if got_aty == want_aty:
            continue
        if unsafe_mismatch:
            continue
        if not can_convert(got_aty, want_aty, unsafe=True):
            unsafe_mismatch = f'attribute "{name}": {mismatch_message(got_aty, want_aty)}'
        if safe_mismatch:
            continue
        if not can_convert(got_aty, want_aty, unsafe=False):
            safe_mismatch = f'attribute "{name}": {mismatch_message(got_aty, want_aty)}'
    if missing:
        missing.sort()
        quoted = [f'"{m}"' for m in missing]
        if len(quoted) == 1:
            return f"attribute {quoted[0]} is required"
        if len(quoted) == 2:
            return f"attributes {quoted[0]} and {quoted[1]} are required"
        return f"attributes {', '.join(quoted[:-1])}, and {quoted[-1]} are required"
    return unsafe_mismatch or safe_mismatch or "incorrect object attributes"


def _collection_from_structural(got: Type, want: Type) -> str:
    from hclrun.values.convert import can_convert

    if (want.is_list or want.is_set) and not got.is_tuple:
        return f"{want.friendly_name_for_constraint()} required"
    if want.is_map and not got.is_object:
        return f"{want.friendly_name_for_constraint()} required"
    want_ety: Type = want.element  # type: ignore[attr-defined]
    if isinstance(got, TupleType):
        for i, ety in enumerate(got.elements):
            if ety != want_ety and not can_convert(ety, want_ety, unsafe=True):
                return f"element {i}: {mismatch_message(ety, want_ety)}"
    elif isinstance(got, ObjectType):
        for name, aty in got.attributes.items():
            if aty != want_ety and not can_convert(aty, want_ety, unsafe=True):
                return f'element "{name}": {mismatch_message(aty, want_ety)}'
    return f"all elements must be {want_ety.friendly_name_for_constraint()}"


def _collection_from_collection(got: Type, want: Type) -> str:
    if (want.is_list or want.is_set) and not (got.is_list or got.is_set):
        return f"{want.friendly_name_for_constraint()} required"
    if want.is_map and not got.is_map:
        return f"{want.friendly_name_for_constraint()} required"
    noun = "list element type" if want.is_list else "set element type" if want.is_set else "map element type"
    got_ety: Type = got.element  # type: ignore[attr-defined]
    want_ety: Type = want.element  # type: ignore[attr-defined]
    return f"incorrect {noun}: {mismatch_message(got_ety, want_ety)}"
