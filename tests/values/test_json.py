"""JSON encoding of values and types."""

from __future__ import annotations

import pytest

from hclrun.values.json import (
    JSONDecodeError,
    JSONEncodeError,
    from_json,
    to_json,
    type_from_json,
    type_to_json,
)
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
from hclrun.values.value import Value

N, S = Value.number, Value.string


def test_numbers_keep_full_precision() -> None:
    v = from_json("123456789012345678901234567890.123456789")
    assert to_json(v) == "123456789012345678901234567890.123456789"
    assert from_json("[0.1]").raw[0] == N("0.1")


def test_decoded_types_are_implied() -> None:
    v = from_json('{"a": [1, "x"], "b": {}}')
    assert v.type == ObjectType({"a": TupleType([NUMBER, STRING]), "b": ObjectType({})})


def test_strings_are_nfc() -> None:
    assert from_json('"e\\u0301"') == S("é")
    assert from_json('{"e\\u0301": 1}').raw.keys() == {"é"}


DECODE_ERRORS = [
    ("", "EOF"),
    ("[1,", "EOF"),
    ("tru", "unexpected EOF"),
    ("1.", "unexpected EOF"),
    ("1 2", "extraneous data after JSON object"),
    ('{"a" 1}', "invalid character '1' after object key"),
    ("[1 2]", "invalid character '2' after array element"),
    ('{"a": 1 "b"}', "invalid character '\"' after object key:value pair"),
    ("{1}", "invalid character '1' looking for beginning of object key string"),
    ("[1,]", "invalid character ']' looking for beginning of value"),
    ("tx", "invalid character 'x' in literal true (expecting 'r')"),
    ("-x", "invalid character 'x' in numeric literal"),
    ('"\\x"', "invalid character 'x' in string escape code"),
    ('"a\nb"', "invalid character '\\n' in string literal"),
]


@pytest.mark.parametrize(("text", "message"), DECODE_ERRORS)
def test_decode_errors(text: str, message: str) -> None:
    with pytest.raises(JSONDecodeError) as info:
        from_json(text)
    assert str(info.value) == message


def test_encode_refuses_unknown_and_infinity() -> None:
    with pytest.raises(JSONEncodeError, match="value is not known"):
        to_json(Value.tuple([Value.unknown(STRING)]))
    with pytest.raises(JSONEncodeError, match="infinity"):
        to_json(Value(NUMBER, N(1).raw / 0))


def test_encode_ignores_marks_and_sorts_keys() -> None:
    v = Value.object({"b": S("<x>").mark("sensitive"), "a": Value.null(STRING)})
    assert to_json(v) == '{"a":null,"b":"\\u003cx\\u003e"}'


TYPES: list[tuple[Type, str]] = [
    (STRING, '"string"'),
    (NUMBER, '"number"'),
    (BOOL, '"bool"'),
    (DYNAMIC, '"dynamic"'),
    (ListType(STRING), '["list","string"]'),
    (SetType(NUMBER), '["set","number"]'),
    (MapType(ListType(BOOL)), '["map",["list","bool"]]'),
    (TupleType([STRING, NUMBER]), '["tuple",["string","number"]]'),
    (ObjectType({"b": NUMBER, "a": STRING}), '["object",{"a":"string","b":"number"}]'),
    (ObjectType({"a": STRING, "b": NUMBER}, ["b"]), '["object",{"a":"string","b":"number"},["b"]]'),
]


@pytest.mark.parametrize(("t", "text"), TYPES, ids=[t[1] for t in TYPES])
def test_type_json_round_trip(t: Type, text: str) -> None:
    assert type_to_json(t) == text
    assert type_from_json(text) == t


@pytest.mark.parametrize(
    ("text", "encoded"),
    [
        ("plain text: 1-2_3 ~ é 😀", '"plain text: 1-2_3 ~ é 😀"'),
        ("", '""'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("<a&b>", '"\\u003ca\\u0026b\\u003e"'),
        ("line\nfeed\ttab\rret", '"line\\nfeed\\ttab\\rret"'),
        ("\x00\x01\x1f\x7f", '"\\u0000\\u0001\\u001f\x7f"'),
        ("\u2028\u2029", '"\\u2028\\u2029"'),
        ("\ud800x", '"\ufffdx"'),
    ],
)
def test_strings_escape_as_go_does(text: str, encoded: str) -> None:
    assert to_json(S(text) if text.isascii() else Value(STRING, text)) == encoded
