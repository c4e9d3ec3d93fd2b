"""Renderer tables: single attribute changes of terraform_data, including
null, unknown (nested too) and sensitive (nested too) rows."""

from __future__ import annotations

import pytest

from hclrun.addrs import AbsProviderConfig, parse_abs_resource_instance
from hclrun.plans import Action, OutputChange, Plan, ResourceInstanceChange
from hclrun.plans.render_human import render_plan
from hclrun.plans.render_text import Colorize, word_wrap
from hclrun.values.types import DYNAMIC, STRING
from hclrun.values.value import SENSITIVE, Value
from tests.plans.goldens import TERRAFORM_PROVIDER, schemas

S = Value.string
N = Value.number
UNKNOWN = Value.unknown(DYNAMIC)


def _object(input_: Value, output: Value, id_: Value | None = None) -> Value:
    return Value.object(
        {"id": S("i-1") if id_ is None else id_, "input": input_, "output": output, "triggers_replace": Value.null(DYNAMIC)}
    )


def _body(before: Value, after: Value, action: Action = Action.UPDATE) -> str:
    addr, _ = parse_abs_resource_instance("terraform_data.x")
    assert addr is not None
    change = ResourceInstanceChange(addr, AbsProviderConfig(TERRAFORM_PROVIDER), action, before, after)
    text = render_plan(Plan(changes=[change], applyable=True), schemas(), product_name="Terraform")
    start = text.index('"x" {\n') + len('"x" {\n')
    return text[start : text.index("\n    }\n", start)]


ROWS = [
    ("string update", S("a"), S("b"), '      ~ input  = "a" -> "b"'),
    ("null to value", Value.null(DYNAMIC), S("b"), '      + input  = "b"'),
    ("value to null", S("a"), Value.null(DYNAMIC), '      - input  = "a" -> null'),
    ("to unknown", S("a"), UNKNOWN, '      ~ input  = "a" -> (known after apply)'),
    ("sensitive", S("a").mark(SENSITIVE), S("b").mark(SENSITIVE), "      ~ input  = (sensitive value)"),
    (
        "unknown in list",
        Value.tuple([S("a")]),
        Value.tuple([S("a"), Value.unknown(STRING)]),
        '      ~ input  = [\n            "a",\n          + (known after apply),\n        ]',
    ),
    (
        "sensitive in object",
        Value.object({"p": S("x").mark(SENSITIVE), "u": S("a")}),
        Value.object({"p": S("y").mark(SENSITIVE), "u": S("a")}),
        "      ~ input  = {\n          ~ p = (sensitive value)\n            # (1 unchanged attribute hidden)\n        }",
    ),
    (
        "multi-line string",
        S("one\ntwo\n"),
        S("one\nthree\n"),
        "      ~ input  = <<-EOT\n            one\n          - two\n          + three\n        EOT",
    ),
    ("number", N(1), N("1.5"), "      ~ input  = 1 -> 1.5"),
    ("type change", S("1"), N(1), '      ~ input  = "1" -> 1'),
]


@pytest.mark.parametrize(("name", "before", "after", "want"), ROWS, ids=[r[0] for r in ROWS])
def test_attribute_rendering(name: str, before: Value, after: Value, want: str) -> None:
    body = _body(_object(before, S("o")), _object(after, S("o")))
    lines = body.split("\n")
    assert lines[0] == '        id     = "i-1"'
    assert "\n".join(lines[1:]).startswith(want)


def test_create_with_unknowns() -> None:
    before = Value.null(_object(S("a"), S("a")).type)
    after = _object(S("a"), Value.unknown(STRING), Value.unknown(STRING))
    assert _body(before, after, Action.CREATE) == (
        "      + id     = (known after apply)\n      + input  = \"a\"\n      + output = (known after apply)"
    )


OUTPUT_ROWS = [
    ("create known", None, S("v"), False, '  + o = "v"'),
    ("create unknown", None, UNKNOWN, False, "  + o = (known after apply)"),
    ("update sensitive", S("a"), S("b"), True, "  ~ o = (sensitive value)"),
    ("delete", S("a"), None, False, '  - o = "a" -> null'),
    ("null to value", Value.null(DYNAMIC), S("v"), False, '  + o = "v"'),
]


@pytest.mark.parametrize(("name", "before", "after", "sensitive", "want"), OUTPUT_ROWS, ids=[r[0] for r in OUTPUT_ROWS])
def test_output_rendering(name: str, before: Value | None, after: Value | None, sensitive: bool, want: str) -> None:
    from hclrun.addrs import root_output

    action = Action.CREATE if before is None or before.is_null else Action.DELETE if after is None else Action.UPDATE
    plan = Plan(output_changes=[OutputChange(root_output("o"), action, before, after, sensitive)], applyable=True)
    text = render_plan(plan, schemas(), product_name="Terraform")
    assert text.startswith("\nChanges to Outputs:\n" + want + "\n")


def test_product_name_is_substituted_in_one_place() -> None:
    addr, _ = parse_abs_resource_instance("terraform_data.x")
    assert addr is not None
    before = Value.null(_object(S("a"), S("a")).type)
    change = ResourceInstanceChange(addr, AbsProviderConfig(TERRAFORM_PROVIDER), Action.CREATE, before,
                                    _object(S("a"), S("a")))
    text = render_plan(Plan(changes=[change], applyable=True), schemas())
    assert text.startswith("\nhclrun used the selected providers to generate the following execution plan.")
    assert "Terraform" not in text


COLOUR_ROWS = [
    ("plain", "abc", "abc"),
    ("code", "[red]x[reset]", "\x1b[31mx\x1b[0m\x1b[0m"),
    ("not a code", "index [0]", "index [0]"),
]


@pytest.mark.parametrize(("name", "text", "want"), COLOUR_ROWS, ids=[r[0] for r in COLOUR_ROWS])
def test_colorize(name: str, text: str, want: str) -> None:
    assert Colorize().color(text) == want
    assert Colorize(disable=True).color(text) == want.replace("\x1b[31m", "").replace("\x1b[0m", "")


def test_word_wrap_keeps_indented_lines() -> None:
    text = "word " * 30 + "\n    indented " + "x " * 50
    wrapped = word_wrap(text, 40)
    assert all(len(line) <= 39 for line in wrapped.split("\n")[:-1])
    assert wrapped.split("\n")[-1].startswith("    indented")
