"""``hclrun apply`` when the state cannot be written, compared with what
terraform did in the same situation (fixtures/cli/readonly/, recorded by
scripts/record_readonly_goldens).

Permission bits do not stop root, so under root the commands run as the
unprivileged user ``nobody`` through ``setpriv``. Where terraform loses the
state (it reports an errored.tfstate it could not write, or nothing at all
with ``-lock=false``), hclrun keeps it in the temporary directory instead.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.recorded_cases import ours, paragraphs

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cli" / "readonly"
AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TEMPORARY_ERRORED = re.compile(r'the file "([^"]+errored-[^"]+\.tfstate)"')


class Runner:
    """How to start hclrun as a user that permission bits apply to."""

    def __init__(self, prefix: list[str], python: str, env: dict[str, str]) -> None:
        self.prefix = prefix
        self.python = python
        self.env = env
        self.as_root = bool(prefix)

    def run(self, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.prefix, self.python, "-m", "hclrun", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            env={**self.env, "HOME": str(cwd.parent)},
            timeout=120,
        )


def _import_path(package_root: Path, site_dirs: list[str]) -> str:
    return os.pathsep.join([str(package_root), *site_dirs])


def _link_or_copy(src: str, dst: str) -> object:
    """A hard link where the file system allows one (fast, and the file's own mode applies), else a copy."""
    try:
        os.link(src, dst)
        return dst
    except OSError:
        return shutil.copy2(src, dst)


def _probe(prefix: list[str], python: str, pythonpath: str) -> bool:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": pythonpath, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        proc = subprocess.run(
            [*prefix, python, "-c", "import hclrun.cli.main"], cwd="/", capture_output=True, env=env, timeout=60
        )
    except OSError:
        return False
    return proc.returncode == 0


def _interpreters() -> list[str]:
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    found = [sys.executable, os.path.realpath(sys.executable), f"/usr/bin/{version}", f"/usr/local/bin/{version}"]
    return [p for i, p in enumerate(found) if os.path.isfile(p) and p not in found[:i]]


def _find_runner(copies: Path) -> Runner | str:
    """A working runner, or why there is none."""
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "HCLRUN_"))}
    base_env["PYTHONUNBUFFERED"] = "1"
    base_env["PYTHONDONTWRITEBYTECODE"] = "1"
    if os.geteuid() != 0:
        return Runner([], sys.executable, base_env)
    if shutil.which("setpriv") is None:
        return "running as root and setpriv is not installed, so permission bits cannot be made to apply"
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        return "running as root and there is no user 'nobody' to run hclrun as"
    # The checkout and its environment, else a copy of both the unprivileged user can read
    # (a checkout inside a private directory, such as one made by mktemp, is out of its reach).
    copy = copies / "src"
    site_dirs = site.getsitepackages()
    copied_site_dirs = [str(copies / f"site-{i}") for i in range(len(site_dirs))]
    for root, dirs in ((ROOT, site_dirs), (copy, copied_site_dirs)):
        if root == copy:
            shutil.copytree(ROOT / "hclrun", copy / "hclrun", ignore=shutil.ignore_patterns("__pycache__"))
            shutil.copytree(ROOT / "grammar", copy / "grammar")  # found beside the package in a checkout
            for source, target in zip(site_dirs, copied_site_dirs, strict=True):
                if os.path.isdir(source):
                    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"),
                                    copy_function=_link_or_copy, symlinks=True)  # fmt: skip
            for path in [copies, *copies.rglob("*")]:
                if path.is_symlink() or (path.is_file() and path.stat().st_nlink > 1):
                    continue  # a link: its target's mode is the environment's own, left as it is
                path.chmod(0o755 if path.is_dir() else 0o644)
        pythonpath = _import_path(root, dirs)
        for python in _interpreters():
            if _probe(AS_NOBODY, python, pythonpath):
                return Runner(AS_NOBODY, python, {**base_env, "PYTHONPATH": pythonpath})
    return (
        f"no Python interpreter among {_interpreters()} can import hclrun as user 'nobody' (from the checkout or a "
        f"copy of it and of the site-packages {site.getsitepackages()}): make them readable by that user"
    )


@pytest.fixture(scope="module")
def runner() -> Iterator[Runner]:
    copies = Path(tempfile.mkdtemp(prefix="hclrun-readonly-src-"))
    copies.chmod(0o755)
    try:
        found = _find_runner(copies)
        if isinstance(found, str):
            if os.environ.get("CI") == "true" and shutil.which("setpriv") is not None:
                pytest.fail(f"read-only state tests cannot run: {found}")
            pytest.skip(found)
        yield found
    finally:
        shutil.rmtree(copies, ignore_errors=True)


def _chown_tree(top: Path) -> None:
    for path in [top, *top.rglob("*")]:
        shutil.chown(path, "nobody", "nogroup")


def _writable_again(top: Path) -> None:
    for path in [top, *top.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)


@pytest.fixture
def home() -> Iterator[Path]:
    """A directory outside pytest's private temporary tree, so that 'nobody' can reach it."""
    top = Path(tempfile.mkdtemp(prefix="hclrun-readonly-"))
    top.chmod(0o755)
    try:
        yield top
    finally:
        _writable_again(top)
        shutil.rmtree(top, ignore_errors=True)


def _listing(work: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Files (not .terraform's) and the resource instances of every state file, as the recorder lists them."""
    files: list[str] = []
    states: dict[str, list[str]] = {}
    for path in sorted(work.rglob("*")):
        rel = path.relative_to(work).as_posix()
        # hclrun's change journal (emptied once the state went to errored.tfstate) has no terraform counterpart.
        if rel.startswith(".terraform/") or path.is_dir() or rel == ".terraform.lock.hcl" or rel.endswith(".journal"):
            continue
        files.append(rel)
        if rel.endswith(".tfstate") and path.stat().st_size:
            states[rel] = _instances(path)
    return files, states


def _instances(path: Path) -> list[str]:
    doc = json.loads(path.read_text())
    return sorted(
        f'{r["type"]}.{r["name"]}' + (f'[{i["index_key"]}]' if "index_key" in i else "")
        for r in doc["resources"]
        if r["mode"] == "managed"
        for i in r["instances"]
    )


class Step:
    """One command: what terraform recorded, what hclrun did and the directory afterwards."""

    def __init__(self, want: dict[str, Any], got: subprocess.CompletedProcess[str], work: Path) -> None:
        self.want = want
        self.got = got
        self.files, self.states = _listing(work)

    def want_states(self) -> dict[str, list[str]]:
        return {name: summary["instances"] for name, summary in self.want["states"].items()}


def _replay(case: str, runner: Runner, home: Path) -> list[Step]:
    """Each of the case's commands with what terraform recorded for it."""
    spec = json.loads((CASES / case / "case.json").read_text())
    recorded = json.loads((CASES / case / "recorded.json").read_text())
    work = home / "work"
    shutil.copytree(CASES / case, work, ignore=shutil.ignore_patterns("case.json", "recorded.json"))
    if runner.as_root:
        _chown_tree(home)
    init = runner.run(["init", "-input=false", "-no-color"], work)
    assert init.returncode == 0, init.stderr
    results = []
    commands = iter(recorded)
    for step in spec["steps"]:
        if "chmod" in step:
            (work / step["chmod"]).chmod(int(step["mode"], 8))
            continue
        results.append(Step(next(commands), runner.run(step["args"], work), work))
    return results


def _text(terraform_output: str) -> str:
    """Terraform's words as hclrun says them, ids and wrapping aside."""
    text = ours(terraform_output).replace("terraform state push", "hclrun state push")
    return paragraphs(UUID.sub("ID", re.sub(r"\x1b\[[0-9;]*m", "", text)))


def _ours(output: str) -> str:
    return paragraphs(UUID.sub("ID", output))


def _reason(stderr: str) -> str:
    """A one-line error without colours, frame or serial numbers."""
    text = re.sub(r"[╷│╵]|Error: Failed to write state|Failed to write state:", " ", re.sub(r"\x1b\[[0-9;]*m", "", stderr))
    return paragraphs(re.sub(r"serial \d+", "serial N", text))


def _after(text: str, heading: str) -> str:
    at = text.find(heading)
    assert at >= 0, f"{heading!r} not in {text!r}"
    return text[at:]


@pytest.mark.parametrize("case", ["lock_fresh_dir", "lock_existing_state"])
def test_read_only_directory_refuses_the_lock(case: str, runner: Runner, home: Path) -> None:
    *earlier, last = _replay(case, runner, home)
    for step in earlier:
        assert step.got.returncode == step.want["exit_code"] == 0, step.got.stderr
    assert last.got.returncode == last.want["exit_code"] == 1
    assert _ours(last.got.stderr) == _text(last.want["stderr"])
    assert last.got.stdout == last.want["stdout"] == ""
    assert last.files == last.want["files"]
    assert last.states == last.want_states()


def _temporary_errored(stderr: str) -> list[str]:
    """The instances of the errored state hclrun wrote to the temporary directory (which it then removes)."""
    match = TEMPORARY_ERRORED.search(" ".join(stderr.split()))
    assert match is not None, stderr
    path = Path(match.group(1))
    try:
        return _instances(path)
    finally:
        path.unlink()


def test_no_lock_fresh_read_only_directory_keeps_the_state(runner: Runner, home: Path) -> None:
    [step] = _replay("nolock_fresh_dir", runner, home)
    # terraform reports success and drops the state (its write error is swallowed).
    assert step.want["exit_code"] == 0 and step.want["stderr"] == "" and step.want["files"] == ["main.tf"]
    assert step.got.returncode == 1
    shown = _ours(step.got.stderr)
    assert "Error: Failed to save state Error saving state: open terraform.tfstate: permission denied" in shown
    assert (
        "Error: Failed to create local state file Error creating local state file for recovery: "
        "open errored.tfstate: permission denied"
    ) in shown
    assert _temporary_errored(step.got.stderr) == ["terraform_data.a"]
    applied = step.want["stdout"][: step.want["stdout"].index("\nApply complete!")]
    assert _ours(step.got.stdout).startswith(_text(applied))
    # Without a journal beside the state, hclrun says the changes are only saved at the end.
    assert "Warning: State changes are not journaled" in step.got.stdout
    assert step.files == ["main.tf"]


def test_no_lock_read_only_directory_with_state_keeps_the_state(runner: Runner, home: Path) -> None:
    first, step = _replay("nolock_existing_state", runner, home)
    assert first.got.returncode == first.want["exit_code"] == 0, first.got.stderr
    assert step.got.returncode == step.want["exit_code"] == 1
    # Terraform's save error, word for word (it also reports the failed per-resource write first).
    saved = _after(_text(step.want["stderr"]), "Error: Failed to save state")
    saved = saved[: saved.index(" Error: Failed to persist")]
    assert _after(_ours(step.got.stderr), "Error: Failed to save state").startswith(saved)
    # terraform then claims an errored.tfstate it could not write; hclrun writes one elsewhere.
    assert "errored.tfstate" not in step.want["files"]
    assert _temporary_errored(step.got.stderr) == ["terraform_data.a"]
    assert step.files == step.want["files"]
    assert step.states == step.want_states()


def test_state_directory_made_read_only_during_apply(runner: Runner, home: Path) -> None:
    new, first, failed, *pushes = _replay("workspace_locked_down", runner, home)
    for step in (new, first):
        assert step.got.returncode == step.want["exit_code"] == 0, step.got.stderr
    assert failed.got.returncode == failed.want["exit_code"] == 1
    # terraform first reports its failed per-resource write, which hclrun (journaling instead) does not make.
    assert _ours(failed.got.stderr) == _after(_text(failed.want["stderr"]), "Error: Failed to save state")
    # The state is untouched, errored.tfstate is in the working directory and the lock info stays behind.
    assert failed.files == failed.want["files"]
    stored = "terraform.tfstate.d/ro/terraform.tfstate"
    assert failed.states[stored] == failed.want_states()[stored] == ["terraform_data.kept"]
    # terraform stops at the failed write; hclrun, whose journal still works, finishes the apply.
    want_errored = failed.want_states()["errored.tfstate"]
    assert want_errored == ["terraform_data.kept", "terraform_data.lock_down[0]"]
    everything = sorted([*want_errored, "terraform_data.after[0]"])
    assert failed.states["errored.tfstate"] == everything
    # The instructions: a plain push is refused (same serial, different content), -force stores it.
    # (hclrun shows the refusal as a diagnostic box, terraform as one red line; serials differ as
    # terraform writes the state after every resource.)
    for step in pushes:
        assert step.got.returncode == step.want["exit_code"], step.got.stderr
        assert _reason(step.got.stderr) == _reason(step.want["stderr"])
        assert step.files == step.want["files"]
    assert sorted(pushes[-1].got.stdout.split()) == everything
    assert pushes[-1].states[stored] == everything
