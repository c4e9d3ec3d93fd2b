"""Hypothesis strategies that write random but valid HCL configurations.

Every expression form is covered (literals, quoted templates with
interpolations and directives, heredocs, operators, conditionals, calls, for
expressions, splats, traversals, tuple and object constructors) and written
with random legal spacing: any run of blanks between tokens, inline comments,
and, where HCL ignores newlines (inside parentheses, brackets, interpolations
and object braces), line breaks and line comments too.

A ``Gaps`` value says which spacing the current position allows; strategies
pass it down, switching to newline-friendly gaps when they open a bracket.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

IDENTIFIERS = ("a", "b", "name", "x_1", "tags", "item", "é", "count2", "with-dash")
ROOTS = ("var", "local", "each", "count", "x", "b")
KEYWORDS = frozenset({"for", "in", "if", "true", "false", "null", "endfor", "endif", "else"})
FUNCTIONS = (
    "upper", "lower", "length", "max", "min", "join", "concat", "format", "tostring", "tonumber",
    "coalesce", "merge", "keys", "jsonencode", "abs", "ceil", "substr", "replace", "split",
    "lookup", "element", "flatten", "reverse", "try", "can", "core::upper", "tolist", "toset",
)  # fmt: skip
BINARY_OPERATORS = ("||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%")
NUMBERS = ("0", "1", "42", "1.5", "0.25", "1e3", "2E-2", "10.0", "123456789012345678901234567890")
LITERAL_TEXT = ("a", "b c", " ", "-", "é", "✓", "\\n", '\\"', "\\\\", "\\t", "\\u00e9", "$${x}", "%%{y}", "$", "%", "a$b")
HEREDOC_TEXT = ("a", "b c", "  indented", "é", "$${x}", "%%{y}", "\"q\"", "\\n", "", "EOTX")


@dataclass(frozen=True)
class Gaps:
    """Where a newline may appear between tokens: inside brackets, yes; at body level, no."""

    newlines: bool
    line_comments: bool = True


NEWLINES = Gaps(True)
SAME_LINE = Gaps(False)
INLINE_GAPS = ("", " ", "  ", "\t", " /* c */ ", " /**/ ")
LINE_GAPS = ("\n", "\n  ", " # c\n", " // c\n", "\n\n", " /* a\nb */ ")


@st.composite
def gap(draw: st.DrawFn, gaps: Gaps, required: bool = False) -> str:
    """Whitespace (and comments) between two tokens."""
    choices: tuple[str, ...] = INLINE_GAPS
    if gaps.newlines:
        choices += LINE_GAPS if gaps.line_comments else tuple(g for g in LINE_GAPS if "#" not in g and "//" not in g)
    if required:
        choices = tuple(c for c in choices if c)
    # Mostly single spaces, so the interesting shapes stay readable.
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(choices))
    return " " if required or draw(st.booleans()) else ""


def identifier() -> st.SearchStrategy[str]:
    return st.sampled_from(IDENTIFIERS)


@st.composite
def quoted_template(draw: st.DrawFn, depth: int) -> str:
    """A quoted string: literal text, escapes, interpolations and directives."""
    if draw(st.integers(0, 4)) == 0 and depth > 0:
        # Exactly one interpolation: what fmt unwraps at attribute level. Terraform's
        # fmt turns `"${ // c` + newline + `x}"` into a value on the next line, which
        # no longer parses, so line comments stay out of these.
        inside = Gaps(True, line_comments=False)
        return '"${' + draw(gap(inside)) + draw(expression(depth - 1, inside)) + draw(gap(inside)) + '}"'
    return '"' + draw(template_body(depth, heredoc=False)) + '"'


@st.composite
def template_body(draw: st.DrawFn, depth: int, heredoc: bool) -> str:
    parts: list[str] = []
    texts = HEREDOC_TEXT if heredoc else LITERAL_TEXT
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 5)) if depth > 0 else 0
        if kind <= 2:
            parts.append(draw(st.sampled_from(texts)))
        else:
            if parts and parts[-1][-1:] in ("$", "%"):
                parts.append(" ")  # "$" + "${" would make the escape "$${"
            if kind <= 4:
                parts.append(draw(interpolation(depth - 1)))
            else:
                parts.append(draw(directive(depth - 1, heredoc)))
    text = "".join(parts)
    # A directive tag may follow the body ("%" + "%{endif}" would be an escape).
    return text + " " if text[-1:] in ("$", "%") else text


def _strip(draw: st.DrawFn) -> str:
    return "~" if draw(st.integers(0, 4)) == 0 else ""


@st.composite
def interpolation(draw: st.DrawFn, depth: int) -> str:
    inner = draw(expression(depth, NEWLINES))
    return "${" + _strip(draw) + draw(gap(NEWLINES)) + inner + draw(gap(NEWLINES)) + _strip(draw) + "}"


@st.composite
def directive(draw: st.DrawFn, depth: int, heredoc: bool) -> str:
    def tag(words: str) -> str:
        # A comment before the keyword is valid HCL too; KNOWN_PARSER_BUGS has that case.
        before = draw(st.sampled_from(["", " ", "  "]))
        return "%{" + _strip(draw) + before + words + draw(gap(SAME_LINE)) + _strip(draw) + "}"

    if draw(st.booleans()):
        condition = draw(expression(depth, SAME_LINE))
        text = tag(f"if {condition}") + draw(template_body(depth, heredoc))
        if draw(st.booleans()):
            text += tag("else") + draw(template_body(depth, heredoc))
        return text + tag("endif")
    names = draw(st.sampled_from(["v", "k, v"]))
    collection = draw(expression(depth, SAME_LINE))
    return tag(f"for {names} in {collection}") + draw(template_body(depth, heredoc)) + tag("endfor")


@st.composite
def heredoc(draw: st.DrawFn, depth: int) -> str:
    """A heredoc up to and including its closing marker (the caller ends the line)."""
    indented = draw(st.booleans())
    lines = [draw(template_body(depth, heredoc=True)) for _ in range(draw(st.integers(0, 3)))]
    indent = "    " if indented else ""
    body = "".join(f"{indent}{line}\n" for line in lines)
    return ("<<-EOT\n" if indented else "<<EOT\n") + body + ("  EOT" if indented else "EOT")


@st.composite
def traversal_steps(draw: st.DrawFn) -> str:
    steps: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        step = draw(st.sampled_from([".name", ".b", "[0]", '["k"]', ".0", "[1]"]))
        if step == ".0" and steps[-1:] == [".0"]:
            step = "[0]"  # x.0.0 would scan as x, ., 0.0
        steps.append(step)
    return "".join(steps)


@st.composite
def primary(draw: st.DrawFn, depth: int, gaps: Gaps) -> str:
    """An expression that binds tighter than any operator."""
    kind = draw(st.integers(0, 11 if depth > 0 else 3))
    if kind == 0:
        return draw(st.sampled_from(NUMBERS))
    if kind == 1:
        return draw(st.sampled_from(["true", "false", "null"]))
    if kind == 2:
        return draw(st.sampled_from(ROOTS)) + draw(traversal_steps())
    if kind == 3:
        return draw(quoted_template(min(depth, 1)))
    inner = NEWLINES
    if kind == 4:
        return "(" + draw(gap(inner)) + draw(expression(depth - 1, inner)) + draw(gap(inner)) + ")"
    if kind == 5:
        return draw(tuple_cons(depth - 1))
    if kind == 6:
        return draw(object_cons(depth - 1))
    if kind == 7:
        return draw(function_call(depth - 1))
    if kind == 8:
        return draw(for_expression(depth - 1))
    if kind == 9:
        source = draw(primary(depth - 1, gaps))
        marker = draw(st.sampled_from(["[*]", ".*"]))
        if source[-1:].isdigit() or "*" in source:
            # 1.* would scan as a number; a splat inside another is an error
            source = f"({source})"
        return source + marker + draw(traversal_steps())
    if kind == 10:
        collection = draw(primary(depth - 1, gaps))
        key = draw(expression(depth - 1, inner))
        return collection + "[" + draw(gap(inner)) + key + draw(gap(inner)) + "]"
    source = draw(primary(depth - 1, gaps))
    if source[-1:].isdigit():
        source = f"({source})"
    return source + draw(st.sampled_from([".name", "[0]", '["k"]']))


@st.composite
def expression(draw: st.DrawFn, depth: int, gaps: Gaps) -> str:
    kind = draw(st.integers(0, 6 if depth > 0 else 0))
    if kind <= 2:
        return draw(primary(depth, gaps))
    if kind == 3:
        op = draw(st.sampled_from(["-", "!"]))
        return op + draw(gap(SAME_LINE)) + draw(primary(depth - 1, gaps))
    if kind in (4, 5):
        lhs = draw(expression(depth - 1, gaps))
        rhs = draw(expression(depth - 1, gaps))
        op = draw(st.sampled_from(BINARY_OPERATORS))
        return lhs + draw(gap(gaps, required=True)) + op + draw(gap(gaps, required=True)) + rhs
    parts = [draw(expression(depth - 1, gaps)) for _ in range(3)]
    return (
        parts[0] + draw(gap(gaps, True)) + "?" + draw(gap(gaps, True)) + parts[1]
        + draw(gap(gaps, True)) + ":" + draw(gap(gaps, True)) + parts[2]
    )  # fmt: skip


@st.composite
def bracketed_items(draw: st.DrawFn, items: list[str], close: str) -> str:
    """Items separated by commas, with an optional trailing comma, then ``close``."""
    text = draw(gap(NEWLINES))
    for index, item in enumerate(items):
        text += item
        if index < len(items) - 1 or draw(st.booleans()):
            text += draw(gap(NEWLINES)) + "," + draw(gap(NEWLINES))
        else:
            text += draw(gap(NEWLINES))
    return text + close


@st.composite
def tuple_cons(draw: st.DrawFn, depth: int) -> str:
    items = []
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.integers(0, 6)) == 0:
            items.append(draw(heredoc(depth)) + "\n")
        else:
            items.append(draw(expression(depth, NEWLINES)))
    return "[" + draw(bracketed_items(items, "]"))


@st.composite
def function_call(draw: st.DrawFn, depth: int) -> str:
    name = draw(st.sampled_from(FUNCTIONS))
    args = [draw(expression(depth, NEWLINES)) for _ in range(draw(st.integers(0, 3)))]
    if not args:
        return name + "(" + draw(gap(NEWLINES)) + ")"
    if draw(st.integers(0, 5)) == 0:
        args[-1] += draw(gap(NEWLINES)) + "..."
        return name + "(" + draw(gap(NEWLINES)) + (draw(gap(NEWLINES)) + "," + draw(gap(NEWLINES))).join(args) + ")"
    return name + "(" + draw(bracketed_items(args, ")"))


@st.composite
def object_key(draw: st.DrawFn, depth: int) -> str:
    kind = draw(st.integers(0, 3))
    if kind <= 1:
        return draw(identifier())
    if kind == 2:
        return draw(st.sampled_from(['"k"', '"with space"', '"é"', '"${x}"', '"a${b}"']))
    return "(" + draw(expression(depth, NEWLINES)) + ")"


@st.composite
def object_cons(draw: st.DrawFn, depth: int) -> str:
    text = "{" + draw(gap(NEWLINES))
    count = draw(st.integers(0, 3))
    for index in range(count):
        key = draw(object_key(depth))
        assign = draw(st.sampled_from(["=", ":"]))
        value = draw(expression(depth, SAME_LINE))
        text += key + draw(gap(SAME_LINE)) + assign + draw(gap(SAME_LINE)) + value
        last = index == count - 1
        separator = draw(st.sampled_from(["newline", "comma"] + (["none"] if last else [])))
        if separator == "comma":
            text += draw(gap(SAME_LINE)) + "," + draw(gap(NEWLINES))
        elif separator == "newline":
            text += draw(st.sampled_from(["\n", " # c\n", "\n\n", ",\n"])) + draw(gap(SAME_LINE))
        else:
            text += draw(gap(SAME_LINE))
    return text + "}"


@st.composite
def for_expression(draw: st.DrawFn, depth: int) -> str:
    g = NEWLINES

    def sep() -> str:
        return draw(gap(g, required=True))

    names = draw(st.sampled_from(["v", "k, v", "k,v"]))
    head = "for" + sep() + names + sep() + "in" + sep() + draw(expression(depth, g)) + draw(gap(g)) + ":" + draw(gap(g))
    condition = ""
    if draw(st.booleans()):
        condition = sep() + "if" + sep() + draw(expression(depth, g))
    if draw(st.booleans()):
        body = head + draw(expression(depth, g)) + condition
        return "[" + draw(gap(g)) + body + draw(gap(g)) + "]"
    key = draw(expression(depth, g))
    value = draw(expression(depth, g))
    group = draw(gap(g)) + "..." if draw(st.integers(0, 3)) == 0 else ""
    body = head + key + draw(gap(g)) + "=>" + draw(gap(g)) + value + group + condition
    return "{" + draw(gap(g)) + body + draw(gap(g)) + "}"


# ---------------------------------------------------------------- bodies


@st.composite
def attribute_value(draw: st.DrawFn, depth: int) -> str:
    if draw(st.integers(0, 8)) == 0:
        return draw(heredoc(depth))
    return draw(expression(depth, SAME_LINE))


@st.composite
def label(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["web", '"web"', '"with space"', '"é"', '"a.b"', '""', '"$"', "x_1"]))


@st.composite
def body(draw: st.DrawFn, depth: int, indent: str = "") -> str:
    lines: list[str] = []
    names = draw(st.lists(identifier(), unique=True, max_size=4))
    for name in names:
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(["", "# comment", "// comment", "/* block */"])))
        lines.append(name + draw(gap(SAME_LINE)) + "=" + draw(gap(SAME_LINE)) + draw(attribute_value(depth)))
    if depth > 0:
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(block(depth - 1, indent)))
    order = draw(st.permutations(range(len(lines)))) if lines else []
    return "".join(indent + lines[i] + "\n" for i in order)


@st.composite
def block(draw: st.DrawFn, depth: int, indent: str) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0 and not indent:
        return draw(variable_block())
    block_type = draw(st.sampled_from(["resource", "locals", "dynamic", "content", "nested"]))
    labels = "".join(" " + draw(label()) for _ in range(draw(st.integers(0, 2))))
    if kind == 1:
        return block_type + labels + " {}"
    if kind == 2:
        name = draw(identifier())
        return block_type + labels + " { " + name + " = " + draw(expression(depth, SAME_LINE)) + " }"
    return block_type + labels + draw(gap(SAME_LINE)) + "{\n" + draw(body(depth, indent + "  ")) + indent + "}"


@st.composite
def variable_block(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(['"v"', "v", '"region"']))
    type_expr = draw(
        st.sampled_from(['"string"', '"list"', '"map"', '"set"', "list", "map", "set", "string", "list(number)",
                         "map(any)", '"number"', "object({ a = string })", '"${string}"'])
    )  # fmt: skip
    default = draw(st.sampled_from(["", '  default = "x"\n', "  default = []\n", '  default = "${"d"}"\n']))
    return f"variable {name} {{\n  type = {type_expr}\n{default}}}"


def configuration(max_depth: int = 3) -> st.SearchStrategy[str]:
    """A whole configuration file's text."""
    return st.integers(0, max_depth).flatmap(lambda depth: body(depth))
