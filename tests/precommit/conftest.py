"""A hook repository made from this checkout's working tree, and git projects that use it through pre-commit.

pre-commit needs a git repository with a committed revision, so the hook
repository is a fresh repository whose one commit is the current working
tree (uncommitted changes included). Its hook environment is installed
once per test session into a session-wide ``PRE_COMMIT_HOME`` and shared by
every project.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
# What pip needs to install hclrun; the rest of the tree is left out of the snapshot.
SKIPPED_TOP_LEVEL = ("fixtures/", "tests/", "scripts/", "examples/", "docs/")
HOOK_IDS = ("hclrun-fmt", "hclrun-validate", "hclrun-lint")


def _require_pre_commit() -> None:
    if importlib.util.find_spec("pre_commit") is not None and shutil.which("git"):
        return
    reason = "pre-commit (the test extra) and git are needed to run the hooks for real"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_IDENTITY}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@dataclass(frozen=True)
class HookRepo:
    path: Path
    rev: str
    pre_commit_home: Path

    def config(self, hooks: str) -> str:
        """A ``.pre-commit-config.yaml`` using this repository; ``hooks`` is the YAML list of hooks."""
        indented = "".join(f"      {line}\n" for line in hooks.strip("\n").splitlines())
        return f"repos:\n  - repo: {self.path}\n    rev: {self.rev}\n    hooks:\n{indented}"


def snapshot_checkout(target: Path) -> str:
    """Copy the working tree (tracked and untracked, not ignored) into a new repository; its commit id."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=CHECKOUT, capture_output=True, check=True,
    ).stdout.decode("utf-8").split("\0")
    for name in listed:
        source = CHECKOUT / name
        if not name or name.startswith(SKIPPED_TOP_LEVEL) or not source.is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return git(target, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HookRepo]:
    _require_pre_commit()
    base = tmp_path_factory.mktemp("hooks")
    repo_dir = base / "hclrun"
    repo_dir.mkdir()
    rev = snapshot_checkout(repo_dir)
    repo = HookRepo(repo_dir, rev, base / "pre-commit-home")
    warm = base / "warm-up"
    warm.mkdir()
    git(warm, "init", "-q")
    (warm / ".pre-commit-config.yaml").write_text(repo.config("- id: hclrun-fmt"))
    installed = run_pre_commit(repo, warm, "install-hooks")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    yield repo


def run_pre_commit(repo: HookRepo, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(repo.pre_commit_home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True)


class Project:
    """A git repository with pre-commit installed as its commit hook."""

    def __init__(self, path: Path, repo: HookRepo) -> None:
        self.path = path
        self.repo = repo

    def write(self, files: dict[str, str]) -> None:
        for name, text in files.items():
            (self.path / name).parent.mkdir(parents=True, exist_ok=True)
            (self.path / name).write_text(text)

    def commit(self, message: str = "change") -> subprocess.CompletedProcess[str]:
        """``git add -A`` and ``git commit``, which runs the hooks; stdout and stderr together."""
        git(self.path, "add", "-A")
        env = {
            **os.environ, **GIT_IDENTITY,
            "PRE_COMMIT_HOME": str(self.repo.pre_commit_home), "PRE_COMMIT_COLOR": "never",
        }
        return subprocess.run(
            ["git", "commit", "-m", message], cwd=self.path, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )

    def commit_count(self) -> int:
        done = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=self.path, capture_output=True, text=True)
        return int(done.stdout.strip()) if done.returncode == 0 else 0


@pytest.fixture
def make_project(hook_repo: HookRepo, tmp_path: Path):  # type: ignore[no-untyped-def]
    """``make_project(hooks_yaml)``: a fresh git repository whose commits run those hooks."""

    def make(hooks: str = "\n".join(f"- id: {hook_id}" for hook_id in HOOK_IDS)) -> Project:
        path = tmp_path / "project"
        path.mkdir()
        git(path, "init", "-q")
        (path / ".pre-commit-config.yaml").write_text(hook_repo.config(hooks))
        installed = run_pre_commit(hook_repo, path, "install")
        assert installed.returncode == 0, installed.stdout + installed.stderr
        return Project(path, hook_repo)

    return make
