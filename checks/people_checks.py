"""Supervision, scheduling and room: things a person confirms, checked against the pack."""

from __future__ import annotations

from app.policy.engine import lesson_confirmation, supervision_for
from app.texts import _
from checks.base import Check, CheckContext, CheckResult, Confirmation


def _who(c: Confirmation) -> str:  # a figure for the record, not a message
    return f"{c.by_name} ({c.role.replace('_', ' ')}) at {c.at:%H:%M on %d %b}"


class SupervisionCheck(Check):
    id = "supervision"
    title = _("Adult supervision")
    timeout_s = 2.0

    def run(self, ctx: CheckContext) -> CheckResult:
        lesson = ctx.lesson
        sponsor_needed = bool(ctx.requirement and ctx.requirement.params.get("sponsor_required"))
        if sponsor_needed and lesson.sponsor_registered is False:
            assert ctx.requirement is not None  # sponsor_needed comes from it
            weak = ctx.requirement.params.get("sponsor_severity") == "warn"
            return self.failed_on(ctx, "warn" if weak else "fail",
                                  _("No adult sponsor is registered for this pupil."),
                                  [_("An adult (18 or over) must register as the pupil's "
                                     "sponsor and agree before the first lesson.")],
                                  sponsor_registered=False)
        need = supervision_for(ctx.pack, lesson.pupil_age)
        figures: dict[str, object] = {
            "pupil_age": lesson.pupil_age, "presence": need.presence,
            "adult_needed_at_start": need.adult_needed("start"),
            "adult_needed_throughout": need.adult_needed("during"),
            "adult_needed_at_end": need.adult_needed("end"),
            "sponsor_registered": lesson.sponsor_registered}
        if lesson.pupil_age is None:
            return self.result(ctx, "inconclusive",
                               _("We don't know the pupil's age, so we can't say what "
                                 "supervision is needed."),
                               [_("Add the pupil's date of birth or age to the lesson."),
                                _("Until then, the strictest rule applies: {need}",
                                  need=need.text)],
                               **figures)
        if not need.adult_needed("start"):
            return self.result(ctx, "pass", _("At {age}: {need}", age=lesson.pupil_age,
                                              need=need.text), [], **figures)
        confirmed = lesson.confirmation("adult_present")
        if confirmed is None:
            return self.result(ctx, "fail", _("An adult needs to be there. {need}",
                                              need=need.text),
                               [_("Ask the responsible adult to confirm, with their name, that "
                                  "they are present.")], **figures)
        figures["confirmed_by"] = _who(confirmed)
        return self.result(ctx, "pass", _("{name} confirmed being present. {need}",
                                          name=confirmed.by_name, need=need.text), [],
                           **figures)


class SchedulingCheck(Check):
    id = "scheduling"
    title = _("Lesson booked in time")
    timeout_s = 2.0

    def run(self, ctx: CheckContext) -> CheckResult:
        lesson = ctx.lesson
        if lesson.confirmed_at is None or lesson.starts_at is None:
            return self.result(ctx, "skipped", _("No lesson is chosen, so there is no booking "
                                                 "to check."),
                               [_("Start the checks from a lesson to include this.")])
        ok, why, _rule = lesson_confirmation(ctx.pack, lesson.confirmed_at, lesson.starts_at,
                                             lesson.first_lesson)
        hours = round((lesson.starts_at - lesson.confirmed_at).total_seconds() / 3600, 1)
        if ok:
            return self.result(ctx, "pass", _("The lesson was confirmed far enough ahead."),
                               [], notice_hours=hours)
        return self.result(ctx, "fail", why, [_("Move the lesson to a later time.")],
                           notice_hours=hours)


class RoomCheck(Check):
    id = "room"
    title = _("Room")
    timeout_s = 2.0

    def run(self, ctx: CheckContext) -> CheckResult:
        confirmed = ctx.lesson.confirmation("room_living_area")
        if confirmed is None:
            return self.result(ctx, "fail", _("Nobody has confirmed the room yet."),
                               [_("Ask the responsible adult to confirm, with their name, that "
                                  "the lesson is in a living area, not a bedroom or bathroom."),
                                _("LessonGuard can't tell rooms apart from the picture, so a "
                                  "person confirms it.")])
        return self.result(ctx, "pass", _("{name} confirmed the lesson is in a living area.",
                                          name=confirmed.by_name), [],
                           confirmed_by=_who(confirmed))
