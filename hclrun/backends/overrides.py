"""``init -backend-config=...``: settings given on the command line, either
``KEY=VALUE`` or the name of a file of ``KEY = value`` arguments, merged over
the backend block's (later ones win)."""

from __future__ import annotations

from hclrun.backends.settings import SCHEMAS, BackendSettings
from hclrun.config.static import static_value
from hclrun.diagnostics import Diagnostics
from hclrun.syntax import ast
from hclrun.syntax.parser import parse_file


def apply_overrides(settings: BackendSettings, given: list[str]) -> tuple[BackendSettings, Diagnostics]:
    """``settings`` with every ``-backend-config`` value applied; the hash stays the block's."""
    diags = Diagnostics()
    names = SCHEMAS.get(settings.type, ())
    config = dict(settings.config)
    for item in given:
        if "=" in item:
            key, _, value = item.partition("=")
            if key not in names:
                diags.error(
                    "Invalid backend configuration argument",
                    f'The backend configuration argument "{key}" given on the command line is not expected for '
                    "the selected backend type.",
                )
                continue
            config[key] = value
            continue
        for key, file_value in _file_arguments(item, names, diags).items():
            config[key] = file_value
    return BackendSettings(settings.type, config, settings.hash), diags


def _file_arguments(path: str, names: tuple[str, ...], diags: Diagnostics) -> dict[str, str | None]:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        diags.error("Failed to read file", f'The file "{path}" could not be read.')
        return {}
    parsed, parse_diags = parse_file(data, path)
    diags.extend(parse_diags)
    if parse_diags.has_errors():
        return {}
    found: dict[str, str | None] = {}
    for item in parsed.body.items:
        if isinstance(item, ast.Block):
            diags.error("Unsupported block type", f'Blocks of type "{item.type}" are not expected here.', item.range)
            continue
        if item.name not in names:
            diags.error("Unsupported argument", f'An argument named "{item.name}" is not expected here.', item.name_range)
            continue
        value = static_value(item.expr, "string", diags)
        found[item.name] = None if value is None else str(value.raw)
    return found
