"""``hclrun console``: evaluate expressions interactively or from piped input.

Piped input is evaluated line by line and every result is printed (Terraform
prints only the last); an expression may continue over several lines while a
bracket or heredoc is open. Errors go to stderr as diagnostics, and the exit
status is 1 if any expression failed. On a terminal there is a ``> ``
prompt with readline history; Ctrl-D or ``exit`` ends the session.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import click

from hclrun.console_session import ConsoleSession, needs_more_input

PROMPT = "> "
CONTINUATION_PROMPT = ". "


@click.command()
@click.option("--var", "var_args", multiple=True, metavar="NAME=VALUE", help="Set a value for an input variable.")
@click.option("--no-color", "no_color", is_flag=True, help="Print diagnostics without colour.")
def console(var_args: tuple[str, ...], no_color: bool) -> None:
    """Evaluate expressions in the context of the configuration in the current directory."""
    color = not no_color
    session = ConsoleSession(".", var_assignments=var_args)
    startup = session.startup_diagnostics
    if startup:
        click.echo(session.render(startup, color=color), err=True, nl=False, color=color)
    if startup.has_errors():
        sys.exit(1)
    if sys.stdin.isatty():
        _run(session, _interactive_lines(), color=color)
        return
    failed = _run(session, (line.rstrip("\r\n") for line in sys.stdin), color=color)
    sys.exit(1 if failed else 0)


def _run(session: ConsoleSession, lines: Iterable[str], *, color: bool) -> bool:
    """Evaluate each complete expression read from ``lines``; whether any failed."""
    failed = False
    for text in collect_expressions(lines):
        if text.strip() == "exit":
            break
        output, diags = session.evaluate(text)
        if diags:
            click.echo(session.render(diags, color=color), err=True, nl=False, color=color)
        if output is not None:
            click.echo(output)
        else:
            failed = True
    return failed


def collect_expressions(lines: Iterable[str]) -> Iterator[str]:
    """Group input lines into expressions: blank lines are skipped; open brackets continue."""
    pending: list[str] = []
    for line in lines:
        if not pending and not line.strip():
            continue
        pending.append(line)
        text = "\n".join(pending)
        if not needs_more_input(text):
            pending = []
            yield text
    if pending:
        yield "\n".join(pending)


def _interactive_lines() -> Iterator[str]:
    try:
        import readline  # noqa: F401  (line editing and history for input())
    except ImportError:
        pass
    prompt = PROMPT
    pending = ""
    while True:
        try:
            line = input(prompt)
        except EOFError:
            click.echo()
            return
        except KeyboardInterrupt:
            click.echo()
            prompt, pending = PROMPT, ""
            continue
        pending = f"{pending}\n{line}" if pending else line
        prompt = CONTINUATION_PROMPT if needs_more_input(pending) and pending.strip() else PROMPT
        if prompt == PROMPT:
            pending = ""
        yield line
