"""Module sources and the module installer.

Owns everything ``init`` needs to fetch the modules a configuration calls:
parsing ``source`` addresses (``source_address``), version constraints
(``versions``), fetching from git, archives and module registries
(``fetch_git``, ``fetch_archive``, ``registry_client``), Terraform's
``.terraform/modules/modules.json`` (``manifest``), the module lock
(``lockfile``) and the recursive installer (``installer``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hclrun.lazyexports import lazy_exports

if TYPE_CHECKING:
    from hclrun.modsources.calls import ModuleCall, find_module_calls
    from hclrun.modsources.installer import InstallOptions, InstallResult, install_modules
    from hclrun.modsources.lockfile import LOCK_FILE_NAME, ModuleLock
    from hclrun.modsources.manifest import ManifestRecord, read_manifest
    from hclrun.modsources.source_address import (
        LocalSource,
        ModuleSource,
        RegistrySource,
        RemoteSource,
        parse_module_source,
    )
    from hclrun.modsources.versions import Version, VersionConstraints, VersionError, newest_allowed

# Public names load their modules on first use: parsing a source address must not pay
# for the installer and its network code.
_EXPORTS: dict[str, str] = {
    "LOCK_FILE_NAME": "hclrun.modsources.lockfile",
    "InstallOptions": "hclrun.modsources.installer",
    "InstallResult": "hclrun.modsources.installer",
    "LocalSource": "hclrun.modsources.source_address",
    "ManifestRecord": "hclrun.modsources.manifest",
    "ModuleCall": "hclrun.modsources.calls",
    "ModuleLock": "hclrun.modsources.lockfile",
    "ModuleSource": "hclrun.modsources.source_address",
    "RegistrySource": "hclrun.modsources.source_address",
    "RemoteSource": "hclrun.modsources.source_address",
    "Version": "hclrun.modsources.versions",
    "VersionConstraints": "hclrun.modsources.versions",
    "VersionError": "hclrun.modsources.versions",
    "find_module_calls": "hclrun.modsources.calls",
    "install_modules": "hclrun.modsources.installer",
    "newest_allowed": "hclrun.modsources.versions",
    "parse_module_source": "hclrun.modsources.source_address",
    "read_manifest": "hclrun.modsources.manifest",
}

__all__ = [
    "LOCK_FILE_NAME",
    "InstallOptions",
    "InstallResult",
    "LocalSource",
    "ManifestRecord",
    "ModuleCall",
    "ModuleLock",
    "ModuleSource",
    "RegistrySource",
    "RemoteSource",
    "Version",
    "VersionConstraints",
    "VersionError",
    "find_module_calls",
    "install_modules",
    "newest_allowed",
    "parse_module_source",
    "read_manifest",
]


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)
