"""Text helpers of the human renderers: colour codes written the way
Terraform's colour library writes them, word wrapping as Terraform's views
do, and the one place where Terraform's product name is swapped for ours.
"""

from __future__ import annotations

import re

PRODUCT_NAME = "hclrun"
# Terraform's wording, with the product name it uses replaced by ours. Every
# user-facing sentence that names the product goes through ``product``.
_PRODUCT_WORDS = (("Terraform", PRODUCT_NAME),)

_COLOURS = {
    "default": "39",
    "_default_": "49",
    "black": "30",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "light_gray": "37",
    "dark_gray": "90",
    "light_red": "91",
    "light_green": "92",
    "light_yellow": "93",
    "light_blue": "94",
    "light_magenta": "95",
    "light_cyan": "96",
    "white": "97",
    "bold": "1",
    "dim": "2",
    "underline": "4",
    "blink_slow": "5",
    "blink_fast": "6",
    "invert": "7",
    "hidden": "8",
    "reset": "0",
    "reset_bold": "21",
}
_CODE = re.compile(r"(?i)\[[a-z0-9_-]+\]")


def product(text: str, name: str = PRODUCT_NAME) -> str:
    """Terraform's sentence ``text`` naming ``name`` as the product."""
    if name == "Terraform":
        return text
    for word, _ in _PRODUCT_WORDS:
        text = text.replace(word, name)
    return text


class Colorize:
    """``[red]``-style codes become escape sequences (or vanish when disabled);
    a coloured string ends with a reset, as Terraform's output does.

    Renderers colour the same few fragments (symbols, ``null``, notes) over
    and over, so results are remembered per instance."""

    __slots__ = ("disable", "_done")

    def __init__(self, disable: bool = False) -> None:
        self.disable = disable
        self._done: dict[str, str] = {}

    def color(self, text: str) -> str:
        done = self._done.get(text)
        if done is not None:
            return done
        if "[" not in text:
            return text
        out = _colour_codes(text, self.disable)
        if len(text) <= _REMEMBERED_LENGTH and len(self._done) < _REMEMBERED:
            self._done[text] = out
        return out


# Fragments worth remembering are short and few; long texts (word-wrapped
# notes, whole lines) are coloured each time.
_REMEMBERED = 4096
_REMEMBERED_LENGTH = 160


def _colour_codes(text: str, disable: bool) -> str:
    coloured = False

    def replace(m: re.Match[str]) -> str:
        nonlocal coloured
        code = _COLOURS.get(m.group(0)[1:-1])
        if code is None:
            return m.group(0)
        coloured = True
        return "" if disable else f"\x1b[{code}m"

    out = _CODE.sub(replace, text)
    if coloured and not disable:
        out += "\x1b[0m"
    return out


def word_wrap(text: str, width: int = 78) -> str:
    """Terraform's WordWrap: each line not starting with a space is wrapped to ``width - 1``."""
    if width <= 1:
        return text
    limit = width - 1
    return "\n".join(line if line.startswith(" ") else _wrap_line(line, limit) for line in text.split("\n"))


def _wrap_line(line: str, limit: int) -> str:
    words = line.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= limit:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return "\n".join(lines)


def horizontal_rule(colorize: Colorize, width: int = 78) -> str:
    if width <= 1:
        return "\n"
    return colorize.color("[dark_gray]\n" + "─" * (width - 1))


__all__ = ["PRODUCT_NAME", "Colorize", "horizontal_rule", "product", "word_wrap"]
