"""Public entry points for the HCL native syntax.

Every function returns a best-effort result with diagnostics; no exception
escapes for any input text.
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.gcpause import without_cyclic_gc
from hclrun.source import Pos
from hclrun.syntax import ast
from hclrun.syntax.builder import Builder
from hclrun.syntax.driver import run
from hclrun.syntax.lexer import MODE_EXPR, MODE_FILE, MODE_TEMPLATE, Tok, scan
from hclrun.syntax.locate import Locator, end_point


def decode_source(source: bytes | str, filename: str, diags: Diagnostics) -> str:
    """The text of ``source``; invalid UTF-8 is reported and replaced."""
    if isinstance(source, str):
        return source
    try:
        return source.decode("utf-8")
    except UnicodeDecodeError as err:
        text = source.decode("utf-8", "replace")
        loc = Locator(text, filename)
        prefix = len(source[: err.start].decode("utf-8", "replace"))
        diags.append(
            Diagnostic.error(
                "Invalid character encoding",
                "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.",
                loc.range(prefix, prefix + 1),
            )
        )
        return text


def _invalid_tokens(tokens: list[Tok]) -> list[Tok]:
    return [t for t in tokens if t.type != "INVALID"] if any(t.type == "INVALID" for t in tokens) else tokens


@without_cyclic_gc
def parse_file(source: bytes | str, filename: str) -> tuple[ast.File, Diagnostics]:
    diags = Diagnostics()
    text = decode_source(source, filename, diags)
    raw = source if isinstance(source, bytes) else source.encode("utf-8", "surrogatepass")
    loc = Locator(text, filename)
    tokens, scan_diags = scan(text, loc, MODE_FILE)
    diags.extend(scan_diags)
    builder = Builder(loc, diags)
    items = run(tokens, "start_file", builder, diags, len(text), recover=True)
    full = loc.range(0, len(text))
    body = ast.Body(tuple(items or ()), full, end_point(full))
    return ast.File(filename, body, raw), diags


@without_cyclic_gc
def parse_expression(
    source: bytes | str, filename: str = "<expr>", start: Pos | None = None
) -> tuple[ast.Expression | None, Diagnostics]:
    diags = Diagnostics()
    text = decode_source(source, filename, diags)
    loc = Locator(text, filename, start)
    tokens, scan_diags = scan(text, loc, MODE_EXPR)
    diags.extend(scan_diags)
    if not tokens:
        diags.error(
            "Invalid expression",
            "Expected the start of an expression, but found the end of the input.",
            loc.range(len(text), len(text) + 1),
        )
        return None, diags
    builder = Builder(loc, diags)
    expr = run(tokens, "start_expr", builder, diags, len(text), recover=False)
    if expr is None:
        _extra_characters(diags)
    return expr, diags


def _extra_characters(diags: Diagnostics) -> None:
    """HCL's wording when a whole expression parsed but more input followed."""
    if diags and diags[-1].summary == "Missing newline after argument":
        last = diags.pop()
        diags.append(
            Diagnostic.error(
                "Extra characters after expression",
                "An expression was successfully parsed, but extra characters were found after it.",
                last.subject,
            )
        )


@without_cyclic_gc
def parse_template(
    source: bytes | str, filename: str = "<template>", start: Pos | None = None
) -> tuple[ast.Expression | None, Diagnostics]:
    diags = Diagnostics()
    text = decode_source(source, filename, diags)
    loc = Locator(text, filename, start)
    tokens, scan_diags = scan(text, loc, MODE_TEMPLATE)
    diags.extend(scan_diags)
    builder = Builder(loc, diags)
    parts = run(tokens, "start_template", builder, diags, len(text), recover=False)
    if parts is None:
        return None, diags
    return builder.template(parts, loc.range(0, len(text)), False), diags


def parse_traversal(
    source: bytes | str, filename: str = "<traversal>"
) -> tuple[tuple[ast.Traverser, ...] | None, Diagnostics]:
    """An absolute traversal such as ``aws_instance.x["a"][0]``: a name and literal steps only."""
    expr, diags = parse_expression(source, filename)
    if expr is None:
        return None, diags
    if isinstance(expr, ast.ScopeTraversalExpr):
        return expr.traversal, diags
    if isinstance(expr, ast.LiteralValueExpr) and isinstance(expr.value, (bool, type(None))):
        # "true"/"null" are keywords in expressions but plain names in traversals.
        name = "null" if expr.value is None else ("true" if expr.value else "false")
        return (ast.TraverseRoot(name, expr.range),), diags
    diags.error(
        "Invalid traversal",
        "A traversal is a name followed by attribute names or literal index keys, like aws_instance.example[0].",
        expr.range,
    )
    return None, diags
