"""Finding provider implementations for ``required_providers`` source addresses.

Built-in providers answer their Terraform addresses (``hashicorp/null``,
``registry.terraform.io/hashicorp/random``, ``terraform.io/builtin/terraform``).
Any other provider is a Python package that registers an entry point in the
group ``hclrun.providers`` whose name is the provider type (the last part of
the source address, e.g. ``widgets`` for ``acme/widgets``) and whose value is
a callable returning a ``Provider``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING

from hclrun.diagnostics import Diagnostic
from hclrun.records import record

if TYPE_CHECKING:  # parsing addresses does not need the protocol's classes
    from hclrun.providers.protocol import Provider

ENTRY_POINT_GROUP = "hclrun.providers"
DEFAULT_HOST = "registry.terraform.io"
BUILTIN_HOST = "terraform.io"

ProviderFactory = Callable[[], "Provider"]

_PART = re.compile(r"^[0-9A-Za-z](?:[0-9A-Za-z-_]{0,62}[0-9A-Za-z])?$")

# (hostname, namespace, type) -> module whose ``new_provider`` builds it.
BUILTINS: dict[tuple[str, str, str], str] = {
    (BUILTIN_HOST, "builtin", "terraform"): "hclrun.providers.terraform",
    (DEFAULT_HOST, "hashicorp", "null"): "hclrun.providers.null",
    (DEFAULT_HOST, "hashicorp", "random"): "hclrun.providers.random",
    (DEFAULT_HOST, "hashicorp", "local"): "hclrun.providers.local",
    (DEFAULT_HOST, "hashicorp", "time"): "hclrun.providers.time",
    (DEFAULT_HOST, "hashicorp", "external"): "hclrun.providers.external",
}


@record
class ProviderAddress:
    hostname: str
    namespace: str
    type: str

    def __str__(self) -> str:
        return f"{self.hostname}/{self.namespace}/{self.type}"

    @property
    def for_display(self) -> str:
        """The short form Terraform shows: the hostname only when it is not the default."""
        if self.hostname == DEFAULT_HOST:
            return f"{self.namespace}/{self.type}"
        return str(self)


def parse_source(source: str) -> tuple[ProviderAddress | None, list[Diagnostic]]:
    """Parse ``[HOSTNAME/]NAMESPACE/TYPE`` (a bare ``TYPE`` means ``hashicorp/TYPE``)."""
    parts = source.strip().split("/")
    if len(parts) == 1:
        parts = ["hashicorp", *parts]
    if len(parts) == 2:
        parts = [DEFAULT_HOST, *parts]
    if len(parts) != 3 or not all(parts) or not all(_PART.match(p) for p in parts[1:]):
        return None, [
            Diagnostic.error(
                "Invalid provider source string",
                f'The "source" attribute must be in the format "[hostname/][namespace/]name", not {source!r}.',
            )
        ]
    host, namespace, type_ = (p.lower() for p in parts)
    return ProviderAddress(host, namespace, type_), []


class ProviderRegistry:
    """The providers this installation can run: built-ins plus entry points."""

    def __init__(self, extra_entry_points: Iterable[EntryPoint] | None = None) -> None:
        self._extra = list(extra_entry_points) if extra_entry_points is not None else None
        self._entry_points: dict[str, EntryPoint] | None = None

    def installed(self) -> dict[str, EntryPoint]:
        """Entry points by provider type name (read once)."""
        if self._entry_points is None:
            eps = list(entry_points(group=ENTRY_POINT_GROUP))
            if self._extra is not None:
                eps.extend(self._extra)
            self._entry_points = {ep.name: ep for ep in eps}
        return self._entry_points

    def refresh(self) -> None:
        """Forget the entry points read so far (after installing a package)."""
        self._entry_points = None

    def factory(self, source: str) -> tuple[ProviderFactory | None, list[Diagnostic]]:
        addr, diags = parse_source(source)
        if addr is None:
            return None, diags
        module = BUILTINS.get((addr.hostname, addr.namespace, addr.type))
        if module is not None:
            return importlib.import_module(module).new_provider, []
        ep = self.installed().get(addr.type)
        if ep is None:
            return None, [_not_available(source, addr)]
        try:
            loaded = ep.load()
        except Exception as err:  # a broken third-party package must not crash the engine
            return None, [
                Diagnostic.error(
                    "Failed to load provider",
                    f"The package providing {addr.for_display!r} (entry point {ep.value!r}) failed to load: {err}.",
                )
            ]
        return loaded, []

    def new_provider(self, source: str) -> tuple[Provider | None, list[Diagnostic]]:
        factory, diags = self.factory(source)
        if factory is None:
            return None, diags
        return factory(), diags


def _not_available(source: str, addr: ProviderAddress) -> Diagnostic:
    return Diagnostic.error(
        "Provider not available",
        f'Provider "{source}" is not available: no installed package provides it. Install a Python '
        f"package that registers an '{ENTRY_POINT_GROUP}' entry point named \"{addr.type}\" "
        f"(for example with pip), then run this command again.",
    )


_DEFAULT = ProviderRegistry()


def resolve_source(source: str) -> tuple[Provider | None, list[Diagnostic]]:
    """A new instance of the provider for ``source`` from the default registry."""
    return _DEFAULT.new_provider(source)
