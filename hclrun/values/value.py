"""Values: an immutable typed value that may be null, unknown or marked.

Representation (``Value.raw``):

- null: ``None``
- unknown: an ``Unknown`` instance (with optional refinements)
- string: ``str`` (always NFC-normalised by the constructors)
- number: ``gmpy2.mpfr`` at 512 bits
- bool: ``bool``
- list, tuple: ``tuple[Value, ...]``
- set: ``tuple[Value, ...]`` in canonical set order, without duplicates
- map, object: ``dict[str, Value]`` with keys in sorted order (never mutated)

Marks (``"sensitive"``, ``"ephemeral"``) live on the value they were put on;
nested values carry their own marks. Operations must propagate them: use
``unmark()`` to take a value apart and ``with_marks()`` to put marks back.
Values know nothing about source positions.
"""

from __future__ import annotations

import builtins
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from hclrun.values import number as num
from hclrun.values.types import (
    BOOL,
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

_type_of = attrgetter("type")

SENSITIVE = "sensitive"
EPHEMERAL = "ephemeral"
NO_MARKS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Unknown:
    """An unknown value, optionally refined (cty's refinements).

    ``not_null``: known not to be null. ``string_prefix``: a known prefix.
    ``number_lower``/``number_upper``: inclusive bounds ``(value, inclusive)``.
    ``length_lower``/``length_upper``: bounds on a collection's length.
    """

    not_null: bool = False
    string_prefix: str = ""
    number_lower: tuple[Any, bool] | None = None
    number_upper: tuple[Any, bool] | None = None
    length_lower: int = 0
    length_upper: int | None = None


PLAIN_UNKNOWN = Unknown()


class Value:
    __slots__ = ("type", "raw", "marks")

    type: Type
    raw: Any
    marks: frozenset[str]

    def __init__(self, type_: Type, raw: Any, marks: frozenset[str] = NO_MARKS) -> None:
        self.type = type_
        self.raw = raw
        self.marks = marks

    # ------------------------------------------------------------ constructors

    @staticmethod
    def string(s: str) -> Value:
        if not s.isascii():
            s = unicodedata.normalize("NFC", s)
        return Value(STRING, s)

    @staticmethod
    def number(n: int | float | str | Any) -> Value:
        return Value(NUMBER, num.number(n))

    @staticmethod
    def bool(b: builtins.bool) -> Value:
        return TRUE if b else FALSE

    @staticmethod
    def null(t: Type = DYNAMIC) -> Value:
        return Value(t, None)

    @staticmethod
    def unknown(t: Type = DYNAMIC, refinement: Unknown = PLAIN_UNKNOWN) -> Value:
        return Value(t, refinement)

    @staticmethod
    def list(elements: Iterable[Value], element_type: Type | None = None) -> Value:
        """A list; ``element_type`` is required when empty, otherwise taken from the
        first element (callers must have unified element types already)."""
        elems = tuple(elements)
        if element_type is None:
            if not elems:
                raise ValueError("empty list needs an element type")
            element_type = elems[0].type
        return Value(ListType(element_type), elems)

    @staticmethod
    def set(elements: Iterable[Value], element_type: Type | None = None) -> Value:
        from hclrun.values.sets import canonical_set_elements

        elems = tuple(elements)
        if element_type is None:
            if not elems:
                raise ValueError("empty set needs an element type")
            element_type = elems[0].type
        # Set elements carry no marks: they move to the set itself, as in cty.
        marks = NO_MARKS
        if any(e.contains_marked() for e in elems):
            unmarked = []
            for e in elems:
                ue, m = e.unmark_deep()
                unmarked.append(ue)
                marks = marks | m
            elems = tuple(unmarked)
        return Value(SetType(element_type), canonical_set_elements(elems), marks)

    @staticmethod
    def map(items: Mapping[str, Value], element_type: Type | None = None) -> Value:
        if element_type is None:
            if not items:
                raise ValueError("empty map needs an element type")
            element_type = next(iter(items.values())).type
        return Value(MapType(element_type), {k: items[k] for k in sorted(items)})

    @staticmethod
    def tuple(elements: Iterable[Value]) -> Value:
        elems = tuple(elements)
        return Value(TupleType.of(tuple(map(_type_of, elems))), elems)

    @staticmethod
    def object(attrs: Mapping[str, Value]) -> Value:
        ordered = dict(sorted(attrs.items()))  # keys are unique: only they are compared
        return Value(ObjectType.of_sorted(tuple(zip(ordered, map(_type_of, ordered.values())))), ordered)

    # ------------------------------------------------------------ predicates

    @property
    def is_null(self) -> builtins.bool:
        return self.raw is None

    @property
    def is_known(self) -> builtins.bool:
        return not isinstance(self.raw, Unknown)

    @property
    def is_wholly_known(self) -> builtins.bool:
        """Known all the way down (no unknown nested anywhere)."""
        raw = self.raw
        if isinstance(raw, Unknown):
            return False
        if isinstance(raw, tuple):
            return all(v.is_wholly_known for v in raw)
        if isinstance(raw, dict):
            return all(v.is_wholly_known for v in raw.values())
        return True

    @property
    def is_marked(self) -> builtins.bool:
        return bool(self.marks)

    @property
    def is_sensitive(self) -> builtins.bool:
        return SENSITIVE in self.marks

    def contains_marked(self) -> builtins.bool:
        """True when this value or anything nested in it carries a mark."""
        if self.marks:
            return True
        raw = self.raw
        if isinstance(raw, tuple):
            nested: Iterable[Value] = raw
        elif isinstance(raw, dict):
            nested = raw.values()
        else:
            return False
        for v in nested:
            if v.marks or (isinstance(v.raw, tuple | dict) and v.contains_marked()):
                return True
        return False

    # ------------------------------------------------------------ marks

    def mark(self, *marks: str) -> Value:
        return self.with_marks(frozenset(marks))

    def with_marks(self, marks: frozenset[str] | Iterable[str]) -> Value:
        marks = frozenset(marks)
        if not marks or marks <= self.marks:
            return self
        return Value(self.type, self.raw, self.marks | marks)

    def unmark(self) -> builtins.tuple[Value, frozenset[str]]:
        """This value without its own (top-level) marks, and those marks."""
        if not self.marks:
            return self, NO_MARKS
        return Value(self.type, self.raw), self.marks

    def unmark_deep(self) -> builtins.tuple[Value, frozenset[str]]:
        """This value with every mark removed at every depth, and the union of them."""
        # A value with no marks anywhere is returned as it is, without copying.
        if not self.contains_marked():
            return self, NO_MARKS
        raw = self.raw
        marks = self.marks
        if isinstance(raw, tuple):
            new_elems = []
            changed = False
            for e in raw:
                ue, m = e.unmark_deep()
                if ue is not e:
                    changed = True
                    marks = marks | m
                new_elems.append(ue)
            if not changed and not marks:
                return self, NO_MARKS
            return Value(self.type, tuple(new_elems)), marks
        if isinstance(raw, dict):
            new_items = {}
            changed = False
            for k, e in raw.items():
                ue, m = e.unmark_deep()
                if ue is not e:
                    changed = True
                    marks = marks | m
                new_items[k] = ue
            if not changed and not marks:
                return self, NO_MARKS
            return Value(self.type, new_items), marks
        if not self.marks:
            return self, NO_MARKS
        return Value(self.type, raw), marks

    # ------------------------------------------------------------ access

    def __len__(self) -> int:
        raise TypeError("use length() on Value")

    def length(self) -> int:
        """Number of elements of a known collection or structural value."""
        return len(self.raw)

    def elements(self) -> Iterator[builtins.tuple[Value, Value]]:
        """(key, element) pairs of a known, non-null collection or structural value.

        Lists, tuples and sets have number keys (sets: the element itself, as cty does);
        maps and objects have string keys.
        """
        raw = self.raw
        if isinstance(raw, dict):
            for k, v in raw.items():
                yield Value.string(k) if not k.isascii() else Value(STRING, k), v
        elif self.type.is_set:
            for v in raw:
                yield v, v
        else:
            for i, v in enumerate(raw):
                yield index_value(i), v

    def as_python(self) -> Any:
        """A plain Python rendering, for tests: numbers as int where integral else float."""
        raw = self.raw
        if raw is None:
            return None
        if isinstance(raw, Unknown):
            return raw
        if self.type is NUMBER:
            return int(raw) if num.is_integer(raw) else float(raw)
        if isinstance(raw, tuple):
            return [v.as_python() for v in raw]
        if isinstance(raw, dict):
            return {k: v.as_python() for k, v in raw.items()}
        return raw

    # ------------------------------------------------------------ identity

    def raw_equals(self, other: Value) -> builtins.bool:
        """Exact equality of type, content, unknown-ness and marks (not HCL's ``==``)."""
        if self is other:
            return True
        if (self.type is not other.type and self.type != other.type) or self.marks != other.marks:
            return False
        a, b = self.raw, other.raw
        if isinstance(a, Unknown) or isinstance(b, Unknown):
            return isinstance(a, Unknown) and isinstance(b, Unknown) and a == b
        if a is None or b is None:
            return a is b
        if isinstance(a, tuple):
            return len(a) == len(b) and all(x.raw_equals(y) for x, y in zip(a, b, strict=True))
        if isinstance(a, dict):
            return a.keys() == b.keys() and all(a[k].raw_equals(b[k]) for k in a)
        return bool(a == b)

    def __eq__(self, other: builtins.object) -> builtins.bool:
        return isinstance(other, Value) and self.raw_equals(other)

    def __hash__(self) -> int:
        return hash(self.type)

    def __repr__(self) -> str:
        if isinstance(self.raw, Unknown):
            body = "unknown"
        elif self.raw is None:
            body = "null"
        elif self.type is NUMBER:
            body = num.format_number(self.raw)
        else:
            body = repr(self.raw)
        marks = f" marks={sorted(self.marks)}" if self.marks else ""
        return f"Value({self.type.type_expr()}, {body}{marks})"


def index_value(i: int) -> Value:
    """The element index ``i`` as a number value (64-bit, as cty's ``NumberIntVal``).

    Values are immutable, so the small indices every list, tuple and ``for``
    iteration uses are built once and shared."""
    if i < len(_INDEX_VALUES):
        return _INDEX_VALUES[i]
    if i < _SHARED_INDICES:
        while len(_INDEX_VALUES) <= i:
            _INDEX_VALUES.append(Value(NUMBER, num.int64_number(len(_INDEX_VALUES))))
        return _INDEX_VALUES[i]
    return Value(NUMBER, num.int64_number(i))


_SHARED_INDICES = 1024
_INDEX_VALUES: list[Value] = []

TRUE = Value(BOOL, True)
FALSE = Value(BOOL, False)
NULL = Value(DYNAMIC, None)
DYNAMIC_UNKNOWN = Value(DYNAMIC, PLAIN_UNKNOWN)
EMPTY_STRING = Value(STRING, "")
