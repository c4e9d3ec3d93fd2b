"""The parse tables are cached per grammar text and read back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.syntax import tables


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "hclrun"


def test_tables_are_compiled_once_then_read_back_equal(cache_home: Path) -> None:
    path = tables.cache_path(tables.grammar_text())
    compiled = tables.load_tables.__wrapped__()  # an empty cache: compiled with lark, then stored
    assert path.parent == cache_home and path.exists()
    assert tables._read_cached(path) == compiled
    assert tables.load_tables.__wrapped__() == compiled


def test_cache_key_follows_the_grammar_text(cache_home: Path) -> None:
    text = tables.grammar_text()
    assert tables.cache_path(text) != tables.cache_path(text + "\n")


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe9\x04\x00\x00\x00"], ids=["empty", "garbage", "wrong-shape"])
def test_unreadable_cache_is_a_miss(cache_home: Path, content: bytes) -> None:
    path = tables.cache_path("grammar")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert tables._read_cached(path) is None
    assert tables._read_cached(cache_home / "absent.marshal") is None
