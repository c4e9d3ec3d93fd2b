"""Encoding functions against goldens recorded from terraform console
(``scripts/record_function_goldens_encoding``)."""

from __future__ import annotations

import pytest
from test_collections_harness import (
    NULL,
    Case,
    b,
    case_id,
    check_case,
    hcl_expression,
    load_goldens,
    lst,
    mp,
    n,
    null,
    obj,
    s,
    sens,
    st,
    tup,
    unk,
)

from hclrun.values.types import NUMBER, STRING, ListType

_YAML_DOCS = [
    "yes", "on", "y", "No", "OFF", "017", "0x1F", "0o17", "0b101", "-0x10", "~", "null", "NULL", "",
    "2001-12-14t21:59:43.10-05:00", "2002-12-14", "2001-12-14 21:59:43.10", "2001-12-14T21:59:43Z",
    "1_000", ".inf", "-.Inf", ".nan", "1e3", "+12", "1.50", "0.1", "-1", "True", "tRue",
    "1:2", "a: 1\n---\nb: 2", "a: &x {b: 1}\nc:\n  <<: *x\n  d: 2", "[1, a, true, null]",
    "!!binary aGk=", "!!str 1", "!!int \"12\"", "!!bool yes", "!!float 1", "!!null x", "!!foo x",
    "- 1\n- 2", "? [1]\n: 2", "1: a\n2: b", "a:\n  - b: 1\n    c: [x, 'y']\n", "'yes'", "\"017\"",
    "a: |\n  line1\n  line2\n", "a: >\n  folded\n  text\n", "{a: 1, a: 2}", "---\nfoo\n...\n",
    "k: v # comment", "[]", "{}", "--- |\n  hi\n",
]

_YAML_VALUES = [
    s("a"), s("yes"), s(""), s("a\nb"), s("a\nb\n"), s("a\nb\n\n"), s(" lead\nx"), s("trail \nx"), s("tab\tx"),
    s("😀é"), s("\x85\u2028\u2029\x07\x1b"), s("it's \"q\" \\"), n(1.5), n(-3), n("12345678901234567890"),
    n("0.1"), b(True), NULL, tup(), obj(), lst(ety=STRING),
    obj(a=n(1), **{"b c": tup(s("x"), s("y\nz"), b(True), NULL)}, e=obj(), f=tup(), g=obj(h=s("x"))),
    tup(tup(n(1), n(2)), obj(a=n(1))), obj(a=tup(obj(b=n(1), c=n(2)))), tup(tup()),
    obj(a=obj(b=s("multi\nline"))), tup(s("x\ny")), mp(z=s("1"), a=s("2")), st(n(2), n(1)),
    unk(STRING), tup(unk(STRING)), sens(s("a")), tup(sens(s("a"))),
]

CASES: list[Case] = [
    ("base64encode", [s("hello")]),
    ("base64encode", [s("héllo 😀")]),
    ("base64encode", [s("")]),
    ("base64encode", [sens(s("a"))]),
    ("base64encode", [unk(STRING)]),
    ("base64encode", [NULL]),
    ("base64decode", [s("aGVsbG8=")]),
    ("base64decode", [s("aGk")]),
    ("base64decode", [s("aG\nk=")]),
    ("base64decode", [s("/w==")]),
    ("base64decode", [s("a$b=")]),
    ("base64decode", [s("")]),
    ("base64decode", [sens(s("aGk"))]),
    ("base64decode", [sens(s("aGk="))]),
    ("base64decode", [s("ZeKBpg==")]),
    ("base64gzip", [s("hello")]),
    ("base64gzip", [s("")]),
    ("base64gzip", [s("abcabcabcabcabcabcabc")]),
    ("urlencode", [s("a b&c=d/e?f~g_h.i-j")]),
    ("urlencode", [s("é😀+%")]),
    ("urlencode", [s("")]),
    ("textencodebase64", [s("hé"), s("UTF-16")]),
    ("textencodebase64", [s("hé"), s("utf-16le")]),
    ("textencodebase64", [s("hé"), s("UTF-16BE")]),
    ("textencodebase64", [s("hé"), s("latin1")]),
    ("textencodebase64", [s("hé€"), s("ISO-8859-1")]),
    ("textencodebase64", [s("hé€"), s("windows-1252")]),
    ("textencodebase64", [s("a"), s("foo")]),
    ("textencodebase64", [s("a"), s("US-ASCII")]),
    ("textencodebase64", [s("é"), s("us-ascii")]),
    ("textencodebase64", [s("日本"), s("Shift_JIS")]),
    ("textencodebase64", [s("hé"), s("UTF-8")]),
    ("textencodebase64", [s("a"), s("cp1252")]),
    ("textdecodebase64", [s("aOk="), s("ISO-8859-1")]),
    ("textdecodebase64", [s("aOk="), s("cp1252")]),
    ("textdecodebase64", [s("aOk"), s("UTF-8")]),
    ("textdecodebase64", [s("/w=="), s("UTF-8")]),
    ("textdecodebase64", [s("aOk="), s("UTF-16")]),
    ("textdecodebase64", [s("//5oAOkA"), s("UTF-16")]),
    ("textdecodebase64", [s("aADpAA=="), s("UTF-16LE")]),
    ("textdecodebase64", [s("aGVsbG8"), s("UTF-8")]),
    ("textdecodebase64", [s("a$b="), s("UTF-8")]),
    ("csvdecode", [s("a,b\n1,2\n3,4\n")]),
    ("csvdecode", [s("a,b\n1,2\n3")]),
    ("csvdecode", [s('a,b\n1,"2"x')]),
    ("csvdecode", [s('a,b\n1,x"2')]),
    ("csvdecode", [s("")]),
    ("csvdecode", [s("a,a\n1,2")]),
    ("csvdecode", [s("a,b")]),
    ("csvdecode", [s('a,b\r\n\n1,"x\ny"\n')]),
    ("csvdecode", [s('a,b\n1,"2')]),
    ("csvdecode", [s('a,b\n"x ""q""",  y ')]),
    ("csvdecode", [s("a\n\n\n1\n")]),
    ("csvdecode", [unk(STRING)]),
    ("csvdecode", [sens(s("a\n1"))]),
    ("jsonencode", [obj(a=n(1), b=tup(s("<x>&"), b(True), NULL))]),
    ("jsonencode", [s("\u2028")]),
    ("jsonencode", [NULL]),
    ("jsonencode", [n(-0.0)]),
    ("jsonencode", [tup(unk(STRING))]),
    ("jsonencode", [unk(STRING)]),
    ("jsonencode", [tup(sens(s("a")))]),
    ("jsonencode", [st(s("b"), s("a"))]),
    ("jsondecode", [s('{"a": [1, "x", true, null], "b": {}}')]),
    ("jsondecode", [s("1.50")]),
    ("jsondecode", [s('"caf\\u0065\\u0301"')]),
    ("jsondecode", [s("{")]),
    ("jsondecode", [s("")]),
    ("jsondecode", [s("[1] 2")]),
    ("jsondecode", [unk(STRING)]),
    ("jsondecode", [sens(s("[1]"))]),
    *[("yamldecode", [s(doc)]) for doc in _YAML_DOCS],
    ("yamldecode", [unk(STRING)]),
    ("yamldecode", [sens(s("a: 1"))]),
    *[("yamlencode", [v]) for v in _YAML_VALUES],
    ("yamlencode", [unk(ListType(NUMBER))]),
    ("yamlencode", [null(STRING)]),
]

GOLDENS = load_goldens("encoding")

# Go's deflate picks different matches than zlib for inputs with repeats.
KNOWN_DIVERGENT = {'base64gzip("abcabcabcabcabcabcabc")'}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_matches_terraform(case: Case) -> None:
    if hcl_expression(case) in KNOWN_DIVERGENT:
        pytest.xfail("compressed bytes differ from the reference's deflate encoder")
    check_case(case, GOLDENS)


def test_every_case_has_a_golden() -> None:
    missing = [hcl_expression(c) for c in CASES if hcl_expression(c) not in GOLDENS]
    assert not missing, missing
