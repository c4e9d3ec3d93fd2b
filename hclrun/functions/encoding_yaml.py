"""``yamldecode``: YAML text to a value, with Terraform's scalar resolution.

Mappings become objects, sequences tuples. Plain scalars resolve YAML 1.1
style (``yes``/``on``/``y`` are true, ``~`` is null, ``017`` is 17, ``0x1F``
is 31, dates become RFC 3339 strings); quoted scalars are always strings.
Parsing uses PyYAML's composer; its syntax errors are reworded and placed as
the reference reports them (``encoding_yaml_errors``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import yaml

from hclrun.functions.encoding_yaml_errors import yaml_error_message
from hclrun.values import number as num
from hclrun.values.types import DYNAMIC
from hclrun.values.value import FALSE, TRUE, Value

_STR = "tag:yaml.org,2002:str"
_BINARY = "tag:yaml.org,2002:binary"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

_WORDS: dict[str, Value] = {}
for _w in ("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"):
    _WORDS[_w] = TRUE
for _w in ("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"):
    _WORDS[_w] = FALSE
for _w in ("", "~", "null", "Null", "NULL"):
    _WORDS[_w] = Value.null(DYNAMIC)
for _w in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"):
    _WORDS[_w] = Value.number(float("inf"))
for _w in ("-.inf", "-.Inf", "-.INF"):
    _WORDS[_w] = Value.number(float("-inf"))

_DECIMAL = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_TIMESTAMP_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:([Tt]|[ ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?"
    r"(Z|[-+]\d{2}:\d{2})?)?$"
)


class YAMLDecodeError(Exception):
    """A document that can't be decoded; the message is the user-facing text."""


def _number(text: str) -> Value | None:
    if _DECIMAL.match(text):
        return Value.number(num.parse_number(text))
    for prefix, base in (("0x", 16), ("0o", 8)):
        if text.startswith(prefix):
            try:
                return Value.number(int(text[2:], base))
            except ValueError:
                return None
    return None


def _timestamp(text: str) -> str | None:
    m = _TIMESTAMP_RE.match(text)
    if not m:
        return None
    year, month, day, sep, hh, mm, ss, _frac, zone = m.groups()
    if sep == " " and zone:
        return None
    try:
        if hh is None:
            return datetime(int(year), int(month), int(day)).strftime("%Y-%m-%dT%H:%M:%SZ")
        tz = UTC
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            tz = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
        t = datetime(int(year), int(month), int(day), int(hh), int(mm), int(ss), tzinfo=tz)
    except ValueError:
        return None
    text = t.strftime("%Y-%m-%dT%H:%M:%S")
    if tz is UTC:
        return text + "Z"
    offset = t.strftime("%z")
    return f"{text}{offset[:3]}:{offset[3:]}"


def resolve_plain(text: str) -> Value:
    """The value of an untagged plain scalar."""
    if text in _WORDS:
        return _WORDS[text]
    if text in (".nan", ".NaN", ".NAN"):
        raise YAMLDecodeError("floating point NaN is not supported")
    first = text[:1]
    if first == "." or first.isdigit() or first in "+-":
        if first != ".":
            stamp = _timestamp(text)
            if stamp is not None:
                return Value.string(stamp)
        n = _number(text)
        if n is not None:
            return n
    return Value.string(text)


def _resolve_tagged(tag: str, text: str) -> Value:
    if tag in (_STR, "!"):
        return Value.string(text)
    if tag == _BINARY:
        import base64
        import binascii

        try:
            base64.b64decode(text, validate=True)
        except binascii.Error:
            raise YAMLDecodeError(f'cannot parse "{text}" as !!binary: not valid base64') from None
        return Value.string(text)
    if tag == _BOOL:
        v = _WORDS.get(text)
        if v is None or v.is_null or not v.type.is_primitive or v.type.type_expr() != "bool":
            raise YAMLDecodeError(f'cannot parse "{text}" as !!bool')
        return v
    if tag in (_INT, _FLOAT):
        n = _number(text.replace("_", ""))
        if n is None:
            raise YAMLDecodeError(f'cannot parse "{text}" as !!{tag.rsplit(":", 1)[1]}')
        return n
    if tag == _NULL:
        return Value.null(DYNAMIC)
    if tag == _TIMESTAMP:
        stamp = _timestamp(text)
        if stamp is None:
            raise YAMLDecodeError(f'cannot parse "{text}" as !!timestamp')
        return Value.string(stamp)
    raise YAMLDecodeError(f'unsupported tag "{tag}"')


class _Loader(yaml.SafeLoader):
    """A loader that resolves nothing by itself: every scalar keeps its text."""


_Loader.yaml_implicit_resolvers = {}


def _node_value(node: yaml.Node) -> Value:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR and node.style is None and node.value is not None:
            return resolve_plain(node.value) if not _explicit(node) else Value.string(node.value)
        if node.style is not None:
            return Value.string(node.value)
        return _resolve_tagged(node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return Value.tuple(_node_value(n) for n in node.value)
    if isinstance(node, yaml.MappingNode):
        return Value.object(_mapping(node))
    raise YAMLDecodeError("unsupported YAML node")


def _explicit(node: yaml.ScalarNode) -> bool:
    return bool(getattr(node, "_explicit_tag", False))


def _mapping(node: yaml.MappingNode) -> dict[str, Value]:
    attrs: dict[str, Value] = {}
    merged: dict[str, Value] = {}
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE or (
            isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and key_node.style is None
        ):
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for src in sources:
                if not isinstance(src, yaml.MappingNode):
                    raise YAMLDecodeError("map merge requires map or sequence of maps as the value")
                for k, v in _mapping(src).items():
                    merged.setdefault(k, v)
            continue
        key = _node_value(key_node)
        if key.is_null or not key.type.is_primitive:
            raise YAMLDecodeError("only strings are allowed as mapping keys")
        from hclrun.values.convert import convert
        from hclrun.values.types import STRING

        attrs[convert(key, STRING).raw] = _node_value(value_node)
    return {**merged, **attrs}


def _mark_explicit_tags(text: str, docs: list[yaml.Node]) -> None:
    """PyYAML gives plain untagged scalars the str tag; remember which tags were written."""
    for doc in docs:
        stack = [doc]
        while stack:
            n = stack.pop()
            if isinstance(n, yaml.ScalarNode):
                src = text[n.start_mark.index : n.end_mark.index] if n.start_mark else ""
                n._explicit_tag = src.lstrip().startswith("!")  # type: ignore[attr-defined]
            elif isinstance(n, yaml.SequenceNode):
                stack.extend(n.value)
            elif isinstance(n, yaml.MappingNode):
                for k, v in n.value:
                    stack.extend((k, v))


def yaml_decode(text: str) -> Value:
    try:
        docs = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        raise YAMLDecodeError(yaml_error_message(text, exc)) from None
    except yaml.YAMLError as exc:
        raise YAMLDecodeError(str(exc)) from None
    if not docs:
        raise YAMLDecodeError("on line 1, column 1: missing start of document")
    if len(docs) > 1:
        mark = docs[0].start_mark
        raise YAMLDecodeError(f"on line {mark.line + 1}, column {mark.column + 1}: unexpected extra content after value")
    _mark_explicit_tags(text, docs)
    return _node_value(docs[0])
