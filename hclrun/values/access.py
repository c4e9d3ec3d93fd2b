"""Traversal steps on values as HCL applies them: ``x[key]``, ``x.name``, and
collection length. Failures raise ``OperationError`` with Terraform's
summary and detail and ``subject="traversal"``.
"""

from __future__ import annotations

from dataclasses import replace

import gmpy2

from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError, OperationError
from hclrun.values.types import DYNAMIC, NUMBER, STRING, ObjectType
from hclrun.values.unknowns import NOT_NULL
from hclrun.values.value import DYNAMIC_UNKNOWN, NO_MARKS, Unknown, Value

__all__ = ["get_attr", "index", "length"]

_INVALID_INDEX = "Invalid index"
_NO_ELEMENT = "The given key does not identify an element in this collection value"
_UNSUPPORTED = "Unsupported attribute"


def _index_error(detail: str) -> OperationError:
    return OperationError(_INVALID_INDEX, detail, "traversal")


def index(collection: Value, key: Value) -> Value:
    """``collection[key]`` (HCL's ``Index``)."""
    if collection.raw is None:
        raise OperationError(
            "Attempt to index null value", "This value is null, so it does not have any indices.", "traversal"
        )
    if key.raw is None:
        raise _index_error("Can't use a null value as an indexing key.")
    t = collection.type
    if key.type is DYNAMIC or t is DYNAMIC:
        return DYNAMIC_UNKNOWN.with_marks(collection.marks)
    if t.is_list or t.is_tuple or t.is_map:
        key = _convert_key(key, STRING if t.is_map else NUMBER)
        return _index_sequence_or_map(collection, key)
    if isinstance(t, ObjectType):
        was_number = key.type is NUMBER
        key = _convert_key(key, STRING)
        if not collection.is_known or not key.is_known:
            return DYNAMIC_UNKNOWN.with_marks(collection.marks)
        name = key.raw
        if name not in t.attributes:
            hint = (
                " An object only supports looking up attributes by name, not by numeric index."
                if was_number
                else ""
            )
            raise _index_error(f"{_NO_ELEMENT}.{hint}")
        # HCL looks the attribute up with the unmarked key: the key's marks are dropped.
        return _element(collection, name, NO_MARKS)
    if t.is_set:
        raise _index_error(
            "Elements of a set are identified only by their value and don't have any separate index or key "
            "to select with, so it's only possible to perform operations across all elements of the set."
        )
    raise _index_error("This value does not have any indices.")


def _convert_key(key: Value, want: object) -> Value:
    try:
        return convert(key, want)  # type: ignore[arg-type]
    except ConversionError as err:
        raise _index_error(f"{_NO_ELEMENT}: {err}.") from None


def _element(collection: Value, k: str | int, key_marks: frozenset[str]) -> Value:
    elem: Value = collection.raw[k]
    marks = collection.marks | key_marks
    return elem.with_marks(marks) if marks else elem


def _index_sequence_or_map(collection: Value, key: Value) -> Value:
    t = collection.type
    marks = collection.marks
    if not key.is_known or (not collection.is_known and not t.is_tuple):
        if t.is_tuple:
            return DYNAMIC_UNKNOWN.with_marks(marks)
        return Value(t.element, Unknown()).with_marks(marks)  # type: ignore[attr-defined]
    if t.is_map:
        if key.raw not in collection.raw:
            raise _index_error(f"{_NO_ELEMENT}.")
        return _element(collection, key.raw, key.marks)
    n = key.raw
    length = len(t.elements) if t.is_tuple else len(collection.raw)  # type: ignore[attr-defined]
    if not gmpy2.is_integer(n):
        raise _index_error(
            f"{_NO_ELEMENT}: indexing a sequence requires a whole number, but the given index has a "
            "fractional part."
        )
    if n < 0:
        raise _index_error(f"{_NO_ELEMENT}: a negative number is not a valid index for a sequence.")
    i = int(n)
    if i >= length:
        # HCL explains only an index equal to the (unmarked) length; any larger
        # index gets the generic message.
        if i > length or marks:
            raise _index_error(f"{_NO_ELEMENT}.")
        if length == 0:
            raise _index_error(f"{_NO_ELEMENT}: the collection has no elements.")
        raise _index_error(
            f"{_NO_ELEMENT}: the given index is greater than or equal to the length of the collection."
        )
    if not collection.is_known:
        return Value(t.elements[i], Unknown()).with_marks(marks | key.marks)  # type: ignore[attr-defined]
    return _element(collection, i, key.marks)


def get_attr(obj: Value, name: str) -> Value:
    """``obj.name`` (HCL's ``GetAttr``)."""
    if obj.raw is None:
        raise OperationError(
            "Attempt to get attribute from null value",
            "This value is null, so it does not have any attributes.",
            "traversal",
        )
    t = obj.type
    if isinstance(t, ObjectType):
        if name not in t.attributes:
            raise OperationError(
                _UNSUPPORTED, f'This object does not have an attribute named "{name}".', "traversal"
            )
        if not obj.is_known:
            return Value(t.attributes[name], Unknown()).with_marks(obj.marks)
        return _element(obj, name, NO_MARKS)
    if t.is_map:
        if not obj.is_known:
            return Value(t.element, Unknown()).with_marks(obj.marks)  # type: ignore[attr-defined]
        if name not in obj.raw:
            raise OperationError(
                "Missing map element",
                f'This map does not have an element with the key "{name}".',
                "traversal",
            )
        return _element(obj, name, NO_MARKS)
    if t is DYNAMIC:
        return DYNAMIC_UNKNOWN.with_marks(obj.marks)
    if (t.is_list or t.is_set) and t.element.is_object:  # type: ignore[attr-defined]
        if t.is_set:
            raise OperationError(
                _UNSUPPORTED,
                "Can't access attributes on a set of objects. Did you mean to access an attribute across all "
                "elements of the set?",
                "traversal",
            )
        if name in t.element.attributes:  # type: ignore[attr-defined]
            detail = (
                "Can't access attributes on a list of objects. Did you mean to access attribute "
                f'"{name}" for a specific element of the list, or across all elements of the list?'
            )
        else:
            detail = (
                "Can't access attributes on a list of objects. Did you mean to access an attribute for a "
                "specific element of the list, or across all elements of the list?"
            )
        raise OperationError(_UNSUPPORTED, detail, "traversal")
    if t.is_primitive:
        raise OperationError(
            _UNSUPPORTED,
            f"Can't access attributes on a primitive-typed value ({t.friendly_name()}).",
            "traversal",
        )
    raise OperationError(_UNSUPPORTED, "This value does not have any attributes.", "traversal")


def length(v: Value) -> Value:
    """The number of elements of a collection or structural value (cty ``Value.Length``),
    unknown when that is not known yet; marks of ``v`` carry over."""
    t = v.type
    if t.is_tuple:
        return Value.number(len(t.elements)).with_marks(v.marks)  # type: ignore[attr-defined]
    raw = v.raw
    if isinstance(raw, Unknown):
        ref = replace(NOT_NULL)
        lo, hi = raw.length_lower, raw.length_upper
        if hi is not None and lo == hi:
            return Value.number(lo).with_marks(v.marks)
        ref = replace(
            ref,
            number_lower=(Value.number(lo).raw, True),
            number_upper=None if hi is None else (Value.number(hi).raw, True),
        )
        return Value(NUMBER, ref, v.marks)
    if t.is_set and any(not e.is_wholly_known for e in raw):
        n = len(raw)
        ref = Unknown(
            not_null=True,
            number_lower=(Value.number(min(n, 1)).raw, True),
            number_upper=(Value.number(n).raw, True),
        )
        return Value(NUMBER, ref, v.marks)
    return Value.number(len(raw)).with_marks(v.marks)
