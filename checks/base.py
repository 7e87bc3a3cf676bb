"""What every pre-lesson check is and returns.

Why: a tutor, a parent and a technician all read the same result: a verdict, one line a
parent understands, what to do step by step, the figures measured, and the policy clause
behind it. Checks never touch Qt and never hang the run: the runner enforces deadlines.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from app.policy.engine import CheckRequirement, Decision
from app.policy.schema import PolicyPack
from checks.services import CheckServices

Status = Literal["pass", "warn", "fail", "inconclusive", "skipped"]
STATUSES: tuple[Status, ...] = ("pass", "warn", "fail", "inconclusive", "skipped")


@dataclass
class CheckResult:
    id: str
    title: str
    status: Status
    summary: str
    remediation: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    rule: str = ""  # the pack rule(s) behind the check, e.g. "network.min_upload_mbps"
    source: str = ""  # the clause (or the named LessonGuard default) the rule rests on
    duration_s: float = 0.0
    attachments: dict[str, Any] = field(default_factory=dict)  # shown, never stored

    def to_json(self, for_storage: bool = False) -> dict[str, Any]:
        """The result as JSON. For storage, words read off the camera picture (a name, an
        address) are left out: what is kept is that something personal was seen, and where."""
        figures = dict(self.figures)
        remediation = list(self.remediation)
        if for_storage and "found" in figures:
            figures["found"] = [{k: v for k, v in f.items() if k != "text"}
                                for f in figures["found"]]
            remediation = [step for step in remediation if "“" not in step]
        return {
            "id": self.id, "title": self.title, "status": self.status,
            "summary": self.summary, "remediation": remediation,
            "figures": figures, "rule": self.rule, "source": self.source,
            "duration_s": round(self.duration_s, 3),
        }


@dataclass
class Confirmation:
    """Something a person vouched for (an adult is present, the room is a living area)."""

    kind: str
    by_name: str
    role: str
    at: datetime


@dataclass
class LessonFacts:
    """What the checks know about the lesson: who the pupil is, what people confirmed."""

    pupil_age: int | None = None
    sponsor_registered: bool | None = None
    confirmed_at: datetime | None = None
    starts_at: datetime | None = None
    first_lesson: bool = True
    confirmations: list[Confirmation] = field(default_factory=list)

    def confirmation(self, kind: str) -> Confirmation | None:
        return next((c for c in reversed(self.confirmations) if c.kind == kind), None)


@dataclass
class CheckContext:
    pack: PolicyPack
    requirement: CheckRequirement | None
    deadline: float  # time.monotonic() by which the check must return
    cancel: threading.Event
    lesson: LessonFacts = field(default_factory=LessonFacts)
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    services: CheckServices = field(default_factory=CheckServices)  # probes, models, readers

    def __post_init__(self) -> None:
        if not isinstance(self.services, CheckServices):
            raise TypeError(f"services must be a CheckServices, not "
                            f"{type(self.services).__name__}")

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def basis(self) -> tuple[str, str]:
        """(rule keys, sources) of the pack requirement behind this check."""
        if self.requirement is None:
            return "", ""
        return _describe(self.requirement.decisions)


def _describe(decisions: tuple[Decision, ...]) -> tuple[str, str]:
    keys = ", ".join(d.key for d in decisions)
    sources = " | ".join(dict.fromkeys(d.basis() for d in decisions))
    return keys, sources


class Check(ABC):
    # Each check class names its own id and title; NotYetAvailable sets them per instance.
    id: str
    title: str
    timeout_s: ClassVar[float] = 8.0

    @abstractmethod
    def run(self, ctx: CheckContext) -> CheckResult:
        """Measure and decide; may raise (the runner turns that into `inconclusive`)."""

    def result(self, ctx: CheckContext, status: Status, summary: str,
               remediation: list[str] | None = None, **figures: Any) -> CheckResult:
        severity = ctx.requirement.severity if ctx.requirement else "fail"
        return self._result(ctx, status, severity, summary, remediation, figures)

    def failed_on(self, ctx: CheckContext, severity: Literal["fail", "warn"], summary: str,
                  remediation: list[str] | None = None, **figures: Any) -> CheckResult:
        """A failure of one rule among several the check applies, at that rule's own strength
        (a required sponsor beside a supervision rule the pack only recommends)."""
        return self._result(ctx, "fail", severity, summary, remediation, figures)

    def _result(self, ctx: CheckContext, status: Status, severity: Literal["fail", "warn"],
                summary: str, remediation: list[str] | None, figures: dict[str, Any]
                ) -> CheckResult:
        rule, source = ctx.basis()
        if status == "fail" and severity == "warn":
            status = "warn"  # the pack only recommends this
        return CheckResult(self.id, self.title, status, summary, remediation or [],
                           figures, rule, source)
