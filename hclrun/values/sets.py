"""Set element order and de-duplication (cty's set rules).

cty keeps set elements in hash buckets (CRC-32 of a canonical byte string)
and iterates them by ascending bucket, then stably sorts with its ordering
rule: known non-null elements first, then by value for strings (bytewise),
numbers (numerically) and bools (false first); elements of any other type
by their canonical byte string. Unknown elements come after known ones.
Duplicates (by value equality) are dropped; elements that are not wholly
known never count as duplicates.

Sets hold no marks on their elements: ``Value.set`` hoists element marks onto
the set, as cty does.
"""

from __future__ import annotations

import functools
import zlib
from typing import TYPE_CHECKING, Any

import gmpy2

from hclrun.values.number import format_number, is_integer
from hclrun.values.strings import go_quote
from hclrun.values.types import BOOL, NUMBER, STRING

if TYPE_CHECKING:
    from hclrun.values.value import Value


def canonical_set_elements(elems: tuple[Value, ...]) -> tuple[Value, ...]:
    """The distinct elements of ``elems`` in cty's iteration order."""
    if not elems:
        return ()
    ety = elems[0].type
    if ety is STRING or ety is NUMBER or ety is BOOL:
        return _primitive_set(elems)
    seen: set[Any] = set()
    buckets: dict[int, list[tuple[bytes, Value]]] = {}
    for e in elems:
        key = _identity_key(e)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        h = hash_bytes(e)
        buckets.setdefault(zlib.crc32(h), []).append((h, e))
    ordered = [item for bucket_id in sorted(buckets) for item in buckets[bucket_id]]
    ordered.sort(key=functools.cmp_to_key(_compare_entries))
    return tuple(e for _, e in ordered)


def _primitive_set(elems: tuple[Value, ...]) -> tuple[Value, ...]:
    known: dict[Any, Value] = {}
    nulls: list[Value] = []
    unknowns: list[Value] = []
    for e in elems:
        raw = e.raw
        if raw is None:
            if not nulls:
                nulls.append(e)
        elif not e.is_known:
            unknowns.append(e)
        else:
            k = raw.encode("utf-8") if isinstance(raw, str) else _number_key(raw)
            if k not in known:
                known[k] = e
    keys = sorted(known, key=lambda k: k if isinstance(k, bytes | bool) else known[k].raw)
    # cty's ordering puts unknowns before nulls when both appear (its rule is not
    # a total order there); sets of primitives rarely hold either.
    return tuple(known[k] for k in keys) + tuple(unknowns) + tuple(nulls)


def _number_key(raw: Any) -> Any:
    """Numbers that cty considers equal share a key: integers by value, others by printed form."""
    if isinstance(raw, bool) or is_integer(raw):
        return raw
    return format_number(raw)


def _compare_entries(a: tuple[bytes, Value], b: tuple[bytes, Value]) -> int:
    av, bv = a[1], b[1]
    if _less(av, a[0], bv, b[0]):
        return -1
    if _less(bv, b[0], av, a[0]):
        return 1
    return 0


def _less(v1: Value, h1: bytes, v2: Value, h2: bytes) -> bool:
    if v2.raw is None and v1.raw is not None:
        return True
    if v1.raw is None:
        return False
    if v1.is_known and not v2.is_known:
        return True
    if not v1.is_known:
        return False
    return h1 < h2


def _identity_key(v: Value) -> Any:
    """A hashable key equal for values cty's ``Equals`` says are equal, or None when
    the value holds unknowns (such elements never merge)."""
    raw = v.raw
    if raw is None:
        return ("~",)
    if not v.is_known:
        return None
    if isinstance(raw, tuple):
        parts = []
        for e in raw:
            k = _identity_key(e)
            if k is None:
                return None
            parts.append(k)
        return ("[", *parts)
    if isinstance(raw, dict):
        items = []
        for name, e in raw.items():
            k = _identity_key(e)
            if k is None:
                return None
            items.append((name, k))
        return ("{", *items)
    if isinstance(raw, bool):
        return ("b", raw)
    if isinstance(raw, str):
        return ("s", raw)
    return ("n", raw)


def hash_bytes(v: Value) -> bytes:
    """cty's canonical set-hash string of a value (marks ignored)."""
    out: list[str] = []
    _append_hash(v, out)
    return "".join(out).encode("utf-8")


def _append_hash(v: Value, out: list[str]) -> None:
    raw = v.raw
    if not v.is_known:
        out.append("?")
        return
    if raw is None:
        out.append("~")
        return
    t = v.type
    if t is NUMBER:
        out.append(go_float_g10(raw))
    elif t is BOOL:
        out.append("T" if raw else "F")
    elif t is STRING:
        out.append(go_quote(raw))
    elif t.is_map:
        out.append("{")
        for k, e in raw.items():
            out.append(go_quote(k))
            out.append(":")
            _append_hash(e, out)
            out.append(";")
        out.append("}")
    elif t.is_list or t.is_set:
        out.append("[")
        for e in raw:
            _append_hash(e, out)
            out.append(";")
        out.append("]")
    else:  # object (attributes sorted by name) or tuple
        out.append("<")
        for e in raw.values() if isinstance(raw, dict) else raw:
            _append_hash(e, out)
            out.append(";")
        out.append(">")


def go_float_g10(n: Any) -> str:
    """Go's ``big.Float.String()``: ``%.10g``, trailing zeros trimmed."""
    if gmpy2.is_infinite(n):
        return "+Inf" if n > 0 else "-Inf"
    if n == 0:
        return "-0" if gmpy2.is_signed(n) else "0"
    digits, exp, _ = n.digits(10, 10)
    neg = digits.startswith("-")
    mant = (digits[1:] if neg else digits).rstrip("0") or "0"
    sign = "-" if neg else ""
    # value = 0.MANT x 10**exp; Go's decimal exponent is ``exp``.
    prec = 10
    eprec = prec
    if eprec > len(mant) and len(mant) >= exp:
        eprec = len(mant)
    x = exp - 1
    if x < -4 or x >= eprec:
        body = mant[0] + ("." + mant[1:] if len(mant) > 1 else "")
        esign = "-" if x < 0 else "+"
        return f"{sign}{body}e{esign}{abs(x):02d}"
    if exp <= 0:
        return f"{sign}0.{'0' * -exp}{mant}"
    if exp >= len(mant):
        return f"{sign}{mant}{'0' * (exp - len(mant))}"
    return f"{sign}{mant[:exp]}.{mant[exp:]}"
