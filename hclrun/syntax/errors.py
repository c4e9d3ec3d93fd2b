"""Turning an LALR syntax error into a diagnostic with HCL's wording.

The parser only knows "no action for this token in this state". To say what
HCL says, we look at the construct being parsed: the symbols on the stack
(every LR state is entered through one symbol) and which closing token the
parser would accept after finishing the reductions the input allows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hclrun.diagnostics import Diagnostic
from hclrun.source import Range
from hclrun.syntax.lexer import Tok
from hclrun.syntax.locate import Locator

if TYPE_CHECKING:
    from hclrun.syntax.driver import _Compiled

_EXPR_START = ("IDENT", "NUMBER", "LPAR", "OQUOTE", "MINUS", "BANG", "LBRACK", "LBRACE", "HEREDOC_BEGIN")
_EXTRA = "An expression was successfully parsed, but extra characters were found after it."
_INVALID_EXPR = "Expected the start of an expression, but found an invalid expression token."


def _simulate(comp: _Compiled, states: list[int], symbol: str) -> list[int] | None:
    """The state stack after the reductions leading to shifting ``symbol``, or None."""
    actions = comp.tables.actions
    rules = comp.tables.rules
    stack = list(states)
    for _ in range(10_000):
        act = actions[stack[-1]].get(symbol)
        if act is None:
            return None
        if act >= 0:
            return stack
        size, origin, _ = rules[-act - 1]
        if size:
            del stack[-size:]
        if origin.startswith("start_"):
            return stack  # the input so far is complete
        goto = actions[stack[-1]].get(origin)
        if goto is None:
            return None
        stack.append(goto)
    return None


def _symbols(comp: _Compiled, states: list[int]) -> list[str]:
    get = comp.state_symbols.get
    return [get(s, "") for s in states[1:]]


def _ends_with(symbols: list[str], *tail: str) -> bool:
    return len(symbols) >= len(tail) and tuple(symbols[-len(tail) :]) == tail


def _last_index(values: list[Any], *types: str) -> int:
    for k in range(len(values) - 1, 0, -1):
        v = values[k]
        if isinstance(v, Tok) and v.type in types:
            return k
    return -1


def describe_error(comp: _Compiled, states: list[int], values: list[Any], tok: Tok, loc: Locator) -> Diagnostic:
    summary, detail, subject = _classify(comp, states, values, tok, loc)
    return Diagnostic.error(summary, detail, subject)


_TO_SET_ARGUMENT = (
    'An argument or block definition is required here. To set an argument, use the equals sign "=" '
    "to introduce the argument value."
)
_BLOCK_EQUALS = 'The equals sign "=" indicates an argument definition, and must not be used when defining a block.'
_BLOCK_SAME_LINE = (
    'A block definition must have block content delimited by "{" and "}", starting on the same line '
    "as the block header."
)
# Errors HCL reports even after an earlier syntax error (its other errors are
# suppressed once it is recovering).
_UNGUARDED = frozenset(
    (
        ("Argument or block definition required", _TO_SET_ARGUMENT),
        ("Invalid block definition", _BLOCK_EQUALS),
        ("Invalid block definition", _BLOCK_SAME_LINE),
    )
)
_UNGUARDED_SUMMARIES = frozenset(
    (
        "Argument definition required",
        "Unterminated function call",
        "Missing argument separator",
    )
)


def is_reported_while_recovering(diag: Diagnostic) -> bool:
    return diag.summary in _UNGUARDED_SUMMARIES or (diag.summary, diag.detail) in _UNGUARDED


def _classify(comp: _Compiled, states: list[int], values: list[Any], tok: Tok, loc: Locator) -> tuple[str, str, Range]:
    at = loc.range(tok.start, tok.end)
    expected = comp.tables.actions[states[-1]]
    syms = _symbols(comp, states)
    top = syms[-1] if syms else ""

    # Where a body item may start.
    after_ident = _simulate(comp, states, "IDENT")
    if after_ident is not None and _ends_with(_symbols(comp, after_ident), "body"):
        if tok.type == "$END" and len(after_ident) > 2:
            k = _last_index(values, "LBRACE")
            if k > 0:
                brace = values[k]
                return (
                    "Unclosed configuration block",
                    "There is no closing brace for this block before the end of the file. "
                    "This may be caused by incorrect brace nesting elsewhere in this file.",
                    loc.range(brace.start, brace.end),
                )
        if tok.type == "OQUOTE":
            return "Invalid argument name", "Argument names must not be quoted.", at
        return "Argument or block definition required", "An argument or block definition is required here.", at
    if top == "LBRACE" and _ends_with(syms, "IDENT", "labels", "LBRACE"):
        return "Argument or block definition required", "An argument or block definition is required here.", at
    after_rbrace = _simulate(comp, states, "RBRACE")
    if after_rbrace is not None and _ends_with(_symbols(comp, after_rbrace), "labels", "LBRACE", "attribute"):
        return _single_line_block_end(values, len(after_rbrace) - 2, tok, loc, at)
    if top == "IDENT" and len(syms) >= 2 and syms[-2] in ("body", "NL", "LBRACE") and "EQ" in expected:
        name = values[-1]
        if syms[-2] == "LBRACE" and "body" not in syms[-3:-2] and tok.type in ("LBRACE", "IDENT", "OQUOTE"):
            return (
                "Argument definition required",
                "A single-line block definition can contain only a single argument. If you meant to define "
                f'argument "{name.value}", use an equals sign to assign it a value. To define a nested block, '
                "place it on a line of its own within its parent block.",
                loc.range(name.start, tok.end),
            )
        if tok.type != "$END" and not _synthetic_end(tok):
            return "Argument or block definition required", _TO_SET_ARGUMENT, loc.range(name.start, name.end)
    after_lbrace = _simulate(comp, states, "LBRACE")
    if after_lbrace is not None and _ends_with(_symbols(comp, after_lbrace), "IDENT", "labels"):
        if tok.type == "EQ":
            detail = _BLOCK_EQUALS
        elif tok.type == "NL":
            detail = _BLOCK_SAME_LINE
        else:
            detail = 'Either a quoted string block label or an opening brace ("{") is expected here.'
        return "Invalid block definition", detail, at

    if tok.type == "QNEWLINE" or (
        tok.type == "$END"
        and (_simulate(comp, states, "CQUOTE") is not None or _simulate(comp, states, "HEREDOC_END") is not None)
    ):
        return "Unterminated template string", "No closing marker was found for the string.", at
    after_tclose = _simulate(comp, states, "TCLOSE")
    if after_tclose is not None and _ends_with(_symbols(comp, after_tclose), "TINTERP", "expr"):
        return _unclosed_interpolation(values, len(after_tclose) - 2, tok, loc, at)

    if top == "NSIDENT":
        return (
            "Missing open parenthesis",
            "Function selector must be followed by an open parenthesis to begin the function call.",
            at,
        )
    directive = _directive_error(comp, states, syms, tok, at)
    if directive is not None:
        return directive

    # A complete construct followed by something unexpected.
    if tok.type != "$END" and _simulate(comp, states, "$END") is not None:
        return "Extra characters after expression", _EXTRA, at
    after_nl = _simulate(comp, states, "NL")
    if after_nl is not None:
        s = _symbols(comp, after_nl)
        if _ends_with(s, "attribute") and tok.type == "COMMA":
            return (
                "Unexpected comma after argument",
                "Argument definitions must be separated by newlines, not commas. "
                "An argument definition must end with a newline.",
                at,
            )
        if _ends_with(s, "attribute"):
            return "Missing newline after argument", "An argument definition must end with a newline.", at
        if _ends_with(s, "block"):
            return "Missing newline after block definition", "A block definition must end with a newline.", at
    after_comma = _simulate(comp, states, "COMMA")
    if after_comma is not None:
        s = _symbols(comp, after_comma)
        if tok.type == "$END" and _ends_with(s, "exprs") and len(s) >= 3 and s[-2] == "LPAR":
            name, lpar = values[len(s) - 2], values[len(s) - 1]
            return (
                "Unterminated function call",
                "There is no closing parenthesis for this function call before the end of the file. "
                "This may be caused by incorrect parenthesis nesting elsewhere in this file.",
                loc.range(name.start, lpar.end),
            )
        if tok.type == "$END" and _ends_with(s, "LBRACK", "exprs"):
            return (
                "Unterminated tuple constructor expression",
                "There is no corresponding closing bracket before the end of the file. "
                "This may be caused by incorrect bracket nesting elsewhere in this file.",
                loc.range(values[len(s) - 1].start, values[len(s) - 1].end),
            )
        if tok.type == "$END" and _ends_with(s, "LBRACE", "nls", "items"):
            return _unterminated_object(values[len(s) - 2], loc)
        if _ends_with(s, "exprs"):
            if len(s) >= 3 and s[-2] == "LPAR":
                return "Missing argument separator", "A comma is required to separate each function argument from the next.", at
            return "Missing item separator", "Expected a comma to mark the beginning of the next item.", at
        if _ends_with(s, "items"):
            return "Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute.", at
    if top == "ELLIPSIS" and "RPAR" in expected:
        dots = values[-1]
        return (
            "Missing closing parenthesis",
            "An expanded function argument (with ...) must be immediately followed by closing parentheses.",
            loc.range(dots.start, dots.end),
        )
    after_eq = _simulate(comp, states, "EQ")
    if after_eq is not None:
        s = _symbols(comp, after_eq)
        if _ends_with(s, "nls", "expr") or _ends_with(s, "item_sep", "expr"):
            return _missing_key_separator(comp, states, values, tok, loc, at)
    if top == "IDENT" and len(syms) >= 2 and syms[-2] == "for_value" and values[-1].value != "if":
        name = values[-1]
        return "Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", loc.range(name.start, name.end)
    after_colon = _simulate(comp, states, "COLON")
    if after_colon is not None and _ends_with(_symbols(comp, after_colon), "IN", "expr"):
        return "Invalid 'for' expression", "For expression requires a colon after the collection expression.", at
    for symbol, tail, summary, detail in _CLOSERS:
        after = _simulate(comp, states, symbol)
        if after is not None and _ends_with(_symbols(comp, after), *tail):
            if summary == "Unclosed template interpolation sequence":
                k = _last_index(values, "TINTERP")
                if k > 0:
                    opener = values[k]
                    return summary, detail, loc.range(opener.start, opener.end)
            return summary, detail, at
    if top == "DOT":
        return "Invalid attribute name", "An attribute name is required after a dot.", at
    if top == "FOR":
        return "Invalid 'for' expression", "For expression requires variable name after 'for'.", at
    if top == "IDENT" and len(syms) >= 2 and syms[-2] in ("FOR", "COMMA") and "IN" in expected:
        return "Invalid 'for' expression", "For expression requires the 'in' keyword after its name declarations.", at
    for closer in ("RBRACK", "RBRACE"):
        after = _simulate(comp, states, closer)
        if after is not None and _ends_with(_symbols(comp, after), "for_head", "for_body"):
            return "Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", at
    if tok.type == "$END" or _synthetic_end(tok):
        return "Missing expression", "Expected the start of an expression, but found the end of the file.", at
    if any(t in expected for t in _EXPR_START):
        return "Invalid expression", _INVALID_EXPR, at
    if tok.type == "$END":
        return "Invalid expression", _INVALID_EXPR, at
    return "Invalid expression", _INVALID_EXPR, at


_DIRECTIVE_KEYWORDS = {"T_IF": "if", "T_ELSE": "else", "T_ENDIF": "endif", "T_FOR": "for", "T_ENDFOR": "endfor"}


def _directive_error(
    comp: _Compiled, states: list[int], syms: list[str], tok: Tok, at: Range
) -> tuple[str, str, Range] | None:
    """Errors inside a ``%{ ... }`` header, in HCL's wording."""
    top = syms[-1] if syms else ""
    if top == "T_FOR" and tok.type != "IDENT":
        return "Invalid 'for' directive", "For directive requires variable name after 'for'.", at
    if top == "COMMA" and _ends_with(syms, "T_FOR", "IDENT", "COMMA"):
        return "Invalid 'for' directive", "For directive requires value variable name after comma.", at
    if top == "IDENT" and (_ends_with(syms, "T_FOR", "IDENT") or _ends_with(syms, "T_FOR", "IDENT", "COMMA", "IDENT")):
        return "Invalid 'for' directive", "For directive requires 'in' keyword after names.", at
    after = _simulate(comp, states, "TCLOSE")
    if after is None:
        return None
    s = _symbols(comp, after)
    for k in range(len(s) - 1, -1, -1):
        if s[k] in ("TINTERP", "OQUOTE", "HEREDOC_BEGIN"):
            return None
        keyword = _DIRECTIVE_KEYWORDS.get(s[k])
        if keyword is not None:
            return (
                f"Extra characters in {keyword} marker",
                "Expected a closing brace to end the sequence, but found extra characters.",
                at,
            )
    return None


def _synthetic_end(tok: Tok) -> bool:
    """The newline the scanner adds at the end of a file that does not end with one."""
    return tok.type == "NL" and not tok.value


def _single_line_block_end(values: list[Any], k: int, tok: Tok, loc: Locator, at: Range) -> tuple[str, str, Range]:
    """A single-line block (its ``{`` is ``values[k]``) whose argument is not followed by ``}``."""
    if tok.type == "COMMA":
        return (
            "Invalid single-argument block definition",
            "Single-line block syntax can include only one argument definition. To define multiple arguments, "
            "use the multi-line block syntax with one argument definition per line.",
            at,
        )
    if tok.type == "NL" and tok.value:
        return (
            "Invalid single-argument block definition",
            "An argument definition on the same line as its containing block creates a single-line block "
            "definition, which must also be closed on the same line. Place the block's closing brace immediately "
            "after the argument definition.",
            at,
        )
    if tok.type == "$END" or _synthetic_end(tok):
        brace = values[k]
        return (
            "Unclosed configuration block",
            "There is no closing brace for this block before the end of the file. "
            "This may be caused by incorrect brace nesting elsewhere in this file.",
            loc.range(brace.start, brace.end),
        )
    return (
        "Invalid single-argument block definition",
        "A single-line block definition must end with a closing brace immediately after its single argument "
        "definition.",
        at,
    )


def _unclosed_interpolation(values: list[Any], k: int, tok: Tok, loc: Locator, at: Range) -> tuple[str, str, Range]:
    """An interpolation (its ``${`` is ``values[k]``) not followed by its closing brace."""
    quoted = values[k - 2].type == "OQUOTE" if isinstance(values[k - 2], Tok) else False
    parts = values[k - 1]
    start = parts[0].range if parts else loc.range(values[k].start, values[k].end)
    if tok.type == "$END":
        return (
            "Unclosed template interpolation sequence",
            "There is no closing brace for this interpolation sequence before the end of the file. "
            "This might be caused by incorrect nesting inside the given expression.",
            start,
        )
    if tok.type == "COLON":
        return (
            "Extra characters after interpolation expression",
            "Template interpolation doesn't expect a colon at this location. Did you intend this to be a literal "
            'sequence to be processed as part of another language? If so, you can escape it by starting with "$${" '
            'instead of just "${".',
            at,
        )
    if quoted and tok.type in ("CQUOTE", "OQUOTE"):
        return (
            "Unclosed template interpolation sequence",
            "There is no closing brace for this interpolation sequence before the end of the quoted template. "
            "This might be caused by incorrect nesting inside the given expression.",
            start,
        )
    return (
        "Extra characters after interpolation expression",
        "Expected a closing brace to end the interpolation expression, but found extra characters.\n\n"
        "This can happen when you include interpolation syntax for another language, such as shell scripting, "
        'but forget to escape the interpolation start token. If this is an embedded sequence for another '
        'language, escape it by starting with "$${" instead of just "${".',
        at,
    )


def _unterminated_object(lbrace: Tok, loc: Locator) -> tuple[str, str, Range]:
    return (
        "Unterminated object constructor expression",
        "There is no corresponding closing brace before the end of the file. "
        "This may be caused by incorrect brace nesting elsewhere in this file.",
        loc.range(lbrace.start, lbrace.end),
    )


def _missing_key_separator(
    comp: _Compiled, states: list[int], values: list[Any], tok: Tok, loc: Locator, at: Range
) -> tuple[str, str, Range]:
    """An object item whose key is not followed by "=" or ":"."""
    if tok.type in ("NL", "COMMA"):
        return "Missing attribute value", 'Expected an attribute value, introduced by an equals sign ("=").', at
    if tok.type == "$END":
        k = _last_index(values, "LBRACE")
        return _unterminated_object(values[k], loc)
    detail = 'Expected an equals sign ("=") to mark the beginning of the attribute value.'
    if tok.type == "IDENT":
        detail += (
            " If you intended to given an attribute name containing periods or spaces, "
            "write the name in quotes to create a string literal."
        )
    return "Missing key/value separator", detail, at


_CLOSERS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("COLON", ("QMARK", "expr"), "Missing false expression in conditional",
     "The conditional operator (...?...:...) requires a false expression, delimited by a colon."),
    ("RPAR", ("LPAR", "expr"), "Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression."),
    ("RBRACK", ("LBRACK", "STAR"), "Missing close bracket on splat index",
     'The star for a full splat operator must be immediately followed by a closing bracket ("]").'),
    ("RBRACK", ("LBRACK", "expr"), "Missing close bracket on index", 'The index operator must end with a closing bracket ("]").'),
    ("RPAR", ("exprs",), "Unterminated function call",
     "There is no closing parenthesis for this function call before the end of the file. "
     "This may be caused by incorrect parenthesis nesting elsewhere in this file."),
    ("RBRACK", ("exprs",), "Missing item separator", "Expected a comma to mark the beginning of the next item."),
    ("RBRACE", ("items",), "Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute."),
)  # fmt: skip
