"""Version constraints: matching rules, prereleases, syntax errors and newest-version selection."""

from __future__ import annotations

import pytest

from hclrun.modsources.versions import (
    Version,
    VersionConstraints,
    VersionError,
    newest,
    newest_allowed,
    parse_versions,
)

# (constraint, version, allowed). The rows around 1.11.4 were checked against
# terraform's own required_version handling.
MATCHES = [
    ("~> 0", "1.11.4", True),
    ("~> 1", "1.11.4", True),
    ("~> 1", "2.0.0", True),
    ("~> 1.10", "1.11.4", True),
    ("~> 1.11.0", "1.11.4", True),
    ("~> 1.10.0", "1.11.4", False),
    ("~> 1.2", "1.2.0", True),
    ("~> 1.2", "1.9.9", True),
    ("~> 1.2", "2.0.0", False),
    ("~> 1.2", "1.1.9", False),
    ("~> 1.2.3", "1.2.9", True),
    ("~> 1.2.3", "1.3.0", False),
    ("~> 1.11.4.0", "1.11.4", False),
    ("~> 0.0", "1.11.4", False),
    ("= 1.11.4", "1.11.4", True),
    ("1.11.4", "1.11.4", True),
    ("1.11", "1.11.4", False),
    ("1.11", "1.11.0", True),
    ("= v1.11.4", "1.11.4", True),
    ("!= 1.11.4", "1.11.4", False),
    ("!= 1.11.4", "1.11.5", True),
    ("> 1.11, < 1.12", "1.11.4", True),
    (">=1.11.4", "1.11.4", True),
    ("=1.11.4,>0", "1.11.4", True),
    (">=  1.0", "1.11.4", True),
    ("1.11.4+abc", "1.11.4", True),
    ("< 1.0.0", "0.9.99", True),
    ("<= 1.0", "1.0.0", True),
    ("> 1.0", "1.0.0", False),
    # Prereleases are reached only by an exact request.
    (">= 1.0.0", "1.1.0-beta1", False),
    ("~> 1.0", "1.1.0-beta1", False),
    ("= 1.1.0-beta1", "1.1.0-beta1", True),
    ("1.1.0-beta1", "1.1.0-beta1", True),
    ("1.1.0-beta1", "1.1.0-beta2", False),
    (">= 1.1.0-beta1", "1.1.0-beta2", False),
    ("= 1.1.0-beta1, >= 1.0", "1.1.0-beta1", False),
    ("= 1.1.0", "1.1.0-beta1", False),
]


@pytest.mark.parametrize(("constraint", "version", "allowed"), MATCHES)
def test_constraint_matching(constraint: str, version: str, allowed: bool) -> None:
    assert VersionConstraints.parse(constraint).allows(Version.parse(version)) is allowed


@pytest.mark.parametrize("text", ["foo", ">= 1.x", "", "=> 1.0", "1.0,", "~>", ">= 1.0 < 2.0", "1..2"])
def test_malformed_constraints(text: str) -> None:
    with pytest.raises(VersionError):
        VersionConstraints.parse(text)


ORDER = [
    ("1.0.0", "1.0.1", -1),
    ("1.2", "1.2.0", 0),
    ("1.0.0-alpha", "1.0.0", -1),
    ("1.0.0-alpha", "1.0.0-alpha.1", -1),
    ("1.0.0-alpha.1", "1.0.0-alpha.beta", -1),
    ("1.0.0-beta.2", "1.0.0-beta.11", -1),
    ("1.0.0-rc.1", "1.0.0-beta.11", 1),
    ("1.0.0+build1", "1.0.0+build2", 0),
    ("v2.0.0", "1.99.99", 1),
    ("1.2.3.4", "1.2.3", 1),
]


@pytest.mark.parametrize(("a", "b", "expected"), ORDER)
def test_ordering(a: str, b: str, expected: int) -> None:
    va, vb = Version.parse(a), Version.parse(b)
    assert (va > vb) - (va < vb) == expected


SELECT = [
    (None, ["1.0.0", "1.2.0", "2.0.0-rc1", "1.10.0"], "1.10.0"),
    ("~> 1.0", ["1.0.0", "1.9.0", "2.0.0"], "1.9.0"),
    ("~> 1.0.0", ["1.0.0", "1.0.7", "1.1.0"], "1.0.7"),
    (">= 3.0", ["1.0.0", "2.0.0"], None),
    ("2.0.0-rc1", ["1.0.0", "2.0.0-rc1"], "2.0.0-rc1"),
    (">= 1.0", ["1.0.0", "2.0.0-rc1"], "1.0.0"),
    (None, [], None),
]


@pytest.mark.parametrize(("constraint", "available", "expected"), SELECT)
def test_newest_allowed(constraint: str | None, available: list[str], expected: str | None) -> None:
    constraints = VersionConstraints.parse(constraint) if constraint else None
    chosen = newest_allowed(parse_versions(available), constraints)
    assert (str(chosen) if chosen else None) == expected


def test_unparseable_versions_are_skipped_and_newest_sees_prereleases() -> None:
    versions = parse_versions(["1.0.0", "not-a-version", "2.0.0-rc1"])
    assert [str(v) for v in versions] == ["1.0.0", "2.0.0-rc1"]
    assert str(newest(versions)) == "2.0.0-rc1"


def test_version_text_round_trip() -> None:
    assert str(Version.parse("v1.2")) == "1.2.0"
    assert str(Version.parse("1.2.3-beta.1+meta")) == "1.2.3-beta.1+meta"
    assert str(VersionConstraints.parse(">=1.0, ~> 1.2")) == ">=1.0, ~>1.2"
