"""The installer's diagnostics, worded as Terraform words them (and with addresses always redacted)."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostic
from hclrun.modsources.calls import ModuleCall
from hclrun.modsources.lockfile import LOCK_FILE_NAME, ModuleLock
from hclrun.modsources.source_address import go_quote


def module_address(key: str) -> str:
    """``a.b`` → ``module.a.module.b``."""
    return ".".join(f"module.{name}" for name in key.split("."))


def download_failed(call: ModuleCall, address: str, reason: str) -> Diagnostic:
    return Diagnostic.error(
        "Failed to download module",
        f"Could not download module {go_quote(call.name)} ({call.location}) source code from {go_quote(address)}: {reason}.",
        call.call_range,
    )


def unreadable_local(call: ModuleCall, directory: str) -> list[Diagnostic]:
    return [
        Diagnostic.error(
            "Unreadable module directory",
            f"Unable to evaluate directory symlink: lstat {directory}: no such file or directory",
        ),
        Diagnostic.error(
            "Unreadable module directory",
            f"The directory {directory} could not be read for module {go_quote(call.name)} at {call.location}.",
        ),
    ]


def escapes_package(key: str, package: str) -> Diagnostic:
    return Diagnostic.error(
        "Local module path escapes module package",
        f"The given source directory for {module_address(key)} would be outside of its containing package "
        f'{go_quote(package)}. Local source addresses starting with "../" must stay within the same package '
        "that the calling module belongs to.",
    )


def invalid_version_constraint(call: ModuleCall) -> Diagnostic:
    return Diagnostic.error(
        "Invalid version constraint", "This string does not use correct version constraint syntax.", call.version_range
    )


def registry_unreachable(call: ModuleCall, host: str, reason: str) -> Diagnostic:
    return Diagnostic.error(
        "Error accessing remote module registry",
        f"Failed to retrieve available versions for module {go_quote(call.name)} ({call.location}) from {host}: {reason}.",
        call.call_range,
    )


def registry_module_not_found(call: ModuleCall, host: str) -> Diagnostic:
    return Diagnostic.error(
        "Module not found",
        f"Module {go_quote(call.name)} (from {call.location}) cannot be found in the module registry at {host}.",
        call.call_range,
    )


def registry_no_versions(call: ModuleCall, host: str) -> Diagnostic:
    return Diagnostic.error(
        "Module has no versions",
        f"Module {go_quote(call.name)} ({call.location}) has no versions available on {host}.",
        call.call_range,
    )


def unresolvable_version(call: ModuleCall, newest: str) -> Diagnostic:
    return Diagnostic.error(
        "Unresolvable module version constraint",
        f"There is no available version of module {go_quote(call.name)} ({call.location}) which matches the "
        f"given version constraint. The newest available version is {newest}.",
        call.version_range or call.call_range,
    )


def registry_download_url_failed(call: ModuleCall, source: str, version: str, host: str, reason: str) -> Diagnostic:
    return Diagnostic.error(
        "Error accessing remote module registry",
        f"Failed to retrieve a download URL for {source} {version} from {host}: {reason}",
        call.call_range,
    )


def missing_subdir(call: ModuleCall, address: str, subdir: str) -> Diagnostic:
    return Diagnostic.error(
        "Failed to download module",
        f"Could not download module {go_quote(call.name)} ({call.location}) source code from {go_quote(address)}: "
        f"the package has no subdirectory {go_quote(subdir)}.",
        call.call_range,
    )


def lock_mismatch(call: ModuleCall, key: str, locked: ModuleLock, found: ModuleLock) -> Diagnostic:
    if locked.commit and found.commit and locked.commit != found.commit:
        what = f"commit {locked.commit}, but the package now has commit {found.commit}"
    else:
        what = f"hash {locked.hash}, but the package now has hash {found.hash}"
    return Diagnostic.error(
        "Module package does not match the lock file",
        f"The package for {module_address(key)} from {go_quote(found.source)} does not match {LOCK_FILE_NAME}: "
        f"the lock records {what}. The source was not changed, so the content it refers to has changed. "
        f'If this change is expected, remove the module {go_quote(key)} block from {LOCK_FILE_NAME} and run init again.',
        call.call_range,
    )


def too_deep(call: ModuleCall, key: str) -> Diagnostic:
    return Diagnostic.error(
        "Module nesting too deep",
        f"{module_address(key)} is nested too deeply; a module may be calling itself.",
        call.call_range,
    )
