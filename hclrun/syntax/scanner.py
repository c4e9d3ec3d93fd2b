"""A lossless token scanner for HCL native syntax, used by the formatter.

Every byte of the input ends up in exactly one token except the spaces and
tabs between tokens (which the formatter recomputes) and a leading byte order
mark. Like HCL's own scanner it has three modes: expressions, quoted
templates and heredoc templates; ``${``/``%{`` switch from a template into
expression mode until the matching ``}``. Each mode is one compiled regular
expression matched in a loop.

The scanner never fails: characters it cannot place become INVALID tokens,
so that the formatter can still run on (and tests can feed it) broken input.
"""

from __future__ import annotations

import regex

from hclrun.syntax import tokens as t

_IDENT = r"[\p{ID_Start}_][\p{ID_Continue}\-]*"

_MAIN = regex.compile(
    r"""
    (?P<spaces>[ \t]+)
  | (?P<newline>\r?\n)
  | (?P<comment>\#[^\n]*\n?|//[^\n]*\n?|/\*.*?\*/)
  | (?P<number>\d(?:\d|[eE][+-]?\d|\.+(?=\d|[eE][+-]?\d))*)
  | (?P<ident>""" + _IDENT + r""")
  | (?P<heredoc><<-?""" + _IDENT + r"""\r?\n)
  | (?P<multi>==|!=|>=|<=|&&|\|\||::|\.\.\.|=>)
  | (?P<strip_close>~\})
  | (?P<close>\})
  | (?P<single>[\[\]().,*/%+\-=<>!?:&|~^;`'{])
  | (?P<quote>")
  | (?P<invalid>.)
    """,
    regex.VERBOSE | regex.DOTALL,
)

_QUOTED = regex.compile(
    r"""
    (?P<interp>\$\{~?)
  | (?P<control>%\{~?)
  | (?P<quote>")
  | (?P<literal>(?:\\[^\r\n]|\$\$\{~?|%%\{~?|\$(?!\{)|%(?!\{)|[^\\$%"\r\n])+)
  | (?P<newline>[\r\n]+)
  | (?P<invalid>.)
    """,
    regex.VERBOSE | regex.DOTALL,
)

_HEREDOC = regex.compile(
    r"""
    (?P<interp>\$\{~?)
  | (?P<control>%\{~?)
  | (?P<literal>\$\$\{~?|%%\{~?|[$%]|[^$%\r\n]+)?(?P<eol>\r?\n)?
    """,
    regex.VERBOSE | regex.DOTALL,
)

_MAIN_MODE = 0
_QUOTED_MODE = 1
_HEREDOC_MODE = 2


class _Heredoc:
    __slots__ = ("at_line_start", "marker")

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.at_line_start = True


def scan(text: str) -> tuple[list[int], list[str]]:
    """Split `text` into parallel lists of token kinds and token texts, ending with EOF."""
    kinds: list[int] = []
    texts: list[str] = []
    kind_append = kinds.append
    text_append = texts.append

    pos = 1 if text.startswith("\ufeff") else 0
    end = len(text)
    mode = _MAIN_MODE
    return_modes: list[int] = []  # modes to go back to when a template or sequence ends
    braces = 0
    sequence_braces: list[int] = []  # brace depths at which a ${ / %{ sequence closes
    heredocs: list[_Heredoc] = []
    single = t.SINGLE_CHAR_KINDS
    multi = t.MULTI_CHAR_KINDS
    main_match = _MAIN.match
    quoted_match = _QUOTED.match
    heredoc_match = _HEREDOC.match

    def open_sequence(kind: int, token_text: str, from_mode: int) -> None:
        nonlocal braces, mode
        kind_append(kind)
        text_append(token_text)
        braces += 1
        sequence_braces.append(braces)
        if heredocs:
            heredocs[-1].at_line_start = False
        return_modes.append(from_mode)
        mode = _MAIN_MODE

    while pos < end:
        if mode == _MAIN_MODE:
            m = main_match(text, pos)
            assert m is not None  # the last alternative matches any character
            group = m.lastgroup
            value = m.group()
            pos = m.end()
            if group == "spaces":
                continue
            if group == "ident":
                kind_append(t.IDENT)
            elif group == "single":
                kind = single[value]
                if kind == t.OBRACE:
                    braces += 1
                kind_append(kind)
            elif group == "newline":
                kind_append(t.NEWLINE)
            elif group == "number":
                kind_append(t.NUMBER_LIT)
            elif group == "comment":
                kind_append(t.COMMENT)
            elif group == "multi":
                kind_append(multi[value])
            elif group == "close" or group == "strip_close":
                if sequence_braces and sequence_braces[-1] == braces:
                    kind_append(t.TEMPLATE_SEQ_END)
                    sequence_braces.pop()
                    mode = return_modes.pop()
                else:
                    kind_append(t.CBRACE if group == "close" else t.TEMPLATE_SEQ_END)
                braces -= 1
            elif group == "quote":
                kind_append(t.OQUOTE)
                return_modes.append(_MAIN_MODE)
                mode = _QUOTED_MODE
            elif group == "heredoc":
                kind_append(t.OHEREDOC)
                marker = value[2:].rstrip("\n").rstrip("\r").lstrip("-")
                heredocs.append(_Heredoc(marker))
                return_modes.append(_MAIN_MODE)
                mode = _HEREDOC_MODE
            else:
                kind_append(t.INVALID)
            text_append(value)
        elif mode == _QUOTED_MODE:
            m = quoted_match(text, pos)
            assert m is not None
            group = m.lastgroup
            value = m.group()
            pos = m.end()
            if group == "literal":
                kind_append(t.QUOTED_LIT)
            elif group == "interp":
                open_sequence(t.TEMPLATE_INTERP, value, _QUOTED_MODE)
                continue
            elif group == "control":
                open_sequence(t.TEMPLATE_CONTROL, value, _QUOTED_MODE)
                continue
            elif group == "quote":
                kind_append(t.CQUOTE)
                mode = return_modes.pop()
            elif group == "newline":
                kind_append(t.QUOTED_NEWLINE)
            else:
                kind_append(t.INVALID)
            text_append(value)
        else:
            m = heredoc_match(text, pos)
            assert m is not None
            group = m.lastgroup
            if group == "interp":
                pos = m.end()
                open_sequence(t.TEMPLATE_INTERP, m.group(), _HEREDOC_MODE)
                continue
            if group == "control":
                pos = m.end()
                open_sequence(t.TEMPLATE_CONTROL, m.group(), _HEREDOC_MODE)
                continue
            literal = m.group("literal") or ""
            eol = m.group("eol") or ""
            if not literal and not eol:  # a lone carriage return
                kind_append(t.INVALID)
                text_append(text[pos])
                pos += 1
                continue
            pos = m.end()
            heredoc = heredocs[-1]
            if eol and heredoc.at_line_start and literal.strip() == heredoc.marker:
                kind_append(t.CHEREDOC)
                text_append(literal)
                kind_append(t.NEWLINE)
                text_append(eol)
                heredocs.pop()
                mode = return_modes.pop()
                continue
            heredoc.at_line_start = bool(eol)
            kind_append(t.STRING_LIT)
            text_append(literal + eol)

    kinds.append(t.EOF)
    texts.append("")
    return kinds, texts
