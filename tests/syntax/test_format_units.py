"""Scanner tokens, spacing decisions and rewrites of the formatter, as tables; plus property tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hclrun.syntax import tokens as t
from hclrun.syntax.format import format_source, format_text
from hclrun.syntax.format_layout import space_after
from hclrun.syntax.format_strings import decode_quoted_literal, encode_quoted_literal
from hclrun.syntax.scanner import scan

K = t.KIND_NAMES


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a = 1\n", [("IDENT", "a"), ("EQUAL", "="), ("NUMBER_LIT", "1"), ("NEWLINE", "\n")]),
        ("a-b", [("IDENT", "a-b")]),
        ("1.5e+3.x", [("NUMBER_LIT", "1.5e+3"), ("DOT", "."), ("IDENT", "x")]),
        ("x.0.y", [("IDENT", "x"), ("DOT", "."), ("NUMBER_LIT", "0"), ("DOT", "."), ("IDENT", "y")]),
        ("# c\r\n", [("COMMENT", "# c\r\n")]),
        ("/* a\nb */", [("COMMENT", "/* a\nb */")]),
        ("a::b(...)", [("IDENT", "a"), ("DOUBLECOLON", "::"), ("IDENT", "b"), ("OPAREN", "("), ("ELLIPSIS", "..."), ("CPAREN", ")")]),
        ('"x${a}y"', [("OQUOTE", '"'), ("QUOTED_LIT", "x"), ("TEMPLATE_INTERP", "${"), ("IDENT", "a"),
                      ("TEMPLATE_SEQ_END", "}"), ("QUOTED_LIT", "y"), ("CQUOTE", '"')]),
        ('"$${a}"', [("OQUOTE", '"'), ("QUOTED_LIT", "$${a}"), ("CQUOTE", '"')]),
        ('"%{~if a~}"', [("OQUOTE", '"'), ("TEMPLATE_CONTROL", "%{~"), ("IDENT", "if"), ("IDENT", "a"),
                         ("TEMPLATE_SEQ_END", "~}"), ("CQUOTE", '"')]),
        ('"${ {} }"', [("OQUOTE", '"'), ("TEMPLATE_INTERP", "${"), ("OBRACE", "{"), ("CBRACE", "}"),
                       ("TEMPLATE_SEQ_END", "}"), ("CQUOTE", '"')]),
        ("<<EOT\nx ${a}\n  EOT\n", [("OHEREDOC", "<<EOT\n"), ("STRING_LIT", "x "), ("TEMPLATE_INTERP", "${"),
                                     ("IDENT", "a"), ("TEMPLATE_SEQ_END", "}"), ("STRING_LIT", "\n"),
                                     ("CHEREDOC", "  EOT"), ("NEWLINE", "\n")]),
        ("<<-EOT\r\nEOTX\r\nEOT\r\n", [("OHEREDOC", "<<-EOT\r\n"), ("STRING_LIT", "EOTX\r\n"), ("CHEREDOC", "EOT"),
                                       ("NEWLINE", "\r\n")]),
        ("café", [("IDENT", "café")]),
        ("\ufeffa", [("IDENT", "a")]),
        ("@", [("INVALID", "@")]),
        ('"a\nb"', [("OQUOTE", '"'), ("QUOTED_LIT", "a"), ("QUOTED_NEWLINE", "\n"), ("QUOTED_LIT", "b"), ("CQUOTE", '"')]),
    ],
)  # fmt: skip
def test_scan(source: str, expected: list[tuple[str, str]]) -> None:
    kinds, texts = scan(source)
    assert [(K[k], s) for k, s in zip(kinds, texts)] == [*expected, ("EOF", "")]


@pytest.mark.parametrize(
    ("subject", "before", "after", "is_in", "expected"),
    [
        (t.IDENT, t.NIL, t.OPAREN, False, False),
        (t.IDENT, t.NIL, t.DOUBLECOLON, False, False),
        (t.COMMA, t.IDENT, t.IDENT, False, True),
        (t.IDENT, t.NIL, t.COMMA, False, False),
        (t.MINUS, t.EQUAL, t.NUMBER_LIT, False, False),
        (t.MINUS, t.IDENT, t.NUMBER_LIT, False, True),
        (t.MINUS, t.CPAREN, t.NUMBER_LIT, False, True),
        (t.BANG, t.EQUAL, t.IDENT, False, False),
        (t.OBRACE, t.EQUAL, t.CBRACE, False, False),
        (t.OBRACE, t.EQUAL, t.IDENT, False, True),
        (t.IDENT, t.OBRACE, t.CBRACE, False, True),
        (t.TEMPLATE_INTERP, t.OQUOTE, t.OBRACE, False, True),
        (t.TEMPLATE_INTERP, t.OQUOTE, t.IDENT, False, False),
        (t.IDENT, t.IDENT, t.OBRACK, True, True),
        (t.IDENT, t.DOT, t.OBRACK, False, False),
        (t.CPAREN, t.IDENT, t.OBRACK, False, False),
        (t.QUOTED_LIT, t.OQUOTE, t.CQUOTE, False, False),
        (t.IDENT, t.NIL, t.NEWLINE, False, False),
        (t.IDENT, t.NIL, t.IDENT, False, True),
    ],
)
def test_space_after(subject: int, before: int, after: int, is_in: bool, expected: bool) -> None:
    assert space_after(subject, before, after, is_in) is expected


@pytest.mark.parametrize(
    ("literal", "decoded"),
    [("plain", "plain"), ("a\\nb", "a\nb"), ("\\u00e9", "é"), ("\\U0001F600", "😀"), ("$${x}", "${x}"),
     ("%%{x}", "%{x}"), ('\\"', '"'), ("\\q", None), ("\\", None), ("\\uD800", None)],
)  # fmt: skip
def test_decode_quoted_literal(literal: str, decoded: str | None) -> None:
    assert decode_quoted_literal(literal) == decoded


@pytest.mark.parametrize(
    ("value", "encoded"),
    [("plain", "plain"), ("a\nb\t\r", "a\\nb\\t\\r"), ('"\\', '\\"\\\\'), ("${x}", "$${x}"), ("%{x}", "%%{x}"),
     ("$x%", "$x%"), ("\u00a0", "\\u00a0"), ("\x00", "\\u0000"), ("é日", "é日")],
)  # fmt: skip
def test_encode_quoted_literal(value: str, encoded: str) -> None:
    assert encode_quoted_literal(value) == encoded


def test_invalid_utf8_passes_through() -> None:
    assert format_source(b'a = "\xff"\n') == b'a = "\xff"\n'


_PIECES = [
    "a", "bb", "in", "for", "if", "1", "1.5", " ", "  ", "\t", "\n", "\r\n", "=", "==", "-", "+", "*", "!", "?", ":",
    ",", ".", "...", "=>", "::", "(", ")", "[", "]", "{", "}", '"', "${", "%{", "~}", "<<EOT\n", "EOT\n", "#c\n",
    "// c\n", "/* c */", "$", "%", "\\", "é", "日", "~", "&&", "||", "<", ">=",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_never_raises_on_token_soup(pieces: list[str]) -> None:
    text = "".join(pieces)
    _, texts = scan(text)
    assert "".join(texts).replace(" ", "").replace("\t", "") == text.replace(" ", "").replace("\t", "")
    format_text(text)  # must not raise on any input the scanner accepts
