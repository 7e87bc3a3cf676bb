"""Run the checks a pack asks for, all at once, each within its own deadline.

Why: five minutes before a lesson nobody can wait for a stuck check. Each check runs on its
own daemon thread; one that raises, hangs or loses its device comes back `inconclusive` with
the reason, and the run still ends inside its limit. Progress is reported as checks finish.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.policy.engine import check_requirements
from app.policy.schema import PolicyPack
from app.texts import _
from checks.base import Check, CheckContext, CheckResult, LessonFacts
from checks.registry import CHECK_ORDER, make_check
from checks.services import CheckServices

log = logging.getLogger(__name__)

# Every check thread still at work, with its run's cancel flag. A check abandoned at its time
# limit may still be inside a model (OCR on onnxruntime, the segmenter); if the program ends
# then, the interpreter stops that daemon thread inside native code and the whole process
# aborts ("terminate called without an active exception"). So at exit they are asked to stop
# and given a bounded moment to come out.
_LIVE: dict[threading.Thread, threading.Event] = {}
_LIVE_LOCK = threading.Lock()
EXIT_WAIT_S = 20.0


def _let_checks_finish(most_s: float = EXIT_WAIT_S) -> None:
    with _LIVE_LOCK:
        live = list(_LIVE.items())
    for _thread, cancel in live:
        cancel.set()
    deadline = time.monotonic() + most_s
    for thread, _cancel in live:
        thread.join(max(0.0, deadline - time.monotonic()))


atexit.register(_let_checks_finish)
DEFAULT_RUN_LIMIT_S = 15.0
GRACE_S = 0.25  # a check that returns just at its deadline still counts


@dataclass
class CheckRun:
    pack_id: str
    started_at: datetime
    results: list[CheckResult] = field(default_factory=list)
    cancelled: bool = False
    duration_s: float = 0.0

    @property
    def ready(self) -> bool:
        return not any(r.status == "fail" for r in self.results)

    @property
    def sure(self) -> bool:
        """Every check gave an answer: a check that could not (a speed-test server that
        cannot be reached, a device that timed out) leaves the run "not sure", never
        "ready"."""
        return not any(r.status == "inconclusive" for r in self.results)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in ("pass", "warn", "fail", "inconclusive", "skipped")}
        for r in self.results:
            out[r.status] += 1
        return out

    def summary(self) -> str:
        counts = self.counts()
        to_fix = counts["fail"]
        if to_fix:
            return (_("1 thing to fix before the lesson") if to_fix == 1 else
                    _("{count} things to fix before the lesson", count=to_fix))
        unsure = [r for r in self.results if r.status == "inconclusive"]
        if unsure:
            return (_("Not sure yet: {check} could not be checked", check=unsure[0].title)
                    if len(unsure) == 1 else
                    _("Not sure yet: {count} things could not be checked",
                      count=len(unsure)))
        n = counts["warn"]
        if n:
            return (_("Ready for the lesson, with 1 thing to look at") if n == 1 else
                    _("Ready for the lesson, with {count} things to look at", count=n))
        return _("Ready for the lesson")


def planned_checks(pack: PolicyPack, only: Iterable[str] | None = None,
                   role: str | None = None) -> list[str]:
    """The checks to run, for the role of the person using LessonGuard (None: any): a check
    whose rule is not for this role (the living-area room check for school staff in a
    classroom) is never run, even when asked for by name."""
    wanted = {r.check_id for r in check_requirements(pack, role)}
    not_for_role = {r.check_id for r in check_requirements(pack)} - wanted
    ids = [c for c in CHECK_ORDER if c in wanted]
    if only is not None:
        only = list(only)
        unknown = [c for c in only if c not in CHECK_ORDER]
        if unknown:
            raise ValueError(f"unknown check(s): {', '.join(unknown)}; "
                             f"known: {', '.join(CHECK_ORDER)}")
        ids = [c for c in CHECK_ORDER if c in only and c not in not_for_role]
    return ids


def run_checks(
    pack: PolicyPack,
    *,
    only: Iterable[str] | None = None,
    lesson: LessonFacts | None = None,
    services: CheckServices | None = None,
    limit_s: float = DEFAULT_RUN_LIMIT_S,
    cancel: threading.Event | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
    checks: dict[str, Check] | None = None,
    role: str | None = None,
) -> CheckRun:
    """Run every planned check concurrently; return when all are done or the limit passes."""
    cancel = cancel or threading.Event()
    services = services if services is not None else CheckServices()
    requirements = {r.check_id: r for r in check_requirements(pack, role)}
    ids = planned_checks(pack, only, role)
    run = CheckRun(pack.id, datetime.now(UTC))
    start = time.monotonic()
    run_deadline = start + limit_s
    results: dict[str, CheckResult] = {}
    done = threading.Condition()

    def finish(result: CheckResult) -> None:
        with done:
            if result.id in results:
                return  # already timed out; a late answer is ignored
            results[result.id] = result
            done.notify_all()
        if on_result is not None:
            on_result(result)

    def work(check: Check, ctx: CheckContext) -> None:
        began = time.monotonic()
        try:
            result = check.run(ctx)
        except Exception as exc:
            log.exception("check %s raised", check.id)
            result = CheckResult(check.id, check.title, "inconclusive",
                                 _("This check could not finish: {error}", error=str(exc)),
                                 [_("Run the check again. If it keeps happening, restart "
                                    "LessonGuard and look at its log.")])
        result.duration_s = time.monotonic() - began
        finish(result)
        with _LIVE_LOCK:
            _LIVE.pop(threading.current_thread(), None)

    pending: dict[str, Check] = {}
    for check_id in ids:
        check = (checks or {}).get(check_id) or make_check(check_id)
        pending[check_id] = check
        ctx = CheckContext(
            pack=pack, requirement=requirements.get(check_id),
            deadline=min(run_deadline, start + check.timeout_s), cancel=cancel,
            lesson=lesson or LessonFacts(), services=services,
        )
        thread = threading.Thread(target=work, args=(check, ctx), name=f"check-{check_id}",
                                  daemon=True)
        with _LIVE_LOCK:
            _LIVE[thread] = cancel
        thread.start()

    def deadline_of(check_id: str) -> float:
        return min(run_deadline, start + pending[check_id].timeout_s) + GRACE_S

    while True:
        with done:
            unfinished = [c for c in ids if c not in results]
            if not unfinished or cancel.is_set():
                break
            now = time.monotonic()
            overdue = [c for c in unfinished if now >= deadline_of(c)]
            if not overdue:
                done.wait(0.05)
                continue
        for check_id in overdue:
            check = pending[check_id]
            finish(CheckResult(
                check_id, check.title, "inconclusive",
                _("This check did not finish within {seconds} seconds.",
                  seconds=f"{deadline_of(check_id) - GRACE_S - start:.0f}"),
                [_("Run it again. If it keeps timing out, close other programs or restart the "
                   "computer.")]))
    for check_id in ids:
        if check_id not in results:  # only after a cancel
            finish(CheckResult(check_id, pending[check_id].title, "skipped",
                               _("The run was cancelled before this check finished.")))
    run.cancelled = cancel.is_set()
    run.results = [results[c] for c in ids if c in results]
    run.duration_s = time.monotonic() - start
    return run
