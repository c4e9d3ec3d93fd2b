"""Decoding and re-encoding quoted string literals, for block labels.

``fmt`` rewrites every block label into its canonical quoted form: the label
is decoded (escapes resolved) and quoted again with the minimal set of
escapes, so ``aws_instance`` and ``"\\u0061ws_instance"`` both become
``"aws_instance"``.
"""

from __future__ import annotations

import unicodedata

import regex

_ESCAPE = regex.compile(r"\\(?:([nrt\"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))|\$\$\{|%%\{|\\")
# Printable ASCII other than the quote, the backslash and the template introducers.
_NEEDS_NO_ESCAPES = regex.compile(r"(?:[ !#&-\[\]-~]|[$%](?!\{))*+")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def decode_quoted_literal(text: str) -> str | None:
    """The string a quoted-template literal denotes, or None if it has a bad escape."""
    if "\\" not in text and "$${" not in text and "%%{" not in text:
        return text
    failed = False

    def replace(m: regex.Match[str]) -> str:
        nonlocal failed
        whole = m.group()
        if whole == "$${":
            return "${"
        if whole == "%%{":
            return "%{"
        if m.group(1):
            return _SIMPLE_ESCAPES[m.group(1)]
        digits = m.group(2) or m.group(3)
        if digits:
            code = int(digits, 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                failed = True
                return ""
            return chr(code)
        failed = True  # a lone backslash or an unknown escape
        return ""

    result = _ESCAPE.sub(replace, text)
    return None if failed else result


def _is_printable(char: str) -> bool:
    """Unicode graphic characters (letters, marks, numbers, punctuation, symbols) and ASCII space."""
    if char == " ":
        return True
    return unicodedata.category(char)[0] in "LMNPS"


def encode_quoted_literal(value: str) -> str:
    """Quote-ready text for `value`: escapes for quotes, backslashes, controls and template introducers."""
    if _NEEDS_NO_ESCAPES.fullmatch(value):
        return value
    out: list[str] = []
    for i, char in enumerate(value):
        if char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char in "$%":
            out.append(char)
            if value[i + 1 : i + 2] == "{":
                out.append(char)
        elif _is_printable(char):
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)
