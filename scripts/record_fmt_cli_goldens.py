"""Record `terraform fmt` command-line behaviour for the CLI tests.

Each scenario copies a fixture tree to a temporary directory, runs
`terraform fmt -no-color ARGS` there (with optional stdin), and stores the
exit status, stdout, stderr and the resulting files in
fixtures/fmt/cli/expected/NAME.json. Run through scripts/record_fmt_goldens.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "fixtures" / "fmt" / "cli"

# name -> (tree, arguments, stdin)
SCENARIOS: dict[str, tuple[str, list[str], str | None]] = {
    "default_dir": ("tree", [], None),
    "check": ("tree", ["-check"], None),
    "check_recursive": ("tree", ["-check", "-recursive"], None),
    "check_no_list": ("tree", ["-check", "-list=false", "-recursive"], None),
    "check_diff": ("tree", ["-check", "-diff"], None),
    "check_clean_file": ("tree", ["-check", "formatted.tf"], None),
    "diff_no_write": ("tree", ["-diff", "-write=false"], None),
    "diff_recursive": ("tree", ["-diff", "-recursive"], None),
    "no_list_no_write": ("tree", ["-list=false", "-write=false"], None),
    "no_list": ("tree", ["-list=false"], None),
    "recursive": ("tree", ["-recursive"], None),
    "recursive_false": ("tree", ["-recursive=false"], None),
    "subdir": ("tree", ["-write=false", "sub/"], None),
    "subdir_recursive": ("tree", ["-recursive", "sub"], None),
    "files": ("tree", ["main.tf", "formatted.tf", "./sub/vars.tfvars"], None),
    "file_without_newline": ("tree", ["-list=false", "-write=false", "no_newline.tf"], None),
    "hidden_file_named": ("tree", [".dot.tf"], None),
    "missing_target": ("tree", ["nope"], None),
    "missing_second_target": ("tree", ["main.tf", "nope", "formatted.tf"], None),
    "unsupported_extension": ("tree", ["notes.txt", "main.tf"], None),
    "json_file": ("tree", ["x.tf.json"], None),
    "flag_after_target": ("tree", ["-write=false", "main.tf", "-list=false"], None),
    "check_true_value": ("tree", ["-check=true", "-recursive=1"], None),
    "stdin": ("tree", ["-"], 'a=1\nbb = "${x}"\n'),
    "stdin_no_newline": ("tree", ["-"], "a=1"),
    "stdin_empty": ("tree", ["-"], ""),
    "stdin_formatted": ("tree", ["-"], "a = 1\n"),
    "stdin_blank_lines_at_end": ("tree", ["-"], "a = 1\n\n\n"),
    "stdin_check_changed": ("tree", ["-check", "-"], "a=1\n"),
    "stdin_check_clean": ("tree", ["-check", "-"], "a = 1\n"),
    "stdin_diff": ("tree", ["-diff", "-"], "a=1\nb=2\n"),
    "stdin_list": ("tree", ["-list=true", "-"], "a=1\n"),
    "stdin_syntax_error": ("tree", ["-"], "a=\n"),
    "syntax_errors_dir": ("tree_with_error", [], None),
    "syntax_errors_check": ("tree_with_error", ["-check"], None),
    "syntax_errors_no_write": ("tree_with_error", ["-write=false"], None),
    "syntax_error_file": ("tree_with_error", ["c.tf"], None),
}


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): p.read_bytes().decode("utf-8", "surrogateescape")
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def record(name: str, tree: str, args: list[str], stdin: str | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "work"
        shutil.copytree(CLI / tree, work)
        done = subprocess.run(
            ["terraform", "fmt", "-no-color", *args],
            cwd=work,
            input=(stdin or "").encode(),
            capture_output=True,
            check=False,
        )
        return {
            "tree": tree,
            "args": args,
            "stdin": stdin,
            "exit_code": done.returncode,
            "stdout": done.stdout.decode("utf-8", "surrogateescape"),
            "stderr": done.stderr.decode("utf-8", "surrogateescape"),
            "files": snapshot(work),
        }


def main() -> None:
    out = CLI / "expected"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name, (tree, args, stdin) in SCENARIOS.items():
        result = record(name, tree, args, stdin)
        (out / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
