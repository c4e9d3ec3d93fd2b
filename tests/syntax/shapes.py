"""A compact text rendering of syntax trees, so tests can state expected shapes in one line."""

from __future__ import annotations

from hclrun.syntax import ast


def trav(steps: tuple[ast.Traverser, ...]) -> str:
    out = []
    for s in steps:
        if isinstance(s, ast.TraverseRoot):
            out.append(s.name)
        elif isinstance(s, ast.TraverseAttr):
            out.append("." + s.name)
        else:
            out.append(f"[{s.key!r}]" if isinstance(s.key, str) else f"[{s.key}]")
    return "".join(out)


def shape(e: object) -> str:
    if isinstance(e, ast.LiteralValueExpr):
        v = e.value
        return f"num({v})" if isinstance(v, ast.NumberLiteral) else repr(v)
    if isinstance(e, ast.ScopeTraversalExpr):
        return f"var({trav(e.traversal)})"
    if isinstance(e, ast.RelativeTraversalExpr):
        return f"rel({shape(e.source)}, {trav(e.traversal)})"
    if isinstance(e, ast.IndexExpr):
        return f"index({shape(e.collection)}, {shape(e.key)})"
    if isinstance(e, ast.SplatExpr):
        return f"{'lsplat' if e.legacy else 'splat'}({shape(e.source)}, {shape(e.each)})"
    if isinstance(e, ast.AnonSymbolExpr):
        return "item"
    if isinstance(e, ast.FunctionCallExpr):
        args = ", ".join(shape(a) for a in e.args)
        return f"{e.name}({args}{'...' if e.expand_final else ''})"
    if isinstance(e, ast.ConditionalExpr):
        return f"cond({shape(e.condition)}, {shape(e.true_result)}, {shape(e.false_result)})"
    if isinstance(e, ast.BinaryOpExpr):
        return f"({shape(e.lhs)} {e.op} {shape(e.rhs)})"
    if isinstance(e, ast.UnaryOpExpr):
        return f"{e.op}{shape(e.operand)}"
    if isinstance(e, ast.ParenthesesExpr):
        return f"paren({shape(e.expr)})"
    if isinstance(e, ast.TupleConsExpr):
        return "[" + ", ".join(shape(x) for x in e.exprs) + "]"
    if isinstance(e, ast.ObjectConsExpr):
        items = ", ".join(
            f"{'!' if i.key.force_non_literal else ''}{shape(i.key.wrapped)}={shape(i.value)}" for i in e.items
        )
        return "{" + items + "}"
    if isinstance(e, ast.ForExpr):
        head = f"{e.key_var},{e.value_var}" if e.key_var else e.value_var
        body = f"{shape(e.key_expr)}=>{shape(e.value_expr)}" if e.key_expr is not None else shape(e.value_expr)
        cond = f" if {shape(e.condition)}" if e.condition is not None else ""
        return f"for({head} in {shape(e.collection)}: {body}{'...' if e.group else ''}{cond})"
    if isinstance(e, ast.TemplateWrapExpr):
        return f"wrap({shape(e.wrapped)})"
    if isinstance(e, ast.TemplateExpr):
        return "tpl(" + ", ".join(shape(p) for p in e.parts) + ")"
    if isinstance(e, ast.TemplateIfExpr):
        f = f", {shape(e.false_template)}" if e.false_template is not None else ""
        return f"if({shape(e.condition)}, {shape(e.true_template)}{f})"
    if isinstance(e, ast.TemplateForExpr):
        head = f"{e.key_var},{e.value_var}" if e.key_var else e.value_var
        return f"tfor({head} in {shape(e.collection)}, {shape(e.body)})"
    raise TypeError(type(e))
