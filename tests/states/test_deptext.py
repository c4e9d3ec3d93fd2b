"""Dependency lists rendered by join match the general JSON writers byte for byte."""

from __future__ import annotations

import pytest

from hclrun.addrs import ConfigResource, Module, Resource, ResourceMode
from hclrun.states import jsondata
from hclrun.states.deptext import compact_list, indented_list, quoted_addresses


def _res(module: tuple[str, ...], name: str, mode: ResourceMode = ResourceMode.MANAGED) -> ConfigResource:
    return ConfigResource(Module(module), Resource(mode, "terraform_data", name))


CASES = [
    ("empty", []),
    ("one", [_res((), "a")]),
    ("several, in modules", [_res((), "a"), _res(("net",), "b"), _res(("net", "inner"), "c")]),
    ("non-ASCII name", [_res((), "café")]),
    ("data resource", [_res((), "d", ResourceMode.DATA)]),
]


@pytest.mark.parametrize("deps", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_same_text_as_the_general_writers(deps: list[ConfigResource]) -> None:
    texts = [str(d) for d in deps]
    assert compact_list(deps) == jsondata.dumps_compact(texts)
    for indent in ("", "          "):
        expected: list[str] = []
        jsondata.write_indented(texts, expected, indent)
        assert indented_list(deps, indent) == "".join(expected)


def test_equal_addresses_in_distinct_objects_are_each_quoted() -> None:
    first, second = _res((), "x"), _res((), "x")
    assert quoted_addresses([first, second, first]) == ['"terraform_data.x"'] * 3


def test_compact_list_is_emitted_verbatim_inside_a_record() -> None:
    record = {"dependencies": compact_list([_res((), "a"), _res(("m",), "b")])}
    text = jsondata.dumps_compact(record)
    assert text == '{"dependencies":["terraform_data.a","module.m.terraform_data.b"]}'
    assert jsondata.loads(text) == {"dependencies": ["terraform_data.a", "module.m.terraform_data.b"]}
