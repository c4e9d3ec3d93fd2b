"""Asking for a root variable's value at the terminal, as Terraform does::

    var.NAME
      DESCRIPTION

      Enter a value:
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from hclrun.cli.views.stream import Output
from hclrun.config.model import Variable


def variable_prompt_text(variable: Variable) -> str:
    text = f"var.{variable.name}\n"
    if variable.description:
        text += f"  {variable.description}\n\n"
    return text + "  Enter a value: "


def terminal_prompt(output: Output, stdin: TextIO | None = None) -> Callable[[Variable], str | None]:
    """Ask on the terminal; None (nothing entered) at the end of input."""

    def ask(variable: Variable) -> str | None:
        output.write(variable_prompt_text(variable))
        line = (stdin or sys.stdin).readline()
        output.write("\n")
        if not line:
            return None
        return line.rstrip("\r\n")

    return ask


def can_prompt(input_enabled: bool, stdin: TextIO | None = None) -> bool:
    """Terraform asks only when input is enabled and stdin is a terminal."""
    stream = stdin or sys.stdin
    try:
        return input_enabled and stream.isatty()
    except (AttributeError, ValueError):
        return False
