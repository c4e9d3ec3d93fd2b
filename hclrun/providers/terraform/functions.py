"""The terraform provider's functions: ``encode_expr``, ``encode_tfvars`` and
``decode_tfvars``, writing values in Terraform language syntax as ``terraform fmt``
would lay them out."""

from __future__ import annotations

import re

from hclrun.providers.protocol import CallFunctionRequest, CallFunctionResponse
from hclrun.values import number as num
from hclrun.values.types import BOOL, NUMBER, STRING
from hclrun.values.value import Value

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def quote(s: str) -> str:
    out = []
    for ch in s:
        out.append(_ESCAPES.get(ch, ch))
    body = "".join(out).replace("${", "$${").replace("%{", "%%{")
    return f'"{body}"'


def _key(k: str) -> str:
    return k if _IDENTIFIER.match(k) else quote(k)


def encode_expr(v: Value, indent: int = 0) -> str:
    raw = v.raw
    if raw is None:
        return "null"
    t = v.type
    if t is STRING:
        return quote(raw)
    if t is NUMBER:
        return num.format_number(raw)
    if t is BOOL:
        return "true" if raw else "false"
    if isinstance(raw, tuple):
        return "[" + ", ".join(encode_expr(e, indent) for e in raw) + "]"
    if not raw:
        return "{}"
    pad = "  " * (indent + 1)
    return (
        "{\n" + "".join(pad + line + "\n" for line in _attribute_lines(raw, indent + 1)) + "  " * indent + "}"
    )


def _attribute_lines(items: dict[str, Value], indent: int) -> list[str]:
    """``key = value`` lines; consecutive single-line values align their ``=``."""
    rendered = [(_key(k), encode_expr(v, indent)) for k, v in items.items()]
    lines: list[str] = []
    run: list[tuple[str, str]] = []

    def flush() -> None:
        width = max((len(k) for k, _ in run), default=0)
        lines.extend(f"{k.ljust(width)} = {val}" for k, val in run)
        run.clear()

    for k, val in rendered:
        if "\n" in val:
            flush()
            lines.append(f"{k} = {val}")
        else:
            run.append((k, val))
    flush()
    return lines


def encode_tfvars(v: Value) -> str:
    if not v.raw:
        return ""
    return "".join(line + "\n" for line in _attribute_lines(v.raw, 0))


def call(req: CallFunctionRequest) -> CallFunctionResponse:
    name = req.function_name
    args = req.arguments
    if name not in ("encode_expr", "encode_tfvars", "decode_tfvars"):
        return CallFunctionResponse(error=f"provider has no function named {name!r}")
    arg = args[0].unmark_deep()[0]
    if not arg.is_wholly_known:
        return CallFunctionResponse(Value.unknown(STRING))
    if name == "encode_expr":
        return CallFunctionResponse(Value.string(encode_expr(arg)))
    if name == "encode_tfvars":
        if arg.is_null:
            return CallFunctionResponse(error="cannot encode a null value in tfvars syntax", error_argument=0)
        if not (arg.type.is_object or arg.type.is_map):
            return CallFunctionResponse(
                error="invalid value to encode: must be an object whose attribute names will become the encoded variable names",
                error_argument=0,
            )
        return CallFunctionResponse(Value.string(encode_tfvars(arg)))
    return CallFunctionResponse(
        error="decode_tfvars needs the configuration language parser, which the engine provides",
        error_argument=0,
    )
