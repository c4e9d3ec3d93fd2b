"""Nesting template directives: a flat run of parts → if/for expressions.

The grammar accepts ``%{if}``, ``%{else}``, ``%{endif}``, ``%{for}`` and
``%{endfor}`` as independent parts, so a template with unbalanced directives
still parses; this pass pairs them up and reports what does not pair, with
the same wording (and the same number of errors) as HCL. A broken directive
becomes an empty literal so that the rest of the template is still checked.
"""

from __future__ import annotations

from collections.abc import Callable

from hclrun.diagnostics import Diagnostics
from hclrun.records import record
from hclrun.source import Range
from hclrun.syntax.ast import Expression, LiteralValueExpr, TemplateExpr, TemplateForExpr, TemplateIfExpr

_UNBALANCED = "The control directives within this template are unbalanced."


@record(slots=True, frozen=False)
class Directive:
    """One ``%{ ... }`` sequence: its keyword, its full range and what its header holds."""

    keyword: str  # if, else, endif, for, endfor
    range: Range
    expr: Expression | None = None  # the condition of an if, the collection of a for
    key_var: str | None = None
    value_var: str = ""


Part = Expression | Directive
MergeLiterals = Callable[[list[Expression], Range], tuple[Expression, ...]]


def _between(after: Range, before: Range) -> Range:
    return Range(after.filename, after.end, before.start)


def _short(rng: Range) -> str:
    if rng.start.line == rng.end.line:
        return f"{rng.filename}:{rng.start.line},{rng.start.column}-{rng.end.column}"
    return f"{rng.filename}:{rng.start.line},{rng.start.column}-{rng.end.line},{rng.end.column}"


class _Nester:
    def __init__(self, parts: list[Part], end: Range, merge: MergeLiterals, diags: Diagnostics) -> None:
        self.parts = parts
        self.pos = 0
        self.end = end
        self.merge = merge
        self.diags = diags

    def at_end(self) -> bool:
        return self.pos >= len(self.parts)

    def placeholder(self, rng: Range) -> Expression:
        return LiteralValueExpr("", Range(rng.filename, rng.start, rng.start))

    def part(self) -> Expression:
        item = self.parts[self.pos]
        self.pos += 1
        if not isinstance(item, Directive):
            return item
        if item.keyword == "if":
            return self.if_directive(item)
        if item.keyword == "for":
            return self.for_directive(item)
        self.diags.error(f"Unexpected {item.keyword} directive", _UNBALANCED, item.range)
        return self.placeholder(item.range)

    def _closing(self) -> Directive | None:
        """The next part when it is a closing directive (consumed), else None."""
        item = self.parts[self.pos]
        if isinstance(item, Directive) and item.keyword in ("else", "endif", "endfor"):
            self.pos += 1
            return item
        return None

    def _missing_end(self, opener: Directive) -> Expression:
        end_name = "endif" if opener.keyword == "if" else "endfor"
        self.diags.error(
            "Unexpected end of template",
            f"The {opener.keyword} directive at {_short(opener.range)} is missing its corresponding {end_name} directive.",
            self.end,
        )
        return self.placeholder(self.end)

    def if_directive(self, opener: Directive) -> Expression:
        true_parts: list[Expression] = []
        false_parts: list[Expression] = []
        current = true_parts
        else_directive: Directive | None = None
        while True:
            if self.at_end():
                return self._missing_end(opener)
            closing = self._closing()
            if closing is None:
                current.append(self.part())
                continue
            if closing.keyword == "endif":
                break
            if closing.keyword == "else" and else_directive is None:
                else_directive = closing
                current = false_parts
                continue
            if closing.keyword == "else":
                detail = f"Already in the else clause for the if started at {_short(opener.range)}."
            else:
                detail = f"Expecting an endif directive for the if started at {_short(opener.range)}."
            self.diags.error(f"Unexpected {closing.keyword} directive", detail, closing.range)
            return self.placeholder(closing.range)
        assert opener.expr is not None
        true_end = else_directive.range if else_directive is not None else closing.range
        true_range = _between(opener.range, true_end)
        true_template = TemplateExpr(self.merge(true_parts, true_range), true_range)
        false_template = None
        if else_directive is not None:
            false_range = _between(else_directive.range, closing.range)
            false_template = TemplateExpr(self.merge(false_parts, false_range), false_range)
        whole = Range(opener.range.filename, opener.range.start, closing.range.end)
        return TemplateIfExpr(opener.expr, true_template, false_template, whole)

    def for_directive(self, opener: Directive) -> Expression:
        body: list[Expression] = []
        while True:
            if self.at_end():
                return self._missing_end(opener)
            closing = self._closing()
            if closing is None:
                body.append(self.part())
                continue
            if closing.keyword == "endfor":
                break
            if closing.keyword == "else":
                detail = "An else clause is not expected for a for directive."
            else:
                detail = f"Expecting an endfor directive corresponding to the for directive at {_short(opener.range)}."
            self.diags.error(f"Unexpected {closing.keyword} directive", detail, closing.range)
            return self.placeholder(closing.range)
        assert opener.expr is not None
        body_range = _between(opener.range, closing.range)
        template = TemplateExpr(self.merge(body, body_range), body_range)
        whole = Range(opener.range.filename, opener.range.start, closing.range.end)
        return TemplateForExpr(opener.key_var, opener.value_var, opener.expr, template, whole)


def nest_directives(parts: list[Part], end: Range, merge: MergeLiterals, diags: Diagnostics) -> list[Expression]:
    """The template's top-level parts with directives nested; ``end`` is the range of its closer."""
    for part in parts:
        if type(part) is Directive:
            break
    else:
        return parts  # type: ignore[return-value]
    nester = _Nester(parts, end, merge, diags)
    out: list[Expression] = []
    while not nester.at_end():
        out.append(nester.part())
    return out
