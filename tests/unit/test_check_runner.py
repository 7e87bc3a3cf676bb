"""The runner: concurrent checks, deadlines, progress, cancellation, and checks that misbehave."""

from __future__ import annotations

import threading
import time

from app.policy.loader import load_pack
from checks.base import Check, CheckContext, CheckResult
from checks.runner import planned_checks, run_checks


class Quick(Check):
    id = "power"
    title = "Power"

    def run(self, ctx: CheckContext) -> CheckResult:
        return self.result(ctx, "pass", "fine")


class Raises(Check):
    id = "do_not_disturb"
    title = "Do Not Disturb"

    def run(self, ctx: CheckContext) -> CheckResult:
        raise RuntimeError("the settings service crashed")


class Hangs(Check):
    id = "apps"
    title = "Other programs"
    timeout_s = 1.0

    def __init__(self) -> None:
        self.release = threading.Event()

    def run(self, ctx: CheckContext) -> CheckResult:
        self.release.wait(30)  # ignores its deadline, as a stuck system call would
        return self.result(ctx, "pass", "too late")


class Slow(Check):
    id = "equipment"
    title = "Computer"

    def run(self, ctx: CheckContext) -> CheckResult:
        time.sleep(0.3)
        return self.result(ctx, "warn", "small screen")


def test_misbehaving_checks_are_inconclusive_and_the_run_completes() -> None:
    hang = Hangs()
    seen: list[str] = []
    began = time.monotonic()
    run = run_checks(load_pack("hms"), only=["power", "do_not_disturb", "apps", "equipment"],
                     checks={"power": Quick(), "do_not_disturb": Raises(), "apps": hang,
                             "equipment": Slow()},
                     limit_s=5, on_result=lambda r: seen.append(r.id))
    took = time.monotonic() - began
    hang.release.set()
    by_id = {r.id: r for r in run.results}
    assert by_id["power"].status == "pass"
    assert by_id["do_not_disturb"].status == "inconclusive"
    assert "the settings service crashed" in by_id["do_not_disturb"].summary
    assert by_id["apps"].status == "inconclusive"
    assert "did not finish within 1 seconds" in by_id["apps"].summary
    assert by_id["equipment"].status == "warn"
    assert took < 3, "the hung check held up the run"
    assert sorted(seen) == sorted(by_id)  # every result was reported once, as it came
    assert seen.index("power") < seen.index("equipment")  # in the order they finished
    assert [r.id for r in run.results] == ["apps", "do_not_disturb", "power", "equipment"]
    assert run.ready  # nothing failed: inconclusive is not a failure


def test_a_whole_run_keeps_to_its_limit() -> None:
    hangs = {cid: Hangs() for cid in ("apps",)}
    hangs["apps"].timeout_s = 30  # type: ignore[misc]
    began = time.monotonic()
    run = run_checks(load_pack("hms"), only=["apps"], checks=hangs, limit_s=1.5)
    assert time.monotonic() - began < 2.5
    assert run.results[0].status == "inconclusive"
    hangs["apps"].release.set()


def test_a_run_can_be_cancelled() -> None:
    cancel = threading.Event()
    hang = Hangs()
    hang.timeout_s = 30  # type: ignore[misc]
    threading.Timer(0.3, cancel.set).start()
    run = run_checks(load_pack("hms"), only=["apps", "power"],
                     checks={"apps": hang, "power": Quick()}, limit_s=30, cancel=cancel)
    hang.release.set()
    assert run.cancelled
    by_id = {r.id: r for r in run.results}
    assert by_id["apps"].status == "skipped" and "cancelled" in by_id["apps"].summary
    assert by_id["power"].status == "pass"


def test_a_failing_check_makes_the_run_not_ready_and_warn_downgrades_fail() -> None:
    class Fails(Check):
        id = "power"
        title = "Power"

        def run(self, ctx: CheckContext) -> CheckResult:
            return self.result(ctx, "fail", "on battery")

    hms = run_checks(load_pack("hms"), only=["power"], checks={"power": Fails()})
    assert hms.results[0].status == "warn"  # HMS only recommends mains power
    assert hms.ready and hms.summary().startswith("Ready for the lesson, with 1 thing")
    assert "plugged into a power source" in hms.results[0].source


def test_planned_checks_follow_the_pack_and_refuse_unknown_ids() -> None:
    hms = planned_checks(load_pack("hms"))
    assert "room" in hms and "scheduling" in hms
    tn = planned_checks(load_pack("tutorninjas"))
    assert "scheduling" not in tn  # TutorNinjas sets no notice period
    assert "room" in tn  # silent on rooms: LessonGuard's default (a living area) applies
    try:
        planned_checks(load_pack("hms"), ["camera", "teleport"])
    except ValueError as exc:
        assert "teleport" in str(exc)
    else:
        raise AssertionError("an unknown check id was accepted")
