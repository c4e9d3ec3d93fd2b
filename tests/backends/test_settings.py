"""Backend settings: the hash terraform records, the saved file, -backend-config merging."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hclrun.backends.configure import configure_backend
from hclrun.backends.initcheck import INIT_REQUIRED, INIT_REQUIRED_CHANGED, backend_in_use
from hclrun.backends.overrides import apply_overrides
from hclrun.backends.settings import BackendSettings, go_quote, read_saved, settings_hash, write_saved
from hclrun.config.loader import load_module

# Hashes terraform 1.11 wrote into .terraform/terraform.tfstate for these blocks.
RECORDED_HASHES = [
    ({"path": None, "workspace_dir": None}, 666019178),
    ({"path": "states/my.tfstate", "workspace_dir": "wsdir"}, 2543391827),
    ({"path": "states/other.tfstate", "workspace_dir": "wsdir"}, 2709846717),
]


@pytest.mark.parametrize(("config", "expected"), RECORDED_HASHES)
def test_hash_matches_terraform(config: dict[str, str | None], expected: int) -> None:
    assert settings_hash("local", config) == expected


@pytest.mark.parametrize(
    ("text", "quoted"),
    [("plain", '"plain"'), ('a"b\\c', '"a\\"b\\\\c"'), ("tab\there\n", '"tab\\there\\n"'), ("\x01", '"\\x01"'), ("é", '"é"')],
)
def test_go_quote(text: str, quoted: str) -> None:
    assert go_quote(text) == quoted


def test_saved_file_round_trips_in_terraforms_layout(tmp_path: Path) -> None:
    settings = BackendSettings("local", {"path": "a.tfstate", "workspace_dir": None}, 12)
    write_saved(str(tmp_path), settings)
    text = (tmp_path / "terraform.tfstate").read_text()
    assert not text.endswith("\n")
    assert list(json.loads(text)) == ["version", "terraform_version", "backend"]
    assert read_saved(str(tmp_path)) == settings


def test_overrides_merge_pairs_and_files(tmp_path: Path) -> None:
    (tmp_path / "be.hcl").write_text('path = "from-file.tfstate"\n')
    base = BackendSettings("local", {"path": "block.tfstate", "workspace_dir": None}, 7)
    merged, diags = apply_overrides(base, [str(tmp_path / "be.hcl"), "workspace_dir=ws"])
    assert not diags.has_errors()
    assert merged.config == {"path": "from-file.tfstate", "workspace_dir": "ws"}
    assert merged.hash == 7
    _, bad = apply_overrides(base, ["nope=1", str(tmp_path / "missing.hcl")])
    assert [d.summary for d in bad] == ["Invalid backend configuration argument", "Failed to read file"]


def _block(tmp_path: Path, body: str, backend_type: str = "local"):  # type: ignore[no-untyped-def]
    (tmp_path / "main.tf").write_text(f'terraform {{\n  backend "{backend_type}" {{\n{body}\n  }}\n}}\n')
    module, _ = load_module(str(tmp_path))
    return module.backend


def test_command_needs_init_when_block_is_new_changed_or_removed(tmp_path: Path) -> None:
    block = _block(tmp_path, '    path = "a.tfstate"')
    _, diags = backend_in_use(block, None)
    assert [d.summary for d in diags] == [INIT_REQUIRED]
    data = tmp_path / ".terraform"
    assert not configure_backend(str(data), block, []).diagnostics.has_errors()
    saved = read_saved(str(data))
    assert backend_in_use(block, saved)[0] == saved
    assert not backend_in_use(block, saved)[1].has_errors()
    changed = _block(tmp_path, '    path = "b.tfstate"')
    assert [d.summary for d in backend_in_use(changed, saved)[1]] == [INIT_REQUIRED_CHANGED]
    assert "Unsetting the previously set backend" in backend_in_use(None, saved)[1].errors().__next__().detail
    refused = configure_backend(str(data), changed, [])
    assert [d.summary for d in refused.diagnostics] == ["Backend configuration changed"]
    assert configure_backend(str(data), changed, [], reconfigure=True).configured == "local"
    assert read_saved(str(data)).value("path") == "b.tfstate"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("backend_type", "wording"),
    [("s3", 'hclrun does not implement the "s3" backend yet'), ("pg", 'the "pg" backend'), ("nosuch", 'no backend type named "nosuch"')],
)
def test_backends_hclrun_lacks_are_named(tmp_path: Path, backend_type: str, wording: str) -> None:
    block = _block(tmp_path, "", backend_type)
    result = configure_backend(str(tmp_path / ".terraform"), block, [])
    assert [d.summary for d in result.diagnostics] == ["Unsupported backend type"]
    assert wording in result.diagnostics.errors().__next__().detail
    assert read_saved(str(tmp_path / ".terraform")) is None


def test_block_arguments_are_checked(tmp_path: Path) -> None:
    block = _block(tmp_path, '    pth = "x"')
    result = configure_backend(str(tmp_path / ".terraform"), block, [])
    detail = result.diagnostics.errors().__next__().detail
    assert detail == 'An argument named "pth" is not expected here. Did you mean "path"?'


def test_backend_config_without_a_block_warns_and_records_nothing(tmp_path: Path) -> None:
    result = configure_backend(str(tmp_path / ".terraform"), None, ["path=x.tfstate"])
    assert [(d.summary, d.is_error) for d in result.diagnostics] == [("Missing backend configuration", False)]
    assert result.configured is None
    assert read_saved(str(tmp_path / ".terraform")) is None


def test_working_dir_stores_state_where_init_recorded(tmp_path: Path) -> None:
    from hclrun.operations.workdir import WorkingDir

    wd = WorkingDir(str(tmp_path))
    assert wd.backend().state_path("default") == str(tmp_path / "terraform.tfstate")
    write_saved(wd.data_dir, BackendSettings("local", {"path": "states/my.tfstate", "workspace_dir": "ws"}, 1))
    backend = wd.backend()
    assert backend.state_path("default") == str(tmp_path / "states" / "my.tfstate")
    assert backend.backup_path("default") == str(tmp_path / "states" / "my.tfstate.backup")
    assert backend.journal_path("default") == str(tmp_path / "states" / "my.tfstate.journal")
    assert backend.lock_info_path("default") == str(tmp_path / "states" / ".my.tfstate.lock.info")
    assert backend.state_path("dev") == str(tmp_path / "ws" / "dev" / "terraform.tfstate")
