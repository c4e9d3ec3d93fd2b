"""The configuration a saved plan was made from.

Applying a plan file uses the configuration files stored inside it, not the
working directory's current ones, so edits made after ``plan -out`` cannot
change what is applied. The stored files are laid out in a temporary
directory and loaded from there with the same relative names they had
(the module manifest ``init`` wrote is copied along so installed modules
resolve); ``path.module`` and friends then point back at the working
directory, where files the configuration reads still live.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Mapping

from hclrun.config.tree import MANIFEST_PATH, load_tree
from hclrun.operations.workdir import Configuration

# Loading changes the process's working directory for a moment.
_CHDIR_LOCK = threading.Lock()


def load_snapshot(files: Mapping[str, bytes], working_dir: str) -> Configuration:
    """The module tree of the stored ``files`` (relative to ``working_dir``)."""
    with tempfile.TemporaryDirectory(prefix="hclrun-plan-config-") as tmp:
        for name, data in files.items():
            target = os.path.join(tmp, *name.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(data)
        manifest = os.path.join(working_dir, MANIFEST_PATH)
        if os.path.isfile(manifest):
            os.makedirs(os.path.join(tmp, os.path.dirname(MANIFEST_PATH)), exist_ok=True)
            shutil.copyfile(manifest, os.path.join(tmp, MANIFEST_PATH))
        with _CHDIR_LOCK:
            here = os.getcwd()
            os.chdir(tmp)
            try:
                tree, diags = load_tree(".")
            finally:
                os.chdir(here)
    sources: dict[str, bytes] = {}
    for node in tree.walk():
        if os.path.normpath(working_dir) != ".":
            node.module.directory = os.path.normpath(os.path.join(working_dir, node.module.directory))
        sources.update(node.module.sources)
    return Configuration(tree, sources, diags)
