"""Token kinds of HCL native syntax, as the formatter sees them.

The kinds mirror HCL's own lexical tokens one for one, because the formatting
rules are stated in terms of them. Kinds are plain ints (not an enum) since
the formatter compares them in tight loops; ``KIND_NAMES`` maps them back to
names for debugging and tests.
"""

from __future__ import annotations

OBRACE = 1  # {
CBRACE = 2  # }
OBRACK = 3  # [
CBRACK = 4  # ]
OPAREN = 5  # (
CPAREN = 6  # )
OQUOTE = 7  # " opening a quoted template
CQUOTE = 8  # " closing a quoted template
OHEREDOC = 9  # <<EOT or <<-EOT, including the newline that ends it
CHEREDOC = 10  # the closing marker line, without its newline

STAR = 11
SLASH = 12
PLUS = 13
MINUS = 14
PERCENT = 15

EQUAL = 16  # =
EQUALOP = 17  # ==
NOTEQUAL = 18  # !=
LESSTHAN = 19
LESSTHANEQ = 20
GREATERTHAN = 21
GREATERTHANEQ = 22

AND = 23  # &&
OR = 24  # ||
BANG = 25  # !

DOT = 26
COMMA = 27
DOUBLECOLON = 28  # ::
ELLIPSIS = 29  # ...
FATARROW = 30  # =>
QUESTION = 31
COLON = 32

TEMPLATE_INTERP = 33  # ${ or ${~
TEMPLATE_CONTROL = 34  # %{ or %{~
TEMPLATE_SEQ_END = 35  # } or ~} closing one of the two above

QUOTED_LIT = 36  # literal text inside a quoted template, escapes undecoded
STRING_LIT = 37  # literal text inside a heredoc, one line or part of one
NUMBER_LIT = 38
IDENT = 39

COMMENT = 40  # # and // comments include their newline; /* */ comments do not
NEWLINE = 41  # \n or \r\n
EOF = 42

# Characters HCL reserves but gives no meaning; they only appear in invalid input.
BITWISE_AND = 43  # &
BITWISE_OR = 44  # |
BITWISE_NOT = 45  # ~
BITWISE_XOR = 46  # ^
SEMICOLON = 47
BACKTICK = 48
APOSTROPHE = 49

INVALID = 50
QUOTED_NEWLINE = 51  # a newline inside a quoted template (invalid)
NIL = 52  # placeholder for "no token" at the start of a line

KIND_NAMES: dict[int, str] = {
    value: name for name, value in dict(globals()).items() if name.isupper() and isinstance(value, int)
}

# Single characters that are tokens of their own in expression context.
SINGLE_CHAR_KINDS: dict[str, int] = {
    "[": OBRACK,
    "]": CBRACK,
    "(": OPAREN,
    ")": CPAREN,
    ".": DOT,
    ",": COMMA,
    "*": STAR,
    "/": SLASH,
    "%": PERCENT,
    "+": PLUS,
    "-": MINUS,
    "=": EQUAL,
    "<": LESSTHAN,
    ">": GREATERTHAN,
    "!": BANG,
    "?": QUESTION,
    ":": COLON,
    "&": BITWISE_AND,
    "|": BITWISE_OR,
    "~": BITWISE_NOT,
    "^": BITWISE_XOR,
    ";": SEMICOLON,
    "`": BACKTICK,
    "'": APOSTROPHE,
    "{": OBRACE,
}

MULTI_CHAR_KINDS: dict[str, int] = {
    "==": EQUALOP,
    "!=": NOTEQUAL,
    ">=": GREATERTHANEQ,
    "<=": LESSTHANEQ,
    "&&": AND,
    "||": OR,
    "::": DOUBLECOLON,
    "...": ELLIPSIS,
    "=>": FATARROW,
}

OPENERS = frozenset({OBRACE, OBRACK, OPAREN, TEMPLATE_INTERP, TEMPLATE_CONTROL})
CLOSERS = frozenset({CBRACE, CBRACK, CPAREN, TEMPLATE_SEQ_END})


# bracket_change as a table indexed by kind, for hot loops.
BRACKET_CHANGE: list[int] = [(1 if k in OPENERS else -1 if k in CLOSERS else 0) for k in range(NIL + 1)]


def bracket_change(kind: int) -> int:
    """+1 for a token that opens a nesting level, -1 for one that closes it."""
    if kind in OPENERS:
        return 1
    if kind in CLOSERS:
        return -1
    return 0


def is_line_end(kind: int, text: str) -> bool:
    """True for tokens that end a line: newlines and single-line comments."""
    return kind == NEWLINE or (kind == COMMENT and text.endswith("\n"))
