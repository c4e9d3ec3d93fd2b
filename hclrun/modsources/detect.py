"""Turning a remote module source string into a full package address.

This is the "detect" step Terraform applies to anything that is neither a
local path nor a registry address: shorthands become explicit addresses
(``github.com/org/repo`` → ``git::https://github.com/org/repo.git``,
``git@host:org/repo.git`` → ``git::ssh://git@host/org/repo.git``, S3 and GCS
hosts get their getter prefix, absolute paths become ``file://`` URLs), and a
``//subdir`` part is split from the package address.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, urlencode

from hclrun.records import record

_FORCED = re.compile(r"^([A-Za-z0-9]+)::(.+)$", re.DOTALL)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_SSH_LIKE = re.compile(r"^(?:([^@]+)@)?([^:]+):/?(.+)$", re.DOTALL)


class DetectError(ValueError):
    """The source string cannot be turned into a package address."""


class MaybeRelativePathError(DetectError):
    """The source looks like a relative path written without ``./``."""

    def __init__(self, addr: str) -> None:
        super().__init__(addr)
        self.addr = addr


def split_forced_getter(src: str) -> tuple[str, str]:
    """``("git", "https://…")`` for ``git::https://…``; ``("", src)`` without a prefix."""
    match = _FORCED.match(src)
    if match is None:
        return "", src
    return match.group(1), match.group(2)


def split_subdir(src: str) -> tuple[str, str]:
    """Split ``pkg//sub?q`` into ``("pkg?q", "sub")``; the ``//`` after a scheme does not count."""
    stop = src.find("?")
    if stop < 0:
        stop = len(src)
    scheme_end = src.find("://", 0, stop)
    offset = scheme_end + 3 if scheme_end >= 0 else 0
    idx = src.find("//", offset, stop)
    if idx < 0:
        return src, ""
    subdir = src[idx + 2 :]
    package = src[:idx]
    q = subdir.find("?")
    if q >= 0:
        package += subdir[q:]
        subdir = subdir[:q]
    return package, subdir


def clean_path(path: str) -> str:
    """Lexically clean a slash path as Terraform does (``a//b/../c`` → ``a/c``, ``""`` → ``.``)."""
    cleaned = posixpath.normpath(path) if path else "."
    return cleaned[1:] if cleaned.startswith("//") else cleaned


def clean_subdir(subdir: str) -> str:
    """A subdirectory as Terraform stores it: cleaned, and "" when there is none."""
    return clean_path(subdir) if subdir else ""


def has_url_scheme(src: str) -> bool:
    """Whether ``src`` parses as a URL with a scheme (letters first, then letters, digits, ``+-.``)."""
    match = _SCHEME.match(src)
    if match is None:
        return False
    rest = src[match.end() :]
    return "\x7f" not in rest and not any(ord(c) < 0x20 for c in rest)


@record
class Detected:
    package: str  # full address with any getter prefix, without subdir
    subdir: str


def detect(src: str) -> Detected:
    """Normalise a remote source string into a package address and subdirectory."""
    forced, rest = split_forced_getter(src)
    bare, subdir = split_subdir(rest)
    if has_url_scheme(bare):
        package, sub = split_subdir(src)
        return Detected(package, clean_subdir(sub))
    if not bare:
        raise DetectError(f"invalid source address: {src}")
    result = _detect_shorthand(bare)
    if result is None:
        if bare.startswith("/"):
            result = "file://" + bare
        else:
            raise MaybeRelativePathError(bare)
    detected_forced, result = split_forced_getter(result)
    result, detected_subdir = split_subdir(result)
    if detected_subdir:
        subdir = posixpath.join(detected_subdir, subdir) if subdir else detected_subdir
    prefix = forced or detected_forced
    package = f"{prefix}::{result}" if prefix else result
    return Detected(package, clean_subdir(subdir))


def _detect_shorthand(src: str) -> str | None:
    if src.startswith("github.com/"):
        return _github(src)
    if src.startswith("bitbucket.org/"):
        return _bitbucket(src)
    ssh = _ssh_like(src)
    if ssh is not None:
        return ssh
    if "googleapis.com/" in src:
        return "gcs::https://" + src
    if "amazonaws.com/" in src:
        return "s3::https://" + src
    return None


def _split_query(text: str) -> tuple[str, str]:
    idx = text.find("?")
    return (text, "") if idx < 0 else (text[:idx], text[idx + 1 :])


def _github(src: str) -> str:
    parts = src.split("/")
    if len(parts) < 3:
        raise DetectError("GitHub URLs should be github.com/username/repo")
    path, query = _split_query("/".join(parts[1:3]))
    if not path.endswith(".git"):
        path += ".git"
    if len(parts) > 3:
        path += "//" + "/".join(parts[3:])
    return f"git::https://github.com/{path}" + (f"?{query}" if query else "")


def _bitbucket(src: str) -> str:
    # Bitbucket hosts only Git repositories now, so no lookup is needed to pick the protocol.
    parts = src.split("/")
    if len(parts) < 3:
        raise DetectError("Bitbucket URLs should be bitbucket.org/username/repo")
    path, query = _split_query("/".join(parts[1:3]))
    if not path.endswith(".git"):
        path += ".git"
    if len(parts) > 3:
        path += "//" + "/".join(parts[3:])
    return f"git::https://bitbucket.org/{path}" + (f"?{query}" if query else "")


def _ssh_like(src: str) -> str | None:
    match = _SSH_LIKE.match(src)
    if match is None or match.group(1) != "git":
        return None
    host, path = match.group(2), match.group(3)
    path, query = _split_query(path)
    url = f"ssh://git@{host}/{path}"
    if query:
        try:
            pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
        except ValueError as err:
            raise DetectError(f"error parsing GitHub SSH URL: {err}") from None
        url += "?" + urlencode(sorted(pairs, key=lambda pair: pair[0]))
    return "git::" + url
