"""Ctrl-C during apply: the first interrupt stops new work, stops running
provisioner commands (their resources fail and are tainted, as Terraform
does) and lets the rest finish; the state is then written as usual. The
second exits at once, leaving the journal, which already holds every
completed change (the next command recovers it)."""

from __future__ import annotations

import os
import signal
import threading
from types import FrameType
from typing import Any

from hclrun.cli.views.stream import Output
from hclrun.operations.messages import INTERRUPTED, INTERRUPTED_TWICE


class InterruptHandler:
    def __init__(self, output: Output, stop_event: threading.Event) -> None:
        self.output = output
        self.stop_event = stop_event
        self.count = 0
        self._previous: Any = None
        self._installed = False

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread() or self._installed:
            return
        self._previous = signal.signal(signal.SIGINT, self._handle)
        self._installed = True

    def restore(self) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.count += 1
        if self.count == 1:
            from hclrun.engine.provisioners import stop_provisioners

            self.output.write("\n" + INTERRUPTED + "\nStopping operation...\n")
            self.stop_event.set()
            stop_provisioners()
            return
        self.output.write_err(INTERRUPTED_TWICE)
        os._exit(1)
