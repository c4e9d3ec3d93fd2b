"""Operators: unknown, null and mark propagation and Terraform's errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from hclrun.values import ops
from hclrun.values.errors import OperationError
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ListType, TupleType
from hclrun.values.value import NULL, Unknown, Value

N, S, B = Value.number, Value.string, Value.bool
UNK_N = Value.unknown(NUMBER)
UNK_B = Value.unknown(BOOL)
SENS = "sensitive"

BINARY = [ops.add, ops.subtract, ops.multiply, ops.divide, ops.modulo]


@pytest.mark.parametrize("op", BINARY, ids=lambda f: f.__name__)
def test_arithmetic_unknown_is_unknown_not_null(op: Callable[[Value, Value], Value]) -> None:
    for a, b in [(UNK_N, N(1)), (N(1), UNK_N), (Value.unknown(), N(1))]:
        out = op(a, b)
        assert out.type == NUMBER and not out.is_known and out.raw.not_null


@pytest.mark.parametrize("op", BINARY, ids=lambda f: f.__name__)
def test_arithmetic_null_fails(op: Callable[[Value, Value], Value]) -> None:
    with pytest.raises(OperationError) as info:
        op(NULL, N(1))
    assert (info.value.summary, info.value.detail) == (
        "Operation failed",
        "Error during operation: argument must not be null.",
    )


@pytest.mark.parametrize("op", BINARY, ids=lambda f: f.__name__)
def test_arithmetic_marks_move_to_result(op: Callable[[Value, Value], Value]) -> None:
    assert op(N(6).mark(SENS), N(3)).marks == {SENS}
    assert op(N(6), UNK_N.mark(SENS)).marks == {SENS}


def test_invalid_operand_names_the_side() -> None:
    with pytest.raises(OperationError) as info:
        ops.add(N(1), S("x"))
    assert info.value.subject == "right"
    assert info.value.detail == "Unsuitable value for right operand: a number is required."


def test_logic_has_no_short_circuit_and_drops_marks_when_unknown() -> None:
    assert not ops.and_(B(False), UNK_B).is_known
    assert not ops.or_(B(True), UNK_B).is_known
    assert ops.and_(B(True).mark(SENS), UNK_B).marks == frozenset()
    assert ops.and_(B(True).mark(SENS), B(True)) == B(True).mark(SENS)
    assert not ops.not_(UNK_B.mark(SENS)).marks


def test_comparison_unknown_and_refinements() -> None:
    assert not ops.less(UNK_N, N(1)).is_known
    bounded = Value(
        NUMBER, Unknown(not_null=True, number_lower=(N(5).raw, True), number_upper=(N(9).raw, True))
    )
    assert ops.less(bounded, N(10)) == B(True)
    assert ops.less(bounded, N(5)) == B(False)
    assert ops.greater(bounded, N(2)) == B(True)
    assert ops.less(UNK_N.mark(SENS), N(1)).marks == {SENS}


EQUAL_ROWS = [
    ("unknown vs unknown", UNK_N, UNK_N, None),
    ("null vs unknown", NULL, UNK_N, None),
    ("null vs not-null unknown", NULL, Value(NUMBER, Unknown(not_null=True)), False),
    ("type mismatch decides", N(1), Value.unknown(STRING), False),
    ("dynamic unknown", N(1), Value.unknown(), None),
    ("nested unknown", Value.tuple([N(1), UNK_N]), Value.tuple([N(1), N(2)]), None),
    ("nested difference wins over nothing", Value.tuple([N(1)]), Value.tuple([N(2)]), False),
    ("list vs tuple", Value.list([N(1)]), Value.tuple([N(1)]), False),
    ("unknown dynamic inside", Value.tuple([Value.unknown()]), Value.tuple([N(1)]), None),
    (
        "structure mismatch with unknown inside",
        Value.tuple([Value.unknown()]),
        Value.tuple([N(1), N(2)]),
        False,
    ),
    ("prefix refinement", Value(STRING, Unknown(not_null=True, string_prefix="ab")), S("xy"), False),
]


@pytest.mark.parametrize(("name", "a", "b", "expected"), EQUAL_ROWS, ids=[r[0] for r in EQUAL_ROWS])
def test_equal(name: str, a: Value, b: Value, expected: bool | None) -> None:
    for x, y in [(a, b), (b, a)]:
        out = ops.equal(x, y)
        if expected is None:
            assert not out.is_known and out.type == BOOL and out.raw.not_null
        else:
            assert out == B(expected)


def test_equal_collects_deep_marks() -> None:
    out = ops.equal(Value.tuple([N(1).mark(SENS)]), Value.tuple([N(1)]))
    assert out == B(True).mark(SENS)
    assert ops.not_equal(N(1).mark(SENS), N(2)) == B(True).mark(SENS)


def test_sets_compare_by_members() -> None:
    a = Value.set([S("a"), S("b")])
    b = Value.set([S("b"), S("a")])
    assert ops.equal(a, b) == B(True)
    assert not ops.equal(Value.set([Value.unknown(STRING)]), a).is_known


def test_negate_keeps_marks_and_types() -> None:
    assert ops.negate(N(2).mark(SENS)) == N(-2).mark(SENS)
    assert ops.negate(S("2")) == N(-2)
    with pytest.raises(OperationError) as info:
        ops.negate(Value.tuple([]))
    assert info.value.detail == "Unsuitable value for unary operand: number required."


def test_equal_of_typed_nulls_and_lists() -> None:
    assert ops.equal(Value.null(ListType(STRING)), NULL) == B(True)
    assert ops.equal(Value.null(TupleType([])), Value.tuple([])) == B(False)
    assert ops.equal(Value.null(DYNAMIC), Value.null(STRING)) == B(True)


@pytest.mark.parametrize(
    ("op", "a", "b", "expected"),
    [
        (ops.add, Value.number(1), Value.number(2), Value.number(3)),
        (ops.modulo, Value.number(-7), Value.number(3), Value.number(-1)),
        (ops.less, Value.number(1), Value.number(2), Value.bool(True)),
        (ops.greater_equal, Value.number(1), Value.number(2), Value.bool(False)),
        (ops.and_, Value.bool(True), Value.bool(False), Value.bool(False)),
        (ops.or_, Value.bool(True), Value.bool(False), Value.bool(True)),
        (ops.equal, Value.string("a"), Value.string("a"), Value.bool(True)),
        (ops.equal, Value.number(3), Value.number("3.0"), Value.bool(True)),
        (ops.not_equal, Value.number(1), Value.number(2), Value.bool(True)),
    ],
)
def test_plain_operands_and_their_marked_or_converted_forms_agree(
    op: Callable[[Value, Value], Value], a: Value, b: Value, expected: Value
) -> None:
    assert op(a, b).raw_equals(expected)
    # The same operands marked: the same result, marked.
    assert op(a.mark("sensitive"), b).raw_equals(expected.mark("sensitive"))
    # The same operands as strings: converted first, the same result.
    if a.type is NUMBER and op not in (ops.equal, ops.not_equal):
        as_string = Value.string(str(a.as_python()))
        assert op(as_string, b).raw_equals(expected)
