"""Module source addresses: parsing the ``source`` argument of a ``module`` block.

Three kinds, decided the way Terraform decides them:

* ``LocalSource`` — starts with ``./``, ``../`` (or the backslash forms);
  the path is cleaned and installed in place, never copied.
* ``RegistrySource`` — ``[host/]namespace/name/target[//subdir]`` whenever
  that parses; ``version`` then selects a release.
* ``RemoteSource`` — everything else, after shorthand detection
  (see ``detect``): git, http(s) archives, ``file://``, and ``s3``/``gcs``
  (recognised, not installable here).

When a ``version`` argument is present only a registry address is accepted,
as in Terraform. ``display()`` on every address hides credentials; messages
use it, never ``str()``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from hclrun.diagnostics import Diagnostics
from hclrun.modsources.detect import (
    DetectError,
    MaybeRelativePathError,
    clean_path,
    detect,
    split_forced_getter,
)
from hclrun.modsources.detect import split_subdir as _split_subdir
from hclrun.modsources.redact import redact_address
from hclrun.records import record
from hclrun.source import Range

DEFAULT_REGISTRY_HOST = "registry.terraform.io"
LOCAL_PREFIXES = ("./", "../", ".\\", "..\\")
_NAME = re.compile(r"^[0-9A-Za-z](?:[0-9A-Za-z\-_]{0,62}[0-9A-Za-z])?$")
_TARGET = re.compile(r"^[0-9a-z]{1,64}$")
_HOST_LABEL = re.compile(r"^[0-9a-z](?:[0-9a-z\-]{0,61}[0-9a-z])?$")
_RESERVED_HOSTS = ("github.com", "bitbucket.org")
ARCHIVE_EXTENSIONS = ("tar.gz", "tgz", "tar.bz2", "tbz2", "tar.xz", "txz", "tar", "zip")


class SourceAddressError(ValueError):
    """A source string that is not a valid module source address (message as Terraform words it)."""


@record
class LocalSource:
    path: str  # cleaned, always starting with "./" or "../"

    def __str__(self) -> str:
        return self.path

    def display(self) -> str:
        return self.path


@record
class RegistrySource:
    host: str
    namespace: str
    name: str
    target_system: str
    subdir: str = ""

    @property
    def package(self) -> str:
        return f"{self.host}/{self.namespace}/{self.name}/{self.target_system}"

    def __str__(self) -> str:
        return self.package + (f"//{self.subdir}" if self.subdir else "")

    def display(self) -> str:
        """The short form Terraform shows: the default host is left out."""
        text = str(self)
        prefix = DEFAULT_REGISTRY_HOST + "/"
        return text[len(prefix) :] if text.startswith(prefix) else text


@record
class RemoteSource:
    package: str  # full package address, e.g. "git::https://host/x.git?ref=v1"
    subdir: str = ""

    @property
    def getter(self) -> str:
        """The installation method: the forced getter, else the URL scheme ("https", "file", …)."""
        forced, rest = split_forced_getter(self.package)
        if forced:
            return forced.lower()
        scheme, sep, _ = rest.partition(":")
        return scheme.lower() if sep else ""

    @property
    def url(self) -> str:
        """The package address without its getter prefix."""
        return split_forced_getter(self.package)[1]

    @property
    def query(self) -> dict[str, str]:
        _, _, query = self.url.partition("?")
        return dict(parse_qsl(query, keep_blank_values=True))

    def archive_format(self) -> str | None:
        """The archive type from ``?archive=`` or the path's extension; None for a directory."""
        query = self.query
        if "archive" in query:
            value = query["archive"].lower()
            return None if value in ("", "false") else value
        path = self.url.partition("?")[0].lower()
        for ext in ARCHIVE_EXTENSIONS:
            if path.endswith("." + ext):
                return ext
        return None

    def __str__(self) -> str:
        if not self.subdir:
            return self.package
        base, sep, query = self.package.partition("?")
        return f"{base}//{self.subdir}{sep}{query}"

    def display(self) -> str:
        return redact_address(str(self))

    def package_display(self) -> str:
        return redact_address(self.package)


ModuleSource = LocalSource | RegistrySource | RemoteSource


def is_local(raw: str) -> bool:
    return raw.startswith(LOCAL_PREFIXES)


def parse_local(raw: str) -> LocalSource:
    cleaned = clean_path(raw.replace("\\", "/"))
    if not cleaned.startswith("../") and cleaned != "..":
        cleaned = "./" + cleaned
    return LocalSource(cleaned)


def parse_registry(raw: str) -> RegistrySource:
    """A registry address, or SourceAddressError with Terraform's explanation."""
    if is_local(raw):
        raise SourceAddressError(f"can't use local directory {_go_quote(raw)} as a module registry address")
    package, subdir = _split_subdir(raw)
    if subdir:
        subdir = clean_path(subdir)
        if subdir.startswith("../"):
            raise SourceAddressError(f"subdirectory path {_go_quote(subdir)} leads outside of the module package")
    parts = package.split("/")
    if len(parts) not in (3, 4):
        raise SourceAddressError("a module registry source address must have either three or four slash-separated components")
    host = DEFAULT_REGISTRY_HOST
    if len(parts) == 4:
        host = _registry_host(parts[0])
        parts = parts[1:]
    if host in _RESERVED_HOSTS:
        raise SourceAddressError(
            f"can't use {_go_quote(host)} as a module registry host, because it's reserved for installing directly from version control repositories"
        )
    namespace, name, target = parts
    rule = "must be between one and 64 characters, including ASCII letters, digits, dashes, and underscores, where dashes and underscores may not be the prefix or suffix"
    if not _NAME.match(namespace):
        if "." in namespace:
            raise SourceAddressError("source address must have three more components after the hostname: the namespace, the name, and the target system")
        raise SourceAddressError(f"invalid namespace {_go_quote(namespace)}: {rule}")
    if not _NAME.match(name):
        raise SourceAddressError(f"invalid module name {_go_quote(name)}: {rule}")
    if not _TARGET.match(target):
        if "?" in target:
            raise SourceAddressError("module registry addresses may not include a query string portion")
        raise SourceAddressError(f"invalid target system {_go_quote(target)}: must be between one and 64 ASCII letters or digits")
    return RegistrySource(host, namespace, name, target, subdir)


def _registry_host(given: str) -> str:
    host = given.lower()
    name, colon, port = host.partition(":")
    labels = name.split(".")
    valid = bool(name) and all(_HOST_LABEL.match(label) for label in labels) and (not colon or port.isdigit())
    if not valid or "--" in name:
        if "--" in given:
            raise SourceAddressError(
                f"invalid module registry hostname {_go_quote(given)}; internationalized domain names must be given as direct unicode characters, not in punycode"
            )
        raise SourceAddressError(f"invalid module registry hostname {_go_quote(given)}")
    if "." not in host:
        raise SourceAddressError("invalid module registry hostname: must contain at least one dot")
    return host


def parse_remote(raw: str) -> RemoteSource:
    package, subdir = _split_subdir(raw)
    subdir = clean_path(subdir) if subdir else ""
    _check_subdir(subdir)
    try:
        detected = detect(package)
    except MaybeRelativePathError:
        raise
    except DetectError as err:
        raise SourceAddressError(str(err)) from None
    if detected.subdir:
        subdir = clean_path(f"{detected.subdir}/{subdir}") if subdir else detected.subdir
        _check_subdir(subdir)
    return RemoteSource(detected.package, subdir)


def _check_subdir(subdir: str) -> None:
    if subdir == ".." or subdir.startswith("../"):
        raise SourceAddressError(f"subdirectory path {_go_quote(subdir)} leads outside of the module package")


def parse_source(raw: str, has_version: bool = False) -> ModuleSource:
    """Parse as Terraform does; raises SourceAddressError or MaybeRelativePathError."""
    if has_version:
        return parse_registry(raw)
    if is_local(raw):
        return parse_local(raw)
    try:
        return parse_registry(raw)
    except SourceAddressError:
        pass
    return parse_remote(raw)


def parse_module_source(
    raw: str, has_version: bool = False, subject: Range | None = None
) -> tuple[ModuleSource | None, Diagnostics]:
    """Parse a ``source`` argument; on failure None and Terraform's diagnostic (with redacted text)."""
    diags = Diagnostics()
    try:
        return parse_source(raw, has_version), diags
    except MaybeRelativePathError as err:
        addr = redact_address(err.addr)
        diags.error(
            "Invalid module source address",
            f"Terraform failed to determine your intended installation method for remote module package {_go_quote(addr)}.\n\n"
            f'If you intended this as a path relative to the current module, use {_go_quote("./" + addr)} instead. '
            'The "./" prefix indicates that the address is a relative filesystem path.',
            subject,
        )
    except SourceAddressError as err:
        message = redact_address(str(err))
        if has_version:
            diags.error(
                "Invalid registry module source address",
                f"Failed to parse module registry address: {message}.\n\n"
                "Terraform assumed that you intended a module registry source address because you also set "
                'the argument "version", which applies only to registry modules.',
                subject,
            )
        else:
            diags.error("Invalid module source address", f"Failed to parse module source address: {message}.", subject)
    return None, diags


def _go_quote(text: str) -> str:
    """A double-quoted string with Go's escapes for quotes, backslashes and control characters."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


go_quote = _go_quote
