"""Values and types as ``terraform console`` prints them.

``render_console(value)`` follows the console's layout: two-space indented
multi-line collections, ``tolist``/``toset``/``tomap`` wrappers that show the
collection kind, objects and maps as ``"key" = value`` lines in key order,
sequence elements ending with ``,``, typed nulls (``tostring(null)``,
``tolist(null) /* of string */``), ``(known after apply)`` for unknowns and
``(sensitive value)`` for sensitive values. Strings with a newline print as
heredocs (``<<EOT`` at top level, ``<<-EOT`` inside a collection).

``render_type(t)`` prints a type as the console prints ``type(...)``.
"""

from __future__ import annotations

from hclrun.values import number as num
from hclrun.values.strings import go_quote
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ObjectType, TupleType, Type
from hclrun.values.value import SENSITIVE, Value

__all__ = ["render_console", "render_type"]


def render_console(value: Value) -> str:
    out: list[str] = []
    _write(value, 0, out)
    return "".join(out)


def _write(v: Value, indent: int, out: list[str]) -> None:
    if not v.is_known:
        out.append("(known after apply)")
        return
    if SENSITIVE in v.marks:
        out.append("(sensitive value)")
        return
    t = v.type
    raw = v.raw
    if raw is None:
        out.append(_typed_null(t))
        return
    if t is STRING:
        out.append(_string(raw, indent))
    elif t is NUMBER:
        out.append(num.format_number(raw))
    elif t is BOOL:
        out.append("true" if raw else "false")
    elif t.is_object:
        _mapping(raw, indent, out)
    elif t.is_tuple:
        _sequence(raw, indent, out)
    else:
        wrapper = "tolist(" if t.is_list else "toset(" if t.is_set else "tomap("
        out.append(wrapper)
        if t.is_map:
            _mapping(raw, indent, out)
        else:
            _sequence(raw, indent, out)
        out.append(")")


def _typed_null(t: Type) -> str:
    if t is DYNAMIC:
        return "null"
    if t is STRING:
        return "tostring(null)"
    if t is NUMBER:
        return "tonumber(null)"
    if t is BOOL:
        return "tobool(null)"
    if t.is_list or t.is_set or t.is_map:
        func = "tolist" if t.is_list else "toset" if t.is_set else "tomap"
        return f"{func}(null) /* of {t.element.friendly_name()} */"  # type: ignore[attr-defined]
    return f"null /* {t.friendly_name()} */"


def _string(s: str, indent: int) -> str:
    lines = s.split("\n")
    if len(lines) < 2:
        return go_quote(s)
    operator = "<<-" if indent > 0 else "<<"
    delimiter = "EOT"
    while any(line.strip() == delimiter for line in lines):
        delimiter += "_"
    pad = " " * indent
    body = "".join(f"\n{pad}{line}" for line in lines)
    return f"{operator}{delimiter}{body}\n{pad}{delimiter}"


def _mapping(items: dict[str, Value], indent: int, out: list[str]) -> None:
    out.append("{")
    inner = indent + 2
    pad = " " * inner
    for k, e in items.items():
        out.append(f"\n{pad}{_string(k, inner)} = ")
        _write(e, inner, out)
    if items:
        out.append("\n" + " " * indent)
    out.append("}")


def _sequence(elems: tuple[Value, ...], indent: int, out: list[str]) -> None:
    out.append("[")
    inner = indent + 2
    pad = " " * inner
    for e in elems:
        out.append(f"\n{pad}")
        _write(e, inner, out)
        out.append(",")
    if elems:
        out.append("\n" + " " * indent)
    out.append("]")


# --------------------------------------------------------------------------- types


def render_type(t: Type) -> str:
    """A type as the console prints the result of ``type(...)``."""
    out: list[str] = []
    _write_type(t, 0, out)
    return "".join(out)


def _write_type(t: Type, indent: int, out: list[str]) -> None:
    if isinstance(t, ObjectType):
        if not t.attributes:
            out.append("object({})")
            return
        out.append("object({\n")
        pad = "    " * (indent + 1)
        for name, aty in t.attributes.items():
            out.append(f"{pad}{name}: ")
            _write_type(aty, indent + 1, out)
            out.append(",\n")
        out.append("    " * indent + "})")
    elif isinstance(t, TupleType):
        if not t.elements:
            out.append("tuple([])")
            return
        out.append("tuple([\n")
        pad = "    " * (indent + 1)
        for ety in t.elements:
            out.append(pad)
            _write_type(ety, indent + 1, out)
            out.append(",\n")
        out.append("    " * indent + "])")
    elif t.is_collection:
        elem: Type = t.element  # type: ignore[attr-defined]
        out.append("list(" if t.is_list else "map(" if t.is_map else "set(")
        complex_elem = elem.is_object or elem.is_tuple
        if complex_elem:
            out.append("\n" + "    " * (indent + 1))
            _write_type(elem, indent + 1, out)
            out.append(",\n" + "    " * indent)
        else:
            _write_type(elem, indent, out)
        out.append(")")
    else:
        out.append(t.friendly_name())
