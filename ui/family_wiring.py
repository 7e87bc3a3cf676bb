"""Connects the family's (or school's) lesson page to the use cases: the read model
(app.family_lesson) fills it; "I'm here", consent and withdrawal go through the same use cases
as everywhere else (app.lessons confirmations, the consent dialog, ask_withdrawal); the red
button is the window's panic bar. Shown first for a LessonGuard set up for a parent or
responsible adult, or for school staff.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape as _escape

from PySide6.QtCore import QTimer

from app.errors import LessonGuardError
from app.family_lesson import (
    LEFT,
    PRESENT,
    ROOM,
    FamilyLesson,
    Said,
    can_say_here,
    family_lesson,
    family_record_lines,
)
from app.lessons import Lessons
from app.linking.confirm import confirm_presence, confirm_room
from app.linking.notify import LinkNotifier
from app.settings import load_settings
from app.store import Store
from app.times import clock
from ui.family_view import FamilyView
from ui.main_window import MainWindow
from ui.pack_list import shown
from ui.recording_controller import RecordingController
from ui.recording_wiring import ask_consent, ask_withdrawal
from ui.theme import status_colour
from ui.translations import Translatable, say, say_error


def escape(text: str) -> str:
    return _escape(text, quote=False)  # an apostrophe reads as one in the label's text


log = logging.getLogger(__name__)
FAMILY_ROLES = ("responsible_adult", "school_staff")
REFRESH_MS = 5000  # what the other side said arrives by a signal; this catches the clock


def wants_family_view(role: str | None) -> bool:
    return role in FAMILY_ROLES


class FamilyWiring(Translatable):
    """Owns the family page of one window (`window.parts.family`)."""

    def __init__(self, window: MainWindow, store: Store, recording: RecordingController,
                 peer_name: Callable[[int], str] = lambda _pupil: "",
                 open_linking: Callable[[], object] | None = None) -> None:
        self.window, self.store, self.recording = window, store, recording
        self.peer_name = peer_name
        self.lessons = Lessons(store)
        self.view = FamilyView(window)
        self.facts: FamilyLesson | None = None
        self.notifier: LinkNotifier | None = None  # set by LinkWiring where a broker is set
        window.tabs.insertTab(0, self.view, self.tr("Your lesson"))
        window.tabs.setCurrentIndex(0)
        self.view.here_clicked.connect(lambda: self.say_present(True))
        self.view.out_clicked.connect(lambda: self.say_present(False))
        self.view.room_clicked.connect(self.say_room)
        self.view.consent_clicked.connect(self.give_consent)
        self.view.withdraw_clicked.connect(self.withdraw_consent)
        self.can_link = open_linking is not None
        if open_linking is not None:
            self.view.link_clicked.connect(open_linking)
        recording.policy.changed.connect(lambda _state: self.refresh())
        window.tabs.currentChanged.connect(lambda _i: self._shown())
        self.timer = QTimer(self.view)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._shown)
        self.timer.start()
        window.on_close.append(self.timer.stop)
        self.refresh()

    def _shown(self) -> None:
        if self.window.tabs.currentWidget() is self.view:
            self.refresh()

    # --- what the page says ---

    def refresh(self) -> None:
        settings = load_settings(self.store)
        pack = self.recording.policy.state.pack
        pupils = self.lessons.people.list("pupil")
        linked = self.peer_name(pupils[0].id) if pupils else ""
        facts = family_lesson(self.store, pack, settings.role or "responsible_adult", linked)
        if facts.pupil is not None and facts.lesson is not None:
            facts = family_lesson(self.store, pack, settings.role or "responsible_adult",
                                  self.peer_name(facts.pupil.id))
        self.facts = facts
        view = self.view
        view.show_title(facts.pupil.name if facts.pupil else "")
        view.show_teacher(self._teacher(facts), bool(facts.linked_with), self.can_link)
        view.show_lesson(self._lesson(facts))
        plan = facts.plan
        room_asked = plan is not None and plan.room_confirmation
        view.show_presence(self._presence(facts), lesson=can_say_here(facts.lesson),
                           present=facts.here, room_asked=room_asked,
                           room_done=facts.room is not None)
        words, consent = self._recording(facts)
        view.show_recording(words, consent, allowed=facts.recording_allowed
                            and facts.pupil is not None, given=bool(facts.consents))
        view.show_worry(facts.tutor, bool(facts.linked_with))
        note, record = self._record(facts)
        if record and self.view.record.isHidden():
            log.info("family page: the lesson's record shown (%s)",
                     "shared by the tutor" if facts.record_shared else "kept here")
        view.show_record(note, record)

    def _muted(self, text: str) -> str:
        return f"<span style='color:{status_colour('muted')}'>{text}</span>"

    def _teacher(self, facts: FamilyLesson) -> str:
        tutor = escape(facts.tutor) or self.tr("the tutor")
        if facts.linked_with:
            return self.tr("<b>{tutor}</b><br>{how}").format(tutor=tutor, how=self._muted(
                self.tr("✔ Linked with {peer}'s LessonGuard: what you confirm here shows on "
                        "their computer, and theirs here.").format(
                    peer=escape(facts.linked_with))))
        if facts.tutor:
            return self.tr("<b>{tutor}</b><br>{how}").format(tutor=tutor, how=self._muted(
                self.tr("Not linked with the tutor's LessonGuard: what you confirm is kept on "
                        "this computer.")))
        return self.tr("No tutor yet.") + "<br>" + self._muted(self.tr(
            "Link with the tutor's LessonGuard and their lessons show here; or book a lesson "
            "on the Lessons page."))

    def _lesson(self, facts: FamilyLesson) -> str:
        lesson = facts.lesson
        if lesson is None:
            return self.tr("No lesson is booked.") + " " + self._muted(self.tr(
                "When the tutor books one, it shows here.") if facts.linked_with else
                self.tr("Book one on the Lessons page."))
        when = lesson.starts_at.astimezone()
        platform = lesson.platform.replace("_", " ").title() if lesson.platform else ""
        where = (" · " + self.tr("on {platform}").format(platform=escape(platform))
                 if platform else "")
        if lesson.state == "in_progress":
            since = clock(lesson.started_at) if lesson.started_at else f"{when:%H:%M}"
            return self.tr("<b>● The lesson is on now</b>, since {since} · {minutes} minutes"
                           "{where}").format(since=since, minutes=lesson.duration_min,
                                             where=where)
        if lesson.state == "ended":
            ended = clock(lesson.ended_at) if lesson.ended_at else ""
            return self.tr("✔ The lesson ended at {time}.").format(time=ended)
        return self.tr("<b>Next lesson: {day} at {time}</b> · {minutes} minutes{where}").format(
            day=f"{when:%A %d %B}", time=f"{when:%H:%M}", minutes=lesson.duration_min,
            where=where)

    def _said(self, said: Said) -> str:
        where = (self.tr("on the tutor's computer") if said.source == "linked" else
                 self.tr("goes to {peer}'s computer").format(peer=escape(self.facts.linked_with))
                 if self.facts is not None and self.facts.linked_with else
                 self.tr("kept on this computer"))
        return f"{clock(said.at)} · {where}"

    def _presence(self, facts: FamilyLesson) -> str:
        plan = facts.plan
        pupil = escape(facts.pupil.name) if facts.pupil else self.tr("the pupil")
        need = ""
        if plan is not None:
            need = self._muted(self.tr("{need} Why: {basis}").format(
                need=escape(say(plan.supervision.text)),
                basis=escape(shown(plan.supervision.decision.basis()))))
        if facts.lesson is None:
            state = self.tr("When there is a lesson, say here that you are with {pupil}.").format(
                pupil=pupil)
        elif facts.presence is None and not can_say_here(facts.lesson):
            state = self.tr("From the day before the lesson, press <b>I'm here</b> when you "
                            "are with {pupil} for it.").format(pupil=pupil)
        elif facts.presence is None:
            state = self.tr("Press <b>I'm here</b> when you are with {pupil} for the "
                            "lesson.").format(pupil=pupil)
        elif facts.presence.present:
            state = "<b style='color:{c}'>✔ {words}</b> · {when}".format(
                c=status_colour("good"), when=self._said(facts.presence),
                words=escape(self.tr("{name} is here").format(name=facts.presence.name)))
        else:
            state = "<b style='color:{c}'>⚠ {words}</b> · {when}".format(
                c=status_colour("warn"), when=self._said(facts.presence),
                words=escape(self.tr("{name} stepped out: press I'm here when you are "
                                     "back").format(name=facts.presence.name)))
        if facts.room is not None:
            state += "<br>" + "<span style='color:{c}'>✔ {words}</span> · {when}".format(
                c=status_colour("good"), when=self._said(facts.room),
                words=escape(self.tr("The room is a living area")))
        return f"{state}<br>{need}" if need else state

    def _recording(self, facts: FamilyLesson) -> tuple[str, str]:
        plan = facts.plan
        if plan is None:
            return self.tr("Add the pupil first (Lessons page)."), ""
        reason = escape(shown(say(plan.recording_reason)))
        if not plan.recording_allowed:
            return "⊘ " + self.tr("The lessons are not recorded. {why}").format(why=reason), ""
        where = (self.tr("on the tutor's computer") if facts.linked_with else
                 self.tr("on the computer the lesson runs on"))
        words = (self.tr("Every lesson is recorded, encrypted, {where}. {why}")
                 if plan.recording_required else
                 self.tr("A lesson is recorded only with consent, encrypted, {where}. {why}")
                 ).format(where=where, why=reason)
        if facts.consents:
            who = "; ".join(self.tr("{name} ({role}), given {day}").format(
                name=escape(c.given_by_name), role=escape(c.role.replace("_", " ")),
                day=escape(c.given_at[:10])) for c in facts.consents)
            consent = "<span style='color:{c}'>✔ {words}</span>".format(
                c=status_colour("good"), words=self.tr("Consent on file: {who}. You can "
                                                       "withdraw it at any time; recording "
                                                       "then stops at once.").format(who=who))
        else:
            missing = ", ".join(escape(w) for w in facts.missing_consent)
            consent = "<span style='color:{c}'>{mark} {words}</span>".format(
                c=status_colour("fail" if plan.recording_required else "muted"),
                mark="✖" if plan.recording_required else "ℹ",
                words=(self.tr("No consent on file: the lesson cannot start without it.")
                       if plan.recording_required else
                       self.tr("No consent on file: nothing is recorded.")) + (
                    " " + self.tr("Who can give it: {who}.").format(who=missing)
                    if missing else ""))
        return words, consent

    def _record(self, facts: FamilyLesson) -> tuple[str, str]:
        if facts.record is None:
            return self._muted(self.tr(
                "When the lesson ends, its record shows here: the checks, who confirmed what "
                "and when, whether it was recorded.")), ""
        source = (self.tr("✔ Shared by {tutor}'s LessonGuard.").format(
            tutor=escape(facts.tutor or facts.linked_with)) if facts.record_shared else
            self.tr("✔ Kept on this computer."))
        lines = [say(line) for line in family_record_lines(facts.record)]
        items = "".join(f"<li>{escape(line.strip())}</li>" for line in lines[1:])
        return source, f"<h3>{escape(lines[0])}</h3><ul>{items}</ul>"

    # --- what the buttons do ---

    def say_present(self, present: bool) -> None:
        self._confirm(PRESENT if present else LEFT)

    def say_room(self) -> None:
        self._confirm(ROOM)

    def lesson_id(self) -> int | None:
        """The lesson the page is about while it is open or on (a panic pressed here is tied
        to it, and reaches the tutor's computer for it)."""
        facts = self.facts
        if facts is None or facts.lesson is None or facts.lesson.state == "ended":
            return None
        return facts.lesson.id

    def _confirm(self, kind: str) -> None:
        facts = self.facts
        if facts is None or facts.lesson is None:
            return
        settings = load_settings(self.store)
        role = settings.role or "responsible_adult"
        try:  # kept here and, where linked, sent to the tutor's computer with it
            if kind == ROOM:
                confirm_room(self.store, facts.lesson.id, settings.user_name, role=role,
                             notifier=self.notifier)
            else:
                confirm_presence(self.store, facts.lesson.id, settings.user_name,
                                 present=kind == PRESENT, role=role, notifier=self.notifier)
        except LessonGuardError as exc:
            self.view.say(say_error(exc), problem=True)
            return
        log.info("family page: %s for lesson %d", kind, facts.lesson.id)
        self.refresh()

    def give_consent(self) -> None:
        facts = self.facts
        if facts is None or facts.pupil is None:
            return
        if ask_consent(self.window, self.recording, facts.pupil.id):
            self.view.say(self.tr("Consent given. You can withdraw it here at any time."))
        self.refresh()

    def withdraw_consent(self) -> None:
        facts = self.facts
        if facts is None or facts.pupil is None:
            return
        name = load_settings(self.store).user_name
        if ask_withdrawal(self.window, self.recording, facts.pupil.id, name):
            self.view.say(self.tr("Consent withdrawn: nothing more is recorded."))
        self.refresh()
