"""Regular expressions with Go's ``regexp`` semantics: regex, regexall and
the ``/pattern/`` form of replace.

Patterns are RE2 syntax, compiled with the ``re2`` module. What differs from
Python's ``re`` and is handled here: error wording (Go's error codes), the
rules for successive empty matches in "find all" and "replace all", and
``$name``/``${name}`` expansion in replacements.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from hclrun.functions.spec import ArgError, FunctionCallError
from hclrun.values.types import DYNAMIC, STRING, ListType, ObjectType, TupleType, Type
from hclrun.values.value import Value

# RE2 error texts → Go's regexp/syntax error codes.
_GO_ERROR_CODES = {
    "missing ]": "missing closing ]",
    "missing )": "missing closing )",
    "unexpected )": "unexpected )",
    "bad repetition operator": "invalid nested repetition operator",
    "no argument for repetition operator": "missing argument to repetition operator",
    "trailing \\": "trailing backslash at end of expression",
    "invalid escape sequence": "invalid escape sequence",
    "invalid character class range": "invalid character class range",
    "invalid character class": "invalid character class",
    "invalid repetition size": "invalid repeat count",
    "invalid named capture group": "invalid named capture",
    "duplicate capture group name": "duplicate capture group name",
    "invalid perl operator": "invalid or unsupported Perl syntax",
    "invalid UTF-8": "invalid UTF-8",
    "pattern too large - compile failed": "expression too large",
    "bad repetition operator: **": "invalid nested repetition operator",
}


@cache
def _re2() -> tuple[Any, Any]:
    """The ``re2`` module and its compile options, imported on the first pattern compiled."""
    import re2

    options = re2.Options()
    options.log_errors = False
    return re2, options


class RegexSyntaxError(Exception):
    """A pattern that does not compile: Go's error code and the offending text."""

    def __init__(self, code: str, expr: str) -> None:
        super().__init__(f"{code}: `{expr}`")
        self.code = code
        self.expr = expr


def _syntax_error(exc: Exception) -> RegexSyntaxError:
    raw = exc.args[0] if exc.args else ""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    code, sep, expr = text.partition(": ")
    if not sep:
        code, expr = text, ""
    if code == "trailing \\":
        expr = ""
    return RegexSyntaxError(_GO_ERROR_CODES.get(code, code), expr)


def compile_pattern(pattern: str) -> Any:
    """Compile an RE2 pattern; raises RegexSyntaxError."""
    re2, options = _re2()
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        raise _syntax_error(exc) from None


def _pattern_arg(pattern: str) -> Any:
    try:
        return compile_pattern(pattern)
    except RegexSyntaxError as exc:
        raise ArgError(0, f"invalid regexp pattern: {exc.code} in {exc.expr}") from None


def _capture_names(compiled: Any) -> list[str | None]:
    """The name of each capture group, in order (None for unnamed groups)."""
    names: list[str | None] = [None] * compiled.groups
    for name, index in compiled.groupindex.items():
        names[index - 1] = name
    return names


def match_type(compiled: Any) -> Type:
    """The type of one match: string (no groups), object (named) or tuple (unnamed)."""
    names = _capture_names(compiled)
    if not names:
        return STRING
    named = [n for n in names if n is not None]
    if not named:
        return TupleType([STRING] * len(names))
    if len(named) != len(names):
        raise ArgError(0, "invalid regexp pattern: cannot mix both named and unnamed capture groups")
    return ObjectType({n: STRING for n in named})


def iter_matches(compiled: Any, text: str) -> Iterator[Any]:
    """Successive non-overlapping matches as Go's ``FindAll`` yields them:
    an empty match right after the previous match is skipped."""
    pos = 0
    prev_end = -1
    while pos <= len(text):
        m = compiled.search(text, pos)
        if m is None:
            return
        start, end = m.span()
        accept = True
        if end == pos:
            # An empty match: not allowed right after the previous match.
            accept = start != prev_end
            pos += 1
        else:
            pos = end
        prev_end = end
        if accept:
            yield m


def _match_value(m: Any, t: Type) -> Value:
    if t is STRING:
        return Value.string(m.group(0))
    groups = [Value.string(g) if g is not None else Value.null(STRING) for g in m.groups()]
    if isinstance(t, ObjectType):
        names = _capture_names(m.re)
        return Value.object({name: g for name, g in zip(names, groups) if name is not None})
    return Value.tuple(groups)


def regex_type(args: list[Value]) -> Type:
    if not args or not args[0].is_known:
        return DYNAMIC
    pattern = args[0]
    if pattern.is_null:
        return DYNAMIC
    return match_type(_pattern_arg(pattern.raw))


def regexall_type(args: list[Value]) -> Type:
    return ListType(regex_type(args))


def regex_impl(args: list[Value], ret_type: Type) -> Value:
    compiled = _pattern_arg(args[0].raw)
    m = compiled.search(args[1].raw)
    if m is None:
        raise FunctionCallError("pattern did not match any part of the given string")
    return _match_value(m, ret_type)


def regexall_impl(args: list[Value], ret_type: Type) -> Value:
    assert isinstance(ret_type, ListType)
    compiled = _pattern_arg(args[0].raw)
    element_type = ret_type.element
    return Value.list((_match_value(m, element_type) for m in iter_matches(compiled, args[1].raw)), element_type)


# --------------------------------------------------------------------------- replace


def _expand(template: str, m: Any, names: dict[str, int]) -> str:
    """Go's ``Regexp.Expand``: ``$1``, ``${1}``, ``$name``, ``${name}``, ``$$``."""
    out: list[str] = []
    i = 0
    n = len(template)
    while i < n:
        j = template.find("$", i)
        if j < 0:
            out.append(template[i:])
            break
        out.append(template[i:j])
        i = j + 1
        if i < n and template[i] == "$":
            out.append("$")
            i += 1
            continue
        name, i_next = _expansion_name(template, i)
        if name is None:
            out.append("$")
            continue
        i = i_next
        out.append(_group_text(m, name, names))
    return "".join(out)


def _is_name_char(ch: str) -> bool:
    return ch == "_" or ch.isalnum()


def _expansion_name(template: str, i: int) -> tuple[str | None, int]:
    n = len(template)
    if i < n and template[i] == "{":
        end = i + 1
        while end < n and _is_name_char(template[end]):
            end += 1
        if end == i + 1 or end >= n or template[end] != "}":
            return None, i
        return template[i + 1 : end], end + 1
    end = i
    while end < n and _is_name_char(template[end]):
        end += 1
    if end == i:
        return None, i
    return template[i:end], end


def _group_text(m: Any, name: str, names: dict[str, int]) -> str:
    if name.isdigit() and name.isascii():
        index = int(name)
        if index > m.re.groups:
            return ""
        return m.group(index) or ""
    index_or_none = names.get(name)
    if index_or_none is None:
        return ""
    return m.group(index_or_none) or ""


def regex_replace(text: str, pattern: str, replacement: str) -> str:
    """``Regexp.ReplaceAllString``; raises FunctionCallError for a bad pattern."""
    try:
        compiled = compile_pattern(pattern)
    except RegexSyntaxError as exc:
        raise FunctionCallError(f"error parsing regexp: {exc.code}: `{exc.expr}`") from None
    names = dict(compiled.groupindex)
    out: list[str] = []
    last_end = 0
    search_pos = 0
    while search_pos <= len(text):
        m = compiled.search(text, search_pos)
        if m is None:
            break
        start, end = m.span()
        out.append(text[last_end:start])
        if end > last_end or start == 0:
            out.append(_expand(replacement, m, names))
        last_end = end
        search_pos = search_pos + 1 if search_pos + 1 > end else end
    out.append(text[last_end:])
    return "".join(out)
