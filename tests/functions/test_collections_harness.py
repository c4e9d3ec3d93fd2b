"""Golden-file harness for the collection, type-conversion and encoding function tests.

Each test module lists cases as ``(function name, [argument Values])``. The
harness writes the equivalent ``terraform console`` expression for a case
(``hcl_expression``), and the recording scripts in ``scripts/`` run those
expressions through terraform and store what it printed under
``fixtures/functions/<family>.json``. Tests call the function through
``call_function`` and compare the console rendering (or the diagnostic's
summary and detail) with the golden.

Unknown arguments are written as conditionals on an unknown resource
attribute (``terraform_data.u.output``), which the recording configuration
declares.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from hclrun.functions import collections, encoding, typeconv
from hclrun.functions.registry import FunctionContext, build_function_table
from hclrun.functions.spec import Function, FunctionCallError, call_function
from hclrun.values import number as num
from hclrun.values.render import render_console
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, Type
from hclrun.values.value import SENSITIVE, Value

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "functions"
UNKNOWN_SOURCE = "terraform_data.u.output"
RECORDING_CONFIG = 'resource "terraform_data" "u" {\n  input = "x"\n}\n'

Case = tuple[str, list[Value]]


def _own_table() -> dict[str, Function]:
    """The functions of the families under test, without loading the other families."""
    ctx = FunctionContext()
    return {fn.name: fn for module in (collections, typeconv, encoding) for fn in module.functions(ctx)}


TABLE = _own_table()

# ----------------------------------------------------------------- building values


def s(text: str) -> Value:
    return Value.string(text)


def n(x: int | float | str) -> Value:
    return Value.number(x)


def b(x: bool) -> Value:
    return Value.bool(x)


def lst(*elems: Value, ety: Type | None = None) -> Value:
    return Value.list(elems, ety)


def st(*elems: Value, ety: Type | None = None) -> Value:
    return Value.set(elems, ety)


def mp(ety: Type | None = None, **items: Value) -> Value:
    return Value.map(items, ety)


def tup(*elems: Value) -> Value:
    return Value.tuple(elems)


def obj(**attrs: Value) -> Value:
    return Value.object(attrs)


def unk(t: Type = DYNAMIC) -> Value:
    return Value.unknown(t)


def null(t: Type = DYNAMIC) -> Value:
    return Value.null(t)


def sens(v: Value) -> Value:
    return v.mark(SENSITIVE)


NULL = null()

# ----------------------------------------------------------------- HCL expressions


def _hcl_string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out).replace("${", "$${").replace("%{", "%%{") + '"'


def _key(k: str) -> str:
    return _hcl_string(k)


def sample(t: Type) -> str:
    """An expression of type ``t`` (any value will do)."""
    if t == STRING:
        return '"s"'
    if t == NUMBER:
        return "0"
    if t == BOOL:
        return "false"
    if t.is_dynamic:
        return "null"
    if t.is_list or t.is_set:
        inner = "" if t.element.is_dynamic else sample(t.element)  # type: ignore[attr-defined]
        return f"{'tolist' if t.is_list else 'toset'}([{inner}])"
    if t.is_map:
        inner = "" if t.element.is_dynamic else f'"k" = {sample(t.element)}'  # type: ignore[attr-defined]
        return f"tomap({{{inner}}})"
    if t.is_tuple:
        return "[" + ", ".join(sample(e) for e in t.elements) + "]"  # type: ignore[attr-defined]
    attrs = t.attributes  # type: ignore[attr-defined]
    return "{" + ", ".join(f"{_key(k)} = {sample(v)}" for k, v in attrs.items()) + "}"


def hcl(v: Value) -> str:
    """An expression that evaluates to ``v`` in the recording configuration."""
    if SENSITIVE in v.marks:
        return f"sensitive({hcl(v.unmark()[0])})"
    t = v.type
    if not v.is_known:
        if t.is_dynamic:
            return UNKNOWN_SOURCE
        return f"(tobool({UNKNOWN_SOURCE}) ? {sample(t)} : null)"
    if v.is_null:
        return "null" if t.is_dynamic else f"(true ? null : {sample(t)})"
    raw = v.raw
    if t == STRING:
        return _hcl_string(raw)
    if t == NUMBER:
        return num.format_number(raw)
    if t == BOOL:
        return "true" if raw else "false"
    if t.is_tuple:
        return "[" + ", ".join(hcl(e) for e in raw) + "]"
    if t.is_object:
        return "{" + ", ".join(f"{_key(k)} = {hcl(e)}" for k, e in raw.items()) + "}"
    if t.is_list or t.is_set:
        fn = "tolist" if t.is_list else "toset"
        if not raw:
            return f"(true ? {fn}([]) : {sample(t)})"
        return f"{fn}([" + ", ".join(hcl(e) for e in raw) + "])"
    if not raw:
        return f"(true ? tomap({{}}) : {sample(t)})"
    return "tomap({" + ", ".join(f"{_key(k)} = {hcl(e)}" for k, e in raw.items()) + "})"


def hcl_expression(case: Case) -> str:
    name, args = case
    return f"{name}(" + ", ".join(hcl(a) for a in args) + ")"


# ----------------------------------------------------------------- running a case here


def outcome(case: Case) -> dict[str, Any]:
    """What ``terraform console`` would show for the case, computed by hclrun."""
    name, args = case
    fn = TABLE[name]
    try:
        result = call_function(fn, args)
    except FunctionCallError as err:
        if err.summary is not None:
            return {"ok": False, "summary": err.summary, "detail": err.detail or ""}
        if err.arg_index is None:
            return {"ok": False, "summary": "Error in function call",
                    "detail": f'Call to function "{name}" failed: {err.message}.'}
        param = fn.param_for(err.arg_index).name
        return {"ok": False, "summary": "Invalid function argument",
                "detail": f'Invalid value for "{param}" parameter: {err.message}.'}
    return {"ok": True, "output": render_console(result) + "\n"}


def _squash(text: str) -> str:
    return " ".join(text.split())


def load_goldens(family: str) -> dict[str, dict[str, Any]]:
    path = FIXTURES / f"{family}.json"
    if not path.exists():
        return {}
    return {g["expr"]: g for g in json.loads(path.read_text(encoding="utf-8"))}


def check_case(case: Case, goldens: dict[str, dict[str, Any]]) -> None:
    expr = hcl_expression(case)
    golden = goldens.get(expr)
    if golden is None:
        pytest.skip(f"no golden recorded for {expr}")
    got = outcome(case)
    if golden["ok"]:
        assert got == {"ok": True, "output": golden["output"]}, expr
    else:
        assert not got["ok"], f"{expr}: expected an error, got {got}"
        assert (got["summary"], _squash(got["detail"])) == (golden["summary"], _squash(golden["detail"])), expr


def case_id(case: Case) -> str:
    text = hcl_expression(case)
    return text if len(text) <= 80 else text[:77] + "..."


# ----------------------------------------------------------------- recording


def _parse_error(stderr: str) -> dict[str, Any]:
    lines = [line[2:] if line.startswith("│ ") else line.lstrip("│") for line in stderr.splitlines()]
    summary = ""
    detail: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith("Error: "):
            summary = line[len("Error: "):]
            rest = lines[i + 1:]
            # Skip the blank line, "on <console-input> line 1:" and its snippet.
            j = 0
            while j < len(rest) and (not rest[j].strip() or rest[j].startswith("  ")):
                j += 1
            detail = [r for r in rest[j:] if not r.startswith("╵")]
            break
    return {"ok": False, "summary": summary, "detail": "\n".join(detail).strip()}


def _run_terraform(expr: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="hclrun-fn-") as tmp:
        Path(tmp, "main.tf").write_text(RECORDING_CONFIG, encoding="utf-8")
        env = dict(os.environ, TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1", HOME=tmp)
        proc = subprocess.run(
            [os.environ.get("TERRAFORM", "terraform"), "console", "-no-color"],
            input=expr + "\n", capture_output=True, text=True, cwd=tmp, env=env, timeout=60, check=False,
        )
    if proc.returncode == 0:
        return {"ok": True, "output": proc.stdout}
    return _parse_error(proc.stderr)


def record(family: str, cases: Sequence[Case]) -> Path:
    """Run every case through terraform console and write the family's golden file."""
    exprs = list(dict.fromkeys(hcl_expression(c) for c in cases))
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(_run_terraform, exprs))
    FIXTURES.mkdir(parents=True, exist_ok=True)
    path = FIXTURES / f"{family}.json"
    records = [{"expr": e, **r} for e, r in zip(exprs, results, strict=True)]
    path.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# ----------------------------------------------------------------- completeness

FAMILIES = {
    "collections": "alltrue anytrue chunklist coalesce coalescelist compact concat contains distinct element "
    "flatten index keys length lookup matchkeys merge one range reverse setintersection setproduct "
    "setsubtract setunion slice sort sum transpose values zipmap",
    "typeconv": "tobool tolist tomap tonumber toset tostring sensitive nonsensitive issensitive ephemeralasnull",
    "encoding": "base64decode base64encode base64gzip csvdecode jsondecode jsonencode textdecodebase64 "
    "textencodebase64 urlencode yamldecode yamlencode",
}


def _metadata_type(t: Type) -> Any:
    if t.is_dynamic:
        return "dynamic"
    if t.is_primitive:
        return t.type_expr()
    return [t.type_expr().split("(")[0], _metadata_type(t.element)]  # type: ignore[attr-defined]


def _signatures() -> dict[str, Any]:
    path = ROOT / "fixtures" / "console" / "functions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("function_signatures", data)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", [n for names in FAMILIES.values() for n in names.split()])
def test_signature_matches_terraform(name: str) -> None:
    sig = _signatures()[name]
    table = build_function_table()
    fn = table[name]
    assert table[f"core::{name}"] is fn
    want = [(p["name"], p["type"], bool(p.get("is_nullable", False))) for p in sig.get("parameters", [])]
    got = [(p.name, _metadata_type(p.type), p.allow_null) for p in fn.params]
    assert got == want
    vp = sig.get("variadic_parameter")
    if vp is None:
        assert fn.variadic is None
    else:
        assert fn.variadic is not None
        assert (fn.variadic.name, _metadata_type(fn.variadic.type), fn.variadic.allow_null) == (
            vp["name"], vp["type"], bool(vp.get("is_nullable", False)))
    assert fn.description


def test_hcl_expressions_round_trip_shapes() -> None:
    assert hcl(lst(s("a"), sens(s("b")))) == 'tolist(["a", sensitive("b")])'
    assert hcl(null(STRING)) == '(true ? null : "s")'
    assert hcl(unk(NUMBER)) == f"(tobool({UNKNOWN_SOURCE}) ? 0 : null)"
    assert hcl(s('a"${b}\n')) == '"a\\"$${b}\\n"'
