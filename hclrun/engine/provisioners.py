"""Provisioners: ``local-exec`` runs a command on this machine after create (or before destroy).

Output lines go to ``Hooks.provisioner_output``. A failing command is an
error unless ``on_failure = continue``; the caller taints a freshly created
object whose create-time provisioner failed, as Terraform does.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
from collections.abc import Mapping

from hclrun.addrs import AbsResourceInstance
from hclrun.config.model import Provisioner
from hclrun.diagnostics import Diagnostics
from hclrun.engine.options import Hooks
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.syntax import ast
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import STRING, ListType, MapType
from hclrun.values.value import Value

# Commands running now, so that an interrupt can stop them (Terraform kills them).
_RUNNING: set[subprocess.Popen[str]] = set()
_RUNNING_LOCK = threading.Lock()


def stop_provisioners() -> None:
    """Kill every running provisioner command; their resources then fail (and are tainted)."""
    with _RUNNING_LOCK:
        for process in list(_RUNNING):
            if process.poll() is None:
                process.kill()


def _attribute(body: ast.Body, name: str) -> ast.Attribute | None:
    for item in body.items:
        if isinstance(item, ast.Attribute) and item.name == name:
            return item
    return None


def _evaluate(body: ast.Body, name: str, want: object, scope: Scope, diags: Diagnostics) -> Value | None:
    attr = _attribute(body, name)
    if attr is None:
        return None
    value, value_diags = evaluate(attr.expr, scope)
    diags.extend(value_diags)
    if value_diags.has_errors():
        return None
    plain, _ = value.unmark_deep()
    try:
        return convert(plain, want)  # type: ignore[arg-type]
    except ConversionError as exc:
        diags.error("Incorrect attribute value type", f'Inappropriate value for attribute "{name}": {exc}.', attr.expr.range)
        return None


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
        failure = _local_exec(addr, provisioner, scope, hooks, environment, diags)
        if failure and provisioner.on_failure != "continue":
            return diags, True
    return diags, False


def _local_exec(
    addr: AbsResourceInstance,
    provisioner: Provisioner,
    scope: Scope,
    hooks: Hooks,
    environment: Mapping[str, str],
    diags: Diagnostics,
) -> bool:
    body = provisioner.body
    local = Diagnostics()
    command = _evaluate(body, "command", STRING, scope, local)
    interpreter = _evaluate(body, "interpreter", ListType(STRING), scope, local)
    env = _evaluate(body, "environment", MapType(STRING), scope, local)
    workdir = _evaluate(body, "working_dir", STRING, scope, local)
    diags.extend(local)
    if local.has_errors() or command is None or command.is_null:
        return True
    argv = ["/bin/sh", "-c"]
    if interpreter is not None and not interpreter.is_null and interpreter.raw:
        argv = [str(v.raw) for v in interpreter.raw]
    argv.append(str(command.raw))
    full_env = dict(os.environ)
    full_env.update(environment)
    if env is not None and not env.is_null:
        full_env.update({k: str(v.raw) for k, v in env.raw.items()})
    cwd = str(workdir.raw) if workdir is not None and not workdir.is_null and workdir.raw else None
    quoted = " ".join(json.dumps(arg, ensure_ascii=False) for arg in argv)
    hooks.provisioner_output(addr, "local-exec", f"Executing: [{quoted}]")
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=full_env, cwd=cwd, text=True, errors="replace"
    )
    with _RUNNING_LOCK:
        _RUNNING.add(process)
    output: list[str] = []
    assert process.stdout is not None
    try:
        for line in process.stdout:
            output.append(line)
            hooks.provisioner_output(addr, "local-exec", line.rstrip("\n"))
        status = process.wait()
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(process)
    if status != 0:
        how = f"signal: {_signal_name(-status)}" if status < 0 else f"exit status {status}"
        diags.error(
            "local-exec provisioner error",
            f"Error running command '{command.raw}': {how}. Output: {''.join(output)}",
            provisioner.decl_range,
        )
        return True
    return False


def _signal_name(number: int) -> str:
    """Go's name for a signal that ended a command (``killed``, ``terminated``, ``interrupt``)."""
    names = {int(signal.SIGKILL): "killed", int(signal.SIGTERM): "terminated", int(signal.SIGINT): "interrupt"}
    return names.get(number, f"signal {number}")
