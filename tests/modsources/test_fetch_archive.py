"""Archives over HTTP on loopback, X-Terraform-Get indirection, and malicious archives refused with nothing written outside."""

from __future__ import annotations

import io
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from hclrun.modsources.calls import ModuleCall
from hclrun.modsources.fetch_archive import FetchError, extract_archive
from hclrun.modsources.installer import install_modules

from .conftest import LoopbackServer

Member = tuple[str, str, str]  # (kind, name, content or link target)


def make_tar(members: list[Member], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:  # type: ignore[call-overload]
        for kind, name, content in members:
            info = tarfile.TarInfo(name)
            if kind == "file":
                data = content.encode()
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
                continue
            if kind == "dir":
                info.type = tarfile.DIRTYPE
            elif kind == "symlink":
                info.type = tarfile.SYMTYPE
                info.linkname = content
            elif kind == "hardlink":
                info.type = tarfile.LNKTYPE
                info.linkname = content
            elif kind == "fifo":
                info.type = tarfile.FIFOTYPE
            archive.addfile(info)
    return buffer.getvalue()


def make_zip(members: list[Member]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for kind, name, content in members:
            info = zipfile.ZipInfo(name)
            if kind == "symlink":
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, content)
    return buffer.getvalue()


GOOD = [("dir", "mod", ""), ("file", "main.tf", "# root\n"), ("file", "mod/main.tf", "# mod\n"), ("symlink", "mod/link.tf", "main.tf")]

MALICIOUS = [
    ("traversal", [("file", "../evil.tf", "x")]),
    ("nested traversal", [("file", "a/../../evil.tf", "x")]),
    ("absolute", [("file", "/tmp/evil.tf", "x")]),
    ("symlink escaping", [("symlink", "link", "../../outside")]),
    ("absolute symlink", [("symlink", "link", "/etc")]),
    ("symlink then write through it", [("symlink", "link", ".."), ("file", "link/evil.tf", "x")]),
    ("chained links", [("dir", "x", ""), ("symlink", "x/up", ".."), ("symlink", "x/up/out", "../escape")]),
    ("hardlink escaping", [("hardlink", "h", "../../etc/passwd")]),
]


# Zip archives have no hard links, so those rows are tar-only.
MALICIOUS_CASES = [
    (fmt, name, members)
    for name, members in MALICIOUS
    for fmt in ("tar.gz", "zip")
    if fmt == "tar.gz" or all(kind != "hardlink" for kind, _, _ in members)
]


@pytest.mark.parametrize(("fmt", "name", "members"), MALICIOUS_CASES, ids=[f"{c[1]}-{c[0]}" for c in MALICIOUS_CASES])
def test_malicious_archives_are_refused(tmp_path: Path, fmt: str, name: str, members: list[Member]) -> None:
    data = make_tar(members) if fmt == "tar.gz" else make_zip([m for m in members if m[0] != "dir"])
    sandbox = tmp_path / "sandbox"
    dest = sandbox / "modules" / "m"
    dest.parent.mkdir(parents=True)
    with pytest.raises(FetchError):
        extract_archive(data, fmt, dest)
    assert not dest.exists()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["sandbox", "sandbox/modules"]


@pytest.mark.parametrize("fmt", ["tar.gz", "tgz", "tar", "tar.xz", "tar.bz2", "zip"])
def test_good_archives_unpack(tmp_path: Path, fmt: str) -> None:
    modes = {"tar.gz": "w:gz", "tgz": "w:gz", "tar": "w", "tar.xz": "w:xz", "tar.bz2": "w:bz2"}
    data = make_zip([m for m in GOOD if m[0] != "dir"]) if fmt == "zip" else make_tar(GOOD, modes[fmt])
    extract_archive(data, fmt, tmp_path / "m")
    assert (tmp_path / "m/mod/main.tf").read_text() == "# mod\n"
    assert (tmp_path / "m/mod/link.tf").is_symlink()


@pytest.mark.parametrize("bad", [b"not an archive", b""])
def test_corrupt_archives_fail_cleanly(tmp_path: Path, bad: bytes) -> None:
    for fmt in ("zip", "tar.gz"):
        with pytest.raises(FetchError):
            extract_archive(bad, fmt, tmp_path / fmt)
        assert not (tmp_path / fmt).exists()


def test_device_members_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="not a regular file"):
        extract_archive(make_tar([("fifo", "pipe", "")]), "tar.gz", tmp_path / "m")


def test_install_archives_over_http(tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.serve_bytes("/pkg/vpc.tgz", make_tar([("file", "main.tf", "# tgz\n"), ("file", "sub/main.tf", "# sub\n")]))
    http_server.serve_bytes("/pkg/vpc.zip", make_zip([("file", "main.tf", "# zip\n")]))
    http_server.serve_bytes("/download", make_zip([("file", "main.tf", "# param\n")]))
    base = http_server.base
    calls = [
        ModuleCall("a", f"{base}/pkg/vpc.tgz//sub"),
        ModuleCall("b", f"{base}/pkg/vpc.zip"),
        ModuleCall("c", f"{base}/download?archive=zip"),
    ]
    result = install_modules(str(tmp_path), calls=calls)
    assert result.ok, [d.detail for d in result.diagnostics]
    assert [(r.key, r.dir) for r in result.records[1:]] == [
        ("a", ".terraform/modules/a/sub"),
        ("b", ".terraform/modules/b"),
        ("c", ".terraform/modules/c"),
    ]
    assert (tmp_path / ".terraform/modules/a/sub/main.tf").read_text() == "# sub\n"
    assert (tmp_path / ".terraform/modules/c/main.tf").read_text() == "# param\n"
    assert "/download" in http_server.requests  # the archive argument is not sent to the server
    assert all(lock.hash and lock.commit is None for lock in result.locks)


def test_x_terraform_get_indirection(tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.serve_bytes("/pkg/real.tar.gz", make_tar([("file", "inner/main.tf", "# real\n")]))
    http_server.serve_bytes("/module", b"", headers={"X-Terraform-Get": "/pkg/real.tar.gz//inner"})
    result = install_modules(str(tmp_path), calls=[ModuleCall("m", f"{http_server.base}/module")])
    assert result.ok, [d.detail for d in result.diagnostics]
    assert result.records[1].dir == ".terraform/modules/m/inner"
    assert "/module?terraform-get=1" in http_server.requests


def test_http_errors_are_diagnostics(tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.serve_bytes("/evil.tgz", make_tar([("file", "../../escape.tf", "x")]))
    result = install_modules(
        str(tmp_path / "cfg"),
        calls=[ModuleCall("missing", f"{http_server.base}/nope.zip"), ModuleCall("evil", f"{http_server.base}/evil.tgz")],
    )
    assert [d.summary for d in result.diagnostics] == ["Failed to download module"] * 2
    # Calls are visited by name: "evil" before "missing".
    assert "outside the module directory" in result.diagnostics[0].detail
    assert "bad response code: 404" in result.diagnostics[1].detail
    assert not (tmp_path / "escape.tf").exists() and not (tmp_path / "cfg" / "escape.tf").exists()
    assert not list((tmp_path / "cfg" / ".terraform" / "modules").glob(".*"))


def test_unsupported_getters(tmp_path: Path) -> None:
    calls = [
        ModuleCall("s3", "s3::https://s3.amazonaws.com/bucket/vpc.zip"),
        ModuleCall("gcs", "gcs::https://www.googleapis.com/storage/v1/bucket/vpc.zip"),
        ModuleCall("ftp", "ftp://example.com/vpc.zip"),
    ]
    result = install_modules(str(tmp_path), calls=calls)
    details = [d.detail for d in result.diagnostics]  # in call name order
    assert "download not supported for scheme 'ftp'" in details[0]
    assert "gcs module sources are recognised but not supported" in details[1]
    assert "s3 module sources are recognised but not supported" in details[2]


def test_file_packages_are_copied(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "main.tf").write_text("# file\n")
    archive = tmp_path / "pkg.tgz"
    archive.write_bytes(make_tar([("file", "main.tf", "# from archive\n")]))
    root = tmp_path / "cfg"
    result = install_modules(str(root), calls=[ModuleCall("d", f"{package}//sub"), ModuleCall("a", str(archive))])
    assert result.ok, [d.detail for d in result.diagnostics]
    assert (root / ".terraform/modules/d/sub/main.tf").read_text() == "# file\n"
    assert (root / ".terraform/modules/a/main.tf").read_text() == "# from archive\n"
