"""The LALR driver: feeds scanner tokens through the cached tables.

Reductions call the Builder method named by the rule's alias, so the tree is
built during the parse. On a syntax error the driver asks ``errors`` for a
diagnostic and, when parsing a file, recovers by discarding input up to the
end of the broken body item and resuming in the innermost open body.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hclrun.diagnostics import Diagnostics
from hclrun.syntax.builder import BodyItems, Builder
from hclrun.syntax.errors import describe_error, is_reported_while_recovering
from hclrun.syntax.lexer import Tok
from hclrun.syntax.tables import ParseTables, load_tables

_OPENERS = frozenset(("LBRACE", "LBRACK", "LPAR", "OQUOTE", "HEREDOC_BEGIN", "TINTERP", "T_IF", "T_ELSE", "T_ENDIF", "T_FOR", "T_ENDFOR"))
_CLOSERS = {
    "RBRACE": "LBRACE",
    "RBRACK": "LBRACK",
    "RPAR": "LPAR",
    "CQUOTE": "OQUOTE",
    "HEREDOC_END": "HEREDOC_BEGIN",
}
_TEMPLATE_SEQ = frozenset(("TINTERP", "T_IF", "T_ELSE", "T_ENDIF", "T_FOR", "T_ENDFOR"))


class _Compiled:
    """Tables plus per-rule callbacks bound to one builder."""

    def __init__(self, tables: ParseTables) -> None:
        self.tables = tables
        symbols: dict[int, str] = {}
        for row in tables.actions:
            for symbol, target in row.items():
                if target >= 0:
                    symbols[target] = symbol
        self.state_symbols = symbols
        # (state below, top state, lookahead) -> top state after its pass-through reductions
        self.unit_chains: dict[tuple[int, int, str], int] = {}


_compiled: _Compiled | None = None


def compiled() -> _Compiled:
    global _compiled
    if _compiled is None:
        _compiled = _Compiled(load_tables())
    return _compiled


def run(tokens: list[Tok], start: str, builder: Builder, diags: Diagnostics, end_offset: int, recover: bool) -> Any:
    """Parse ``tokens`` from the start symbol; None when the input is broken beyond recovery."""
    comp = compiled()
    tables = comp.tables
    actions = tables.actions
    sizes = [size for size, _, _ in tables.rules]
    origins = [origin for _, origin, _ in tables.rules]
    callbacks: list[Callable[..., Any] | None] = [
        None if alias is None else getattr(builder, alias) for _, _, alias in tables.rules
    ]
    states = [tables.start_states[start]]
    values: list[Any] = [None]
    eof = Tok("$END", "", end_offset, end_offset + 1)
    tokens = [*tokens, eof]
    unit_chains = comp.unit_chains
    i = 0
    last_error = -1
    tok = tokens[0]
    kind = tok.type
    while True:
        act = actions[states[-1]].get(kind)
        if act is not None:
            if act >= 0:  # shift
                states.append(act)
                values.append(tok)
                i += 1
                tok = tokens[i] if tok is not eof else eof
                kind = tok.type
                continue
            rule = -act - 1
            callback = callbacks[rule]
            if callback is None:
                # A pass-through rule (``expr: conditional`` and so on): the value
                # stays and only the top state changes. Whole chains of them
                # depend only on the two top states and the lookahead, so their
                # outcome is computed once and remembered.
                key = (states[-2], states[-1], kind)
                top = unit_chains.get(key)
                if top is None:
                    top = unit_chains[key] = _follow_unit_chain(actions, origins, callbacks, states[-2], states[-1], kind)
                states[-1] = top
                continue
            size = sizes[rule]
            if size:
                value = callback(*values[-size:])
                del states[-size:]
                del values[-size:]
            else:
                value = callback()
            origin = origins[rule]
            if origin == start and len(states) == 1:
                return value
            states.append(actions[states[-1]][origin])
            values.append(value)
            continue
        # Like HCL, only the first syntax error is reported, except the few
        # kinds HCL reports even while recovering; recovery then continues so
        # later items still appear in the tree.
        diag = describe_error(comp, states, values, tok, builder.loc)
        if last_error < 0 or is_reported_while_recovering(diag):
            diags.append(diag)
        if not recover or tok is eof or i == last_error:
            return _salvage(values) if recover else None
        last_error = i
        resumed = _recover(states, values, tokens, i)
        if resumed is None:
            return None
        i = resumed
        tok = tokens[i]
        kind = tok.type


def _follow_unit_chain(
    actions: tuple[dict[str, int], ...],
    origins: list[str],
    callbacks: list[Callable[..., Any] | None],
    below: int,
    top: int,
    kind: str,
) -> int:
    """The top state after every pass-through reduction ``kind`` triggers above ``below``."""
    while True:
        act = actions[top].get(kind)
        if act is None or act >= 0 or callbacks[-act - 1] is not None:
            return top
        top = actions[below][origins[-act - 1]]


def _salvage(values: list[Any]) -> Any:
    """The outermost body parsed so far, when the input ends inside a broken item."""
    for value in values:
        if isinstance(value, BodyItems):
            return value
    return None


def _recover(states: list[int], values: list[Any], tokens: list[Tok], i: int) -> int | None:
    """Drop the broken body item; return the index of the token to resume at."""
    k = len(values) - 1
    while k > 0 and not isinstance(values[k], BodyItems):
        k -= 1
    if k == 0:
        return None
    del states[k + 1 :]
    del values[k + 1 :]
    opened: list[str] = []
    count = len(tokens) - 1  # the last token is the end marker
    while i < count:
        tok = tokens[i]
        kind = tok.type
        if kind == "NL" and not opened:
            return i  # resume with the newline that ends the item
        if kind in _OPENERS:
            opened.append(kind)
        elif kind in _CLOSERS:
            want = _CLOSERS[kind]
            while opened and opened[-1] != want:
                opened.pop()
            if opened:
                opened.pop()
        elif kind == "TCLOSE":
            while opened and opened[-1] not in _TEMPLATE_SEQ:
                opened.pop()
            if opened:
                opened.pop()
        i += 1
    return i  # at the end: the body either completes or reports it is unclosed
