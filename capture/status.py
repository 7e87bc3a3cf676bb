"""The state a capture source is in, with a message a person can act on.

Why: a camera that ends, vanishes or never opens must be reported the same way by every
backend, so the window and the checks can say one clear thing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class SourceState(enum.Enum):
    STARTING = "starting"
    RUNNING = "running"
    ENDED = "ended"  # a file reached its end
    LOST = "lost"  # a device vanished mid-stream
    FAILED = "failed"  # it never opened
    STOPPED = "stopped"  # we stopped it

    @property
    def is_problem(self) -> bool:
        return self in (SourceState.ENDED, SourceState.LOST, SourceState.FAILED)


@dataclass(frozen=True)
class SourceStatus:
    state: SourceState
    message: str = ""
    fix: str = ""

    def text(self) -> str:
        return f"{self.message} {self.fix}".strip()


class SourceError(Exception):
    """Opening or reading a source failed; carries the status to report."""

    def __init__(self, state: SourceState, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.status = SourceStatus(state, message, fix)
