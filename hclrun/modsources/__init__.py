"""Module sources and the module installer.

Owns everything ``init`` needs to fetch the modules a configuration calls:
parsing ``source`` addresses (``source_address``), version constraints
(``versions``), fetching from git, archives and module registries
(``fetch_git``, ``fetch_archive``, ``registry_client``), Terraform's
``.terraform/modules/modules.json`` (``manifest``), the module lock
(``lockfile``) and the recursive installer (``installer``).
"""

from __future__ import annotations

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
