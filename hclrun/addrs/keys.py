"""Instance keys: ``None`` (no key), an ``int`` (count) or a ``str`` (for_each).

Keys are plain Python values so that addresses stay cheap to build and hash.
``key_suffix`` renders them the way Terraform writes them after a name
(``[0]``, ``["a b"]``); ``key_order`` sorts them as Terraform does: no key
first, then integers, then strings (bytewise).
"""

from __future__ import annotations

InstanceKey = int | str | None


def quote_string(s: str) -> str:
    """A string as Terraform quotes instance keys: HCL escapes, ``${``/``%{`` doubled,
    non-printable characters as ``\\uXXXX`` / ``\\UXXXXXXXX``."""
    if s.isascii() and s.isprintable() and not any(c in s for c in '"\\${%'):
        return f'"{s}"'
    out = ['"']
    n = len(s)
    for i, ch in enumerate(s):
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "$%":
            out.append(ch)
            if i + 1 < n and s[i + 1] == "{":
                out.append(ch)
        elif not ch.isprintable():
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def key_suffix(key: InstanceKey) -> str:
    if key is None:
        return ""
    if isinstance(key, int):
        return f"[{key}]"
    return f"[{quote_string(key)}]"


def key_order(key: InstanceKey) -> tuple[int, int, bytes]:
    """A sort key: no key, then integers in numeric order, then strings bytewise."""
    if key is None:
        return (0, 0, b"")
    if isinstance(key, int):
        return (1, key, b"")
    return (2, 0, key.encode("utf-8", "surrogatepass"))
