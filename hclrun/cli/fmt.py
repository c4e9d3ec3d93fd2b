"""``hclrun fmt``: rewrite configuration files in the canonical style.

Flags follow Terraform's (Go ``flag`` package) rules rather than click's:
booleans take an optional ``=true|false``, and parsing stops at the first
argument that is not a flag. Output goes through :class:`_Ui`, which like
Terraform's UI writer ends every write with exactly one newline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import field
from typing import BinaryIO

import click

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.records import record
from hclrun.syntax.format import format_source

SUPPORTED_EXTENSIONS = (".tf", ".tfvars", ".tftest.hcl", ".tfmock.hcl")
STDIN_NAME = "<stdin>"

HELP = """Usage: hclrun [global options] fmt [options] [target...]

  Rewrites all Terraform configuration files to a canonical format. All
  configuration files (.tf), variables files (.tfvars), and testing files
  (.tftest.hcl) are updated. JSON files (.tf.json, .tfvars.json, or
  .tftest.json) are not modified.

  By default, fmt scans the current directory for configuration files. If you
  provide a directory for the target argument, then fmt will scan that
  directory instead. If you provide a file, then fmt will process just that
  file. If you provide a single dash ("-"), then fmt will read from standard
  input (STDIN).

  The content must be in the Terraform language native syntax; JSON is not
  supported.

Options:

  -list=false    Don't list files whose formatting differs
                 (always disabled if using STDIN)

  -write=false   Don't write to source files
                 (always disabled if using STDIN or -check)

  -diff          Display diffs of formatting changes

  -check         Check if the input is formatted. Exit status will be 0 if all
                 input is properly formatted and non-zero otherwise.

  -no-color      If specified, output won't contain any color.

  -recursive     Also process files in subdirectories. By default, only the
                 given directory (or current directory) is processed."""

_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


_FLAG_ATTRIBUTES = {"list": "list_files", "write": "write_files", "diff": "show_diff", "no-color": "no_color", "h": "help"}


class FlagError(Exception):
    pass


@record(frozen=False)
class FmtOptions:
    list_files: bool = True
    write_files: bool = True
    show_diff: bool = False
    check: bool = False
    recursive: bool = False
    no_color: bool = False
    help: bool = False
    targets: list[str] = field(default_factory=list)


def parse_flags(args: Sequence[str]) -> FmtOptions:
    """Parse boolean flags up to the first non-flag argument, as Go's flag package does."""
    options = FmtOptions()
    names = {"list", "write", "diff", "check", "recursive", "no-color", "help", "h"}
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            index += 1
            break
        if len(arg) < 2 or not arg.startswith("-"):
            break
        name = arg[2:] if arg.startswith("--") else arg[1:]
        name, has_value, value = name.partition("=")
        if name not in names:
            raise FlagError(f"flag provided but not defined: -{name}")
        if has_value:
            if value in _TRUE:
                flag = True
            elif value in _FALSE:
                flag = False
            else:
                raise FlagError(f'invalid boolean value "{value}" for -{name}: parse error')
        else:
            flag = True
        setattr(options, _FLAG_ATTRIBUTES.get(name, name), flag)
        index += 1
    # The command line front end spells Terraform's -flag as --flag; after the
    # first target nothing is a flag, so give such arguments their spelling back.
    options.targets = [_restore_single_dash(arg) for arg in args[index:]]
    return options


def _restore_single_dash(arg: str) -> str:
    return arg[1:] if arg.startswith("--") and arg[2:3].isalpha() else arg


class _Ui:
    """Writes like Terraform's UI: each write ends with exactly one newline."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def write(self, data: bytes) -> None:
        if data.endswith(b"\n"):
            data = data[:-1]
        self.stream.write(data + b"\n")


class _Buffer:
    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, data: bytes) -> None:
        self.data += data


def _parse_diagnostics(src: bytes, filename: str) -> Diagnostics:
    try:
        from hclrun.syntax.parser import parse_file
    except ImportError:  # the parser is optional for formatting alone
        return Diagnostics()
    _, diags = parse_file(src, filename)
    return Diagnostics(d for d in diags if d.is_error)


def _render(diag: Diagnostic, sources: dict[str, bytes], color: bool) -> str:
    try:
        from hclrun.diagrender import render_diagnostic
    except ImportError:
        return f"\nError: {diag.summary}\n\n{diag.detail}\n"
    return render_diagnostic(diag, sources, color=color)


def _normalize_path(path: str) -> str:
    """The path relative to the working directory, as Terraform reports file names."""
    cwd = os.getcwd()
    absolute = path if os.path.isabs(path) else os.path.join(cwd, path)
    try:
        return os.path.relpath(absolute, cwd)
    except ValueError:
        return os.path.normpath(absolute)


def _is_ignored(name: str) -> bool:
    return name.startswith(".") or name.endswith("~") or (name.startswith("#") and name.endswith("#"))


def _unified_diff(old: bytes, new: bytes, path: str) -> bytes:
    diff_tool = shutil.which("diff")
    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = os.path.join(tmp, "old"), os.path.join(tmp, "new")
        with open(old_path, "wb") as f:
            f.write(old)
        with open(new_path, "wb") as f:
            f.write(new)
        if diff_tool is not None:
            labels = [f"--label=old/{path}", f"--label=new/{path}"]
            done = subprocess.run([diff_tool, *labels, "-u", old_path, new_path], capture_output=True, check=False)
            return done.stdout + done.stderr
    import difflib

    lines = difflib.unified_diff(
        old.decode("utf-8", "surrogateescape").splitlines(True),
        new.decode("utf-8", "surrogateescape").splitlines(True),
        f"old/{path}",
        f"new/{path}",
    )
    return "".join(lines).encode("utf-8", "surrogateescape")


class FmtRun:
    """One invocation: processes targets, collecting diagnostics and sources for rendering."""

    def __init__(self, options: FmtOptions, out: _Ui | _Buffer) -> None:
        self.options = options
        self.out = out
        self.diags = Diagnostics()
        self.sources: dict[str, bytes] = {}

    def error(self, summary: str) -> None:
        self.diags.error(summary)

    def run(self, paths: list[str], stdin: BinaryIO) -> None:
        if not paths:
            if self.options.write_files:
                self.error("Option -write cannot be used when reading from stdin")
                return
            self.process_file(STDIN_NAME, stdin.read())
            return
        for given in paths:
            path = _normalize_path(given)
            if not os.path.exists(path):
                self.error(f"No file or directory at {path}")
                return
            if os.path.isdir(path):
                self.process_dir(path)
            elif path.endswith(SUPPORTED_EXTENSIONS):
                self.read_and_process(path)
            else:
                self.error("Only .tf, .tfvars, and .tftest.hcl files can be processed with terraform fmt")

    def read_and_process(self, path: str) -> None:
        try:
            with open(path, "rb") as f:
                src = f.read()
        except OSError:
            self.error(f"Failed to read file {path}")
            return
        self.process_file(_normalize_path(path), src)

    def process_dir(self, path: str) -> None:
        try:
            names = sorted(os.listdir(path))
        except FileNotFoundError:
            self.error(f"There is no configuration directory at {path}")
            return
        except OSError:
            self.error(f"Cannot read directory {path}")
            return
        for name in names:
            if _is_ignored(name):
                continue
            sub_path = os.path.normpath(os.path.join(path, name))
            if os.path.isdir(sub_path):
                if self.options.recursive:
                    self.process_dir(sub_path)
                continue
            if name.endswith(SUPPORTED_EXTENSIONS):
                self.read_and_process(sub_path)

    def process_file(self, path: str, src: bytes) -> None:
        self.sources[path] = src
        syntax_errors = _parse_diagnostics(src, path)
        if syntax_errors:
            self.diags.extend(syntax_errors)
            return
        result = format_source(src)
        options = self.options
        if result != src:
            if options.list_files:
                self.out.write(path.encode() + b"\n")
            if options.write_files:
                try:
                    with open(path, "wb") as f:
                        f.write(result)
                except OSError:
                    self.error(f"Failed to write {path}")
                    return
            if options.show_diff:
                self.out.write(_unified_diff(src, result, path))
        if not options.list_files and not options.write_files and not options.show_diff:
            self.out.write(result)


def run_fmt(args: Sequence[str], stdin: BinaryIO, stdout: BinaryIO, stderr: BinaryIO) -> int:
    """Run ``fmt`` with Terraform-style arguments; returns the exit status."""
    try:
        options = parse_flags(args)
    except FlagError as exc:
        stderr.write(f"{HELP}\nError parsing command-line flags: {exc}\n\n".encode())
        return 1
    if options.help:
        stdout.write(HELP.encode() + b"\n")
        return 0
    paths = options.targets or ["."]
    if options.targets and options.targets[0] == "-":
        paths = []
        options.list_files = options.write_files = False
    list_changed = options.list_files
    out: _Ui | _Buffer = _Ui(stdout)
    if options.check:
        options.list_files, options.write_files = True, False
        out = _Buffer()
    fmt_run = FmtRun(options, out)
    fmt_run.run(paths, stdin)
    for diag in fmt_run.diags:
        stderr.write(_render(diag, fmt_run.sources, not options.no_color).encode() + b"\n")
    if fmt_run.diags.has_errors():
        return 2
    if isinstance(out, _Buffer):
        if list_changed and out.data:
            _Ui(stdout).write(bytes(out.data))
        return 0 if not out.data else 3
    return 0


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "allow_interspersed_args": False},
    add_help_option=False,
    help="Reformat your configuration in the standard style.",
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def fmt(ctx: click.Context, args: tuple[str, ...]) -> None:
    status = run_fmt(args, sys.stdin.buffer, sys.stdout.buffer, sys.stderr.buffer)
    sys.stdout.flush()
    ctx.exit(status)
