"""The scanner for HCL native syntax: text → tokens for the LALR parser.

It does three jobs that a context-free grammar cannot do cheaply:

* Newline significance by bracket stack: newlines are tokens only directly
  inside a body or an object constructor (``{``); inside ``(``, ``[``, a
  ``{ for ...}`` expression and a template interpolation they are dropped.
  At the top of a file they end attributes and blocks; for a standalone
  expression they are ignored.
* Templates: quoted strings, heredocs and bare templates are split into
  literal chunks, ``${`` interpolations and ``%{`` directives. Literal chunks
  are "cooked" here: escapes decoded, ``~`` strip markers applied to the
  neighbouring literals, and ``<<-`` indentation removed.
* Context keywords: ``for`` directly after ``[``/``{`` and the directive
  keywords after ``%{`` get their own token types.

Problems (invalid characters, bad escapes, unterminated strings) become
diagnostics; the scanner always reaches the end of the text.
"""

from __future__ import annotations

import re
from dataclasses import field
from operator import itemgetter
from typing import TYPE_CHECKING

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.records import record
from hclrun.syntax.locate import Locator

_tuple_new = tuple.__new__


class Tok(tuple[str, str, int, int, bool]):
    """A token: its grammar symbol, value and character offsets.

    ``value`` is the identifier or number text, the cooked text of a template
    literal, or the delimiter of a heredoc. ``flag`` marks a ``~`` strip
    marker on template openers and closers and ``<<-`` on heredocs.

    A token is an immutable tuple with named fields: a parse makes one per
    token, and ``tuple.__new__`` (see :func:`_token`) makes it without running
    any Python code.
    """

    __slots__ = ()

    def __new__(cls, type: str, value: str, start: int, end: int, flag: bool = False) -> Tok:
        return _tuple_new(cls, (type, value, start, end, flag))

    if TYPE_CHECKING:

        @property
        def type(self) -> str: ...
        @property
        def value(self) -> str: ...
        @property
        def start(self) -> int: ...
        @property
        def end(self) -> int: ...
        @property
        def flag(self) -> bool: ...

    else:
        type = property(itemgetter(0))
        value = property(itemgetter(1))
        start = property(itemgetter(2))
        end = property(itemgetter(3))
        flag = property(itemgetter(4))

    def with_text(self, value: str, start: int) -> Tok:
        """This token with another value starting at another offset."""
        return _tuple_new(Tok, (self[0], value, start, self[3], self[4]))

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r}, {self.start}, {self.end})"


MODE_FILE = "file"
MODE_EXPR = "expr"
MODE_TEMPLATE = "template"

# One token after optional spaces and tabs; a match that ends the text with
# spaces only has no named group.
_NORMAL = re.compile(
    r"""
    [ \t]*
    (?:
     (?P<ident>[^\W\d][\w-]*(?:::[^\W\d][\w-]*)*)
    |(?P<comment>(?:\#|//)[^\r\n]*|/\*)
    |(?P<heredoc><<(?P<flush>-?)(?P<delimiter>[^\W\d][\w-]*)[ \t]*\r?\n)
    |(?P<punct>\.\.\.|=>|==|!=|<=|>=|&&|\|\||~\}|[{}\[\]().,=:?*+\-/%!<>"])
    |(?P<nl>\r?\n)
    |(?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
    |\Z
    )
    """,
    re.X,
)
_SPACE = re.compile(r"[ \t]*")
_TEMPLATE_KINDS = frozenset(('"', "h", "t"))
_PUNCT = {
    "{": "LBRACE", "}": "RBRACE", "[": "LBRACK", "]": "RBRACK", "(": "LPAR", ")": "RPAR",
    ",": "COMMA", ".": "DOT", "=": "EQ", ":": "COLON", "?": "QMARK", "=>": "ARROW",
    "...": "ELLIPSIS", "*": "STAR", "||": "OR", "&&": "AND", "==": "EQEQ", "!=": "NEQ",
    "<": "LT", ">": "GT", "<=": "LTE", ">=": "GTE", "+": "PLUS", "-": "MINUS",
    "/": "SLASH", "%": "PERCENT", "!": "BANG",
}  # fmt: skip
# Punctuation that is one token and nothing more (no bracket, quote or template), with its type.
_SIMPLE_TYPES = {p: kind for p, kind in _PUNCT.items() if p not in ("{", "}", "[", "]", "(", ")")}
# The bracket a closer pops from the bracket stack (``}`` closing ``${``/``%{`` is a template closer).
_BRACKET_CLOSED_BY = {"}": "{f", ")": "(", "]": "["}
# A whole quoted string without escapes, interpolations or directives.
_PLAIN_STRING = re.compile(r'"((?:[^"\\$%\r\n]|[$%](?!\{))*+)"')
# Whole comments only: a comment mentioning "for" must not make a body look like a for expression.
_FOR_AHEAD = re.compile(r"(?:\s|#[^\n]*+|//[^\n]*+|(?>/\*.*?\*/))*+for(?![\w-])", re.S)
_QUOTED_LIT = re.compile(r"(?:\$\$\{|%%\{|[^\"\\$%\r\n]+|\\[^\r\n]|\$(?!\{)|%(?!\{))+")
_HEREDOC_LINE = re.compile(r"(?:\$\$\{|%%\{|[^$%\n]+|\$(?!\{)|%(?!\{))*\n?")
_BARE_LIT = re.compile(r"(?:\$\$\{|%%\{|[^$%]+|\$(?!\{)|%(?!\{))+")
_DIRECTIVE = re.compile(r"%\{(~?)[ \t]*([A-Za-z_][\w-]*)?")
_DIRECTIVES = {"if": "T_IF", "else": "T_ELSE", "endif": "T_ENDIF", "for": "T_FOR", "endfor": "T_ENDFOR"}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{0,4})|U([0-9A-Fa-f]{0,8})|(.?))|\$\$\{|%%\{", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_DIRECTIVE_ORDER = ("if", "for", "else", "endif", "endfor")  # the order suggestions are tried in
_TEMPLATE_OPENERS = frozenset(("TINTERP", "T_IF", "T_ELSE", "T_ENDIF", "T_FOR", "T_ENDFOR"))
_CLOSERS = {"}": "{f$%", ")": "(", "]": "["}
_INVALID_DETAILS = {
    "'": 'Single quotes are not valid. Use double quotes (") to enclose strings.',
    "`": 'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
    ";": 'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate '
    "items in collection values.",
    "\t": "Tab characters may not be used. The recommended indentation style is two spaces per indent.",
}
_BITWISE = {
    "^": "",
    "&": ' Did you mean boolean AND ("&&")?',
    "|": ' Did you mean boolean OR ("||")?',
    "~": ' Did you mean boolean NOT ("!")?',
}


@record(frozen=False)
class _Template:
    """A template being scanned: its kind and the indices of its own tokens."""

    kind: str  # '"' quoted, 'h' heredoc, 't' bare
    parts: list[int] = field(default_factory=list)
    delimiter: str = ""
    flush: bool = False
    line_start: bool = True
    start: int = 0


class Scanner:
    """Scans one text in one mode; ``tokens`` and ``diagnostics`` hold the result."""

    def __init__(self, text: str, locator: Locator, mode: str) -> None:
        self.text = text
        self.loc = locator
        self.mode = mode
        self.tokens: list[Tok] = []
        self.diagnostics = Diagnostics()
        self._stack: list[str] = []
        self._templates: list[_Template] = []
        self._quote_line: tuple[str, int] | None = None

    # ------------------------------------------------------------ driver

    def scan(self) -> list[Tok]:
        text = self.text
        n = len(text)
        pos = 0
        if self.mode == MODE_TEMPLATE:
            self._stack.append("t")
            self._templates.append(_Template("t"))
        stack = self._stack
        if self.mode == MODE_FILE and text.startswith("\ufeff"):
            pos = 1  # a byte order mark is not part of the content
        while pos < n:
            top = stack[-1] if stack else ""
            if top in ('"', "h", "t"):
                pos = self._scan_template(pos, top)
            else:
                pos = self._scan_normal(pos)
        self._finish(n)
        return self.tokens

    def _error(self, summary: str, detail: str, start: int, end: int) -> None:
        self.diagnostics.append(Diagnostic.error(summary, detail, self.loc.range(start, end)))

    def _finish(self, n: int) -> None:
        balanced = all(kind == "t" for kind in self._stack)
        while self._stack:
            top = self._stack.pop()
            if top == '"':
                # No closer: the parser reports the unterminated string (or
                # whatever it was expecting first) at the end of the input.
                self._close_template(n, n, "")
            elif top == "h":
                self._close_template(n, n, "")
            elif top == "t":
                self._close_template(n, n, "")
        if self.mode == MODE_FILE and balanced and self.tokens and self.tokens[-1].type != "NL":
            self.tokens.append(Tok("NL", "", n, n + 1))

    # ------------------------------------------------------------ normal tokens

    def _scan_normal(self, pos: int) -> int:
        """Scan plain tokens until the text ends or a template begins or resumes."""
        text = self.text
        n = len(text)
        tokens = self.tokens
        append = tokens.append
        stack = self._stack
        match = _NORMAL.match
        simple_type = _SIMPLE_TYPES.get
        plain_string = _PLAIN_STRING.match
        new_tok = _tuple_new
        file_mode = self.mode == MODE_FILE
        while pos < n:
            m = match(text, pos)
            if m is None:
                after_space = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
                pos = after_space if after_space > pos else self._invalid_char(pos)
                continue
            kind = m.lastgroup
            end = m.end()
            if kind == "ident":
                value = m.group(kind)
                start = end - len(value)
                if value == "for" or value == "in" or "::" in value:
                    append(self._keyword(value, start, end))
                else:
                    append(new_tok(Tok, ("IDENT", value, start, end, False)))
            elif kind == "punct":
                value = m.group(kind)
                start = end - len(value)
                simple = simple_type(value)
                if simple is not None:
                    append(new_tok(Tok, (simple, value, start, end, False)))
                elif value == '"':
                    plain = plain_string(text, start)
                    if plain is not None:
                        # No escapes, interpolations or directives: the three
                        # tokens the template scanner would make, made here.
                        end = plain.end()
                        append(Tok("OQUOTE", value, start, start + 1))
                        if end - start > 2:
                            append(Tok("TLIT", plain.group(1), start + 1, end - 1))
                        append(Tok("CQUOTE", "", end - 1, end))
                        pos = end
                        continue
                    append(Tok("OQUOTE", value, start, end))
                    stack.append('"')
                    self._templates.append(_Template('"', start=start))
                    return end
                elif value == "{":
                    stack.append("f" if _FOR_AHEAD.match(text, end) is not None else "{")
                    append(Tok("LBRACE", value, start, end))
                elif value == "(" or value == "[":
                    stack.append(value)
                    append(Tok(_PUNCT[value], value, start, end))
                elif value != "~}" and stack and stack[-1] in _BRACKET_CLOSED_BY[value]:
                    stack.pop()  # the common case of _close_bracket
                    append(new_tok(Tok, (_PUNCT[value], value, start, end, False)))
                else:  # a closing bracket
                    self._close_bracket(value, start, end)
                    if stack and stack[-1] in _TEMPLATE_KINDS:
                        return end  # an interpolation or directive closed: back in its template
            elif kind == "nl":
                if (
                    (stack[-1] == "{" if stack else file_mode)
                    and tokens
                    and tokens[-1].type != "NL"
                ):
                    append(new_tok(Tok, ("NL", "\n", m.start(kind), end, False)))
            elif kind == "number":
                value = m.group(kind)
                append(new_tok(Tok, ("NUMBER", value, end - len(value), end, False)))
            elif kind == "comment":
                if m.group(kind) == "/*":
                    start = m.start(kind)
                    close = text.find("*/", end)
                    if close < 0:  # not a comment after all: a slash, and scanning goes on after it
                        append(Tok("SLASH", "/", start, start + 1))
                        end = start + 1
                    else:
                        end = close + 2
            elif kind == "heredoc":
                start = m.start(kind)
                delimiter = m.group("delimiter")
                flush = m.group("flush") == "-"
                append(Tok("HEREDOC_BEGIN", delimiter, start, end, flush))
                stack.append("h")
                self._templates.append(_Template("h", delimiter=delimiter, flush=flush, start=start))
                return end
            pos = end  # trailing spaces only
        return pos

    def _keyword(self, value: str, start: int, end: int) -> Tok:
        """The token for an identifier that may be a keyword in context or a namespaced name."""
        tokens = self.tokens
        if "::" in value:
            return Tok("NSIDENT", value, start, end)
        if value == "for" and tokens and tokens[-1].type in ("LBRACK", "LBRACE"):
            return Tok("FOR", value, start, end)
        if value == "in" and _after_for_names(tokens):
            return Tok("IN", value, start, end)
        return Tok("IDENT", value, start, end)

    def _close_bracket(self, value: str, pos: int, end: int) -> int:
        stack = self._stack
        top = stack[-1] if stack else ""
        if value == "~}" or (value == "}" and top in ("$", "%")):
            if top in ("$", "%"):
                stack.pop()
                tok = Tok("TCLOSE", value, pos, end, value == "~}")
                self.tokens.append(tok)
                self._templates[-1].parts.append(len(self.tokens) - 1)
                return end
            self._invalid_char(pos)
            return end
        if top and top in _CLOSERS[value]:
            stack.pop()
        self.tokens.append(Tok(_PUNCT[value], value, pos, end))
        return end

    def _invalid_char(self, pos: int) -> int:
        ch = self.text[pos]
        if ch == "\r":
            return pos + 1
        summary = "Invalid character"
        detail = _INVALID_DETAILS.get(ch, "This character is not used within the language.")
        if ch in _BITWISE:
            summary = "Unsupported operator"
            detail = "Bitwise operators are not supported." + _BITWISE[ch]
        line = self.loc.pos(pos).line
        if ch in "'`" and self._quote_line == (ch, line):
            detail = ""  # the closing quote of a wrongly-quoted string: reported once
        if ch in "'`":
            self._quote_line = (ch, line)
        if detail:
            self._error(summary, detail, pos, pos + 1)
        self.tokens.append(Tok("INVALID", ch, pos, pos + 1))
        return pos + 1

    # ------------------------------------------------------------ templates

    def _scan_template(self, pos: int, kind: str) -> int:
        text = self.text
        tpl = self._templates[-1]
        if kind == "h" and tpl.line_start:
            m = re.compile(r"[ \t]*" + re.escape(tpl.delimiter) + r"(?=[ \t]*\r?\n)").match(text, pos)
            if m is not None:
                self._close_template(pos, m.end(), "HEREDOC_END")
                return m.end()
        ch = text[pos]
        if ch == '"' and kind == '"':
            self._close_template(pos, pos + 1, "CQUOTE")
            return pos + 1
        if (ch == "$" or ch == "%") and text.startswith("{", pos + 1):
            return self._template_opener(pos, tpl)
        if kind == '"':
            m = _QUOTED_LIT.match(text, pos)
            if m is None:  # a newline or a lone backslash before one
                return self._unterminated_quote(pos, tpl)
            self._literal(pos, m.end(), self._cook_quoted(m.group(), pos), tpl)
            return m.end()
        if kind == "h":
            m = _HEREDOC_LINE.match(text, pos)
            assert m is not None
            end = m.end()
            raw = m.group()
            self._literal(pos, end, raw.replace("$${", "${").replace("%%{", "%{"), tpl)
            tpl.line_start = raw.endswith("\n")
            return end
        m = _BARE_LIT.match(text, pos)
        assert m is not None
        self._literal(pos, m.end(), m.group().replace("$${", "${").replace("%%{", "%{"), tpl)
        return m.end()

    def _literal(self, start: int, end: int, value: str, tpl: _Template) -> None:
        self.tokens.append(Tok("TLIT", value, start, end))
        tpl.parts.append(len(self.tokens) - 1)

    def _template_opener(self, pos: int, tpl: _Template) -> int:
        text = self.text
        tpl.line_start = False
        if text[pos] == "$":
            strip = text.startswith("~", pos + 2)
            end = pos + 3 if strip else pos + 2
            self.tokens.append(Tok("TINTERP", "${", pos, end, strip))
            self._stack.append("$")
        else:
            m = _DIRECTIVE.match(text, pos)
            assert m is not None
            strip = m.group(1) == "~"
            keyword = m.group(2) or ""
            kind = _DIRECTIVES.get(keyword)
            end = m.end()
            if kind is None:
                return self._bad_directive(pos, m, tpl)
            self.tokens.append(Tok(kind, keyword, pos, end, strip))
            self._stack.append("%")
        tpl.parts.append(len(self.tokens) - 1)
        return end

    def _bad_directive(self, pos: int, m: re.Match[str], tpl: _Template) -> int:
        """Report an unknown ``%{`` keyword and skip the whole directive."""
        keyword = m.group(2)
        if keyword:
            suggestion = next((k for k in _DIRECTIVE_ORDER if _edit_distance(keyword, k) < 3), None)
            self._error(
                "Invalid template control keyword",
                f'"{keyword}" is not a valid template control keyword.'
                + (f' Did you mean "{suggestion}"?' if suggestion else ""),
                m.start(2),
                m.end(2),
            )
        else:
            self._error(
                "Invalid template directive",
                'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
                pos,
                m.end(),
            )
        close = self.text.find("}", m.end())
        return len(self.text) if close < 0 else close + 1

    def _unterminated_quote(self, pos: int, tpl: _Template) -> int:
        """A newline inside a quoted string: reported, and the string goes on (as in HCL).

        The ``QNEWLINE`` token fits nowhere in the grammar, so the parser
        reports the string as unterminated there unless an earlier error
        was found.
        """
        text = self.text
        if text[pos] == "\\":
            pos += 1
        nl_end = pos + (2 if text.startswith("\r\n", pos) else 1)
        self._error(
            "Invalid multi-line string",
            "Quoted strings may not be split over multiple lines. To produce a multi-line string, "
            "either use the \\n escape to represent a newline character or use the \"heredoc\" "
            "multi-line template syntax.",
            pos,
            nl_end,
        )
        self.tokens.append(Tok("QNEWLINE", text[pos:nl_end], pos, nl_end))
        tpl.parts.append(len(self.tokens) - 1)
        return nl_end

    def _close_template(self, start: int, end: int, closer: str) -> None:
        tpl = self._templates.pop()
        if self._stack and self._stack[-1] == tpl.kind:
            self._stack.pop()
        apply_strip_markers(self.tokens, tpl.parts)
        if tpl.flush:
            flush_indentation(self.tokens, tpl.parts)
        if closer:
            self.tokens.append(Tok(closer, tpl.delimiter, start, end))

    def _cook_quoted(self, raw: str, start: int) -> str:
        if "\\" not in raw and "{" not in raw:
            return raw

        def replace(m: re.Match[str]) -> str:
            text = m.group()
            if text == "$${":
                return "${"
            if text == "%%{":
                return "%{"
            code = m.group(1)
            if code is None:
                code = m.group(2)
            if code is not None:
                return self._unicode_escape(text, code, start + m.start(), start + m.end())
            simple = _SIMPLE_ESCAPES.get(m.group(3))
            if simple is None:
                self._bad_escape(start + m.start(), start + m.end(), text)
                return text[1:]
            return simple

        return _ESCAPE.sub(replace, raw)

    def _unicode_escape(self, text: str, code: str, start: int, end: int) -> str:
        """Decode ``\\uNNNN``/``\\UNNNNNNNN``; a short or unencodable one is reported and kept as written."""
        digits = 4 if text[1] == "u" else 8
        if len(code) != digits:
            word = "four" if digits == 4 else "eight"
            self._error(
                "Invalid escape sequence",
                f"The \\{text[1]} escape sequence must be followed by {word} hexadecimal digits.",
                start,
                end,
            )
            return text
        value = int(code, 16)
        if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            self._error("Invalid escape sequence", f"Cannot encode character U+{value:04x} in UTF-8.", start, end)
            return text
        return chr(value)

    def _bad_escape(self, start: int, end: int, text: str) -> None:
        if len(text) < 2:
            detail = "Backslash must be followed by an escape sequence selector character."
        else:
            detail = f"The symbol \"{text[1:]}\" is not a valid escape sequence selector."
        self._error("Invalid escape sequence", detail, start, end)


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, for "Did you mean" suggestions."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _after_for_names(tokens: list[Tok]) -> bool:
    """Whether the tokens so far end with ``for NAME`` or ``for NAME, NAME``."""
    n = len(tokens)
    if n >= 2 and tokens[-1].type == "IDENT" and tokens[-2].type in ("FOR", "T_FOR"):
        return True
    return (
        n >= 4
        and tokens[-1].type == "IDENT"
        and tokens[-2].type == "COMMA"
        and tokens[-3].type == "IDENT"
        and tokens[-4].type in ("FOR", "T_FOR")
    )


def apply_strip_markers(tokens: list[Tok], parts: list[int]) -> None:
    """Apply ``${~``/``%{~`` and ``~}`` to the literal next to each marker."""
    count = len(parts)
    for i, index in enumerate(parts):
        tok = tokens[index]
        if tok.type != "TLIT":
            continue
        if i > 0:
            prev = tokens[parts[i - 1]]
            if prev.type == "TCLOSE" and prev.flag:
                tok = tokens[index] = tok.with_text(tok.value.lstrip(), tok.start)
        if i + 1 < count:
            nxt = tokens[parts[i + 1]]
            if nxt.flag and nxt.type in _TEMPLATE_OPENERS:
                tokens[index] = tok.with_text(tok.value.rstrip(), tok.start)


def flush_indentation(tokens: list[Tok], parts: list[int]) -> None:
    """Remove the smallest common indentation from the lines of a ``<<-`` heredoc.

    Blank lines do not count; a line that starts with an interpolation or a
    directive has no indentation, so it stops any stripping.
    """
    smallest = -1
    at_line_start = True
    adjust: list[int] = []  # indices of the tokens that start a line
    for index in parts:
        tok = tokens[index]
        if at_line_start:
            at_line_start = False
            if tok.type == "TLIT":
                value = tok.value
                trimmed = value.lstrip()
                if not trimmed and value.endswith("\n"):
                    spaces = -1
                else:
                    spaces = len(value) - len(trimmed)
                    adjust.append(index)
            else:
                spaces = 0
            if spaces >= 0 and (smallest < 0 or spaces < smallest):
                smallest = spaces
        if tok.type == "TLIT" and tok.value.endswith("\n"):
            at_line_start = True
    if smallest <= 0:
        return
    for index in adjust:
        tok = tokens[index]
        tokens[index] = tok.with_text(tok.value[smallest:], tok.start + smallest)


def scan(text: str, locator: Locator, mode: str) -> tuple[list[Tok], Diagnostics]:
    scanner = Scanner(text, locator, mode)
    tokens = scanner.scan()
    return tokens, scanner.diagnostics
