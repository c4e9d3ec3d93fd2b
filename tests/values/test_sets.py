"""Set order and uniqueness as cty has them."""

from __future__ import annotations

from hclrun.values.sets import go_float_g10, hash_bytes
from hclrun.values.types import NUMBER, STRING
from hclrun.values.value import Value

N, S = Value.number, Value.string


def test_strings_sort_bytewise_and_dedupe() -> None:
    s = Value.set([S("b"), S("a"), S("B"), S("é"), S("a")])
    assert [e.raw for e in s.raw] == ["B", "a", "b", "é"]


def test_numbers_sort_numerically_and_merge_equal_values() -> None:
    s = Value.set([N(10), N(9), N("1.0"), N(1), N(-2)])
    assert [e.as_python() for e in s.raw] == [-2, 1, 9, 10]


def test_unknowns_come_last_and_never_merge() -> None:
    u = Value.unknown(STRING)
    s = Value.set([u, S("a"), u])
    assert [e.is_known for e in s.raw] == [True, False, False]


def test_structural_elements_order_by_hash_string() -> None:
    s = Value.set([Value.list([N(10)]), Value.list([N(9)]), Value.list([N(100)])])
    assert [e.raw[0].as_python() for e in s.raw] == [100, 10, 9]


def test_partially_unknown_elements_are_kept_apart() -> None:
    a = Value.list([Value.unknown(NUMBER)])
    s = Value.set([a, a, Value.list([N(1)])])
    assert s.length() == 3


def test_marks_move_to_the_set() -> None:
    s = Value.set([S("a").mark("sensitive"), S("b")])
    assert s.marks == {"sensitive"} and all(not e.marks for e in s.raw)


def test_hash_strings() -> None:
    assert hash_bytes(Value.object({"b": S("x\n"), "a": N(1)})) == b'<1;"x\\n";>'
    assert hash_bytes(Value.map({"k": Value.null(NUMBER)})) == b'{"k":~;}'
    assert hash_bytes(Value.list([Value.unknown(NUMBER), Value.bool(True)])) == b"[?;T;]"


def test_go_g10_number_format() -> None:
    cases = {
        "0.5": "0.5",
        "100": "100",
        "12345678901": "1.23456789e+10",
        "1e-5": "1e-05",
        "0.0001": "0.0001",
        "1234567890": "1234567890",
        "1e21": "1e+21",
        "-2.5": "-2.5",
        "0.123456789012": "0.123456789",
    }
    for text, want in cases.items():
        assert go_float_g10(N(text).raw) == want, text


def test_large_sets_drop_repeated_elements() -> None:
    elems = [Value.object({"id": S(f"i-{i:06d}"), "n": N(i)}) for i in range(20000)]
    s = Value.set(elems + elems[:100])
    assert s.length() == 20000
    assert Value.set(list(reversed(elems))) == s
