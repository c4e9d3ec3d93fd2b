"""The modal part of the formatter's scanner: templates and heredocs.

Like HCL's own scanner this has three modes: expressions, quoted templates
and heredoc templates; ``${``/``%{`` switch from a template into expression
mode until the matching ``}``. Each mode is one compiled regular expression
matched once per token.

:func:`scan_construct` is entered by :mod:`hclrun.syntax.scanner` at a token
its bulk path does not handle (a template, a heredoc, a non-ASCII identifier)
and returns as soon as the scan is back in expression mode outside any
template.
"""

from __future__ import annotations

import re

import regex

from hclrun.syntax import tokens as t

_IDENT = r"[\p{ID_Start}_][\p{ID_Continue}\-]*"
_UNICODE_IDENT = regex.compile(_IDENT)
_UNICODE_HEREDOC = regex.compile(r"<<-?" + _IDENT + r"\r?\n")

# The expression-mode pattern, with the spaces before a token folded in so
# that each token costs one match. Groups are dispatched by number (lastindex).
# Identifiers are matched here only when wholly ASCII; anything else that may
# start an identifier goes to the `maybe_ident` group and the Unicode-aware
# pattern above.
_MAIN = re.compile(
    r"""[ \t]*(?:
      (?P<ident>[A-Za-z_][A-Za-z0-9_\-]*+)(?![^\x00-\x7f])
    | (?P<single>[\[\]().,*/%+\-=<>!?:&|~^;`'{])(?![=&|.:>}/*<])
    | (?P<newline>\r?\n)
    | (?P<number>\d(?:\d|[eE][+-]?\d|\.+(?=\d|[eE][+-]?\d))*)
    | (?P<plain_string>"(?:[^"\\$%\r\n]|\\[^\r\n]|[$%](?!\{))*+")
    | (?P<quote>")
    | (?P<close>\}|~\})
    | (?P<comment>\#[^\n]*\n?|//[^\n]*\n?|/\*.*?\*/)
    | (?P<multi>==|!=|>=|<=|&&|\|\||::|\.\.\.|=>)
    | (?P<heredoc><<-?[A-Za-z_][A-Za-z0-9_\-]*\r?\n)
    | (?P<maybe_ident>[^\x00-\x7f]|[A-Za-z_])
    | (?P<single_before>[\[\]().,*/%+\-=<>!?:&|~^;`'{])
    | (?P<maybe_heredoc><<-?)
    | (?P<invalid>.)
    | (?P<end>$)
    )""",
    re.VERBOSE | re.DOTALL,
)
_G_IDENT = _MAIN.groupindex["ident"]
_G_SINGLE = _MAIN.groupindex["single"]
_G_NEWLINE = _MAIN.groupindex["newline"]
_G_NUMBER = _MAIN.groupindex["number"]
_G_PLAIN_STRING = _MAIN.groupindex["plain_string"]
_G_QUOTE = _MAIN.groupindex["quote"]
_G_CLOSE = _MAIN.groupindex["close"]
_G_COMMENT = _MAIN.groupindex["comment"]
_G_MULTI = _MAIN.groupindex["multi"]
_G_HEREDOC = _MAIN.groupindex["heredoc"]
_G_MAYBE_IDENT = _MAIN.groupindex["maybe_ident"]
_G_SINGLE_BEFORE = _MAIN.groupindex["single_before"]
_G_MAYBE_HEREDOC = _MAIN.groupindex["maybe_heredoc"]
_G_END = _MAIN.groupindex["end"]

_QUOTED = re.compile(
    r"""
    (?P<interp>\$\{~?)
  | (?P<control>%\{~?)
  | (?P<quote>")
  | (?P<literal>(?:\\[^\r\n]|\$\$\{~?|%%\{~?|\$(?!\{)|%(?!\{)|[^\\$%"\r\n])+)
  | (?P<newline>[\r\n]+)
  | (?P<invalid>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_HEREDOC = re.compile(
    r"""
    (?P<interp>\$\{~?)
  | (?P<control>%\{~?)
  | (?P<literal>\$\$\{~?|%%\{~?|[$%]|[^$%\r\n]+)?(?P<eol>\r?\n)?
    """,
    re.VERBOSE | re.DOTALL,
)

_MAIN_MODE = 0
_QUOTED_MODE = 1
_HEREDOC_MODE = 2


class _Heredoc:
    __slots__ = ("at_line_start", "marker")

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.at_line_start = True


def scan_construct(text: str, pos: int, kinds: list[int], texts: list[str]) -> int:
    """Scan tokens from `pos` in expression mode until no template is open; returns the end position.

    Tokens are appended to `kinds` and `texts`. At least one token (or the
    trailing blanks of the text) is consumed.
    """
    kind_append = kinds.append
    text_append = texts.append

    end = len(text)
    start = pos
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
            if pos != start and not return_modes:
                return pos
            m = main_match(text, pos)
            assert m is not None  # the last alternatives match anything
            index = m.lastindex or 0
            pos = m.end()
            if index == _G_IDENT:
                kind_append(t.IDENT)
                text_append(m.group(_G_IDENT))
                continue
            if index == _G_SINGLE or index == _G_SINGLE_BEFORE:
                value = m.group(index)
                kind = single[value]
                if kind == t.OBRACE:
                    braces += 1
                kind_append(kind)
                text_append(value)
                continue
            if index == _G_PLAIN_STRING:
                value = m.group(_G_PLAIN_STRING)
                kind_append(t.OQUOTE)
                text_append('"')
                if len(value) > 2:
                    kind_append(t.QUOTED_LIT)
                    text_append(value[1:-1])
                kind_append(t.CQUOTE)
                text_append('"')
                continue
            if index == _G_NEWLINE:
                kind_append(t.NEWLINE)
            elif index == _G_NUMBER:
                kind_append(t.NUMBER_LIT)
            elif index == _G_QUOTE:
                kind_append(t.OQUOTE)
                return_modes.append(_MAIN_MODE)
                mode = _QUOTED_MODE
            elif index == _G_CLOSE:
                if sequence_braces and sequence_braces[-1] == braces:
                    kind_append(t.TEMPLATE_SEQ_END)
                    sequence_braces.pop()
                    mode = return_modes.pop()
                else:
                    kind_append(t.CBRACE if m.group(_G_CLOSE) == "}" else t.TEMPLATE_SEQ_END)
                braces -= 1
            elif index == _G_COMMENT:
                kind_append(t.COMMENT)
            elif index == _G_MULTI:
                kind_append(multi[m.group(_G_MULTI)])
            elif index == _G_HEREDOC or index == _G_MAYBE_HEREDOC:
                token_start = m.start(index)
                heredoc_start = _UNICODE_HEREDOC.match(text, token_start) if index == _G_MAYBE_HEREDOC else m
                if heredoc_start is None:
                    kind_append(t.LESSTHAN)
                    text_append("<")
                    pos = token_start + 1
                    continue
                pos = heredoc_start.end()
                value = text[token_start:pos]
                kind_append(t.OHEREDOC)
                text_append(value)
                marker = value[2:].rstrip("\n").rstrip("\r").lstrip("-")
                heredocs.append(_Heredoc(marker))
                return_modes.append(_MAIN_MODE)
                mode = _HEREDOC_MODE
                continue
            elif index == _G_MAYBE_IDENT:
                token_start = m.start(_G_MAYBE_IDENT)
                ident = _UNICODE_IDENT.match(text, token_start)
                if ident is None:
                    kind_append(t.INVALID)
                    pos = token_start + 1
                else:
                    kind_append(t.IDENT)
                    pos = ident.end()
                text_append(text[token_start:pos])
                continue
            elif index == _G_END:
                continue
            else:
                kind_append(t.INVALID)
            text_append(m.group(index))
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
    return pos
