"""JSON text in the exact form Terraform writes: Go's ``encoding/json`` with
two-space indentation, HTML-safe string escapes, and numbers kept as the text
they were read from.

Decoded JSON ("data") is plain Python: ``dict`` (insertion-ordered), ``list``,
``str``, ``bool``, ``None``, ``int`` and ``JSONNumber`` (a ``str`` subclass
holding the literal text of a non-integer number, or of ``-0``). Reading and
writing such data reproduces a Terraform-written document byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_encode_basestring: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring


class JSONNumber(str):
    """The literal text of a JSON number that a Python ``int`` cannot carry exactly."""

    __slots__ = ()


class RawJSON(str):
    """JSON text that is already encoded; the writers emit it as it is."""

    __slots__ = ()


def _parse_int(text: str) -> int | JSONNumber:
    return JSONNumber(text) if text == "-0" else int(text)


def loads(text: str | bytes, object_hook: Callable[[dict[str, Any]], Any] | None = None) -> Any:
    """Decode JSON keeping number text exact; raises ``json.JSONDecodeError``.

    ``object_hook`` is given each decoded object, innermost first, and its result replaces it.
    """
    return json.loads(text, parse_float=JSONNumber, parse_int=_parse_int, object_hook=object_hook)


def go_string(s: str) -> str:
    """A JSON string as Go's encoder writes it (``<``, ``>``, ``&``, U+2028/9 escaped)."""
    out: str = _encode_basestring(s)
    if not s.isascii() or "<" in s or ">" in s or "&" in s:
        out = out.translate(_HTML)
    return out


def dumps_compact(data: Any) -> str:
    out: list[str] = []
    _compact(data, out)
    return "".join(out)


def _compact(data: Any, out: list[str]) -> None:
    if isinstance(data, str):
        out.append(data if isinstance(data, JSONNumber | RawJSON) else go_string(data))
    elif data is None:
        out.append("null")
    elif data is True:
        out.append("true")
    elif data is False:
        out.append("false")
    elif isinstance(data, int):
        out.append(str(data))
    elif isinstance(data, dict):
        out.append("{")
        first = True
        for k, v in data.items():
            if not first:
                out.append(",")
            first = False
            out.append(go_string(k))
            out.append(":")
            _compact(v, out)
        out.append("}")
    else:
        out.append("[")
        for i, v in enumerate(data):
            if i:
                out.append(",")
            _compact(v, out)
        out.append("]")


def write_indented(data: Any, out: list[str], indent: str) -> None:
    """Append ``data`` as Go's ``MarshalIndent(data, "", "  ")`` would, where the
    value itself starts at nesting prefix ``indent`` (already written by the caller)."""
    if isinstance(data, str):
        out.append(data if isinstance(data, JSONNumber) else go_string(data))
    elif data is None:
        out.append("null")
    elif data is True:
        out.append("true")
    elif data is False:
        out.append("false")
    elif isinstance(data, int):
        out.append(str(data))
    elif isinstance(data, dict):
        if not data:
            out.append("{}")
            return
        inner = indent + "  "
        sep = "{\n" + inner
        for k, v in data.items():
            out.append(sep)
            out.append(go_string(k))
            out.append(": ")
            write_indented(v, out, inner)
            sep = ",\n" + inner
        out.append("\n" + indent + "}")
    else:
        if not data:
            out.append("[]")
            return
        inner = indent + "  "
        sep = "[\n" + inner
        for v in data:
            out.append(sep)
            write_indented(v, out, inner)
            sep = ",\n" + inner
        out.append("\n" + indent + "]")
