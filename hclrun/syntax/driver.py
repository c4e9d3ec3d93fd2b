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
    """Tables plus the per-rule data the driver loop reads."""

    def __init__(self, tables: ParseTables) -> None:
        self.tables = tables
        symbols: dict[int, str] = {}
        for row in tables.actions:
            for symbol, target in row.items():
                if target >= 0:
                    symbols[target] = symbol
        self.state_symbols = symbols
        self.sizes = [size for size, _, _ in tables.rules]
        self.origins = [origin for _, origin, _ in tables.rules]
        self.aliases = [alias for _, _, alias in tables.rules]
        # (state below, top state, lookahead) -> top state after its pass-through reductions
        self.unit_chains: dict[tuple[int, int, str], int] = {}
        # (state below, reduced symbol, lookahead) -> the goto state, after the
        # pass-through reductions that follow it with that lookahead
        self.gotos: dict[tuple[int, str, str], int] = {}

    def goto(self, below: int, origin: str, kind: str) -> int:
        top = self.gotos[below, origin, kind] = self.follow_unit_chain(below, self.tables.actions[below][origin], kind)
        return top

    def unit_chain(self, below: int, top: int, kind: str) -> int:
        after = self.unit_chains[below, top, kind] = self.follow_unit_chain(below, top, kind)
        return after

    def follow_unit_chain(self, below: int, top: int, kind: str) -> int:
        """The top state after every pass-through reduction ``kind`` triggers above ``below``."""
        actions = self.tables.actions
        aliases = self.aliases
        origins = self.origins
        while True:
            act = actions[top].get(kind)
            if act is None or act >= 0 or aliases[-act - 1] is not None:
                return top
            top = actions[below][origins[-act - 1]]


_compiled: _Compiled | None = None


def compiled() -> _Compiled:
    global _compiled
    if _compiled is None:
        _compiled = _Compiled(load_tables())
    return _compiled


def run(tokens: list[Tok], start: str, builder: Builder, diags: Diagnostics, end_offset: int, recover: bool) -> Any:
    """Parse ``tokens`` from the start symbol; None when the input is broken beyond recovery."""
    comp = compiled()
    actions = comp.tables.actions
    sizes = comp.sizes
    origins = comp.origins
    callbacks: list[Callable[..., Any] | None] = [None if alias is None else getattr(builder, alias) for alias in comp.aliases]
    state = comp.tables.start_states[start]
    accept = origins.index(start)
    states = [state]
    values: list[Any] = [None]
    push_state = states.append
    push_value = values.append
    eof = Tok("$END", "", end_offset, end_offset + 1)
    tokens = [*tokens, eof]
    last = len(tokens) - 1
    unit_chains = comp.unit_chains
    gotos = comp.gotos
    i = 0
    last_error = -1
    tok = tokens[0]
    kind = tok[0]  # the type; by index, as this runs once per token
    # ``state`` is always ``states[-1]``; it is kept in a local because the loop
    # below runs several times per token.
    while True:
        try:
            act = actions[state][kind]
        except KeyError:
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
            state = states[-1]
            i = resumed
            tok = tokens[i]
            kind = tok.type
            continue
        if act >= 0:  # shift
            push_state(act)
            push_value(tok)
            state = act
            if i < last:
                i += 1
                tok = tokens[i]
                kind = tok[0]
            continue
        rule = -act - 1
        callback = callbacks[rule]
        if callback is None:
            # A pass-through rule (``fname: IDENT`` and so on): the value
            # stays and only the top state changes. Whole chains of them
            # depend only on the two top states and the lookahead, so their
            # outcome is computed once and remembered.
            key = (states[-2], state, kind)
            try:
                state = unit_chains[key]
            except KeyError:
                state = comp.unit_chain(*key)
            states[-1] = state
            continue
        size = sizes[rule]
        # The reduced value takes the slot of the rule's first symbol, so
        # the stacks shrink by ``size - 1`` (and grow by one for an empty rule).
        if size == 1:
            value = callback(values[-1])
            below = states[-2]
        elif size:
            value = callback(*values[-size:])
            del states[1 - size :]
            del values[1 - size :]
            below = states[-2]
        else:
            value = callback()
            below = state
            push_state(state)
            push_value(None)
        if rule == accept:
            return value
        origin = origins[rule]
        # The goto, and the pass-through reductions (``expr: conditional``
        # ...) the lookahead triggers right after it, in one step.
        try:
            state = gotos[below, origin, kind]
        except KeyError:
            state = comp.goto(below, origin, kind)
        states[-1] = state
        values[-1] = value


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
