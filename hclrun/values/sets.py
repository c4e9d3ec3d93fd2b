"""Set element order and de-duplication (cty's set rules).

Sets of strings sort lexically by bytes, numbers ascending, bools false first;
other element types keep an internal order. Unknown elements sort last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hclrun.values.value import Value


def canonical_set_elements(elems: tuple[Value, ...]) -> tuple[Value, ...]:
    unique: list[Value] = []
    for e in elems:
        if e.is_known and any(u.raw_equals(e) for u in unique):
            continue
        unique.append(e)
    return tuple(sorted(unique, key=_sort_key))


def _sort_key(v: Value) -> Any:
    raw = v.raw
    if not v.is_known:
        return (2, 0, "")
    if raw is None:
        return (1, 0, "")
    if isinstance(raw, str):
        return (0, 0, raw.encode("utf-8"))
    if isinstance(raw, bool):
        return (0, 0, int(raw))
    if isinstance(raw, tuple | dict):
        return (0, 1, repr(v))
    return (0, 0, raw)
