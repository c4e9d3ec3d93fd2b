"""Fetching module packages over HTTP(S) and from the local filesystem, and unpacking archives safely.

An archive is unpacked only if every member stays inside the destination:
no absolute names, no ``..`` components, no device files, and links (tar
symlinks and hard links, zip symlinks) only to targets inside the package.
The whole archive is checked before anything is written, and the result is
checked again afterwards; a violation removes what was written and fails.
"""

from __future__ import annotations

import io
import os
import posixpath
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urljoin

from hclrun.modsources.redact import redact_address
from hclrun.records import record

if TYPE_CHECKING:
    import zipfile

# urllib.request (with ssl and http.client), tarfile and zipfile load with the first
# download or archive: installing local modules only never needs them.

MAX_ARCHIVE_BYTES = 512 * 1024 * 1024
HTTP_TIMEOUT_SECONDS = 60
_TAR_FORMATS = {"tar.gz": "r:gz", "tgz": "r:gz", "tar.bz2": "r:bz2", "tbz2": "r:bz2", "tar.xz": "r:xz", "txz": "r:xz", "tar": "r:"}


class FetchError(Exception):
    """A failed download or unpack; the message is safe to show."""


@record
class HttpResponse:
    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str


def http_get(url: str, headers: Mapping[str, str] | None = None) -> HttpResponse:
    """GET ``url`` (http or https only), following redirects; error statuses are returned, not raised."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"download not supported for URL {redact_address(url)!r}")
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:
            body = response.read(MAX_ARCHIVE_BYTES + 1)
            status, final, found = response.status, response.url, response.headers
    except urllib.error.HTTPError as err:
        body = err.read(64 * 1024) if err.fp is not None else b""
        return HttpResponse(err.code, {k.lower(): v for k, v in err.headers.items()}, body, url)
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise FetchError(f"Get {redact_address(url)!r}: {redact_address(str(reason))}") from None
    if len(body) > MAX_ARCHIVE_BYTES:
        raise FetchError(f"response from {redact_address(url)!r} is larger than {MAX_ARCHIVE_BYTES} bytes")
    return HttpResponse(status, {k.lower(): v for k, v in found.items()}, body, final)


def without_query_param(url: str, name: str) -> str:
    base, sep, query = url.partition("?")
    if not sep:
        return url
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != name]
    return base + ("?" + urlencode(kept) if kept else "")


def fetch_http(url: str, archive: str | None, dest: Path) -> str | None:
    """Download into ``dest``: an archive is unpacked; otherwise the ``X-Terraform-Get`` address is returned."""
    if archive is not None:
        response = http_get(without_query_param(url, "archive"))
        if response.status != 200:
            raise FetchError(f"bad response code: {response.status}")
        extract_archive(response.body, archive, dest)
        return None
    sep = "&" if "?" in url else "?"
    response = http_get(url + sep + "terraform-get=1")
    if response.status not in (200, 204):
        raise FetchError(f"bad response code: {response.status}")
    location = response.headers.get("x-terraform-get")
    if not location:
        raise FetchError(f"no source URL was returned by {redact_address(url)!r}")
    return urljoin(response.url, location) if location.startswith(("/", "./", "../")) else location


def fetch_file(url: str, archive: str | None, dest: Path) -> None:
    """A ``file://`` package: an archive is unpacked, a directory is copied (links inside it copied as links)."""
    import urllib.request

    path = Path(urllib.request.url2pathname(without_query_param(url, "archive").partition("?")[0][len("file://") :]))
    if archive is not None:
        try:
            data = path.read_bytes()
        except OSError as err:
            raise FetchError(f"source path error: {err.strerror}: {path}") from None
        extract_archive(data, archive, dest)
        return
    if not path.is_dir():
        raise FetchError(f"source path error: stat {path}: no such file or directory")
    shutil.copytree(path, dest, symlinks=True)
    _check_links(dest)


def extract_archive(data: bytes, archive: str, dest: Path) -> None:
    """Unpack ``data`` into the new directory ``dest``, refusing anything that would land outside it."""
    dest.mkdir(parents=True, exist_ok=False)
    try:
        if archive == "zip":
            _extract_zip(data, dest)
        elif archive in _TAR_FORMATS:
            _extract_tar(data, _TAR_FORMATS[archive], dest)
        else:
            raise FetchError(f"unsupported archive format {archive!r}")
        _check_links(dest)
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise


def _safe_name(name: str) -> str:
    """The member name as a relative path, or FetchError when it is absolute or climbs out."""
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or (len(normalized) > 1 and normalized[1] == ":"):
        raise FetchError(f"archive member {name!r} has an absolute path")
    parts = [p for p in normalized.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise FetchError(f"archive member {name!r} would be written outside the module directory")
    return "/".join(parts)


def _check_link_target(name: str, target: str) -> None:
    if target.startswith("/") or target.replace("\\", "/").startswith("/"):
        raise FetchError(f"archive member {name!r} links to an absolute path")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
    if resolved == ".." or resolved.startswith("../"):
        raise FetchError(f"archive member {name!r} links outside the module directory")


def _inside(dest: Path, path: Path) -> bool:
    root = os.path.realpath(dest)
    real = os.path.realpath(path)
    return real == root or real.startswith(root + os.sep)


def _extract_tar(data: bytes, mode: str, dest: Path) -> None:
    import tarfile

    try:
        archive = tarfile.open(fileobj=io.BytesIO(data), mode=mode)  # type: ignore[call-overload]
    except (tarfile.TarError, OSError, EOFError) as err:
        raise FetchError(f"failed to open the archive: {err}") from None
    with archive:
        try:
            members = archive.getmembers()
        except (tarfile.TarError, OSError, EOFError) as err:
            raise FetchError(f"failed to read the archive: {err}") from None
        for member in members:
            name = _safe_name(member.name)
            if member.issym():
                _check_link_target(name, member.linkname)
            elif member.islnk():
                _safe_name(member.linkname)
            elif not (member.isfile() or member.isdir()):
                raise FetchError(f"archive member {member.name!r} is not a regular file, directory or link")
        for member in members:
            name = _safe_name(member.name)
            if not name:
                continue
            target_path = dest / name
            if not _inside(dest, target_path.parent):
                raise FetchError(f"archive member {member.name!r} would be written outside the module directory")
            if member.isdir():
                target_path.mkdir(parents=True, exist_ok=True)
            elif member.issym():
                target_path.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(member.linkname, target_path)
            elif member.islnk():
                source = dest / _safe_name(member.linkname)
                if not _inside(dest, source) or not source.is_file():
                    raise FetchError(f"archive member {member.name!r} links outside the module directory")
                target_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target_path)
            else:
                extracted = archive.extractfile(member)
                if extracted is None:
                    continue
                target_path.parent.mkdir(parents=True, exist_ok=True)
                _write_new_file(target_path, extracted.read(), member.mode)


def _extract_zip(data: bytes, dest: Path) -> None:
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as err:
        raise FetchError(f"failed to open the archive: {err}") from None
    with archive:
        infos = archive.infolist()
        for info in infos:
            name = _safe_name(info.filename)
            if _zip_is_symlink(info):
                _check_link_target(name, archive.read(info).decode("utf-8", "replace"))
        for info in infos:
            name = _safe_name(info.filename)
            if not name:
                continue
            target_path = dest / name
            if not _inside(dest, target_path.parent):
                raise FetchError(f"archive member {info.filename!r} would be written outside the module directory")
            if info.is_dir():
                target_path.mkdir(parents=True, exist_ok=True)
                continue
            target_path.parent.mkdir(parents=True, exist_ok=True)
            content = archive.read(info)
            if _zip_is_symlink(info):
                os.symlink(content.decode("utf-8", "replace"), target_path)
            else:
                _write_new_file(target_path, content, (info.external_attr >> 16) & 0o777 or 0o644)


def _zip_is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _write_new_file(path: Path, content: bytes, mode: int) -> None:
    """Write a file without following a link already at ``path`` (a link is replaced, never written through)."""
    if path.is_symlink():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.chmod(path, 0o755 if mode & 0o111 else 0o644)


def _check_links(dest: Path) -> None:
    """Every symbolic link under ``dest`` must resolve inside it."""
    for root, dirs, files in os.walk(dest):
        for entry in dirs + files:
            path = Path(root, entry)
            if path.is_symlink() and not _inside(dest, path):
                raise FetchError(f"{path.relative_to(dest).as_posix()!r} links outside the module directory")
