"""yamldecode syntax errors: libyaml's wording and the reference's positions.

Each expected message was observed with ``terraform console``
(``yamldecode("...")``, the text after ``Call to function "yamldecode" failed:``).
"""

from __future__ import annotations

import pytest

from hclrun.functions.encoding_yaml import YAMLDecodeError, yaml_decode

CASES = [
    ("unclosed flow sequence value", "a: [", "on line 1, column 1: did not find expected node content"),
    ("unclosed flow mapping value", "a: {", "on line 1, column 1: did not find expected node content"),
    ("unclosed flow sequence", "[1, 2", "on line 1, column 1: did not find expected ',' or ']'"),
    ("unclosed flow mapping", "{a: 1", "on line 1, column 1: did not find expected ',' or '}'"),
    ("mapping in plain value", "a: b: c", "mapping values are not allowed in this context"),
    ("mapping on an indented line", "key: value\n  bad: x", "on line 2, column 1: mapping values are not allowed in this context"),
    ("content after indented document", "  a: 1\nb: 2", "on line 1, column 1: did not find expected <document start>"),
    ("bad sequence indentation", "a:\n  - 1\n - 2", "on line 2, column 2: did not find expected key"),
    ("sequence after mapping", "a: b\n- c", "on line 1, column 1: did not find expected key"),
    ("mapping after sequence", "- a\nb: c", "on line 1, column 1: did not find expected '-' indicator"),
    ("nested sequence dedent", "- - a\n  - b\n - c", "on line 2, column 2: did not find expected '-' indicator"),
    ("extra bracket", "a: [1, 2]]", "did not find expected key"),
    ("missing key", ": a", "did not find expected key"),
    ("tab after plain scalar", "a: 1\n\tb: 2", "on line 2, column 1: found a tab character that violates indentation"),
    ("tab as indentation", "a:\n\t- 1", "on line 2, column 1: found character that cannot start any token"),
    ("leading tab", "\ta: 1", "found character that cannot start any token"),
    ("reserved indicator", "@foo", "found character that cannot start any token"),
    ("backquote", "`foo", "found character that cannot start any token"),
    ("unterminated quote", "a: 'abc", "found unexpected end of stream"),
    ("stale simple key", "a: |\n b\nc", "on line 4, column 1: could not find expected ':'"),
    ("undefined alias", "a: &x 1\nb: *y", 'on line 1, column 4: reference to undefined anchor "y"'),
    ("duplicate directive", "%YAML 1.1\n%YAML 1.1\n---\na", "on line 1, column 1: found duplicate %YAML directive"),
]


@pytest.mark.parametrize(("name", "text", "message"), CASES, ids=[c[0] for c in CASES])
def test_yaml_syntax_error(name: str, text: str, message: str) -> None:
    with pytest.raises(YAMLDecodeError) as info:
        yaml_decode(text)
    assert str(info.value) == message
