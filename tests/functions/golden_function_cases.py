"""Golden cases for built-in functions, recorded from ``terraform console``.

``scripts/record_function_goldens_<family>`` reads
``fixtures/functions/<family>.cases.jsonl`` (``[name, arg, ...]`` rows with a
few tagged argument forms, see the script) and stores what the console
printed in ``fixtures/functions/<family>.json``. Here the same arguments are
built directly as Values, the function is called through ``call_function``
and the result is rendered as the console renders it; failures are turned
into the summary and detail the evaluator reports.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from hclrun.functions.registry import build_function_table
from hclrun.functions.spec import Function, FunctionCallError, call_function
from hclrun.values.convert import convert
from hclrun.values.render import render_console
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ListType, MapType, SetType, Type
from hclrun.values.value import SENSITIVE, Value

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "functions"
METADATA = ROOT / "fixtures" / "console" / "functions.json"

_TYPES: dict[str, Type] = {"string": STRING, "number": NUMBER, "bool": BOOL, "any": DYNAMIC}


def load_goldens(family: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads((FIXTURES / f"{family}.json").read_text(encoding="utf-8"))
    return records


def case_id(record: dict[str, Any]) -> str:
    expr: str = record["expr"]
    return expr if len(expr) <= 80 else expr[:77] + "..."


def build_arg(arg: Any) -> Value:
    """The Value for one case argument (the same forms the recording script turns into HCL)."""
    if arg is None:
        return Value.null(DYNAMIC)
    if isinstance(arg, bool):
        return Value.bool(arg)
    if isinstance(arg, int | float):
        return Value.number(arg)
    if isinstance(arg, str):
        return Value.string(arg)
    if isinstance(arg, list):
        return Value.tuple(build_arg(a) for a in arg)
    if len(arg) == 1:
        ((tag, inner),) = arg.items()
        if tag == "sensitive":
            return build_arg(inner).mark(SENSITIVE)
        if tag == "unknown":
            return Value.unknown(_TYPES[inner])
        if tag == "null":
            return Value.null(_TYPES[inner])
        if tag == "list":
            return convert(build_arg(inner), ListType(DYNAMIC))
        if tag == "set":
            return convert(build_arg(inner), SetType(DYNAMIC))
        if tag == "map":
            return convert(build_arg(inner), MapType(DYNAMIC))
    return Value.object({k: build_arg(v) for k, v in arg.items()})


def error_record(fn: Function, err: FunctionCallError) -> dict[str, str]:
    """The summary and detail the evaluator reports for a failed call."""
    if err.summary is not None:
        return {"summary": err.summary, "detail": err.detail or ""}
    if err.arg_index is None:
        return {"summary": "Error in function call", "detail": f'Call to function "{fn.name}" failed: {err.message}.'}
    param = fn.param_for(err.arg_index).name
    return {"summary": "Invalid function argument", "detail": f'Invalid value for "{param}" parameter: {err.message}.'}


@functools.cache
def _default_table() -> dict[str, Function]:
    return build_function_table()


def run_case(case: list[Any], table: dict[str, Function] | None = None) -> dict[str, Any]:
    """Call the case's function; ``{"output": ...}`` or ``{"error": {...}}`` like a golden record."""
    name, *raw_args = case
    fn = (table or _default_table())[name]
    args = [build_arg(a) for a in raw_args]
    try:
        result = call_function(fn, args)
    except FunctionCallError as err:
        return {"error": error_record(fn, err)}
    return {"output": render_console(result)}


def expected(record: dict[str, Any]) -> dict[str, Any]:
    if "error" in record:
        return {"error": record["error"]}
    return {"output": record["output"]}


def comparable(outcome: dict[str, Any]) -> dict[str, Any]:
    """An outcome with runs of spaces in error details collapsed: the console's
    line wrapping loses them, so goldens cannot tell one space from two."""
    if "error" not in outcome:
        return outcome
    error = dict(outcome["error"])
    error["detail"] = re.sub(r" {2,}", " ", error["detail"])
    return {"error": error}


def metadata_signatures(names: list[str]) -> dict[str, dict[str, Any]]:
    signatures: dict[str, dict[str, Any]] = json.loads(METADATA.read_text(encoding="utf-8"))["function_signatures"]
    return {n: signatures[n] for n in names}


def type_from_metadata(t: Any) -> Type:
    if isinstance(t, str):
        return {"string": STRING, "number": NUMBER, "bool": BOOL, "dynamic": DYNAMIC}[t]
    kind, element = t
    return {"list": ListType, "set": SetType, "map": MapType}[kind](type_from_metadata(element))


def signature_mismatches(fn: Function, signature: dict[str, Any]) -> list[str]:
    """Differences between a Function's declaration and Terraform's metadata for it."""
    problems: list[str] = []
    declared = [(p.name, p.type, p.allow_null) for p in fn.params]
    wanted = [
        (p["name"], type_from_metadata(p["type"]), bool(p.get("is_nullable", False)))
        for p in signature.get("parameters", [])
    ]
    if declared != wanted:
        problems.append(f"parameters {declared} != {wanted}")
    variadic = signature.get("variadic_parameter")
    if (fn.variadic is None) != (variadic is None):
        problems.append("variadic parameter presence differs")
    elif fn.variadic is not None and variadic is not None:
        got = (fn.variadic.name, fn.variadic.type, fn.variadic.allow_null)
        want = (variadic["name"], type_from_metadata(variadic["type"]), bool(variadic.get("is_nullable", False)))
        if got != want:
            problems.append(f"variadic {got} != {want}")
    ret = type_from_metadata(signature["return_type"])
    if not ret.is_dynamic and fn.return_type([]) != ret:
        problems.append(f"return type differs from {ret}")
    return problems
