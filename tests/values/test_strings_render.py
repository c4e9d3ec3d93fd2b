"""Grapheme helpers, Go quoting and console rendering of unknown values."""

from __future__ import annotations

import pytest

from hclrun.values.render import render_console, render_type
from hclrun.values.strings import go_quote, grapheme_length, graphemes
from hclrun.values.types import NUMBER, STRING, ListType, ObjectType
from hclrun.values.value import Value

GRAPHEME_ROWS = [
    ("ascii", "abc", 3),
    ("crlf", "a\r\nb", 3),
    ("combining", "e\u0301", 1),
    ("flag", "\U0001f1fa\U0001f1f8", 1),
    ("zwj family", "\U0001f468\u200d\U0001f469\u200d\U0001f467", 1),
    ("empty", "", 0),
]


@pytest.mark.parametrize(("name", "text", "count"), GRAPHEME_ROWS, ids=[r[0] for r in GRAPHEME_ROWS])
def test_grapheme_length(name: str, text: str, count: int) -> None:
    assert grapheme_length(text) == count
    assert len(graphemes(text)) == count
    assert "".join(graphemes(text)) == text


def test_go_quote() -> None:
    assert go_quote('a"b\\c\n\x01\x7f\u200bé😀') == '"a\\"b\\\\c\\n\\x01\\x7f\\u200bé😀"'


def test_render_unknown_and_sensitive() -> None:
    assert render_console(Value.unknown(STRING)) == "(known after apply)"
    assert render_console(Value.unknown(STRING).mark("sensitive")) == "(known after apply)"
    assert (
        render_console(Value.tuple([Value.unknown(NUMBER), Value.number(1)]))
        == "[\n  (known after apply),\n  1,\n]"
    )
    assert render_console(Value.null(ObjectType({"a": STRING}))) == "null /* object */"
    assert render_console(Value.null(ListType(STRING))) == "tolist(null) /* of string */"


def test_render_type_nested() -> None:
    t = ListType(ObjectType({"a": ListType(STRING)}))
    assert render_type(t) == "list(\n    object({\n        a: list(string),\n    }),\n)"
