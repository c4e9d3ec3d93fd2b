"""From file names to the module directories that hold them (what the pre-commit hooks pass in)."""

from __future__ import annotations

import os
from collections.abc import Iterable

CONFIGURATION_SUFFIXES = (".tf", ".tf.json")


def module_directories(paths: Iterable[str]) -> list[str]:
    """The distinct directories of ``paths`` that contain configuration files, sorted.

    A directory given as such counts too. Directories are returned as written
    (normalised, ``.`` for the current one), so messages name files the way
    the user's tools do.
    """
    found: set[str] = set()
    for path in paths:
        directory = path if os.path.isdir(path) else os.path.dirname(path)
        directory = os.path.normpath(directory or ".")
        if _has_configuration(directory):
            found.add(directory)
    return sorted(found)


def _has_configuration(directory: str) -> bool:
    try:
        names = os.listdir(directory)
    except OSError:
        return False
    return any(name.endswith(CONFIGURATION_SUFFIXES) and not name.startswith(".") for name in names)
