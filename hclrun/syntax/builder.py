"""Reduction callbacks: build tree nodes as the LALR parser reduces.

Each public method is named after a grammar alias and receives the children
of that alternative positionally (tokens as ``Tok``, nonterminals as whatever
their own callback returned).
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.source import Range
from hclrun.syntax.ast import (
    Attribute,
    BinaryOpExpr,
    Block,
    Body,
    ConditionalExpr,
    Expression,
    ForExpr,
    FunctionCallExpr,
    LiteralValueExpr,
    NumberLiteral,
    ObjectConsExpr,
    ObjectConsItem,
    ObjectConsKeyExpr,
    ParenthesesExpr,
    ScopeTraversalExpr,
    TemplateExpr,
    TemplateWrapExpr,
    TraverseRoot,
    TupleConsExpr,
    UnaryOpExpr,
)
from hclrun.syntax.lexer import Tok
from hclrun.syntax.locate import Locator, end_point, source_range, span, start_offset
from hclrun.syntax.template_structure import Directive, nest_directives
from hclrun.syntax.traversals import Suffix, fold_suffixes

_KEYWORD_LITERALS: dict[str, bool | None] = {"true": True, "false": False, "null": None}


_ForHead = tuple[str | None, str, Expression]  # key variable, value variable, collection
_ForValue = tuple[Expression | None, Expression, Tok | None]  # key, value, grouping ellipsis
_ForBody = tuple[_ForValue, Expression | None]  # value part, condition


class BodyItems(list[Attribute | Block]):
    """The items of a body while it is being parsed (marks bodies on the parse stack)."""


class TemplateParts(list[Expression | Directive]):
    """Template parts while being parsed, directives not yet nested."""


class Builder:
    def __init__(self, locator: Locator, diagnostics: Diagnostics) -> None:
        self.loc = locator
        self.filename = locator.filename
        self.diagnostics = diagnostics
        self.directives = 0  # how many directives were parsed: templates without any skip nesting

    # ------------------------------------------------------------ helpers

    def r(self, tok: Tok) -> Range:
        return source_range(self.loc, tok.start, tok.end)

    # ------------------------------------------------------------ starts

    def start_file(self, items: BodyItems) -> BodyItems:
        return items

    def start_expr(self, expr: Expression) -> Expression:
        return expr

    def start_template(self, parts: TemplateParts) -> TemplateParts:
        return parts

    # ------------------------------------------------------------ structure

    def body_empty(self) -> BodyItems:
        return BodyItems()

    def body_skip(self, items: BodyItems, _nl: Tok) -> BodyItems:
        return items

    def body_item(self, items: BodyItems, item: Attribute | Block, _nl: Tok) -> BodyItems:
        items.append(item)
        return items

    def attribute(self, name: Tok, eq: Tok, expr: Expression) -> Attribute:
        name_range = self.r(name)
        return Attribute(name.value, expr, name_range, self.r(eq), span(name_range, expr.range))

    def _block(self, name: Tok, labels: list[tuple[str, Range]], lbrace: Tok, items: list[Attribute | Block], rbrace: Tok) -> Block:
        open_range = self.r(lbrace)
        close_range = self.r(rbrace)
        body = Body(tuple(items), span(open_range, close_range), end_point(close_range))
        type_range = self.r(name)
        return Block(
            name.value,
            tuple(label for label, _ in labels),
            body,
            type_range,
            tuple(rng for _, rng in labels),
            open_range,
            close_range,
            span(type_range, close_range),
        )

    def block(self, name: Tok, labels: list[tuple[str, Range]], lbrace: Tok, _nl: Tok, items: BodyItems, rbrace: Tok) -> Block:
        return self._block(name, labels, lbrace, items, rbrace)

    def block_empty(self, name: Tok, labels: list[tuple[str, Range]], lbrace: Tok, rbrace: Tok) -> Block:
        return self._block(name, labels, lbrace, [], rbrace)

    def block_oneline(self, name: Tok, labels: list[tuple[str, Range]], lbrace: Tok, attr: Attribute, rbrace: Tok) -> Block:
        return self._block(name, labels, lbrace, [attr], rbrace)

    def labels_empty(self) -> list[tuple[str, Range]]:
        return []

    def labels_add(self, labels: list[tuple[str, Range]], label: Tok | Expression) -> list[tuple[str, Range]]:
        if isinstance(label, Tok):
            labels.append((label.value, self.r(label)))
            return labels
        if isinstance(label, TemplateExpr) and all(
            isinstance(p, LiteralValueExpr) and isinstance(p.value, str) for p in label.parts
        ):
            labels.append(("".join(str(p.value) for p in label.parts if isinstance(p, LiteralValueExpr)), label.range))
        else:
            for which, subject in self._sequences(label):
                self.diagnostics.error(
                    "Invalid string literal",
                    f'Template sequences are not allowed in this string. To include a literal "{which}", '
                    f'double it (as "{which}{which}") to escape it.',
                    subject,
                )
            labels.append(("", label.range))
        return labels

    def _sequences(self, label: Expression) -> list[tuple[str, Range]]:
        """Each ``${``/``%{`` opener in a quoted label, and which kind it is."""
        text = self.loc.text
        pos = self.loc.offset(label.range.start)
        end = self.loc.offset(label.range.end)
        out: list[tuple[str, Range]] = []
        while True:
            found = [i for i in (text.find("${", pos, end), text.find("%{", pos, end)) if i >= 0]
            if not found:
                return out or [("$", label.range)]
            i = min(found)
            if text.startswith(text[i] * 2, i - 1) and i - 1 >= pos:  # an escaped "$${" or "%%{"
                pos = i + 2
                continue
            width = 3 if text.startswith("~", i + 2) else 2
            out.append((text[i], self.loc.range(i, i + width)))
            close = text.find("}", i, end)
            pos = end if close < 0 else close + 1

    # ------------------------------------------------------------ operators

    def conditional(self, cond: Expression, _q: Tok, true: Expression, _c: Tok, false: Expression) -> Expression:
        return ConditionalExpr(cond, true, false, span(cond.range, false.range))

    def binary(self, lhs: Expression, op: Tok, rhs: Expression) -> Expression:
        return BinaryOpExpr(op.value, lhs, rhs, span(lhs.range, rhs.range))

    def unary(self, op: Tok, operand: Expression) -> Expression:
        symbol = self.r(op)
        return UnaryOpExpr(op.value, operand, span(symbol, operand.range), symbol)

    # ------------------------------------------------------------ traversals

    def chain(self, head: Expression, suffixes: list[Suffix]) -> Expression:
        return fold_suffixes(head, suffixes, self.diagnostics)

    def suffixes_first(self, suffix: Suffix) -> list[Suffix]:
        return [suffix]

    def suffixes_add(self, suffixes: list[Suffix], suffix: Suffix) -> list[Suffix]:
        suffixes.append(suffix)
        return suffixes

    def sfx_attr(self, dot: Tok, name: Tok) -> Suffix:
        return ("attr", name.value, self.loc.range(dot.start, name.end))

    def sfx_legacy_index(self, dot: Tok, number: Tok) -> Suffix:
        return ("lindex", number.value, self.loc.range(dot.start, number.end))

    def sfx_legacy_splat(self, dot: Tok, star: Tok) -> Suffix:
        return ("lsplat", None, self.loc.range(dot.start, star.end))

    def sfx_index(self, lbrack: Tok, key: Expression, rbrack: Tok) -> Suffix:
        return ("index", key, self.loc.range(lbrack.start, rbrack.end))

    def sfx_splat(self, lbrack: Tok, _star: Tok, rbrack: Tok) -> Suffix:
        return ("splat", None, self.loc.range(lbrack.start, rbrack.end))

    # ------------------------------------------------------------ terms

    def number(self, tok: Tok) -> Expression:
        return LiteralValueExpr(NumberLiteral(tok.value), self.r(tok))

    def variable(self, tok: Tok) -> Expression:
        rng = self.r(tok)
        if tok.value in _KEYWORD_LITERALS:
            return LiteralValueExpr(_KEYWORD_LITERALS[tok.value], rng)
        return ScopeTraversalExpr((TraverseRoot(tok.value, rng),), rng)

    def paren(self, lpar: Tok, expr: Expression, rpar: Tok) -> Expression:
        return ParenthesesExpr(expr, self.loc.range(lpar.start, rpar.end))

    def _call(self, name: Tok, lpar: Tok, args: list[Expression], rpar: Tok, expand: bool) -> Expression:
        name_range = self.r(name)
        close = self.r(rpar)
        return FunctionCallExpr(
            name.value, tuple(args), expand, name_range, self.r(lpar), close, span(name_range, close)
        )

    def call_none(self, name: Tok, lpar: Tok, rpar: Tok) -> Expression:
        return self._call(name, lpar, [], rpar, False)

    def call(self, name: Tok, lpar: Tok, args: list[Expression], rpar: Tok) -> Expression:
        return self._call(name, lpar, args, rpar, False)

    def call_comma(self, name: Tok, lpar: Tok, args: list[Expression], _comma: Tok, rpar: Tok) -> Expression:
        return self._call(name, lpar, args, rpar, False)

    def call_expand(self, name: Tok, lpar: Tok, args: list[Expression], _dots: Tok, rpar: Tok) -> Expression:
        return self._call(name, lpar, args, rpar, True)

    def exprs_first(self, expr: Expression) -> list[Expression]:
        return [expr]

    def exprs_add(self, exprs: list[Expression], _comma: Tok, expr: Expression) -> list[Expression]:
        exprs.append(expr)
        return exprs

    def _tuple(self, lbrack: Tok, exprs: list[Expression], rbrack: Tok) -> Expression:
        return TupleConsExpr(tuple(exprs), self.loc.range(lbrack.start, rbrack.end), self.r(lbrack))

    def tuple_empty(self, lbrack: Tok, rbrack: Tok) -> Expression:
        return self._tuple(lbrack, [], rbrack)

    def tuple_items(self, lbrack: Tok, exprs: list[Expression], rbrack: Tok) -> Expression:
        return self._tuple(lbrack, exprs, rbrack)

    def tuple_comma(self, lbrack: Tok, exprs: list[Expression], _comma: Tok, rbrack: Tok) -> Expression:
        return self._tuple(lbrack, exprs, rbrack)

    def _object(self, lbrace: Tok, items: list[ObjectConsItem], rbrace: Tok) -> Expression:
        return ObjectConsExpr(tuple(items), self.loc.range(lbrace.start, rbrace.end), self.r(lbrace))

    def object_empty(self, lbrace: Tok, _nls: None, rbrace: Tok) -> Expression:
        return self._object(lbrace, [], rbrace)

    def object(self, lbrace: Tok, _nls: None, items: list[ObjectConsItem], rbrace: Tok) -> Expression:
        return self._object(lbrace, items, rbrace)

    def object_sep(self, lbrace: Tok, _nls: None, items: list[ObjectConsItem], _sep: None, rbrace: Tok) -> Expression:
        return self._object(lbrace, items, rbrace)

    def nls_empty(self) -> None:
        return None

    def nls_add(self, _nls: None, _nl: Tok) -> None:
        return None

    def items_first(self, item: ObjectConsItem) -> list[ObjectConsItem]:
        return [item]

    def items_add(self, items: list[ObjectConsItem], _sep: None, item: ObjectConsItem) -> list[ObjectConsItem]:
        items.append(item)
        return items

    def item_sep(self, _tok: Tok, _nls: None) -> None:
        return None

    def item(self, key: Expression, _sep: Tok, value: Expression) -> ObjectConsItem:
        text = self.loc.text
        start = start_offset(key.range, self.loc)
        # HCL forces a key to be an expression when it starts with a parenthesis.
        forced = isinstance(key, ParenthesesExpr) or (
            text.isascii() and 0 <= start < len(text) and text[start] == "("
        )
        return ObjectConsItem(ObjectConsKeyExpr(key, forced, key.range), value)

    # ------------------------------------------------------------ for expressions

    def for_head_value(self, value: Tok, in_tok: Tok, coll: Expression, colon: Tok) -> tuple[None, str, Expression]:
        return (None, value.value, coll)

    def for_head_key_value(
        self, key: Tok, _comma: Tok, value: Tok, in_tok: Tok, coll: Expression, colon: Tok
    ) -> tuple[str, str, Expression]:
        return (key.value, value.value, coll)

    def for_value(self, value: Expression) -> _ForValue:
        return (None, value, None)

    def for_value_group(self, value: Expression, dots: Tok) -> _ForValue:
        return (None, value, dots)

    def for_value_key(self, key: Expression, _arrow: Tok, value: Expression) -> _ForValue:
        return (key, value, None)

    def for_value_key_group(self, key: Expression, _arrow: Tok, value: Expression, dots: Tok) -> _ForValue:
        return (key, value, dots)

    def for_body(self, value: _ForValue) -> _ForBody:
        return (value, None)

    def for_body_if(self, value: _ForValue, if_tok: Tok, cond: Expression) -> _ForBody:
        if if_tok.value != "if":
            self.diagnostics.error(
                "Invalid 'for' expression",
                "Extra characters after the end of the 'for' expression.",
                self.r(if_tok),
            )
        return (value, cond)

    def _for(self, open_tok: Tok, head: _ForHead, body: _ForBody, close_tok: Tok, is_object: bool) -> Expression:
        open_range = self.r(open_tok)
        close_range = self.r(close_tok)
        key_var, value_var, coll = head
        (key, value, dots), cond = body
        if is_object and key is None:
            self.diagnostics.error(
                "Invalid 'for' expression", "Key expression is required when building an object.", value.range
            )
        if not is_object and key is not None:
            self.diagnostics.error(
                "Invalid 'for' expression", "Key expression is not valid when building a tuple.", key.range
            )
        if not is_object and dots is not None:
            self.diagnostics.error(
                "Invalid 'for' expression", "Grouping ellipsis (...) cannot be used when building a tuple.", self.r(dots)
            )
        return ForExpr(
            key_var,
            value_var,
            coll,
            key if is_object else None,
            value,
            cond,
            is_object and dots is not None,
            span(open_range, close_range),
            open_range,
            close_range,
        )

    def for_tuple(self, lb: Tok, _for: Tok, head: _ForHead, body: _ForBody, rb: Tok) -> Expression:
        return self._for(lb, head, body, rb, False)

    def for_object(self, lb: Tok, _for: Tok, head: _ForHead, body: _ForBody, rb: Tok) -> Expression:
        return self._for(lb, head, body, rb, True)

    # ------------------------------------------------------------ templates

    def quoted(self, open_tok: Tok, parts: TemplateParts, close: Tok) -> Expression:
        rng = source_range(self.loc, open_tok.start, close.end)
        if len(parts) == 1:  # the common plain string: nothing to nest or merge
            part = parts[0]
            if type(part) is LiteralValueExpr and isinstance(part.value, str):
                return TemplateExpr((part,), rng, False)
        return self.template(parts, rng, False, self.r(close))

    def heredoc(self, open_tok: Tok, parts: TemplateParts, close: Tok) -> Expression:
        return self.template(parts, self.loc.range(open_tok.start, close.end), True, self.r(close))

    def template(self, parts: TemplateParts, rng: Range, heredoc: bool, end: Range | None = None) -> Expression:
        """The template of ``parts``; ``end`` is where it closes (its end of template for unbalanced directives)."""
        if len(parts) == 1 and not isinstance(parts[0], Directive) and not _is_text(parts[0]):
            return TemplateWrapExpr(parts[0], rng)
        if end is None:
            end = end_point(rng)
        if self.directives:
            nested = nest_directives(parts, end, self.merge_literals, self.diagnostics)
        else:
            nested = parts  # type: ignore[assignment]  # no directive can be among them
        return TemplateExpr(self.merge_literals(nested, rng), rng, heredoc)

    def merge_literals(self, parts: list[Expression], rng: Range) -> tuple[Expression, ...]:
        out: list[Expression] = []
        for part in parts:
            if _is_text(part):
                assert isinstance(part, LiteralValueExpr)
                if not part.value and len(parts) > 1:
                    continue
                prev = out[-1] if out else None
                if prev is not None and _is_text(prev):
                    assert isinstance(prev, LiteralValueExpr)
                    out[-1] = LiteralValueExpr(str(prev.value) + str(part.value), span(prev.range, part.range))
                    continue
            out.append(part)
        if not out:
            out.append(LiteralValueExpr("", Range(self.filename, rng.start, rng.start)))
        return tuple(out)

    def tparts_empty(self) -> TemplateParts:
        return TemplateParts()

    def tparts_add(self, parts: TemplateParts, part: Expression | Directive) -> TemplateParts:
        parts.append(part)
        return parts

    def t_literal(self, tok: Tok) -> Expression:
        return LiteralValueExpr(tok.value, self.r(tok))

    def t_interp(self, _open: Tok, expr: Expression, _close: Tok) -> Expression:
        return expr

    def _directive(self, open_tok: Tok, close: Tok) -> Directive:
        self.directives += 1
        return Directive(open_tok.value, self.loc.range(open_tok.start, close.end))

    def t_if(self, open_tok: Tok, cond: Expression, close: Tok) -> Directive:
        directive = self._directive(open_tok, close)
        directive.expr = cond
        return directive

    def t_else(self, open_tok: Tok, close: Tok) -> Directive:
        return self._directive(open_tok, close)

    def t_endif(self, open_tok: Tok, close: Tok) -> Directive:
        return self._directive(open_tok, close)

    def t_endfor(self, open_tok: Tok, close: Tok) -> Directive:
        return self._directive(open_tok, close)

    def t_for(self, open_tok: Tok, value: Tok, _in: Tok, coll: Expression, close: Tok) -> Directive:
        directive = self._directive(open_tok, close)
        directive.value_var = value.value
        directive.expr = coll
        return directive

    def t_for_key(self, open_tok: Tok, key: Tok, _comma: Tok, value: Tok, _in: Tok, coll: Expression, close: Tok) -> Directive:
        directive = self.t_for(open_tok, value, _in, coll, close)
        directive.key_var = key.value
        return directive


def _is_text(part: Expression) -> bool:
    return type(part) is LiteralValueExpr and isinstance(part.value, str)
