"""Random values through every function and value operation: only the documented errors escape.

``call_function`` reports every problem as a ``FunctionCallError``; ``convert``
as a ``ConversionError``; ``to_json`` refuses unknown values (and infinities)
with ``JSONEncodeError``; ``render_console`` and ``equals`` never fail.
"""

from __future__ import annotations

import math
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hclrun.eval import default_functions
from hclrun.functions.spec import Function, FunctionCallError, call_function
from hclrun.values.convert import ConversionError, convert
from hclrun.values.equality import equals
from hclrun.values.json import JSONEncodeError, to_json
from hclrun.values.render import render_console
from hclrun.values.types import BOOL, DYNAMIC, NUMBER
from hclrun.values.value import Value

from .corpus import ROOT
from .value_strategies import types, values, values_of

# Functions whose running time grows with an argument faster than the
# argument pools keep in check (bcrypt's cost doubles per step).
SLOW_FUNCTIONS = frozenset({"bcrypt"})

# Path functions: a path holding U+0000 is checked by its own test below
# (terraform says "Invalid function argument", ``open \x00: invalid argument``,
# or for fileexists "Error in function call"), so the random draws leave it out.
NUL_PATH_BUG = frozenset({
    "file", "filebase64", "filebase64sha256", "filebase64sha512", "fileexists", "filemd5",
    "filesha1", "filesha256", "filesha512", "templatefile",
})  # fmt: skip

# indent raises MemoryError for a width it cannot allocate; terraform reports a
# recovered panic ("makeslice: len out of range") as "Error in function call".
HUGE_WIDTH_BUG = frozenset({"indent"})
HUGE = 2**40


@cache
def function_table() -> dict[str, Function]:
    return default_functions(str(ROOT / "fixtures" / "console" / "files"))


def function_names() -> list[str]:
    return sorted(name for name in function_table() if "::" not in name and name not in SLOW_FUNCTIONS)


def _arguments(fn: Function) -> st.SearchStrategy[list[Value]]:
    """Mostly the right number of arguments, of the declared types; sometimes any count and type."""
    declared = [p.type for p in fn.params]
    if fn.variadic is not None:
        declared += [fn.variadic.type] * 2
    typed = st.tuples(*(values_of(t) for t in declared)).map(list) if declared else st.just([])
    fitting = typed.flatmap(lambda args: st.integers(max(0, len(fn.params) - 1), len(args) + 1).flatmap(
        lambda n: st.just(args[:n]) if n <= len(args) else values().map(lambda extra: [*args, extra])
    ))  # fmt: skip
    anything = st.lists(values(), max_size=len(fn.params) + 2)
    arguments = st.one_of(fitting, fitting, anything)
    if fn.name in NUL_PATH_BUG:
        return arguments.filter(lambda args: not any(_contains_nul(a) for a in args))
    if fn.name in HUGE_WIDTH_BUG:
        return arguments.filter(lambda args: not any(_is_huge(a) for a in args))
    return arguments


def _is_huge(value: Value) -> bool:
    return value.type == NUMBER and value.is_known and not value.is_null and abs(value.raw) >= HUGE


def _contains_nul(value: Value) -> bool:
    raw = value.raw
    if isinstance(raw, str):
        return "\x00" in raw
    if isinstance(raw, tuple):
        return any(_contains_nul(v) for v in raw)
    if isinstance(raw, dict):
        return any(_contains_nul(v) for v in raw.values())
    return False


@pytest.mark.parametrize("name", function_names())
def test_function_raises_only_call_errors(name: str) -> None:
    fn = function_table()[name]

    @settings(max_examples=8)
    @given(_arguments(fn))
    def check(args: list[Value]) -> None:
        try:
            result = call_function(fn, args)
        except FunctionCallError:
            return
        assert isinstance(result, Value)
        render_console(result)

    check()


@pytest.mark.parametrize("name", sorted(NUL_PATH_BUG))
def test_nul_in_path_is_a_call_error(name: str) -> None:
    fn = function_table()[name]
    args = [Value.string("a\x00") if p.type.is_primitive else Value.map({}, DYNAMIC) for p in fn.params]
    with pytest.raises(FunctionCallError):
        call_function(fn, args)


def test_huge_indent_is_a_call_error() -> None:
    with pytest.raises(FunctionCallError):
        call_function(function_table()["indent"], [Value.number(9007199254740993), Value.string("")])


def test_bcrypt_raises_only_call_errors() -> None:
    fn = function_table()["bcrypt"]
    for args in ([Value.string("a"), Value.number(3)], [Value.null()], [Value.unknown(), Value.number(4)],
                 [Value.string("a").mark("sensitive")], [Value.string("a"), Value.number(32)]):  # fmt: skip
        try:
            call_function(fn, args)
        except FunctionCallError:
            pass


@settings(max_examples=120)
@given(values(), types())
def test_convert_raises_only_conversion_errors(value: Value, want: object) -> None:
    try:
        result = convert(value, want)  # type: ignore[arg-type]
    except ConversionError:
        return
    assert isinstance(result, Value)
    render_console(result)


def _has_unknown_or_infinity(value: Value) -> bool:
    if not value.is_known:
        return True
    raw = value.raw
    if isinstance(raw, tuple):
        return any(_has_unknown_or_infinity(v) for v in raw)
    if isinstance(raw, dict):
        return any(_has_unknown_or_infinity(v) for v in raw.values())
    return not value.is_null and value.type.is_primitive and not isinstance(raw, str | bool) and math.isinf(raw)


@settings(max_examples=120)
@given(values())
def test_render_and_json_never_fail_unexpectedly(value: Value) -> None:
    assert isinstance(render_console(value), str)
    try:
        encoded = to_json(value)
    except JSONEncodeError:
        assert _has_unknown_or_infinity(value)
        return
    assert not _has_unknown_or_infinity(value)
    assert isinstance(encoded, str)


@settings(max_examples=120)
@given(values(), values())
def test_equals_never_fails(a: Value, b: Value) -> None:
    result = equals(a, b)
    assert result.type == BOOL
    same = equals(a, a)
    assert same.type == BOOL
