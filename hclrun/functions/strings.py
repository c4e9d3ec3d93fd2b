"""String functions.

Strings are NFC-normalised (the Value constructors see to it) and measured
in grapheme clusters where the reference does (``substr``, ``strrev``).
Case mapping is per character, as Go's ``unicode`` package does it. The
``format`` verbs live in strings_format, regular expressions in
strings_regex.
"""

from __future__ import annotations

from hclrun.functions.numeric import whole_number
from hclrun.functions.registry import TEMPLATESTRING_FILENAME, FunctionContext
from hclrun.functions.spec import (
    ArgError,
    Function,
    FunctionCallError,
    Implementation,
    PanicError,
    Parameter,
    TemplateParseError,
    fixed_type,
)
from hclrun.functions.strings_format import FormatError, apply_format
from hclrun.functions.strings_regex import (
    regex_impl,
    regex_replace,
    regex_type,
    regexall_impl,
    regexall_type,
)
from hclrun.values.strings import graphemes
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ListType, Type
from hclrun.values.value import NO_MARKS, Value

LIST_OF_STRING = ListType(STRING)

# Go's unicode.IsSpace: Latin-1 spaces plus the White_Space characters above it.
GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _map_chars(s: str, mapping: str) -> str:
    """Per-character case mapping; characters whose mapping is not one character stay."""
    out = []
    for ch in s:
        mapped = getattr(ch, mapping)()
        if len(mapped) != 1:
            mapped = _SIMPLE_SPECIAL.get((mapping, ch), ch)
        out.append(mapped)
    return "".join(out)


# Simple (one-character) mappings where Python only offers the full mapping.
_SIMPLE_SPECIAL = {("lower", "\u0130"): "i"}


def _is_word_char(ch: str) -> bool:
    """Characters that do not start a new word for ``title`` (Go's ``strings.Title``)."""
    if ch.isascii():
        return ch.isalnum() or ch == "_"
    if ch.isalpha() or ch.isdigit():
        return True
    return ch not in GO_SPACE


def _title(s: str) -> str:
    out = []
    prev_is_word = False
    for ch in s:
        out.append(ch if prev_is_word else _map_chars(ch, "title"))
        prev_is_word = _is_word_char(ch)
    return "".join(out)


def _chomp(s: str) -> str:
    while s.endswith(("\n", "\r")):
        s = s[:-2] if s.endswith("\r\n") else s[:-1]
    return s


# Beyond this many bytes the reference cannot even ask for the memory.
_MAX_ALLOCATION = 1 << 48


def _indent(spaces: int, s: str) -> str:
    if spaces < 0:
        raise PanicError("strings: negative Repeat count")
    if spaces >= _MAX_ALLOCATION:
        raise PanicError("runtime error: makeslice: len out of range")
    try:
        return s.replace("\n", "\n" + " " * spaces)
    except MemoryError:
        raise FunctionCallError(f"not enough memory to indent by {spaces} spaces") from None


def _substr(s: str, offset: int, length: int) -> str:
    clusters = graphemes(s)
    if offset < 0:
        offset = max(offset + len(clusters), 0)
    rest = clusters[offset:]
    if length < 0:
        return "".join(rest)
    return "".join(rest[:length])


def _replace(s: str, substr: str, replacement: str) -> str:
    if len(substr) > 1 and substr.startswith("/") and substr.endswith("/"):
        return regex_replace(s, substr[1:-1], replacement)
    if substr == "":
        # Go inserts the replacement around every character.
        return replacement + "".join(ch + replacement for ch in s)
    return s.replace(substr, replacement)


def _split(sep: str, s: str) -> Value:
    if sep == "":
        parts = list(s)
    else:
        parts = s.split(sep)
    return Value.list((Value.string(p) for p in parts), STRING)


def _join(args: list[Value], _rt: Type) -> Value:
    if len(args) < 2:
        raise FunctionCallError("at least one list is required")
    sep = args[0].raw
    lists = args[1:]
    marks = NO_MARKS
    items: list[str] = []
    for li, lst in enumerate(lists):
        lst, m = lst.unmark_deep()
        marks |= m
        if not lst.is_wholly_known:
            return Value.unknown(STRING).with_marks(marks)
        for ei, elem in enumerate(lst.raw):
            if elem.is_null:
                where = f"element {ei} of list {li + 1}" if len(lists) > 1 else f"element {ei}"
                raise ArgError(li + 1, f"{where} is null; cannot concatenate null values")
            items.append(elem.raw)
    return Value.string(sep.join(items)).with_marks(marks)


def _templatestring(ctx: FunctionContext) -> Implementation:
    def impl(args: list[Value], _rt: Type) -> Value:
        template, variables = args
        vtype = variables.type
        if not (vtype.is_object or vtype.is_map):
            raise ArgError(1, "invalid vars value: must be a map")
        if not variables.is_known:
            return Value.unknown(STRING)
        if ctx.template_renderer is None:
            raise FunctionCallError("templates cannot be rendered in this context")
        scope = dict(variables.raw)
        try:
            result = ctx.template_renderer(template.raw, TEMPLATESTRING_FILENAME, scope)
        except TemplateParseError as exc:
            raise ArgError(0, f"invalid template: {exc.message}") from None
        result, marks = result.unmark()
        if not result.is_known:
            return Value.unknown(STRING).with_marks(marks)
        if result.type is not STRING:
            from hclrun.values.convert import convert
            from hclrun.values.errors import ConversionError

            try:
                result = convert(result, STRING)
            except ConversionError as exc:
                raise FunctionCallError(f"invalid template result: {exc.message}") from None
        return result.with_marks(marks)

    return impl


# --------------------------------------------------------------------------- format


def _dynamic_null(args: list[Value]) -> bool:
    """An untyped ``null`` argument: the reference cannot type-check the call
    yet and returns an unknown result."""
    return any(a.is_null and a.type.is_dynamic for a in args)


def _format(args: list[Value], _rt: Type) -> Value:
    values = args[1:]
    if _dynamic_null(values):
        return Value.unknown(DYNAMIC)
    plain, marks = _unmark_all(values)
    if not all(v.is_wholly_known for v in plain):
        return Value.unknown(STRING).with_marks(marks)
    try:
        text = apply_format(args[0].raw, plain)
    except FormatError as exc:
        if exc.too_many_args:
            raise ArgError(len(args) - 1, exc.message) from None
        raise FunctionCallError(exc.message) from None
    return Value.string(text).with_marks(marks)


def _unmark_all(values: list[Value]) -> tuple[list[Value], frozenset[str]]:
    marks = NO_MARKS
    plain = []
    for v in values:
        p, m = v.unmark_deep()
        plain.append(p)
        marks |= m
    return plain, marks


def _formatlist(args: list[Value], _rt: Type) -> Value:
    fmt = args[0].raw
    values = args[1:]
    if _dynamic_null(values):
        return Value.unknown(DYNAMIC)
    values, marks = _unmark_all(values)
    length = -1
    chooser = -1
    sequences: dict[int, tuple[Value, ...]] = {}
    any_unknown = False
    for i, v in enumerate(values):
        t = v.type
        if (t.is_list or t.is_set or t.is_tuple) and not v.is_null:
            if not v.is_known and not t.is_tuple:
                any_unknown = True
                continue
            this_len = len(t.elements) if t.is_tuple and not v.is_known else v.length()  # type: ignore[attr-defined]
            if length == -1:
                length, chooser = this_len, i
            elif this_len != length:
                raise ArgError(
                    i + 1,
                    f"argument {i + 1} has length {this_len}, which is inconsistent with "
                    f"argument {chooser + 1} of length {length}",
                )
            if not v.is_known:
                any_unknown = True
                continue
            sequences[i] = v.raw
    if any_unknown:
        return Value.unknown(LIST_OF_STRING).with_marks(marks)
    if length == 0:
        return Value.list((), STRING).with_marks(marks)
    results: list[Value] = []
    for n in range(max(length, 1)):
        row = [sequences[i][n] if i in sequences else v for i, v in enumerate(values)]
        if not all(a.is_wholly_known for a in row):
            results.append(Value.unknown(STRING))
            continue
        try:
            results.append(Value.string(apply_format(fmt, row)))
        except FormatError as exc:
            if not values:
                raise FunctionCallError(exc.message) from None
            raise FunctionCallError(f"error on format iteration {n}: {exc.message}") from None
    return Value.list(results, STRING).with_marks(marks)


# --------------------------------------------------------------------------- table


def _str_fn(name: str, op: object, description: str) -> Function:
    def impl(args: list[Value], _rt: Type) -> Value:
        return Value.string(op(args[0].raw))  # type: ignore[operator]

    return Function(name, (Parameter("str", STRING),), fixed_type(STRING), impl, description=description)


def _two_strings(name: str, second: str, ret: Type, op: object, description: str) -> Function:
    def impl(args: list[Value], _rt: Type) -> Value:
        result = op(args[0].raw, args[1].raw)  # type: ignore[operator]
        return Value.bool(result) if ret is BOOL else Value.string(result)

    params = (Parameter("str", STRING), Parameter(second, STRING))
    return Function(name, params, fixed_type(ret), impl, description=description)


def _go_trim(s: str, cutset: str) -> str:
    return s.strip(cutset) if cutset else s


def functions(ctx: FunctionContext) -> list[Function]:
    nullable_args = Parameter("args", DYNAMIC, allow_null=True)
    return [
        _str_fn("upper", lambda s: _map_chars(s, "upper"), "Converts letters to upper case."),
        _str_fn("lower", lambda s: _map_chars(s, "lower"), "Converts letters to lower case."),
        _str_fn("title", _title, "Capitalises the first letter of each word."),
        _str_fn("chomp", _chomp, "Removes newline characters at the end of a string."),
        _str_fn("trimspace", lambda s: s.strip(GO_SPACE), "Removes whitespace at both ends of a string."),
        _str_fn("strrev", lambda s: "".join(reversed(graphemes(s))), "Reverses the characters of a string."),
        _two_strings("trim", "cutset", STRING, _go_trim, "Removes the given characters from both ends."),
        _two_strings("trimprefix", "prefix", STRING, lambda s, p: s.removeprefix(p), "Removes a prefix."),
        _two_strings("trimsuffix", "suffix", STRING, lambda s, p: s.removesuffix(p), "Removes a suffix."),
        _two_strings("startswith", "prefix", BOOL, lambda s, p: s.startswith(p), "Tests for a prefix."),
        _two_strings("endswith", "suffix", BOOL, lambda s, p: s.endswith(p), "Tests for a suffix."),
        _two_strings("strcontains", "substr", BOOL, lambda s, p: p in s, "Tests for a substring."),
        Function(
            "indent",
            (Parameter("spaces", NUMBER), Parameter("str", STRING)),
            fixed_type(STRING),
            lambda a, _rt: Value.string(_indent(whole_number(a[0]), a[1].raw)),
            description="Adds spaces after each newline of a string.",
        ),
        Function(
            "substr",
            (Parameter("str", STRING), Parameter("offset", NUMBER), Parameter("length", NUMBER)),
            fixed_type(STRING),
            lambda a, _rt: Value.string(_substr(a[0].raw, whole_number(a[1]), whole_number(a[2]))),
            description="Extracts characters by offset and length.",
        ),
        Function(
            "replace",
            (Parameter("str", STRING), Parameter("substr", STRING), Parameter("replace", STRING)),
            fixed_type(STRING),
            lambda a, _rt: Value.string(_replace(a[0].raw, a[1].raw, a[2].raw)),
            description="Replaces each occurrence of a substring or /regular expression/.",
        ),
        Function(
            "split",
            (Parameter("separator", STRING), Parameter("str", STRING)),
            fixed_type(LIST_OF_STRING),
            lambda a, _rt: _split(a[0].raw, a[1].raw),
            description="Splits a string at each separator.",
        ),
        Function(
            "join",
            (Parameter("separator", STRING),),
            fixed_type(STRING),
            _join,
            variadic=Parameter("lists", LIST_OF_STRING),
            description="Joins the strings of one or more lists with a separator.",
        ),
        Function(
            "regex",
            (Parameter("pattern", STRING), Parameter("string", STRING)),
            regex_type,
            regex_impl,
            description="Returns the first match of a regular expression.",
        ),
        Function(
            "regexall",
            (Parameter("pattern", STRING), Parameter("string", STRING)),
            regexall_type,
            regexall_impl,
            description="Returns every match of a regular expression.",
        ),
        Function(
            "format",
            (Parameter("format", STRING),),
            fixed_type(STRING),
            _format,
            variadic=nullable_args,
            description="Formats values according to a format string.",
        ),
        Function(
            "formatlist",
            (Parameter("format", STRING),),
            fixed_type(LIST_OF_STRING),
            _formatlist,
            variadic=Parameter("args", DYNAMIC, allow_null=True, allow_unknown=True),
            description="Formats the elements of lists element by element.",
        ),
        Function(
            "templatestring",
            (Parameter("template", STRING), Parameter("vars", DYNAMIC)),
            fixed_type(STRING),
            _templatestring(ctx),
            description="Renders a template held in a string with the given variables.",
            # The evaluator checks the template argument's expression (eval.template_argument).
            extra={"template_expression_argument": True},
        ),
    ]
