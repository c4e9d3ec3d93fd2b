"""A record behaves as the frozen dataclass it replaces: same fields, equality, hash, repr and copies."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest

from hclrun.records import record


@record(slots=True)
class Point:
    x: int
    label: str = "p"


@dataclass(frozen=True, slots=True)
class PointDataclass:
    x: int
    label: str = "p"


@record(slots=True)
class Single:
    value: float


@dataclass(frozen=True, slots=True)
class SingleDataclass:
    value: float


@record
class Tagged:
    name: str
    secret: bytes = field(default=b"", repr=False)
    note: str = field(default="", compare=False)
    extra: tuple[int, ...] = field(default=(), hash=False)


@dataclass(frozen=True)
class TaggedDataclass:
    name: str
    secret: bytes = field(default=b"", repr=False)
    note: str = field(default="", compare=False)
    extra: tuple[int, ...] = field(default=(), hash=False)


@record(frozen=False)
class Bag:
    items: list[int] = field(default_factory=list)


@record
class OwnMethods:
    a: int

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 7

    def __repr__(self) -> str:
        return "mine"


@record(eq=False)
class Identified:
    a: int


@record(frozen=False)
class Node:
    children: list[Any] = field(default_factory=list)


NAN = float("nan")  # hashed by identity


def _without_prefix(text: str) -> str:
    return text.split("(", 1)[1]


@pytest.mark.parametrize(
    ("made", "reference"),
    [
        (Point(1), PointDataclass(1)),
        (Point(2, "q"), PointDataclass(2, "q")),
        (Single(NAN), SingleDataclass(NAN)),
        (Tagged("a", b"s", "n", (1,)), TaggedDataclass("a", b"s", "n", (1,))),
    ],
    ids=["default", "given", "single-nan", "field-options"],
)
def test_matches_frozen_dataclass(made: Any, reference: Any) -> None:
    assert [f.name for f in dataclasses.fields(made)] == [f.name for f in dataclasses.fields(reference)]
    assert hash(made) == hash(reference)
    assert _without_prefix(repr(made)) == _without_prefix(repr(reference))
    assert repr(made).startswith(type(made).__qualname__ + "(")
    assert dataclasses.astuple(made) == dataclasses.astuple(reference)
    assert type(made).__match_args__ == type(reference).__match_args__
    assert made == made and not made != made  # identical field values compare equal, NaN included
    assert made == copy.copy(made) and repr(pickle.loads(pickle.dumps(made))) == repr(made)


def test_equality_is_by_class_and_compared_fields() -> None:
    assert Point(1) == Point(1, "p") and Point(1) != Point(1, "q")
    assert Point(1) != PointDataclass(1)
    assert Tagged("a", note="x") == Tagged("a", note="y")  # compare=False
    assert Tagged("a", extra=(1,)) != Tagged("a", extra=(2,))
    assert hash(Tagged("a", extra=(1,))) == hash(Tagged("a", extra=(2,)))  # hash=False
    assert Single(float("nan")) != Single(float("nan"))  # two NaN objects differ, as in a dataclass
    assert Point.__eq__(Point(1), 1) is NotImplemented


def test_undocumented_record_is_described_by_its_fields() -> None:
    assert Point.__doc__ == "Point(x, label)" and Identified.__doc__ == "Identified(a)"


def test_replace_and_fields() -> None:
    moved = dataclasses.replace(Point(1, "a"), x=5)
    assert moved == Point(5, "a") and dataclasses.is_dataclass(moved)
    assert pickle.loads(pickle.dumps(moved)) == moved
    assert "secret" not in repr(Tagged("a", b"hidden"))


def test_mutable_record_is_unhashable_and_compared_by_value() -> None:
    bag = Bag()
    bag.items.append(1)
    assert bag == Bag([1]) and bag != Bag([2])
    with pytest.raises(TypeError):
        hash(bag)
    assert Bag().items is not Bag().items


def test_own_methods_are_kept() -> None:
    assert OwnMethods(1) == OwnMethods(2) and hash(OwnMethods(1)) == 7 and repr(OwnMethods(1)) == "mine"


def test_recursive_repr_is_cut() -> None:
    node = Node()
    node.children.append(node)
    assert repr(node) == "Node(children=[...])"


def test_record_without_eq_is_compared_by_identity() -> None:
    one = Identified(1)
    assert one == one and one != Identified(1) and hash(one) == object.__hash__(one)


def test_fields_are_worked_out_on_first_use() -> None:
    @record(slots=True)
    class Late:
        a: int
        items: list[int] = field(default_factory=list)

    assert not isinstance(Late.__dict__["__dataclass_fields__"], dict)  # not worked out yet
    assert [f.name for f in dataclasses.fields(Late)] == ["a", "items"]
    assert Late.__match_args__ == ("a", "items")
    first, second = Late(1), Late(a=2)
    assert first.items == [] and first.items is not second.items
    assert not hasattr(first, "__dict__") and Late.__slots__ == ("a", "items")
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'a'"):
        Late()  # type: ignore[call-arg]
    assert dataclasses.is_dataclass(Late)


def test_first_instances_from_many_threads() -> None:
    @record
    class Shared:
        a: int
        tags: dict[str, int] = field(default_factory=dict)

    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(Shared, range(64)))
    assert made == [Shared(i) for i in range(64)] and all(m.tags == {} for m in made)


def test_positional_patterns_match_fields() -> None:
    match Point(3, "z"):
        case Point(x, label):
            assert (x, label) == (3, "z")
        case _:
            pytest.fail("no match")


def test_class_variables_and_own_init_are_refused() -> None:
    with pytest.raises(TypeError):

        @record
        class WithClassVar:
            a: ClassVar[int]

    with pytest.raises(TypeError):

        @record
        class WithInit:
            a: int

            def __init__(self) -> None:
                pass
