"""Fetching one remote package into a directory, whatever its getter.

Dispatches on the getter of a ``RemoteSource`` (git, http(s), file) and
follows ``X-Terraform-Get`` indirections from plain HTTP addresses. S3 and
GCS addresses are recognised but not installable here.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from hclrun.modsources.fetch_archive import FetchError, fetch_file, fetch_http
from hclrun.modsources.fetch_git import GitError, fetch_git
from hclrun.modsources.source_address import RemoteSource, SourceAddressError, parse_remote
from hclrun.records import record

MAX_INDIRECTIONS = 5


@record
class FetchedPackage:
    commit: str | None  # the commit id for git packages
    subdir: str  # a subdirectory named by an X-Terraform-Get indirection ("" if none)


def fetch_package(source: RemoteSource, dest: Path) -> FetchedPackage:
    """Fetch ``source``'s package (its subdir is not applied) into the new directory ``dest``."""
    current = source
    extra_subdir = ""
    for _ in range(MAX_INDIRECTIONS + 1):
        getter = current.getter
        try:
            if getter == "git":
                return FetchedPackage(fetch_git(current.url, dest), extra_subdir)
            if getter in ("http", "https"):
                location = fetch_http(current.url, current.archive_format(), dest)
                if location is None:
                    return FetchedPackage(None, extra_subdir)
            elif getter == "file":
                fetch_file(current.url, current.archive_format(), dest)
                return FetchedPackage(None, extra_subdir)
            elif getter in ("s3", "gcs"):
                raise FetchError(
                    f"{getter} module sources are recognised but not supported by hclrun; "
                    "download the package and use an https, git or local address instead"
                )
            else:
                raise FetchError(f"download not supported for scheme {getter!r}")
        except GitError as err:
            raise FetchError(str(err)) from None
        try:
            current = parse_remote(location)
        except SourceAddressError as err:
            raise FetchError(f"invalid X-Terraform-Get address: {err}") from None
        if current.subdir:
            extra_subdir = posixpath.join(extra_subdir, current.subdir) if extra_subdir else current.subdir
            current = RemoteSource(current.package)
    raise FetchError(f"more than {MAX_INDIRECTIONS} X-Terraform-Get indirections")
