"""Type conversion and mark functions against goldens recorded from terraform
console (``scripts/record_function_goldens_typeconv``)."""

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

from hclrun.functions.registry import FunctionContext
from hclrun.functions.spec import call_function
from hclrun.functions.typeconv import functions as typeconv_functions
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ListType, ObjectType
from hclrun.values.value import EPHEMERAL, Value

CASES: list[Case] = [
    ("tobool", [s("true")]),
    ("tobool", [s("false")]),
    ("tobool", [s("yes")]),
    ("tobool", [b(True)]),
    ("tobool", [n(1)]),
    ("tobool", [NULL]),
    ("tobool", [null(STRING)]),
    ("tobool", [unk(STRING)]),
    ("tobool", [sens(s("true"))]),
    ("tobool", [sens(s("x"))]),
    ("tobool", [tup()]),
    ("tonumber", [s("12.5")]),
    ("tonumber", [s("x")]),
    ("tonumber", [s("0x10")]),
    ("tonumber", [s(" 1")]),
    ("tonumber", [s("1e3")]),
    ("tonumber", [n(3)]),
    ("tonumber", [b(True)]),
    ("tonumber", [NULL]),
    ("tonumber", [unk(DYNAMIC)]),
    ("tonumber", [sens(s("x"))]),
    ("tostring", [n(1.5)]),
    ("tostring", [b(False)]),
    ("tostring", [s("a")]),
    ("tostring", [tup()]),
    ("tostring", [obj(a=n(1))]),
    ("tostring", [NULL]),
    ("tostring", [unk(NUMBER)]),
    ("tostring", [sens(n(1))]),
    ("tolist", [tup(s("a"), n(1))]),
    ("tolist", [tup(s("a"), b(True))]),
    ("tolist", [tup(n(1), b(True))]),
    ("tolist", [tup()]),
    ("tolist", [st(s("b"), s("a"))]),
    ("tolist", [s("a")]),
    ("tolist", [mp(a=s("x"))]),
    ("tolist", [NULL]),
    ("tolist", [tup(unk(STRING), n(1))]),
    ("tolist", [unk(DYNAMIC)]),
    ("tolist", [tup(sens(s("a")), s("b"))]),
    ("tolist", [tup(obj(a=n(1)), obj(b=n(2)))]),
    ("toset", [tup(s("b"), s("a"), s("b"))]),
    ("toset", [tup(n(1), s("1"))]),
    ("toset", [tup()]),
    ("toset", [n(1)]),
    ("toset", [tup(unk(STRING), s("a"))]),
    ("toset", [NULL]),
    ("tomap", [obj(a=n(1), b=s("x"))]),
    ("tomap", [obj(a=n(1), b=b(True))]),
    ("tomap", [obj()]),
    ("tomap", [tup(s("a"))]),
    ("tomap", [obj(a=unk(STRING))]),
    ("tomap", [NULL]),
    ("tomap", [obj(a=sens(s("x")))]),
    ("sensitive", [s("a")]),
    ("sensitive", [NULL]),
    ("sensitive", [unk(STRING)]),
    ("sensitive", [sens(s("a"))]),
    ("nonsensitive", [sens(s("a"))]),
    ("nonsensitive", [s("a")]),
    ("nonsensitive", [tup(sens(s("a")))]),
    ("nonsensitive", [NULL]),
    ("nonsensitive", [unk(STRING)]),
    ("issensitive", [sens(s("a"))]),
    ("issensitive", [s("a")]),
    ("issensitive", [tup(sens(s("a")))]),
    ("issensitive", [unk(STRING)]),
    ("issensitive", [sens(unk(STRING))]),
    ("issensitive", [NULL]),
    ("ephemeralasnull", [s("a")]),
    ("ephemeralasnull", [NULL]),
    ("ephemeralasnull", [sens(s("a"))]),
    ("ephemeralasnull", [unk(ListType(STRING))]),
    ("ephemeralasnull", [obj(a=n(1))]),
]

GOLDENS = load_goldens("typeconv")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_matches_terraform(case: Case) -> None:
    check_case(case, GOLDENS)


def test_every_case_has_a_golden() -> None:
    missing = [hcl_expression(c) for c in CASES if hcl_expression(c) not in GOLDENS]
    assert not missing, missing


FUNCS = {fn.name: fn for fn in typeconv_functions(FunctionContext())}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (obj(a=s("x").mark(EPHEMERAL), b=n(1)), obj(a=null(STRING), b=n(1))),
        (s("x").mark(EPHEMERAL), null(STRING)),
        (tup(s("x").mark(EPHEMERAL, "sensitive")), tup(sens(null(STRING)))),
        (lst(s("x"), ety=STRING), lst(s("x"), ety=STRING)),
    ],
)
def test_ephemeralasnull_replaces_ephemeral_parts(value: Value, expected: Value) -> None:
    assert call_function(FUNCS["ephemeralasnull"], [value]) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (s("a"), "string"),
        (tup(s("a"), n(1)), "tuple([\n    string,\n    number,\n])"),
        (lst(b(True)), "list(bool)"),
        (unk(ObjectType({"a": STRING})), "object({\n    a: string,\n})"),
        (NULL, "dynamic"),
        (null(BOOL), "bool"),
    ],
)
def test_type_of_matches_console(value: Value, expected: str) -> None:
    from hclrun.functions.typeconv import type_of

    assert type_of(value) == expected
