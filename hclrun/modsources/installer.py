"""Installing the modules a configuration calls into ``.terraform/modules``, as ``terraform init`` does.

Every call gets a key (``vpc``, ``vpc.subnets`` for a call inside ``vpc``).
Local paths are recorded where they are, never copied; a local path inside a
remote package must stay inside that package. Remote packages are fetched
into ``<data dir>/modules/<key>`` (the module is its ``//subdir``); registry
addresses are resolved to a version and a package address first. Then the
installed module's own calls are installed, recursively.

A module whose source (and, for registry modules, selected version) is
unchanged and whose directory exists is reused without network or git work,
unless ``upgrade`` is set. ``modules.json`` is rewritten at the end; the
module lock (see ``lockfile``) is verified and rewritten unless
``lock_modules`` is false.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from pathlib import Path

from hclrun.diagnostics import Diagnostics
from hclrun.modsources import install_diags as msg
from hclrun.modsources.calls import FindModuleCalls, ModuleCall, find_module_calls_with_diagnostics
from hclrun.modsources.fetch import fetch_package
from hclrun.modsources.fetch_archive import FetchError
from hclrun.modsources.lockfile import LOCK_FILE_NAME, ModuleLock, read_lock, tree_hash, write_lock
from hclrun.modsources.manifest import (
    MANIFEST_NAME,
    ROOT_RECORD,
    ManifestRecord,
    read_manifest,
    write_manifest,
)
from hclrun.modsources.redact import redact_address
from hclrun.modsources.registry_client import RegistryClient, RegistryError
from hclrun.modsources.source_address import (
    LocalSource,
    RegistrySource,
    RemoteSource,
    SourceAddressError,
    parse_module_source,
    parse_remote,
)
from hclrun.modsources.versions import (
    Version,
    VersionConstraints,
    VersionError,
    newest,
    newest_allowed,
    parse_versions,
)
from hclrun.records import record

MAX_DEPTH = 64


@record(frozen=False)
class InstallOptions:
    upgrade: bool = False
    lock_modules: bool = True
    data_dir: str = ".terraform"
    registry_urls: Mapping[str, str] = field(default_factory=dict)
    environ: Mapping[str, str] | None = None
    # The module calls of a directory; by default read from its .tf files.
    find_module_calls: FindModuleCalls | None = None
    # Receives progress lines such as "Downloading ADDR for KEY..." and "- KEY in DIR".
    progress: Callable[[str], None] | None = None


@record(frozen=False)
class InstallResult:
    records: list[ManifestRecord]
    locks: list[ModuleLock]
    diagnostics: Diagnostics
    fetched: list[str]  # keys whose packages were downloaded in this run

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors()


@record
class _Package:
    root: str  # the package directory, relative to the root module
    address: str  # shown in messages (redacted)


def install_modules(
    root_dir: str, options: InstallOptions | None = None, calls: Sequence[ModuleCall] | None = None
) -> InstallResult:
    """Install every module called (directly or indirectly) from the root module in ``root_dir``."""
    return _Installer(root_dir, options or InstallOptions()).run(calls)


class _Installer:
    def __init__(self, root_dir: str, options: InstallOptions) -> None:
        self.root = Path(root_dir)
        self.options = options
        self.modules_rel = posixpath.join(options.data_dir.replace(os.sep, "/"), "modules")
        self.modules_dir = self.root / self.modules_rel
        self.diags = Diagnostics()
        self.old_records = read_manifest(self.modules_dir / MANIFEST_NAME)
        self.records: dict[str, ManifestRecord] = {"": ROOT_RECORD}
        self.old_locks: dict[str, ModuleLock] = {}
        if options.lock_modules:
            self.old_locks, lock_diags = read_lock(self.root / LOCK_FILE_NAME)
            self.diags.extend(lock_diags)
        self.locks: dict[str, ModuleLock] = {}
        self.fetched: list[str] = []
        self.package_cache: dict[str, tuple[Path, str | None, str]] = {}
        self.client = RegistryClient(options.registry_urls, options.environ if options.environ is not None else dict(os.environ))

    def _find_calls(self, rel_dir: str) -> Sequence[ModuleCall]:
        directory = str(self.root / rel_dir) if str(self.root) != "." else rel_dir
        if self.options.find_module_calls is not None:
            return self.options.find_module_calls(directory)
        calls, diags = find_module_calls_with_diagnostics(directory)
        self.diags.extend(diags)
        return calls

    def _say(self, line: str) -> None:
        if self.options.progress is not None:
            self.options.progress(line)

    def run(self, calls: Sequence[ModuleCall] | None) -> InstallResult:
        root_calls = self._find_calls(".") if calls is None else calls
        self._install_calls("", ".", None, root_calls)
        if len(self.records) > 1 or (self.modules_dir / MANIFEST_NAME).exists():
            write_manifest(self.modules_dir / MANIFEST_NAME, self.records.values())
        if self.options.lock_modules:
            self._write_locks()
        ordered = sorted(self.records.values(), key=lambda r: r.key)
        return InstallResult(ordered, sorted(self.locks.values(), key=lambda lock: lock.key), self.diags, self.fetched)

    def _write_locks(self) -> None:
        merged = dict(self.locks)
        if self.diags.has_errors():
            # A failed run keeps the entries it could not check again.
            for key, old in self.old_locks.items():
                merged.setdefault(key, old)
        if merged != self.old_locks and (merged or (self.root / LOCK_FILE_NAME).exists()):
            write_lock(self.root / LOCK_FILE_NAME, merged.values())

    def _install_calls(self, parent_key: str, parent_dir: str, package: _Package | None, calls: Sequence[ModuleCall]) -> None:
        # Terraform visits calls by name, depth first; progress lines and diagnostics follow that order.
        for call in sorted(calls, key=lambda c: c.name):
            key = f"{parent_key}.{call.name}" if parent_key else call.name
            if key in self.records:
                continue
            if key.count(".") >= MAX_DEPTH:
                self.diags.append(msg.too_deep(call, key))
                continue
            source, diags = parse_module_source(call.source, call.version is not None, call.source_range)
            self.diags.extend(diags)
            if isinstance(source, LocalSource):
                self._install_local(key, call, source, parent_dir, package)
            elif isinstance(source, RegistrySource):
                self._install_registry(key, call, source)
            elif isinstance(source, RemoteSource):
                self._install_remote(key, call, source, str(source), None)

    def _install_local(self, key: str, call: ModuleCall, source: LocalSource, parent_dir: str, package: _Package | None) -> None:
        directory = posixpath.normpath(posixpath.join(parent_dir, source.path))
        if package is not None and directory != package.root and not directory.startswith(package.root + "/"):
            self.diags.append(msg.escapes_package(key, package.address))
            return
        if not (self.root / directory).is_dir():
            self.diags.extend(msg.unreadable_local(call, directory))
            return
        self.records[key] = ManifestRecord(key, str(source), directory)
        self._say(f"- {key} in {directory}")
        self._install_calls(key, directory, package, self._find_calls(directory))

    def _install_registry(self, key: str, call: ModuleCall, source: RegistrySource) -> None:
        constraints: VersionConstraints | None = None
        if call.version is not None:
            try:
                constraints = VersionConstraints.parse(call.version)
            except VersionError:
                self.diags.append(msg.invalid_version_constraint(call))
                return
        old = self.old_records.get(key)
        if not self.options.upgrade and old is not None and old.source == str(source) and old.version:
            try:
                old_version = Version.parse(old.version)
            except VersionError:
                old_version = None
            if old_version is not None and (constraints is None or constraints.allows(old_version)):
                if self._reuse(key, call, old):
                    return
        version = self._select_version(call, source, constraints, key)
        if version is None:
            return
        try:
            location = self.client.download_location(source, version)
            package = parse_remote(location)
        except RegistryError as err:
            self.diags.append(msg.registry_download_url_failed(call, source.display(), version, source.host, str(err)))
            return
        except SourceAddressError as err:
            self.diags.append(msg.registry_download_url_failed(call, source.display(), version, source.host, f"invalid package address: {err}"))
            return
        subdir = posixpath.join(package.subdir, source.subdir) if package.subdir and source.subdir else package.subdir or source.subdir
        package_only = RegistrySource(source.host, source.namespace, source.name, source.target_system)
        self._say(f"Downloading {package_only.display()} {version} for {key}...")
        self._install_remote(key, call, RemoteSource(package.package, subdir), str(source), version, announce=False)

    def _select_version(self, call: ModuleCall, source: RegistrySource, constraints: VersionConstraints | None, key: str) -> str | None:
        locked = self.old_locks.get(key)
        if not self.options.upgrade and locked is not None and locked.source == source.display() and locked.version:
            try:
                candidate = Version.parse(locked.version)
            except VersionError:
                candidate = None
            if candidate is not None and (constraints is None or constraints.allows(candidate)):
                return locked.version
        try:
            available = parse_versions(self.client.versions(source))
        except RegistryError as err:
            if err.not_found:
                self.diags.append(msg.registry_module_not_found(call, source.host))
            else:
                self.diags.append(msg.registry_unreachable(call, source.host, redact_address(str(err))))
            return None
        if not available:
            self.diags.append(msg.registry_no_versions(call, source.host))
            return None
        chosen = newest_allowed(available, constraints)
        if chosen is None:
            self.diags.append(msg.unresolvable_version(call, str(newest(available))))
            return None
        return chosen.original or str(chosen)

    def _reuse(self, key: str, call: ModuleCall, old: ManifestRecord) -> bool:
        """Keep an installed package whose source is unchanged: no network, no git."""
        package_root = posixpath.join(self.modules_rel, key)
        if not (self.root / package_root).is_dir() or not (self.root / old.dir).is_dir():
            return False
        locked = self.old_locks.get(key)
        if self.options.lock_modules:
            found = tree_hash(self.root / package_root)
            entry = locked if locked is not None and locked.source == redact_address(old.source) else None
            if entry is not None and entry.hash and entry.hash != found:
                changed = ModuleLock(key, entry.source, entry.version, None, found)
                self.diags.append(msg.lock_mismatch(call, key, entry, changed))
                self.locks[key] = entry
                return True
            self.locks[key] = entry or ModuleLock(key, redact_address(old.source), old.version, None, found)
        self.records[key] = old
        self._say(f"- {key} in {old.dir}")
        self._install_calls(key, old.dir, _Package(package_root, redact_address(old.source)), self._find_calls(old.dir))
        return True

    def _install_remote(
        self, key: str, call: ModuleCall, source: RemoteSource, record_source: str, version: str | None, announce: bool = True
    ) -> None:
        old = self.old_records.get(key)
        if version is None and not self.options.upgrade and old is not None and old.source == record_source:
            if self._reuse(key, call, old):
                return
        if announce:
            self._say(f"Downloading {source.package_display()} for {key}...")
        self.modules_dir.mkdir(parents=True, exist_ok=True)
        staging = self.modules_dir / f".{key}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        address = source.package_display()
        try:
            commit, extra_subdir = self._fetch(source, staging)
        except FetchError as err:
            shutil.rmtree(staging, ignore_errors=True)
            self.diags.append(msg.download_failed(call, address, f"error downloading {redact_address(repr(source.url))}: {err}"))
            return
        subdir = posixpath.join(extra_subdir, source.subdir) if extra_subdir and source.subdir else extra_subdir or source.subdir
        if subdir and not (staging / subdir).is_dir():
            shutil.rmtree(staging, ignore_errors=True)
            self.diags.append(msg.missing_subdir(call, address, subdir))
            return
        if not self._check_lock(key, call, record_source, version, commit, staging):
            shutil.rmtree(staging, ignore_errors=True)
            return
        target = self.modules_dir / key
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        self.fetched.append(key)
        package_root = posixpath.join(self.modules_rel, key)
        directory = posixpath.join(package_root, subdir) if subdir else package_root
        self.records[key] = ManifestRecord(key, record_source, directory, version)
        self._say(f"- {key} in {directory}")
        self._install_calls(key, directory, _Package(package_root, redact_address(record_source)), self._find_calls(directory))

    def _fetch(self, source: RemoteSource, staging: Path) -> tuple[str | None, str]:
        cached = self.package_cache.get(source.package)
        if cached is not None and cached[0].is_dir():
            shutil.copytree(cached[0], staging, symlinks=True)
            return cached[1], cached[2]
        fetched = fetch_package(RemoteSource(source.package), staging)
        key = staging.name[1 : -len(".partial")]
        self.package_cache[source.package] = (self.modules_dir / key, fetched.commit, fetched.subdir)
        return fetched.commit, fetched.subdir

    def _check_lock(self, key: str, call: ModuleCall, record_source: str, version: str | None, commit: str | None, staging: Path) -> bool:
        if not self.options.lock_modules:
            return True
        found = ModuleLock(key, redact_address(record_source), version, commit, tree_hash(staging))
        locked = self.old_locks.get(key)
        if locked is not None and locked.source == found.source and locked.version == found.version:
            commit_changed = bool(locked.commit and found.commit and locked.commit != found.commit)
            hash_changed = bool(locked.hash and locked.hash != found.hash)
            if commit_changed or hash_changed:
                self.diags.append(msg.lock_mismatch(call, key, locked, found))
                self.locks[key] = locked
                return False
        self.locks[key] = found
        return True
