"""Provisioners: ``local-exec`` runs a command on this machine after create (or before destroy).

Each step is reported through ``Hooks.pre_provision`` / ``post_provision``,
and the command's output through ``Hooks.provisioner_output`` (first the
``Executing: [...]`` line, then each line as it comes). A failing command is
an error attributed to the resource instance unless ``on_failure =
continue``; the caller taints a freshly created object whose create-time
provisioner failed, as Terraform does. When the configuration holds a
sensitive value, every output line is replaced by a notice.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from hclrun.addrs import AbsResourceInstance
from hclrun.config.model import Provisioner
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.engine.options import Hooks
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.source import Pos, Range
from hclrun.syntax import ast
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.strings import go_quote
from hclrun.values.types import BOOL, STRING, ListType, MapType
from hclrun.values.value import EPHEMERAL, SENSITIVE, Value

# Commands running now, so that an interrupt can stop them (Terraform kills them).
_RUNNING: set[subprocess.Popen[bytes]] = set()
_RUNNING_LOCK = threading.Lock()

# How much of a failed command's output its error quotes (the end of it).
OUTPUT_LIMIT = 8 * 1024

_SUPPRESSED = {
    frozenset({SENSITIVE}): "(output suppressed due to sensitive value in config)",
    frozenset({EPHEMERAL}): "(output suppressed due to ephemeral value in config)",
    frozenset({SENSITIVE, EPHEMERAL}): "(output suppressed due to sensitive, ephemeral value in config)",
}


def stop_provisioners() -> None:
    """Kill every running provisioner command; their resources then fail (and are tainted)."""
    with _RUNNING_LOCK:
        for process in list(_RUNNING):
            if process.poll() is None:
                process.kill()


@dataclass
class LocalExecConfig:
    """The evaluated arguments of a ``local-exec`` block, and the marks they carried."""

    command: str
    interpreter: list[str]
    environment: dict[str, str]
    working_dir: str
    quiet: bool
    marks: frozenset[str]


def _attribute(body: ast.Body, name: str) -> ast.Attribute | None:
    for item in body.items:
        if isinstance(item, ast.Attribute) and item.name == name:
            return item
    return None


def _evaluate(body: ast.Body, name: str, want: object, scope: Scope, diags: Diagnostics, marks: set[str]) -> Value | None:
    attr = _attribute(body, name)
    if attr is None:
        return None
    value, value_diags = evaluate(attr.expr, scope)
    diags.extend(value_diags)
    if value_diags.has_errors():
        return None
    plain, found = value.unmark_deep()
    marks.update(found)
    try:
        return convert(plain, want)  # type: ignore[arg-type]
    except ConversionError as exc:
        diags.error("Incorrect attribute value type", f'Inappropriate value for attribute "{name}": {exc}.', attr.expr.range)
        return None


def _known(value: Value | None) -> bool:
    return value is not None and not value.is_null


def local_exec_config(body: ast.Body, scope: Scope, diags: Diagnostics) -> LocalExecConfig | None:
    """The block's arguments evaluated in ``scope``; None (with diagnostics) when they cannot be."""
    local = Diagnostics()
    marks: set[str] = set()
    command = _evaluate(body, "command", STRING, scope, local, marks)
    interpreter = _evaluate(body, "interpreter", ListType(STRING), scope, local, marks)
    env = _evaluate(body, "environment", MapType(STRING), scope, local, marks)
    workdir = _evaluate(body, "working_dir", STRING, scope, local, marks)
    quiet = _evaluate(body, "quiet", BOOL, scope, local, marks)
    diags.extend(local)
    if local.has_errors() or command is None or command.is_null:
        return None
    return LocalExecConfig(
        command=str(command.raw),
        interpreter=[str(v.raw) for v in interpreter.raw if not v.is_null] if _known(interpreter) else [],  # type: ignore[union-attr]
        environment={k: str(v.raw) for k, v in env.raw.items() if not v.is_null} if _known(env) else {},  # type: ignore[union-attr]
        working_dir=str(workdir.raw) if _known(workdir) else "",  # type: ignore[union-attr]
        quiet=bool(quiet.raw) if _known(quiet) else False,  # type: ignore[union-attr]
        marks=frozenset(marks) & {SENSITIVE, EPHEMERAL},
    )


def run_provisioners(
    addr: AbsResourceInstance,
    provisioners: tuple[Provisioner, ...],
    when: str,
    scope: Scope,
    hooks: Hooks,
    environment: Mapping[str, str],
) -> tuple[Diagnostics, bool]:
    """Run the provisioners for ``when``; returns diagnostics and whether one failed with ``on_failure = fail``."""
    diags = Diagnostics()
    for provisioner in provisioners:
        if provisioner.when != when:
            continue
        if provisioner.type != "local-exec":
            diags.error(
                "Unsupported provisioner",
                f'The provisioner "{provisioner.type}" is not supported; only "local-exec" is available.',
                provisioner.decl_range,
            )
            return diags, True
        config = local_exec_config(provisioner.body, scope, diags)
        if config is None:
            return diags, True
        hooks.pre_provision(addr, provisioner.type)
        step = Diagnostics(d.with_address(str(addr)) for d in _local_exec(addr, provisioner, config, hooks, environment))
        failed = step.has_errors()
        hooks.post_provision(addr, provisioner.type, failed)
        if not failed:
            diags.extend(step)
        elif provisioner.on_failure != "continue":
            diags.extend(step)
            return diags, True
    return diags, False


def _body_error(provisioner: Provisioner, summary: str, detail: str) -> Diagnostic:
    """An error about the block as a whole: reported at its opening brace, as Terraform does."""
    start = provisioner.body.range.start
    brace = Range(provisioner.body.range.filename, start, Pos(start.line, start.column + 1, start.byte + 1))
    return Diagnostic.error(summary, detail, brace)


def _local_exec(
    addr: AbsResourceInstance,
    provisioner: Provisioner,
    config: LocalExecConfig,
    hooks: Hooks,
    environment: Mapping[str, str],
) -> Diagnostics:
    diags = Diagnostics()
    if config.command == "":
        diags.add(_body_error(provisioner, "Invalid local-exec provisioner command", "The command must be a non-empty string."))
        return diags
    suppressed = _SUPPRESSED.get(config.marks)

    def output(line: str) -> None:
        hooks.provisioner_output(addr, provisioner.type, suppressed if suppressed is not None else line)

    argv = [*(config.interpreter or ["/bin/sh", "-c"]), config.command]
    full_env = {**os.environ, **environment, **config.environment}
    if config.quiet:
        output("local-exec: Executing: Suppressed by quiet=true")
    else:
        output("Executing: [" + " ".join(go_quote(arg) for arg in argv) + "]")
    cwd = config.working_dir or None
    try:
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=full_env, cwd=cwd)
    except OSError as exc:
        diags.add(_command_error(provisioner, config.command, _start_failure(argv[0], cwd, exc), b""))
        return diags
    with _RUNNING_LOCK:
        _RUNNING.add(process)
    captured = bytearray()
    assert process.stdout is not None
    try:
        for raw in process.stdout:
            captured += raw
            if len(captured) > OUTPUT_LIMIT:
                del captured[: len(captured) - OUTPUT_LIMIT]
            output(raw.rstrip(b"\n").rstrip(b"\r").decode("utf-8", "replace"))
        status = process.wait()
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(process)
    if status != 0:
        how = f"signal: {_signal_name(-status)}" if status < 0 else f"exit status {status}"
        diags.add(_command_error(provisioner, config.command, how, bytes(captured)))
    return diags


def _command_error(provisioner: Provisioner, command: str, how: str, output: bytes) -> Diagnostic:
    text = output.decode("utf-8", "replace")
    return _body_error(provisioner, "local-exec provisioner error", f"Error running command '{command}': {how}. Output: {text}")


def _start_failure(program: str, cwd: str | None, exc: OSError) -> str:
    """Go's wording for a command that could not start."""
    if cwd is not None and not os.path.isdir(cwd):
        return f"chdir {cwd}: no such file or directory"
    if "/" not in program:
        return f'exec: "{program}": executable file not found in $PATH'
    reason = (exc.strerror or str(exc)).lower()
    return f"fork/exec {program}: {reason}"


def _signal_name(number: int) -> str:
    """Go's name for a signal that ended a command (``killed``, ``terminated``, ``interrupt``)."""
    names = {int(signal.SIGKILL): "killed", int(signal.SIGTERM): "terminated", int(signal.SIGINT): "interrupt"}
    return names.get(number, f"signal {number}")
