"""Encoding functions: base64, gzip, URL query escaping, JSON, YAML, CSV and
text in other character encodings."""

from __future__ import annotations

import base64
import binascii
import struct
import urllib.parse
import zlib
from typing import TYPE_CHECKING

from hclrun.functions.encoding_csv import CSVParseError, read_records
from hclrun.functions.encoding_text import lookup_encoding
from hclrun.functions.encoding_yaml_emit import yaml_document
from hclrun.functions.spec import ArgError, Function, FunctionCallError, Parameter, fixed_type
from hclrun.values.strings import go_quote
from hclrun.values.types import DYNAMIC, STRING, ListType, ObjectType, Type
from hclrun.values.value import SENSITIVE, Value

if TYPE_CHECKING:
    from hclrun.functions.registry import FunctionContext


def _shown(s: str, marks: frozenset[str]) -> str:
    return "(sensitive value)" if SENSITIVE in marks else go_quote(s)


def _strip_newlines(s: str) -> str:
    """Go's base64 decoder ignores carriage returns and newlines."""
    return s.replace("\r", "").replace("\n", "")


def _b64decode(s: str) -> bytes:
    """Strict (padded) standard base64; raises ValueError with the offset of the bad symbol."""
    data = _strip_newlines(s)
    alphabet = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    for i, ch in enumerate(data):
        if ch not in alphabet and ch != "=":
            raise ValueError(i)
    if len(data) % 4:
        raise ValueError(len(data) - len(data) % 4)
    try:
        return base64.b64decode(data, validate=True)
    except binascii.Error:
        raise ValueError(data.find("=")) from None


# ----------------------------------------------------------------- base64, gzip, urlencode


def _base64decode(args: list[Value], _ret: Type) -> Value:
    s, marks = args[0].unmark()
    try:
        decoded = _b64decode(s.raw)
    except ValueError:
        raise FunctionCallError(f"failed to decode base64 data {_shown(s.raw, marks)}") from None
    try:
        text = decoded.decode("utf-8")
    except UnicodeDecodeError:
        raise FunctionCallError("the result of decoding the provided string is not valid UTF-8") from None
    return Value.string(text).with_marks(marks)


def _base64encode(args: list[Value], _ret: Type) -> Value:
    return Value.string(base64.b64encode(args[0].raw.encode("utf-8")).decode("ascii"))


def _gzip(data: bytes) -> bytes:
    """A gzip member laid out as Go's writer does after a flush and close."""
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = comp.compress(data) + comp.flush(zlib.Z_SYNC_FLUSH) + b"\x01\x00\x00\xff\xff"
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    return header + body + trailer


def _base64gzip(args: list[Value], _ret: Type) -> Value:
    return Value.string(base64.b64encode(_gzip(args[0].raw.encode("utf-8"))).decode("ascii"))


def _urlencode(args: list[Value], _ret: Type) -> Value:
    return Value.string(urllib.parse.quote_plus(args[0].raw, safe="-_.~"))


# ----------------------------------------------------------------- text encodings


def _textencodebase64(args: list[Value], _ret: Type) -> Value:
    text, enc_name = args[0].raw, args[1].raw
    enc = lookup_encoding(enc_name)
    if enc is None:
        raise ArgError(1, f"{go_quote(enc_name)} is not a supported IANA encoding name or alias in this Terraform version")
    try:
        data = enc.encode(text)
    except UnicodeEncodeError:
        raise ArgError(0, f"the given string contains characters that cannot be represented in {enc.name}") from None
    return Value.string(base64.b64encode(data).decode("ascii"))


def _textdecodebase64(args: list[Value], _ret: Type) -> Value:
    source, enc_name = args[0].raw, args[1].raw
    enc = lookup_encoding(enc_name)
    if enc is None:
        raise ArgError(1, f"{go_quote(enc_name)} is not a supported IANA encoding name or alias in this Terraform version")
    try:
        data = _b64decode(source)
    except ValueError as exc:
        raise ArgError(0, f"the given value is has an invalid base64 symbol at offset {exc.args[0]}") from None
    try:
        text = enc.decode(data)
    except UnicodeDecodeError:
        raise ArgError(0, f"the given string contains symbols that are not defined for {enc.name}") from None
    return Value.string(text)


# ----------------------------------------------------------------- JSON


def _jsonencode(args: list[Value], _ret: Type) -> Value:
    from hclrun.values.json import JSONEncodeError, to_json

    v, marks = args[0].unmark_deep()
    if not v.is_wholly_known:
        return Value.unknown(STRING).with_marks(marks)
    if v.is_null:
        return Value.string("null").with_marks(marks)
    try:
        return Value.string(to_json(v)).with_marks(marks)
    except JSONEncodeError as exc:
        raise FunctionCallError(str(exc)) from None


def _jsondecode_type(args: list[Value]) -> Type:
    s = args[0].unmark()[0]
    if not s.is_known:
        return DYNAMIC
    return _json_value(s.raw).type


def _json_value(text: str) -> Value:
    from hclrun.values.json import JSONDecodeError, from_json

    try:
        return from_json(text)
    except JSONDecodeError as exc:
        raise FunctionCallError(str(exc)) from None


def _jsondecode(args: list[Value], _ret: Type) -> Value:
    return _json_value(args[0].raw)


# ----------------------------------------------------------------- YAML, CSV


def _yamldecode_value(text: str) -> Value:
    # PyYAML loads on the first yamldecode call, not with the function table.
    from hclrun.functions.encoding_yaml import YAMLDecodeError, yaml_decode

    try:
        return yaml_decode(text)
    except YAMLDecodeError as exc:
        raise FunctionCallError(str(exc)) from None


def _yamldecode_type(args: list[Value]) -> Type:
    s = args[0].unmark()[0]
    if not s.is_known:
        return DYNAMIC
    return _yamldecode_value(s.raw).type


def _yamlencode(args: list[Value], _ret: Type) -> Value:
    v, marks = args[0].unmark_deep()
    if not v.is_wholly_known:
        return Value.unknown(STRING).with_marks(marks)
    return Value.string(yaml_document(v)).with_marks(marks)


def _csv_records(text: str) -> list[list[str]]:
    try:
        records = read_records(text)
    except CSVParseError as exc:
        raise FunctionCallError(str(exc)) from None
    if not records:
        raise FunctionCallError("missing header line")
    seen: set[str] = set()
    for name in records[0]:
        if name in seen:
            raise FunctionCallError(f"duplicate column name {go_quote(name)}")
        seen.add(name)
    return records


def _csvdecode_type(args: list[Value]) -> Type:
    s = args[0]
    if not s.is_known:
        return DYNAMIC
    header = _csv_records(s.raw)[0]
    return ListType(ObjectType({name: STRING for name in header}))


def _csvdecode(args: list[Value], ret: Type) -> Value:
    header, *rows = _csv_records(args[0].raw)
    objects = [Value.object({name: Value.string(f) for name, f in zip(header, row, strict=True)}) for row in rows]
    return Value.list(objects, ret.element)  # type: ignore[attr-defined]


def _string_fn(name: str, impl: object, description: str, param: str = "str") -> Function:
    return Function(name, (Parameter(param, STRING),), fixed_type(STRING), impl,  # type: ignore[arg-type]
                    description=description)


def functions(ctx: FunctionContext) -> list[Function]:
    del ctx
    return [
        Function("base64decode", (Parameter("str", STRING, allow_marked=True),), fixed_type(STRING),
                 _base64decode, description="The UTF-8 text encoded in a base64 string."),
        _string_fn("base64encode", _base64encode, "A string's UTF-8 bytes in base64."),
        _string_fn("base64gzip", _base64gzip, "A string gzip-compressed, then base64-encoded."),
        _string_fn("urlencode", _urlencode, "A string escaped for use in a URL query."),
        Function("textencodebase64", (Parameter("string", STRING), Parameter("encoding", STRING)),
                 fixed_type(STRING), _textencodebase64,
                 description="A string encoded in a named character encoding, then base64."),
        Function("textdecodebase64", (Parameter("source", STRING), Parameter("encoding", STRING)),
                 fixed_type(STRING), _textdecodebase64,
                 description="Base64 bytes decoded as text in a named character encoding."),
        Function("jsonencode", (Parameter("val", allow_null=True, allow_dynamic_type=True),),
                 fixed_type(STRING), _jsonencode, description="A value as JSON text."),
        Function("jsondecode", (Parameter("str", STRING),), _jsondecode_type, _jsondecode,
                 description="The value described by JSON text."),
        Function("yamlencode", (Parameter("value", allow_null=True, allow_dynamic_type=True),),
                 fixed_type(STRING), _yamlencode, description="A value as a YAML document."),
        Function("yamldecode", (Parameter("src", STRING),), _yamldecode_type, _yamldecode_value_impl,
                 description="The value described by a YAML document."),
        Function("csvdecode", (Parameter("str", STRING),), _csvdecode_type, _csvdecode,
                 description="The rows of CSV text (with a header row) as a list of objects."),
    ]


def _yamldecode_value_impl(args: list[Value], _ret: Type) -> Value:
    return _yamldecode_value(args[0].raw)
