"""Entry point of the single-file ``hclrun.pyz``.

The archive bundles hclrun with every runtime dependency under
``site-packages/``. Several dependencies are compiled extensions, which Python
cannot import from inside a zip file, so the first run extracts the bundle into
a per-user cache directory keyed by the bundle's content hash and later runs
reuse it:

    $XDG_CACHE_HOME/hclrun/pyz/<hash>/    (default ~/.cache/hclrun/pyz/<hash>/)

falling back to ``<tempdir>/hclrun-<uid>/pyz/<hash>/`` when the cache directory
cannot be written. Extraction happens in a sibling temporary directory that is
renamed into place, so concurrent first runs never see a half-written bundle.
A directory whose completion marker or file sizes do not match the manifest is
treated as damaged and extracted again.

Only the standard library is used here: nothing else is importable until the
bundle is on ``sys.path``. The build writes ``hclrun_bundle_info.py`` next to
this file with the bundle's hash and the interpreter it was built for.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import sysconfig
import tempfile
import zipfile

PAYLOAD_PREFIX = "site-packages/"
MARKER_NAME = ".hclrun-bundle-complete"
MANIFEST_NAME = ".hclrun-bundle-manifest.json"
SEARCH_ATTEMPTS = 3


def archive_path() -> str:
    """The .pyz file this module was loaded from."""
    return os.path.dirname(os.path.abspath(__file__))


def user_cache_root() -> str:
    """``$XDG_CACHE_HOME/hclrun/pyz``; relative XDG paths are ignored, as the XDG spec asks."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
            base = os.environ["LOCALAPPDATA"]
        else:
            base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "hclrun", "pyz")


def temp_cache_root() -> str:
    """A private directory under the system temp dir, refused if someone else owns it."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    root = os.path.join(tempfile.gettempdir(), f"hclrun-{uid}")
    os.makedirs(root, mode=0o700, exist_ok=True)
    info = os.lstat(root)
    if hasattr(os, "getuid") and (
        not stat.S_ISDIR(info.st_mode) or info.st_uid != uid or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    ):
        raise OSError(f"{root} is not a private directory owned by this user")
    return os.path.join(root, "pyz")


def is_complete(directory: str, bundle_hash: str) -> bool:
    """The marker names this bundle and every file in the manifest has its recorded size."""
    try:
        with open(os.path.join(directory, MARKER_NAME), encoding="utf-8") as marker:
            if marker.read().strip() != bundle_hash:
                return False
        with open(os.path.join(directory, MANIFEST_NAME), encoding="utf-8") as manifest:
            sizes: dict[str, int] = json.load(manifest)
        return all(os.stat(os.path.join(directory, name)).st_size == size for name, size in sizes.items())
    except (OSError, ValueError, AttributeError):
        return False


def extract_bundle(archive: str, destination: str, bundle_hash: str) -> None:
    """Unpack ``site-packages/`` into ``destination`` (which exists and is empty), keeping file modes."""
    sizes: dict[str, int] = {}
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            if not info.filename.startswith(PAYLOAD_PREFIX) or info.is_dir():
                continue
            name = info.filename[len(PAYLOAD_PREFIX):]
            if name.startswith("/") or ".." in name.split("/"):
                raise RuntimeError(f"unsafe path in bundle: {info.filename}")
            target = os.path.join(destination, *name.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                os.chmod(target, mode | stat.S_IRUSR | stat.S_IWUSR)
            sizes[name] = info.file_size
    with open(os.path.join(destination, MANIFEST_NAME), "w", encoding="utf-8") as manifest:
        json.dump(sizes, manifest)
    with open(os.path.join(destination, MARKER_NAME), "w", encoding="utf-8") as marker:
        marker.write(bundle_hash + "\n")


def install_into(root: str, archive: str, bundle_hash: str) -> str:
    """Return ``root/<hash>`` holding a complete bundle, extracting it atomically when needed."""
    final = os.path.join(root, bundle_hash)
    if is_complete(final, bundle_hash):
        return final
    os.makedirs(root, mode=0o700, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".extract-{bundle_hash[:12]}-", dir=root)
    try:
        extract_bundle(archive, staging, bundle_hash)
        for _ in range(SEARCH_ATTEMPTS):
            try:
                os.rename(staging, final)
                return final
            except OSError:
                pass  # the name is taken: by a concurrent winner, or by a damaged copy
            if is_complete(final, bundle_hash):
                return final
            retired = tempfile.mkdtemp(prefix=f".damaged-{bundle_hash[:12]}-", dir=root)
            try:
                os.rename(final, os.path.join(retired, "bundle"))
            except OSError:
                pass  # already moved by another process
            shutil.rmtree(retired, ignore_errors=True)
        raise OSError(f"could not move the extracted bundle into {final}")
    finally:
        if os.path.isdir(staging):
            shutil.rmtree(staging, ignore_errors=True)


def prepare_bundle(archive: str, bundle_hash: str) -> str:
    """The directory of a complete bundle: in the user cache, else in the private temp dir."""
    errors: list[str] = []
    for root_of in (user_cache_root, temp_cache_root):
        try:
            return install_into(root_of(), archive, bundle_hash)
        except OSError as exc:
            errors.append(str(exc))
    raise OSError("; ".join(errors))


def check_interpreter(info: object) -> str | None:
    """A message when this interpreter cannot load the compiled extensions in the bundle."""
    wanted = getattr(info, "PYTHON_VERSION", "")
    platform = getattr(info, "PLATFORM", "")
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    here = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    if sys.implementation.name != "cpython" or running != wanted or here != platform:
        return (
            f"This hclrun.pyz was built for CPython {wanted} on {platform}, but it is running on "
            f"{sys.implementation.name} {running} on {here}. Use a matching Python or the hclrun wheel."
        )
    return None


def main() -> None:
    import hclrun_bundle_info as info  # written by scripts/release next to this file

    problem = check_interpreter(info)
    if problem:
        sys.stderr.write(f"\nError: Unsupported Python interpreter\n\n{problem}\n")
        sys.exit(1)
    try:
        site_dir = prepare_bundle(archive_path(), info.BUNDLE_HASH)
    except OSError as exc:
        sys.stderr.write(
            "\nError: Cannot unpack hclrun\n\n"
            f"hclrun.pyz needs a writable cache directory to unpack its libraries: {exc}.\n"
        )
        sys.exit(1)
    sys.path.insert(0, site_dir)
    from hclrun.cli.main import main as hclrun_main

    hclrun_main()


if __name__ == "__main__":
    main()
