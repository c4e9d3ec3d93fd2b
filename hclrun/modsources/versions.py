"""Versions and version constraints with Terraform's module semantics.

Syntax and matching follow the constraint language Terraform uses for module
``version`` arguments and ``required_version``: comma-separated terms, each
an optional operator (``=``, ``!=``, ``>``, ``>=``, ``<``, ``<=``, ``~>``;
none means ``=``) and a version with any number of numeric segments, an
optional ``v`` prefix, an optional ``-prerelease`` and ``+metadata``.

Matching details worth knowing:

* ``~> 1.2`` allows ``>= 1.2, < 2.0``; ``~> 1.2.3`` allows ``>= 1.2.3, < 1.3.0``;
  ``~> 1`` fixes no segment and so allows anything ``>= 1``.
* ``= 1.2`` is ``= 1.2.0``: missing segments count as zero.
* A prerelease version is selected only when some term asks for exactly that
  version with ``=`` (or no operator); ranges never reach prereleases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import total_ordering

from hclrun.records import record

_VERSION = (
    r"v?(?P<segments>[0-9]+(?:\.[0-9]+)*?)"
    r"(?:-(?P<pre1>[0-9]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*)"
    r"|(?:-?(?P<pre2>[A-Za-z\-~]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*)))?"
    r"(?:\+(?P<meta>[0-9A-Za-z\-~]+(?:\.[0-9A-Za-z\-~]+)*))?"
)
_VERSION_RE = re.compile(r"^" + _VERSION + r"$")
_TERM_RE = re.compile(r"^\s*(?P<op>=|!=|>|<|>=|<=|~>)?\s*(?P<version>" + _VERSION + r")\s*$")


class VersionError(ValueError):
    """A version or constraint string that does not follow the syntax."""


@total_ordering
@record
class Version:
    """A version: numeric segments (at least three, zero-padded), prerelease, metadata."""

    segments: tuple[int, ...]
    prerelease: str = ""
    metadata: str = ""
    # How many segments the text gave; matters for ``~>``.
    specified: int = 3
    original: str = ""

    @staticmethod
    def parse(text: str) -> Version:
        match = _VERSION_RE.match(text.strip())
        if match is None:
            raise VersionError(f"Malformed version: {text}")
        return _from_match(match, text.strip())

    def __str__(self) -> str:
        text = ".".join(str(s) for s in self.segments)
        if self.prerelease:
            text += "-" + self.prerelease
        if self.metadata:
            text += "+" + self.metadata
        return text

    def _key(self) -> tuple[tuple[int, ...], str]:
        return self.segments, self.prerelease

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return compare(self, other) == 0

    def __hash__(self) -> int:
        return hash((_padded(self.segments, 3), self.prerelease))

    def __lt__(self, other: Version) -> bool:
        return compare(self, other) < 0


def _from_match(match: re.Match[str], original: str) -> Version:
    parts = tuple(int(s) for s in match.group("segments").split("."))
    specified = len(parts)
    prerelease = match.group("pre1") or match.group("pre2") or ""
    return Version(_padded(parts, 3), prerelease, match.group("meta") or "", specified, original)


def _padded(segments: tuple[int, ...], width: int) -> tuple[int, ...]:
    return segments + (0,) * (width - len(segments)) if len(segments) < width else segments


def compare(a: Version, b: Version) -> int:
    """-1, 0 or 1; metadata is ignored and a release sorts after its prereleases."""
    width = max(len(a.segments), len(b.segments))
    sa, sb = _padded(a.segments, width), _padded(b.segments, width)
    if sa != sb:
        return -1 if sa < sb else 1
    return _compare_prerelease(a.prerelease, b.prerelease)


def _compare_prerelease(a: str, b: str) -> int:
    if a == b:
        return 0
    if not a:
        return 1
    if not b:
        return -1
    pa, pb = a.split("."), b.split(".")
    for i in range(max(len(pa), len(pb))):
        x = pa[i] if i < len(pa) else ""
        y = pb[i] if i < len(pb) else ""
        result = _compare_identifier(x, y)
        if result:
            return result
    return 0


def _compare_identifier(x: str, y: str) -> int:
    if x == y:
        return 0
    if not x:
        return -1 if y.isdigit() else 1
    if not y:
        return 1 if x.isdigit() else -1
    if x.isdigit() and y.isdigit():
        return -1 if int(x) < int(y) else 1
    if x.isdigit():
        return -1
    if y.isdigit():
        return 1
    return -1 if x < y else 1


@record
class ConstraintTerm:
    operator: str  # one of = != > >= < <= ~>
    version: Version

    def __str__(self) -> str:
        return f"{self.operator}{self.version.original}"

    def check(self, v: Version) -> bool:
        c = self.version
        op = self.operator
        if op == "=":
            return compare(v, c) == 0
        if op == "!=":
            return compare(v, c) != 0
        if op == "~>":
            return _pessimistic(v, c)
        if not _prerelease_compatible(v, c):
            return False
        result = compare(v, c)
        return {">": result > 0, ">=": result >= 0, "<": result < 0, "<=": result <= 0}[op]


def _prerelease_compatible(v: Version, c: Version) -> bool:
    if v.prerelease and c.prerelease:
        return _padded(v.segments, 3) == _padded(c.segments, 3)
    return not v.prerelease


def _pessimistic(v: Version, c: Version) -> bool:
    if bool(v.prerelease) != bool(c.prerelease):
        return False
    if compare(v, c) < 0:
        return False
    if c.specified > len(v.segments):
        return False
    for i in range(c.specified - 1):
        if v.segments[i] != c.segments[i]:
            return False
    return c.segments[c.specified - 1] <= v.segments[c.specified - 1]


@record
class VersionConstraints:
    """A parsed constraint string: every term must hold."""

    terms: tuple[ConstraintTerm, ...]
    text: str = ""

    @staticmethod
    def parse(text: str) -> VersionConstraints:
        terms = []
        for part in text.split(","):
            match = _TERM_RE.match(part)
            if match is None:
                raise VersionError(f"Malformed constraint: {part}")
            version = _from_match(match, match.group("version"))
            terms.append(ConstraintTerm(match.group("op") or "=", version))
        return VersionConstraints(tuple(terms), text)

    def __str__(self) -> str:
        return ", ".join(str(t) for t in self.terms)

    def allows(self, v: Version) -> bool:
        """Whether ``v`` meets every term, with prereleases only reachable by an exact ``=``."""
        if v.prerelease and not any(t.operator == "=" and compare(v, t.version) == 0 for t in self.terms):
            return False
        return all(t.check(v) for t in self.terms)

    def has_prerelease(self) -> bool:
        return any(t.version.prerelease for t in self.terms)


def parse_versions(texts: Iterable[str]) -> list[Version]:
    """The versions among ``texts`` that parse; others are skipped as Terraform does."""
    result = []
    for text in texts:
        try:
            result.append(Version.parse(text))
        except VersionError:
            continue
    return result


def newest_allowed(versions: Iterable[Version], constraints: VersionConstraints | None) -> Version | None:
    """The newest version allowed by ``constraints`` (any non-prerelease when None)."""
    best: Version | None = None
    for v in versions:
        allowed = constraints.allows(v) if constraints is not None else not v.prerelease
        if allowed and (best is None or compare(v, best) > 0):
            best = v
    return best


def newest(versions: Iterable[Version]) -> Version | None:
    """The newest version overall, prereleases included (for "the newest available" messages)."""
    best: Version | None = None
    for v in versions:
        if best is None or compare(v, best) > 0:
            best = v
    return best
