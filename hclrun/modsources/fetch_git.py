"""Fetching a module package with the ``git`` client.

``?ref=`` selects a tag, branch or commit and ``?depth=`` limits history;
both are removed from the URL given to git. A tag or branch is cloned
shallowly with ``--branch``; a commit id needs a full clone and a checkout.
Git never prompts: ``GIT_TERMINAL_PROMPT=0`` and ssh in batch mode, so a
missing credential fails instead of hanging. Error output is scrubbed of the
address's secrets before it reaches a message.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from hclrun.modsources.redact import scrub, secrets_in

_COMMIT_ID = re.compile(r"^[0-9a-fA-F]{7,64}$")
GIT_TIMEOUT_SECONDS = 600


class GitError(Exception):
    """A failed git operation; the message is safe to show."""


def git_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    env.pop("GIT_ASKPASS", None)
    env.pop("SSH_ASKPASS", None)
    return env


def split_git_url(url: str) -> tuple[str, str | None, int | None]:
    """The clone URL without ``ref``/``depth``, the ref, and the depth."""
    base, sep, query = url.partition("?")
    if not sep:
        return url, None, None
    ref: str | None = None
    depth: int | None = None
    kept = []
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name == "ref":
            ref = value or None
        elif name == "depth":
            try:
                depth = int(value)
            except ValueError:
                raise GitError(f"ref argument depth must be an integer: {value!r}") from None
        elif name == "sshkey":
            raise GitError("the sshkey argument is not supported; configure the key for ssh instead")
        else:
            kept.append((name, value))
    return (base + "?" + urlencode(kept) if kept else base), ref, depth


def _run(args: list[str], cwd: Path | None, secrets: list[str]) -> str:
    import subprocess  # loaded by the first git command only

    try:
        proc = subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=git_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_SECONDS,
        )
    except FileNotFoundError:
        raise GitError("git must be available and on the PATH") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not finish within {GIT_TIMEOUT_SECONDS} seconds") from None
    if proc.returncode != 0:
        output = scrub(proc.stderr.strip() or proc.stdout.strip(), secrets)
        raise GitError(f"git exited with {proc.returncode}: {output}")
    return proc.stdout


def fetch_git(url: str, dest: Path) -> str:
    """Clone ``url`` (with its ``ref``/``depth`` arguments) into the new directory ``dest``; the commit id."""
    secrets = secrets_in(url)
    clone_url, ref, depth = split_git_url(url)
    if ref is not None and _COMMIT_ID.match(ref):
        # A hex ref is usually a commit id, but a tag or branch may look the same.
        try:
            _clone_branch(clone_url, ref, depth or 1, dest, secrets)
        except GitError:
            shutil.rmtree(dest, ignore_errors=True)
            _run(["clone", "--quiet", "--", clone_url, str(dest)], None, secrets)
            _run(["-c", "advice.detachedHead=false", "checkout", "--quiet", ref], dest, secrets)
    elif ref is not None:
        _clone_branch(clone_url, ref, depth or 1, dest, secrets)
    else:
        args = ["clone", "--quiet"] + (["--depth", str(depth)] if depth else ["--depth", "1"])
        _run([*args, "--", clone_url, str(dest)], None, secrets)
    _update_submodules(dest, secrets)
    return head_commit(dest)


def _clone_branch(clone_url: str, ref: str, depth: int, dest: Path, secrets: list[str]) -> None:
    _run(
        ["clone", "--quiet", "--depth", str(depth), "--branch", ref, "--", clone_url, str(dest)],
        None,
        secrets,
    )


def _update_submodules(dest: Path, secrets: list[str]) -> None:
    if (dest / ".gitmodules").is_file():
        _run(["submodule", "update", "--init", "--recursive", "--quiet"], dest, secrets)


def head_commit(repo: Path) -> str:
    return _run(["rev-parse", "HEAD"], repo, []).strip()
