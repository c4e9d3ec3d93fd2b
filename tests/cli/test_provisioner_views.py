"""How the human and JSON views show provisioner output messages and which
diagnostics carry an instance address (terraform's rules: lines split at
line feeds, or at carriage returns where none is left, trailing white space
trimmed; a blank line shown as an empty line by the human view and dropped
by the JSON view)."""

from __future__ import annotations

import io
import json

import pytest

from hclrun.addrs import AbsResourceInstance, Resource, ResourceInstance, ResourceMode
from hclrun.addrs.module import ROOT_MODULE_INSTANCE
from hclrun.cli.views.jsonui import JsonProgress, JsonView
from hclrun.cli.views.progress import HumanProgress, output_lines
from hclrun.cli.views.stream import Output
from hclrun.diagnostics import Diagnostic
from hclrun.diagrender import render_diagnostic

ADDR = AbsResourceInstance(ROOT_MODULE_INSTANCE, ResourceInstance(Resource(ResourceMode.MANAGED, "terraform_data", "x"), 2))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("plain", ["plain"]),
        ("", []),
        ("trailing \t ", ["trailing"]),
        ("  leading kept", ["  leading kept"]),
        ("a\nb", ["a", "b"]),
        ("a\n\nb\n", ["a", "", "b"]),
        ("crlf\r\n", ["crlf"]),
        ("one\rtwo\r", ["one", "two"]),
        ("a\rb\nc", ["a\rb", "c"]),
        ("nbsp\u00a0", ["nbsp"]),
    ],
)
def test_output_lines(message: str, expected: list[str]) -> None:
    assert output_lines(message) == expected


def _output(color: bool = False) -> tuple[Output, io.StringIO]:
    buffer = io.StringIO()
    return Output(color, buffer), buffer


def test_human_view_prints_an_empty_line_for_a_blank_message() -> None:
    out, buffer = _output()
    view = HumanProgress(out)
    view.pre_provision(ADDR, "local-exec")
    view.provisioner_output(ADDR, "local-exec", "first  ")
    view.provisioner_output(ADDR, "local-exec", "")
    view.provisioner_output(ADDR, "local-exec", "x\ny")
    assert buffer.getvalue() == (
        "terraform_data.x[2]: Provisioning with 'local-exec'...\n"
        "terraform_data.x[2] (local-exec): first\n"
        "\n"
        "terraform_data.x[2] (local-exec): x\n"
        "terraform_data.x[2] (local-exec): y\n"
    )


def test_json_view_drops_blank_lines_and_reports_each_step() -> None:
    out, buffer = _output()
    view = JsonProgress(JsonView(out))
    view.pre_provision(ADDR, "local-exec")
    view.provisioner_output(ADDR, "local-exec", "")
    view.provisioner_output(ADDR, "local-exec", "done ")
    view.post_provision(ADDR, "local-exec", True)
    messages = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert [(m["type"], m["@message"]) for m in messages] == [
        ("provision_start", "terraform_data.x[2]: Provisioning with 'local-exec'..."),
        ("provision_progress", "terraform_data.x[2]: (local-exec): done"),
        ("provision_errored", "terraform_data.x[2]: (local-exec) Provisioning errored"),
    ]
    assert messages[1]["hook"]["output"] == "done"
    assert messages[2]["hook"]["resource"]["resource_key"] == 2


def test_with_line_without_a_source_range() -> None:
    diag = Diagnostic.error("Provider failed", "It broke.").with_address(str(ADDR))
    assert render_diagnostic(diag, {}) == "\nError: Provider failed\n\n  with terraform_data.x[2],\nIt broke.\n"


def test_address_is_kept_once_set() -> None:
    diag = Diagnostic.error("x").with_address("terraform_data.a").with_address("terraform_data.b")
    assert diag.address == "terraform_data.a"


def test_json_diagnostic_names_the_address_after_the_detail() -> None:
    out, buffer = _output()
    JsonView(out).diagnostics([Diagnostic.error("Failed", "Why.").with_address(str(ADDR))], {})
    diagnostic = json.loads(buffer.getvalue())["diagnostic"]
    assert list(diagnostic) == ["severity", "summary", "detail", "address"]
    assert diagnostic["address"] == "terraform_data.x[2]"
