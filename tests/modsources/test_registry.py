"""The module registry protocol against a fake registry on loopback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hclrun.modsources.calls import ModuleCall
from hclrun.modsources.installer import InstallOptions, install_modules
from hclrun.modsources.registry_client import RegistryClient, RegistryError, host_env_suffix
from hclrun.modsources.source_address import RegistrySource

from .conftest import LoopbackServer
from .test_fetch_archive import make_tar

HOST = "registry.example.com"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "modsources"


def serve_registry(server: LoopbackServer, versions: dict[str, str], style: str = "204") -> None:
    """A registry for ns/net/aws with the given version → module text; downloads answered in ``style``."""
    server.serve_bytes("/.well-known/terraform.json", json.dumps({"modules.v1": "/v1/modules/"}).encode())
    listing = {"modules": [{"versions": [{"version": v} for v in versions]}]}
    server.serve_bytes("/v1/modules/ns/net/aws/versions", json.dumps(listing).encode())
    for version, text in versions.items():
        archive = f"/archives/net-{version}.tgz"
        server.serve_bytes(archive, make_tar([("file", "main.tf", text), ("file", "modules/sub/main.tf", f"# sub {version}\n")]))
        path = f"/v1/modules/ns/net/aws/{version}/download"
        if style == "204":
            server.serve_bytes(path, b"", status=204, headers={"X-Terraform-Get": archive})
        elif style == "relative":
            server.serve_bytes(path, b"", status=200, headers={"X-Terraform-Get": f"../../../../../..{archive}"})
        else:
            server.serve_bytes(path, json.dumps({"location": f"{server.base}{archive}"}).encode())


def options(server: LoopbackServer, **kwargs: object) -> InstallOptions:
    return InstallOptions(registry_urls={HOST: server.base}, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("style", ["204", "relative", "json"])
def test_installs_newest_matching_version(tmp_path: Path, http_server: LoopbackServer, style: str) -> None:
    serve_registry(http_server, {"1.0.0": "# 1.0.0\n", "1.2.0": "# 1.2.0\n", "2.0.0": "# 2.0.0\n", "1.3.0-beta": "# beta\n"}, style)
    call = ModuleCall("net", f"{HOST}/ns/net/aws", "~> 1.0")
    result = install_modules(str(tmp_path), options(http_server), calls=[call])
    assert result.ok, [d.detail for d in result.diagnostics]
    assert (tmp_path / ".terraform/modules/modules.json").read_text() == (
        '{"Modules":[{"Key":"","Source":"","Dir":"."},'
        f'{{"Key":"net","Source":"{HOST}/ns/net/aws","Version":"1.2.0","Dir":".terraform/modules/net"}}]}}'
    )
    assert (tmp_path / ".terraform/modules/net/main.tf").read_text() == "# 1.2.0\n"
    assert result.locks[0].version == "1.2.0" and result.locks[0].hash


def test_registry_subdir_and_exact_prerelease(tmp_path: Path, http_server: LoopbackServer) -> None:
    serve_registry(http_server, {"1.0.0": "# 1\n", "1.3.0-beta": "# beta\n"})
    call = ModuleCall("net", f"{HOST}/ns/net/aws//modules/sub", "1.3.0-beta")
    result = install_modules(str(tmp_path), options(http_server), calls=[call])
    assert result.ok, [d.detail for d in result.diagnostics]
    assert result.records[1].dir == ".terraform/modules/net/modules/sub"
    assert result.records[1].version == "1.3.0-beta"


def test_reinit_uses_no_network(tmp_path: Path, http_server: LoopbackServer) -> None:
    serve_registry(http_server, {"1.0.0": "# 1\n"})
    call = ModuleCall("net", f"{HOST}/ns/net/aws", ">= 1.0")
    assert install_modules(str(tmp_path), options(http_server), calls=[call]).ok
    before = len(http_server.requests)
    again = install_modules(str(tmp_path), options(http_server), calls=[call])
    assert again.ok and again.fetched == [] and len(http_server.requests) == before


def test_locked_version_is_kept_until_upgrade(tmp_path: Path, http_server: LoopbackServer) -> None:
    serve_registry(http_server, {"1.0.0": "# 1\n"})
    call = ModuleCall("net", f"{HOST}/ns/net/aws", ">= 1.0")
    assert install_modules(str(tmp_path), options(http_server), calls=[call]).ok
    serve_registry(http_server, {"1.0.0": "# 1\n", "1.1.0": "# 1.1\n"})
    shutil.rmtree(tmp_path / ".terraform")
    fresh = install_modules(str(tmp_path), options(http_server), calls=[call])
    assert fresh.ok and fresh.fetched == ["net"] and fresh.records[1].version == "1.0.0"
    upgraded = install_modules(str(tmp_path), options(http_server, upgrade=True), calls=[call])
    assert upgraded.ok and upgraded.records[1].version == "1.1.0"


def test_republished_release_is_refused(tmp_path: Path, http_server: LoopbackServer) -> None:
    serve_registry(http_server, {"1.0.0": "# original\n"})
    call = ModuleCall("net", f"{HOST}/ns/net/aws", "1.0.0")
    assert install_modules(str(tmp_path), options(http_server), calls=[call]).ok
    serve_registry(http_server, {"1.0.0": "# replaced\n"})
    result = install_modules(str(tmp_path), options(http_server, upgrade=True), calls=[call])
    assert [d.summary for d in result.diagnostics] == ["Module package does not match the lock file"]
    assert (tmp_path / ".terraform/modules/net/main.tf").read_text() == "# original\n"


def test_registry_errors(tmp_path: Path, http_server: LoopbackServer) -> None:
    serve_registry(http_server, {"1.0.0": "# 1\n", "2.0.0-rc1": "# rc\n"})
    calls = [
        ModuleCall("missing", f"{HOST}/ns/other/aws"),
        ModuleCall("nomatch", f"{HOST}/ns/net/aws", ">= 3.0"),
        ModuleCall("badconstraint", f"{HOST}/ns/net/aws", "=> 1"),
        ModuleCall("unreachable", "unreachable.invalid/ns/net/aws", "1.0.0"),
    ]
    opts = InstallOptions(registry_urls={HOST: http_server.base, "unreachable.invalid": "http://127.0.0.1:9"})
    result = install_modules(str(tmp_path), opts, calls=calls)
    by_summary = {d.summary: d.detail for d in result.diagnostics}
    assert sorted(by_summary) == [
        "Error accessing remote module registry",
        "Invalid version constraint",
        "Module not found",
        "Unresolvable module version constraint",
    ]
    assert by_summary["Module not found"] == (
        f'Module "missing" (from unknown:0) cannot be found in the module registry at {HOST}.'
    )
    assert "The newest available version is 2.0.0-rc1." in by_summary["Unresolvable module version constraint"]
    assert "failed to request discovery document" in by_summary["Error accessing remote module registry"]


def test_plain_http_only_for_loopback() -> None:
    client = RegistryClient({HOST: "http://mirror.example.com"})
    with pytest.raises(RegistryError, match="must use https"):
        client.base_url(HOST)
    assert RegistryClient({HOST: "http://[::1]:8080/"}).base_url(HOST) == "http://[::1]:8080"
    assert RegistryClient().base_url(HOST) == f"https://{HOST}"


def test_environment_override_and_token(http_server: LoopbackServer) -> None:
    serve_registry(http_server, {"1.0.0": "# 1\n"})
    environ = {
        "HCLRUN_REGISTRY_URL_" + host_env_suffix(HOST): http_server.base,
        "TF_TOKEN_" + host_env_suffix(HOST): "tok-123",
    }
    client = RegistryClient(environ=environ)
    source = RegistrySource(HOST, "ns", "net", "aws")
    assert client.versions(source) == ["1.0.0"]
    assert client.download_location(source, "1.0.0").endswith("/archives/net-1.0.0.tgz")
    assert all(h.get("Authorization") == "Bearer tok-123" for h in http_server.request_headers)
    assert host_env_suffix("my-registry.example.com") == "my__registry_example_com"


def test_host_without_module_service(http_server: LoopbackServer) -> None:
    http_server.serve_bytes("/.well-known/terraform.json", b'{"providers.v1": "/v1/providers/"}')
    client = RegistryClient({HOST: http_server.base})
    with pytest.raises(RegistryError, match="does not provide a module registry"):
        client.versions(RegistrySource(HOST, "ns", "net", "aws"))


def test_matches_terraform_with_the_recorded_registry(tmp_path: Path, http_server: LoopbackServer) -> None:
    fixture = FIXTURES / "registry"
    versions = json.loads((fixture / "versions.json").read_text())
    package = make_tar([
        ("file", path.relative_to(fixture / "package").as_posix(), path.read_text())
        for path in sorted((fixture / "package").rglob("*")) if path.is_file()
    ])
    http_server.serve_bytes("/.well-known/terraform.json", b'{"modules.v1": "/v1/modules/"}')
    http_server.serve_bytes("/v1/modules/ns/net/aws/versions", json.dumps({"modules": [{"versions": [{"version": v} for v in versions]}]}).encode())
    http_server.serve_bytes("/archives/package.tgz", package)
    for version in versions:
        http_server.serve_bytes(f"/v1/modules/ns/net/aws/{version}/download", b"", 204, {"X-Terraform-Get": "/archives/package.tgz"})
    shutil.copytree(fixture / "root", tmp_path / "root")
    lines: list[str] = []
    result = install_modules(str(tmp_path / "root"), options(http_server, progress=lines.append))
    assert result.ok, [d.detail for d in result.diagnostics]
    golden = json.loads((FIXTURES / "goldens" / "registry_modules_json.json").read_text())
    assert (tmp_path / "root/.terraform/modules/modules.json").read_text() == golden["modules_json"]
    assert lines == golden["progress"]
