"""Random strings with the random provider's rules: required minimum counts per
character class, then the rest from the enabled classes, then shuffled."""

from __future__ import annotations

import secrets

from hclrun.records import record

NUMERIC = "0123456789"
LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SPECIAL = "!@#$%&*()-_=+[]{}<>:?"


@record
class StringRules:
    length: int
    upper: bool = True
    lower: bool = True
    numeric: bool = True
    special: bool = True
    min_upper: int = 0
    min_lower: int = 0
    min_numeric: int = 0
    min_special: int = 0
    override_special: str = ""

    @property
    def specials(self) -> str:
        return self.override_special or SPECIAL

    @property
    def alphabet(self) -> str:
        chars = ""
        if self.upper:
            chars += UPPER
        if self.lower:
            chars += LOWER
        if self.numeric:
            chars += NUMERIC
        if self.special:
            chars += self.specials
        return chars


class EmptyCharacterSet(ValueError):
    pass


def _pick(chars: str, count: int) -> list[str]:
    if count > 0 and not chars:
        raise EmptyCharacterSet("the character set specified is empty")
    return [secrets.choice(chars) for _ in range(count)]


def generate(rules: StringRules) -> str:
    """A string of ``rules.length`` characters meeting every minimum count."""
    alphabet = rules.alphabet
    if not alphabet:
        raise EmptyCharacterSet("the character set specified is empty")
    chars = _pick(NUMERIC, rules.min_numeric)
    chars += _pick(LOWER, rules.min_lower)
    chars += _pick(UPPER, rules.min_upper)
    chars += _pick(rules.specials, rules.min_special)
    chars += _pick(alphabet, rules.length - len(chars))
    order = [secrets.randbits(32) for _ in chars]
    return "".join(c for _, c in sorted(zip(order, chars, strict=True), key=lambda pair: pair[0]))
