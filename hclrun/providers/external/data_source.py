"""The ``external`` data source: runs a program with the query as a JSON object on
stdin and reads a JSON object of strings from its stdout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from hclrun.diagnostics import Diagnostic
from hclrun.providers.framework import DataSourceType
from hclrun.providers.objects import with_attrs
from hclrun.providers.paths import attribute_error
from hclrun.values.types import STRING
from hclrun.values.value import Value

_LOOKUP_HELP = (
    "The data source received an unexpected error while attempting to parse the query. "
    "The data source received an unexpected error while attempting to find the program.\n\n"
    "The program must be accessible according to the platform where Terraform is running.\n\n"
    "If the expected program should be automatically found on the platform where Terraform is running, "
    "ensure that the program is in an expected directory. On Unix-based platforms, these directories are "
    "typically searched based on the '$PATH' environment variable. On Windows-based platforms, these "
    "directories are typically searched based on the '%PATH%' environment variable.\n\n"
    "If the expected program is relative to the Terraform configuration, it is recommended that the program "
    "name includes the interpolated value of 'path.module' before the program name to ensure that it is "
    'compatible with varying module usage. For example: "${path.module}/my-program"\n\n'
    "The program must also be executable according to the platform where Terraform is running. On Unix-based "
    "platforms, the file on the filesystem must have the executable bit set. On Windows-based platforms, no "
    "action is typically necessary.\n"
)
_RESULTS_HELP = (
    "The data source received unexpected results after executing the program.\n\n"
    "Program output must be a JSON encoded map of string keys and string values.\n\n"
    "If the error is unclear, the output can be viewed by enabling Terraform's logging at TRACE level. "
    "Terraform documentation on logging: https://www.terraform.io/internals/debugging\n"
)


def _exit_state(code: int) -> str:
    """Go's ``*exec.ExitError`` text."""
    if code < 0:
        return f"signal: {_signal_name(-code)}"
    return f"exit status {code}"


def _signal_name(sig: int) -> str:
    import signal

    try:
        return {signal.SIGKILL: "killed", signal.SIGTERM: "terminated", signal.SIGINT: "interrupt"}.get(
            signal.Signals(sig), signal.Signals(sig).name.lower()
        )
    except ValueError:
        return str(sig)


def _resolve(program: str, working_dir: str | None) -> str | None:
    if os.sep in program:
        return program if os.path.isfile(program) and os.access(program, os.X_OK) else None
    return shutil.which(program)


class ExternalDataSource(DataSourceType):
    name = "external"

    def read(self, config: Value) -> tuple[Value, list[Diagnostic]]:
        raw = config.raw
        program = [e.raw for e in raw["program"].raw if not e.is_null and e.raw != ""]
        if not program:
            return config, [
                attribute_error(
                    ("program",),
                    "External Program Missing",
                    "The data source was configured without a program to execute. Verify the configuration contains at least one non-empty value.",
                )
            ]
        query = raw["query"]
        query_json = json.dumps(
            {k: v.raw for k, v in query.raw.items() if not v.is_null} if not query.is_null else {},
            separators=(",", ":"),
        )
        working_dir = (
            None if raw["working_dir"].is_null or raw["working_dir"].raw == "" else raw["working_dir"].raw
        )
        path = _resolve(program[0], working_dir)
        if path is None:
            detail = (
                _LOOKUP_HELP
                + f"\nPlatform: {sys.platform}\nProgram: {program[0]}\nError: exec: {json.dumps(program[0])}: executable file not found in $PATH"
            )
            return config, [attribute_error(("program",), "External Program Lookup Failed", detail)]
        try:
            proc = subprocess.run(
                [path, *program[1:]], input=query_json.encode(), capture_output=True, cwd=working_dir
            )
        except OSError as err:
            detail = f"The data source received an unexpected error while attempting to execute the program.\n\nProgram: {path}\nError Message: {err}\nState: {err.strerror}"
            return config, [attribute_error(("program",), "External Program Execution Failed", detail)]
        stderr = proc.stderr.decode("utf-8", errors="replace")
        if proc.returncode != 0:
            state = _exit_state(proc.returncode)
            if stderr:
                detail = f"The data source received an unexpected error while attempting to execute the program.\n\nProgram: {path}\nError Message: {stderr}\nState: {state}"
            else:
                detail = f"The data source received an unexpected error while attempting to execute the program.\n\nThe program was executed, however it returned no additional error messaging.\n\nProgram: {path}\nState: {state}"
            return config, [attribute_error(("program",), "External Program Execution Failed", detail)]
        result, problem = _decode_result(proc.stdout)
        if result is None:
            return config, [
                attribute_error(
                    ("program",),
                    "Unexpected External Program Results",
                    _RESULTS_HELP + f"\nProgram: {path}\nResult Error: {problem}",
                )
            ]
        result_value = Value.map({k: Value.string(v) for k, v in result.items()}, STRING)
        return with_attrs(config, {"result": result_value, "id": Value.string("-")}), []


def _decode_result(stdout: bytes) -> tuple[dict[str, str] | None, str]:
    try:
        data = json.loads(stdout)
    except ValueError as err:
        return (
            None,
            f"invalid character in program output: {err}"
            if stdout.strip()
            else "unexpected end of JSON input",
        )
    if not isinstance(data, dict):
        return None, f"json: cannot unmarshal {_go_kind(data)} into Go value of type map[string]string"
    for v in data.values():
        if not isinstance(v, str):
            return None, f"json: cannot unmarshal {_go_kind(v)} into Go value of type string"
    return data, ""


def _go_kind(v: object) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int | float):
        return "number"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "string"
