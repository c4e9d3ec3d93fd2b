"""The lazy function table: names known without imports, families loaded on first lookup.

The registry's name table must match what each family module defines, and
every way of reading the table must give the same contents as a fully
loaded table.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from hclrun.functions.registry import (
    FAMILY_FUNCTIONS,
    FunctionContext,
    build_function_table,
    function_families,
)
from hclrun.functions.spec import Function, Parameter, fixed_type
from hclrun.functions.table import FunctionTable
from hclrun.values.types import STRING
from hclrun.values.value import Value


@pytest.mark.parametrize("family", sorted(FAMILY_FUNCTIONS))
def test_name_table_lists_what_each_family_defines_in_order(family: str) -> None:
    module = importlib.import_module(f"hclrun.functions.{family}")
    assert tuple(fn.name for fn in module.functions(FunctionContext())) == FAMILY_FUNCTIONS[family]


def test_names_are_unique_across_families() -> None:
    names = [name for names in FAMILY_FUNCTIONS.values() for name in names]
    assert len(names) == len(set(names))


def _fn(name: str) -> Function:
    return Function(name, (Parameter("s", STRING),), fixed_type(STRING), lambda args, _t: args[0])


def _table(calls: list[str]) -> FunctionTable:
    families = {"a": ("one", "two"), "b": ("three",)}

    def load(family: str) -> list[Function]:
        calls.append(family)
        return [_fn(name) for name in families[family]]

    index = {name: fam for fam, names in families.items() for name in names}
    return FunctionTable(index | {f"core::{n}": f for n, f in index.items()}, load)


def test_names_membership_and_length_load_nothing() -> None:
    calls: list[str] = []
    table = _table(calls)
    assert "two" in table and "core::three" in table and "four" not in table
    assert list(table) == ["one", "two", "three", "core::one", "core::two", "core::three"]
    assert len(table) == 6
    assert table.get("four") is None
    with pytest.raises(KeyError):
        table["four"]
    assert calls == []
    assert table.loaded_families == frozenset()


def test_lookup_loads_only_the_family_of_the_name() -> None:
    calls: list[str] = []
    table = _table(calls)
    assert table["core::three"].name == "three"
    assert table.get("three") is table["core::three"]
    assert calls == ["b"]
    assert table.loaded_families == {"b"}
    assert "one" in table and len(table) == 6


def test_reading_everything_gives_a_full_table_in_name_table_order() -> None:
    calls: list[str] = []
    table = _table(calls)
    table["three"]  # loaded out of order first
    copied = dict(table)
    assert list(copied) == ["one", "two", "three", "core::one", "core::two", "core::three"]
    assert list(table.items()) == list(copied.items())
    assert sorted(calls) == ["a", "b"]
    assert table == copied and table.copy() == copied


def test_changing_the_table_keeps_the_change() -> None:
    table = _table([])
    table["one"] = _fn("replacement")
    del table["two"]
    assert table["one"].name == "replacement"
    assert "two" not in table and "core::two" in table
    assert len(table) == 5


def test_built_table_is_complete_and_calls_work() -> None:
    table = build_function_table()
    assert len(table) == 2 * sum(len(names) for names in FAMILY_FUNCTIONS.values())
    assert set(table) == set(function_families())
    upper = table["core::upper"]
    assert upper.impl([Value.string("abc")], STRING).raw == "ABC"
    assert table.loaded_families == {"strings"}


def test_building_the_table_imports_no_family() -> None:
    code = (
        "import sys\n"
        "from hclrun.functions.registry import build_function_table\n"
        "t = build_function_table()\n"
        "assert 'cidrsubnet' in t and len(list(t)) == len(t)\n"
        "print(sorted(m for m in sys.modules if m.startswith('hclrun.functions.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['hclrun.functions.registry', 'hclrun.functions.spec', 'hclrun.functions.table']"


def test_heavy_libraries_load_with_the_first_call_that_needs_them() -> None:
    code = (
        "import sys\n"
        "from hclrun.functions.registry import build_function_table\n"
        "from hclrun.functions.spec import call_function\n"
        "from hclrun.values.value import Value\n"
        "t = build_function_table()\n"
        "for name in ('sha256', 'yamlencode', 'regex'):\n"
        "    t[name]\n"
        "before = sorted(m for m in ('re2', 'yaml', 'bcrypt', 'cryptography') if m in sys.modules)\n"
        "call_function(t['regex'], [Value.string('a+'), Value.string('xaay')])\n"
        "call_function(t['yamldecode'], [Value.string('a: 1')])\n"
        "after = sorted(m for m in ('re2', 'yaml', 'bcrypt', 'cryptography') if m in sys.modules)\n"
        "print(before, after)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] ['re2', 'yaml']"
