"""The LALR tables for the HCL native grammar, compiled once and cached.

``grammar/hcl2.lark`` is compiled by lark only when its tables are not cached
yet; the result is stored with ``marshal`` (plain dicts, tuples and strings)
in the per-user cache directory, keyed by a checksum of the grammar text. A
warm start therefore never imports lark, nor ``pickle`` or ``hashlib``.

Table encoding: ``actions[state][symbol]`` is ``>= 0`` for "shift/goto to that
state" and ``-(n + 1)`` for "reduce by rule n". ``rules[n]`` is
``(length, origin, callback)`` where ``callback`` is the alias naming a
builder method, or ``None`` for a pass-through of a single child.
"""

from __future__ import annotations

import marshal
import os
import zlib
from functools import cache
from importlib import resources
from pathlib import Path

from hclrun.records import record

START_SYMBOLS = ("start_file", "start_expr", "start_template")
_FORMAT = 2


@record(slots=True)
class ParseTables:
    actions: tuple[dict[str, int], ...]
    rules: tuple[tuple[int, str, str | None], ...]
    start_states: dict[str, int]
    end_states: dict[str, int]


def grammar_text() -> str:
    """The grammar source, from the installed package data or the checkout."""
    try:
        return resources.files("hclrun.grammar").joinpath("hcl2.lark").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return (Path(__file__).parents[2] / "grammar" / "hcl2.lark").read_text(encoding="utf-8")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hclrun"


def compile_tables(text: str) -> ParseTables:
    """Run lark's LALR analysis on the grammar and convert the result."""
    import lark  # imported only on a cache miss

    parser = lark.Lark(text, parser="lalr", lexer="basic", start=list(START_SYMBOLS))
    table = parser.parser.parser.parser.parse_table
    rule_index: dict[object, int] = {}
    rules: list[tuple[int, str, str | None]] = []
    for rule in parser.rules:
        rule_index[rule] = len(rules)
        alias = rule.alias
        if alias is None and len(rule.expansion) != 1:
            raise ValueError(f"rule {rule} needs an alias")
        rules.append((len(rule.expansion), str(rule.origin.name), None if alias is None else str(alias)))
    count = max(table.states) + 1
    actions: list[dict[str, int]] = [{} for _ in range(count)]
    for state, row in table.states.items():
        out = actions[state]
        for symbol, (action, arg) in row.items():
            if action.name == "Shift":
                out[str(symbol)] = arg
            else:
                out[str(symbol)] = -(rule_index[arg] + 1)
    starts = {str(k): v for k, v in table.start_states.items()}
    ends = {str(k): v for k, v in table.end_states.items()}
    return ParseTables(tuple(actions), tuple(rules), starts, ends)


def cache_path(text: str) -> Path:
    """Where the tables of grammar ``text`` are cached."""
    checksum = zlib.crc32(text.encode())
    return _cache_dir() / f"hcl2-{_FORMAT}-{checksum:08x}.marshal"


def _read_cached(path: Path) -> ParseTables | None:
    try:
        actions, rules, starts, ends = marshal.loads(path.read_bytes())
    except Exception:  # missing, truncated or from another version: recompile
        return None
    if not (isinstance(actions, tuple) and isinstance(rules, tuple) and isinstance(starts, dict) and isinstance(ends, dict)):
        return None
    return ParseTables(actions, rules, starts, ends)


def _write_cached(path: Path, tables: ParseTables) -> None:
    import tempfile

    data = marshal.dumps((tables.actions, tables.rules, tables.start_states, tables.end_states))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".hcl2-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache only costs start-up time


@cache
def load_tables() -> ParseTables:
    """The tables for the shipped grammar: from the cache, or compiled and cached."""
    text = grammar_text()
    path = cache_path(text)
    tables = _read_cached(path)
    if tables is None:
        tables = compile_tables(text)
        _write_cached(path, tables)
    return tables
