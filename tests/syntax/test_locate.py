"""Offsets to positions, and the lazily resolved ranges the parser builds from them."""

from __future__ import annotations

import copy
import dataclasses
import gc
import pickle

import pytest

from hclrun.source import Pos, Range
from hclrun.syntax.locate import Locator, end_point, span, start_offset
from hclrun.syntax.parser import parse_file


def test_source_range_behaves_as_a_frozen_range() -> None:
    made = Locator("abcd\n", "a.tf").range(0, 4)
    expected = Range("a.tf", Pos(1, 1, 0), Pos(1, 5, 4))
    assert isinstance(made, Range)
    assert made == expected and expected == made and hash(made) == hash(expected)
    assert made != Range("a.tf", Pos(1, 1, 0), Pos(1, 4, 3)) and made != Range("b.tf", Pos(1, 1, 0), Pos(1, 5, 4))
    assert repr(made) == repr(expected)
    assert str(made) == "a.tf:1,1-1,5"
    assert dataclasses.astuple(made) == dataclasses.astuple(expected)
    assert type(pickle.loads(pickle.dumps(made))) is Range
    assert pickle.loads(pickle.dumps(made)) == expected
    assert copy.deepcopy(made) == expected and copy.copy(made) == expected
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.filename = "b.tf"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = Pos(2, 2, 2)  # type: ignore[misc]


def test_source_range_replace_and_sets() -> None:
    loc = Locator("abcd\nef", "a.tf")
    moved = dataclasses.replace(loc.range(5, 7), filename="dir/a.tf")
    assert moved == Range("dir/a.tf", Pos(2, 1, 5), Pos(2, 3, 7))
    assert moved.start.line == 2 and moved.filename == "dir/a.tf"
    # Equal ranges of one text, of two texts, and plain ranges all hash together.
    other = Locator("abcd\nef", "a.tf")
    plain = Range("a.tf", Pos(1, 2, 1), Pos(1, 3, 2))
    assert len({loc.range(1, 2), loc.range(1, 2), other.range(1, 2), plain}) == 1
    assert loc.range(1, 2) != loc.range(1, 3) and loc.range(1, 2) != other.range(2, 3)
    assert loc.range(1, 2) != "a.tf:1,2-1,3"


def test_span_and_end_point() -> None:
    loc = Locator("ab cd\nef", "a.tf")
    joined = span(loc.range(0, 2), loc.range(6, 8))
    assert joined == Range("a.tf", Pos(1, 1, 0), Pos(2, 3, 8))
    assert span(Range("a.tf", Pos(1, 1, 0), Pos(1, 2, 1)), loc.range(3, 5)) == Range("a.tf", Pos(1, 1, 0), Pos(1, 6, 5))
    assert end_point(loc.range(0, 2)) == Range("a.tf", Pos(1, 3, 2), Pos(1, 3, 2))
    assert end_point(Range("a.tf", Pos(1, 1, 0), Pos(1, 2, 1))) == Range("a.tf", Pos(1, 2, 1), Pos(1, 2, 1))
    assert start_offset(loc.range(6, 8), loc) == 6
    assert start_offset(Range("a.tf", Pos(2, 2, 7), Pos(2, 3, 8)), loc) == 7


TEXT = 'a = "é"\n\nb = 1\r\nc = [\n  2,\n]\n'


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(0, 1, ((1, 1, 0), (1, 2, 1)), id="first-token"),
        pytest.param(4, 7, ((1, 5, 4), (1, 8, 8)), id="non-ascii-bytes"),
        pytest.param(7, 8, ((1, 8, 8), (2, 1, 9)), id="newline-ends-next-line"),
        pytest.param(8, 8, ((2, 1, 9), (2, 1, 9)), id="empty-line"),
        pytest.param(9, 14, ((3, 1, 10), (3, 6, 15)), id="crlf-line"),
        pytest.param(20, 28, ((4, 5, 21), (6, 2, 29)), id="multi-line"),
        pytest.param(len(TEXT), len(TEXT), ((7, 1, 30), (7, 1, 30)), id="end-of-input"),
    ],
)
def test_range_matches_pos(start: int, end: int, expected: tuple[tuple[int, int, int], tuple[int, int, int]]) -> None:
    loc = Locator(TEXT, "x.tf")
    rng = loc.range(start, end)
    assert (rng.start, rng.end) == (Pos(*expected[0]), Pos(*expected[1]))
    assert (rng.start, rng.end) == (loc.pos(start), loc.pos(end))
    assert loc.offset(rng.start) == start


@pytest.mark.parametrize(
    ("text", "expected_start"),
    [
        pytest.param("abc\nde", Pos(1, 1, 0), id="ascii-fast-path"),
        pytest.param("é\nde", Pos(1, 1, 0), id="non-ascii"),
    ],
)
def test_range_on_second_line(text: str, expected_start: Pos) -> None:
    loc = Locator(text, "x.tf")
    assert loc.range(0, 1).start == expected_start
    assert loc.range(len(text) - 2, len(text)) == Range("x.tf", loc.pos(len(text) - 2), loc.pos(len(text)))
    assert loc.range(len(text) - 2, len(text)).start.line == 2


def test_range_relative_to_a_base() -> None:
    loc = Locator("ab\ncd", "x.tf", Pos(5, 10, 100))
    assert loc.range(0, 2) == Range("x.tf", Pos(5, 10, 100), Pos(5, 12, 102))
    assert loc.range(3, 5) == Range("x.tf", Pos(6, 1, 103), Pos(6, 3, 105))


@pytest.mark.parametrize("enabled", [True, False], ids=["gc-on", "gc-off"])
def test_parse_restores_the_collector(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        _, diags = parse_file(b'a = "x"\n', "x.tf")
        assert not diags
        assert gc.isenabled() is enabled
        parse_file(b"a = (\n", "x.tf")  # errors too
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
