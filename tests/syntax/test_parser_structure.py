"""Bodies, attributes and blocks."""

from __future__ import annotations

from hclrun.syntax import ast
from hclrun.syntax.parser import parse_file


def test_blocks_labels_and_ranges() -> None:
    src = 'resource "aws_instance" web {\n  ami = "x"\n  nested {}\n}\n'
    f, diags = parse_file(src.encode(), "main.tf")
    assert list(diags) == []
    (block,) = f.body.items
    assert isinstance(block, ast.Block)
    assert (block.type, block.labels) == ("resource", ("aws_instance", "web"))
    assert [(r.start.column, r.end.column) for r in block.label_ranges] == [(10, 24), (25, 28)]
    assert (block.open_brace_range.start.column, block.close_brace_range.start.line) == (29, 4)
    attr, nested = block.body.items
    assert isinstance(attr, ast.Attribute) and attr.name == "ami"
    assert (attr.range.start.column, attr.range.end.column) == (3, 12)
    assert (attr.equals_range.start.column) == 7
    assert isinstance(nested, ast.Block) and nested.body.items == ()
    assert f.source == src.encode()


def test_single_line_blocks() -> None:
    f, diags = parse_file("a { b = 1 }\nc {}\n", "main.tf")
    assert list(diags) == []
    a, c = f.body.items
    assert isinstance(a, ast.Block) and [i.name for i in a.body.attributes] == ["b"]
    assert isinstance(c, ast.Block) and c.body.items == ()


def test_no_trailing_newline_and_crlf() -> None:
    f, diags = parse_file("a = 1\r\nb = 2", "main.tf")
    assert list(diags) == []
    assert [i.name for i in f.body.attributes] == ["a", "b"]


def test_recovery_keeps_later_items() -> None:
    f, diags = parse_file("a = = 1\nb {\n  c = 1 2\n}\nd = [1]\n", "main.tf")
    assert [d.summary for d in diags] == ["Invalid expression"]
    assert [getattr(i, "name", None) or i.type for i in f.body.items] == ["b", "d"]


def test_empty_file() -> None:
    f, diags = parse_file(b"", "main.tf")
    assert f.body.items == () and list(diags) == []
    assert f.body.end_range.start.byte == 0


def test_invalid_utf8() -> None:
    _, diags = parse_file(b"a = \"\xff\"\n", "main.tf")
    assert diags[0].summary == "Invalid character encoding"
