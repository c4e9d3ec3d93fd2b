"""A client for the module registry protocol.

Service discovery reads ``https://HOST/.well-known/terraform.json`` for the
``modules.v1`` base URL; ``<base><ns>/<name>/<system>/versions`` lists
versions and ``<base><ns>/<name>/<system>/<version>/download`` answers with
the package address in an ``X-Terraform-Get`` header (status 200 or 204) or
as JSON ``{"location": …}``, possibly relative to the download URL.

A host can be served from another URL (a mirror, or a test server) through
``registry_urls={"registry.example.com": "http://127.0.0.1:8080"}`` or the
environment variable ``HCLRUN_REGISTRY_URL_<host>`` (dots written as ``_``,
dashes as ``__``). Plain ``http://`` is accepted only for loopback hosts.
A token in ``TF_TOKEN_<host>`` (same spelling) is sent as a bearer token to
the registry host only, never to the download location.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import field
from urllib.parse import urljoin, urlsplit

from hclrun.modsources.fetch_archive import FetchError, HttpResponse, http_get
from hclrun.modsources.source_address import RegistrySource
from hclrun.records import record

HttpGet = Callable[[str, Mapping[str, str]], HttpResponse]


class RegistryError(Exception):
    """A failed registry request; ``not_found`` when the module does not exist there."""

    def __init__(self, message: str, not_found: bool = False) -> None:
        super().__init__(message)
        self.not_found = not_found


def host_env_suffix(host: str) -> str:
    """A hostname as environment variable names spell it (``a-b.example`` → ``a__b_example``)."""
    return host.replace("-", "__").replace(".", "_")


def is_loopback(hostname: str) -> bool:
    if hostname.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname.strip("[]")).is_loopback
    except ValueError:
        return False


@record(frozen=False)
class RegistryClient:
    registry_urls: Mapping[str, str] = field(default_factory=dict)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    get: HttpGet = http_get
    _services: dict[str, str] = field(default_factory=dict)

    def base_url(self, host: str) -> str:
        """Where ``host`` is served: an override, or ``https://host``."""
        override = self.registry_urls.get(host) or self.environ.get("HCLRUN_REGISTRY_URL_" + host_env_suffix(host))
        if not override:
            return f"https://{host}"
        parts = urlsplit(override)
        if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
            raise RegistryError(f"the registry URL for {host} must use https unless it is a loopback address")
        if parts.scheme not in ("http", "https"):
            raise RegistryError(f"the registry URL for {host} must be an http or https URL")
        return override.rstrip("/")

    def _headers(self, host: str) -> dict[str, str]:
        token = self.environ.get("TF_TOKEN_" + host_env_suffix(host))
        return {"Authorization": f"Bearer {token}"} if token else {}

    def _get(self, host: str, url: str) -> HttpResponse:
        try:
            return self.get(url, self._headers(host))
        except FetchError as err:
            raise RegistryError(str(err)) from None

    def modules_url(self, host: str) -> str:
        """The ``modules.v1`` base URL of ``host``, from its discovery document (cached)."""
        if host in self._services:
            return self._services[host]
        discovery = self.base_url(host) + "/.well-known/terraform.json"
        try:
            response = self._get(host, discovery)
        except RegistryError as err:
            raise RegistryError(f"failed to request discovery document: {err}") from None
        if response.status != 200:
            raise RegistryError(f"failed to request discovery document: {discovery} returned {response.status}")
        try:
            services = json.loads(response.body)
        except ValueError:
            raise RegistryError(f"failed to decode discovery document from {host}") from None
        location = services.get("modules.v1") if isinstance(services, dict) else None
        if not isinstance(location, str):
            raise RegistryError(f"host {host} does not provide a module registry")
        base = urljoin(discovery, location)
        if not base.endswith("/"):
            base += "/"
        self._services[host] = base
        return base

    def _module_url(self, source: RegistrySource) -> str:
        return f"{self.modules_url(source.host)}{source.namespace}/{source.name}/{source.target_system}"

    def versions(self, source: RegistrySource) -> list[str]:
        url = self._module_url(source) + "/versions"
        response = self._get(source.host, url)
        if response.status == 404:
            raise RegistryError("not found", not_found=True)
        if response.status != 200:
            raise RegistryError(f"error looking up module versions: {response.status}")
        try:
            document = json.loads(response.body)
            entries = document["modules"][0]["versions"]
            return [str(entry["version"]) for entry in entries]
        except (ValueError, KeyError, IndexError, TypeError):
            raise RegistryError("the registry returned an invalid list of versions") from None

    def download_location(self, source: RegistrySource, version: str) -> str:
        """The package address for ``version``, made absolute against the download URL when relative."""
        url = f"{self._module_url(source)}/{version}/download"
        response = self._get(source.host, url)
        if response.status == 404:
            raise RegistryError("not found", not_found=True)
        if response.status not in (200, 204):
            raise RegistryError(f"error getting download location for {source.display()}: {response.status}")
        location = response.headers.get("x-terraform-get", "")
        if not location and response.status == 200 and response.body:
            try:
                document = json.loads(response.body)
            except ValueError:
                document = None
            if isinstance(document, dict) and isinstance(document.get("location"), str):
                location = document["location"]
        if not location:
            raise RegistryError(f"failed to get download URL for {source.display()}: no location in the response")
        if location.startswith(("/", "./", "../")):
            return urljoin(response.url or url, location)
        return location
