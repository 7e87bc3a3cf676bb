"""Connects the window to the linked LessonGuard on the other side of the lesson: the
Settings section (broker, links, "Link with…"), the pairing dialogs, one session that stays
connected while the window is open, and what arrives, shown at once where it matters (the
family's page, the tutor's Ready screen, a panic pressed on the other side).

Thin: app.linking does the pairing, the sealing, the queueing and applying; this starts its
work through Background.run (the pairing waits for the other side) and relays what the
session reports, from its network thread, to the window's thread as a Qt signal. With no
broker set nothing connects and nothing is queued: each computer works alone.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from app.errors import LessonGuardError
from app.linking.events import LinkEvent
from app.linking.notify import LinkNotifier
from app.linking.received import latest_checks, linked_confirmations
from app.linking.service import Linking, LinkSession, PairingCancelled
from app.people import People
from app.settings import AppSettings, load_settings, save_settings
from app.store import Store
from checks.runner import CheckRun
from ui.background import Background
from ui.checks_controller import ChecksController
from ui.family_wiring import FamilyWiring
from ui.lesson_wiring import LessonWiring
from ui.link_dialog import CreateLinkDialog, JoinLinkDialog, LinksBox
from ui.linked_ready import FamilySays, family_says
from ui.main_window import MainWindow
from ui.panic_wiring import PanicWiring
from ui.recording_controller import RecordingController
from ui.settings_page import ROLE_WORDS, SettingsPage
from ui.translations import Translatable, say_error

log = logging.getLogger(__name__)
CODE_VALID = timedelta(minutes=10)  # as app.linking.codes keeps a code
PANIC_SHOWN = timedelta(minutes=30)  # a panic from the other side stays on the Ready screen


class LinkRelay(QObject):
    """From the session's and the pairing's threads to the window's (queued signals)."""

    arrived = Signal(object)  # LinkEvent
    code = Signal(str)


class LinkWiring(Translatable):
    """Owns the linking parts of one window (`window.parts.links`)."""

    def __init__(self, window: MainWindow, store: Store, page: SettingsPage,
                 background: Background, role: str) -> None:
        self.window, self.store, self.background = window, store, background
        self.role = role
        self.data_dir = store.path.parent
        settings = load_settings(store)
        # What the other side is told about this one at pairing: the user's name and role.
        self.linking = Linking(store, self.data_dir, name=settings.user_name, role=role)
        self.relay = LinkRelay(window)
        self.relay.arrived.connect(self._arrived)
        self.session: LinkSession | None = None
        self.notifier: LinkNotifier | None = None
        self.state = "none"  # none | connecting | connected | offline
        self.listeners: list[Callable[[LinkEvent], None]] = []
        self.panics: dict[int | None, tuple[datetime, str]] = {}  # lesson id -> when, words
        self.box = LinksBox(role)
        page.add_section(self.box)
        self.box.link_requested.connect(self.open_dialog)
        self.box.remove_requested.connect(self.remove)
        self.box.broker_saved.connect(self.save_broker)
        self.dialog: CreateLinkDialog | JoinLinkDialog | None = None
        self._cancel: threading.Event | None = None
        self.notice: QMessageBox | None = None
        self.notifier_hooks: list[Callable[[LinkNotifier | None], None]] = []
        self.lessons: LessonWiring | None = None
        window.on_close.append(self.close)
        self.restart()

    def serve(self, recording: RecordingController, lessons: LessonWiring,
              panic: PanicWiring, checks: ChecksController) -> None:
        """Hand the notifier to the use cases that report to the linked side (consent,
        lessons, panic) and show what arrives where it matters: the Ready screen, the
        lesson's small window, the Lessons page. On the family's side, a run of the checks
        for a lesson from the tutor sends its verdicts (verdicts only)."""
        self.lessons = lessons

        def hand(notifier: LinkNotifier | None) -> None:
            recording.consents.notifier = notifier
            lessons.controller.lessons.notifier = notifier
            panic.controller.action.notifier = notifier

        self.give_notifier_to(hand)
        lessons.page.start_lesson.connect(lambda _id: self.show_on_ready())  # after it opens
        self.listeners.append(self._lesson_news)
        if self.role != "tutor":
            checks.finished.connect(lambda run: self._checks_done(checks, run))

    def serve_family(self, family: FamilyWiring, panic: PanicWiring) -> None:
        """The family's page: its "I'm here" and room reach the tutor's computer, it shows
        what arrives at once, and a panic pressed here is tied to its lesson (so the tutor's
        computer hears of it) when no lesson runs on this computer itself."""
        self.give_notifier_to(lambda notifier: setattr(family, "notifier", notifier))
        self.listeners.append(lambda _event: family.refresh())
        own = panic.lesson_id
        panic.lesson_id = lambda: own() or family.lesson_id()

    def open_from_page(self) -> None:
        """"Link with the tutor…" on the family's page: Settings, where the broker is."""
        self.window.show_page("settings")
        self.open_dialog()

    def show_on_ready(self) -> None:
        dialog = self.lessons.start_dialog if self.lessons is not None else None
        if dialog is None or not dialog.isVisible():
            return
        says = self.family_says(dialog.lesson.id, dialog.lesson.pupil_id)
        dialog.show_family(says)
        if says is not None:
            log.info("ready screen: the family's computer says: adult %s, room %s, checks %s",
                     {True: "here", False: "left", None: "not said"}[says.here],
                     "confirmed" if says.room else "not said",
                     "received" if says.checks else "none")

    def _lesson_news(self, event: LinkEvent) -> None:
        lessons = self.lessons
        if lessons is None:
            return
        self.show_on_ready()
        if event.kind.startswith("lesson."):
            lessons.refresh()
        companion = lessons.companion
        if companion is not None and event.kind in ("panic", "presence", "consent.withdrawn"):
            alarm = event.kind == "panic" or (event.kind == "presence"
                                              and self._left(event.lesson_id))
            companion.prompt.show_state("abort" if alarm else "info", event.words)
            companion.show()
            companion.raise_()

    def _checks_done(self, checks: ChecksController, run: CheckRun) -> None:
        lesson_id, notifier = checks.lesson_id, self.notifier
        if lesson_id is None or notifier is None or run.cancelled:
            return
        try:
            sent = notifier.checks_summary(lesson_id, ready=run.ready,
                                           verdicts=[(r.id, r.status) for r in run.results],
                                           at=datetime.now(UTC))
        except LessonGuardError as exc:
            log.warning("the checks' verdicts were not queued: %s", exc)
            return
        if sent:
            log.info("checks' verdicts queued for the tutor (lesson %d)", lesson_id)

    # --- what is linked ---

    def links(self) -> list[Any]:
        try:
            return [link for link in self.linking.links() if link.active]
        except LessonGuardError as exc:  # a link's row changed outside LessonGuard
            log.warning("links not read: %s", exc)
            return []

    def peer_name(self, pupil_id: int) -> str:
        """The person on the linked computer for this pupil ("" when not linked)."""
        return next((link.peer_name for link in self.links() if link.pupil_id == pupil_id), "")

    def family_says(self, lesson_id: int, pupil_id: int) -> FamilySays | None:
        """What the linked side said for this lesson (None when the pupil is not linked)."""
        peer = self.peer_name(pupil_id)
        if not peer:
            return None
        panic = self.panics.get(lesson_id) or self.panics.get(None)
        words = panic[1] if panic and datetime.now(UTC) - panic[0] < PANIC_SHOWN else ""
        return family_says(peer, linked_confirmations(self.store, lesson_id),
                           latest_checks(self.store, lesson_id), words)

    # --- the session ---

    def broker(self) -> str:
        return load_settings(self.store).broker

    def restart(self) -> None:
        """Connect for the broker in Settings, where there is a link; none set: nothing
        connects and nothing is queued. A session still open lets go first (off the
        window's thread: it may be waiting on a broker that does not answer), so there is
        only ever one connection for this computer."""
        broker = self.broker()
        self.notifier = LinkNotifier.for_broker(self.store, self.data_dir, broker,
                                                on_queued=self._queued) if broker else None
        for hook in self.notifier_hooks:
            hook(self.notifier)
        old, self.session = self.session, None
        wanted = bool(broker) and bool(self.links())
        self.state = "connecting" if wanted else "none"
        self.show_state()
        if old is not None:
            self.background.run("link session close", old.close,
                                on_success=lambda _r: self._open(broker) if wanted else None)
        elif wanted:
            self._open(broker)

    def _open(self, broker: str) -> None:
        if self.session is not None or broker != self.broker():
            return  # a newer restart took over
        self.session = self.linking.session(broker, self.relay.arrived.emit)  # its own thread
        log.info("link session started")

    def give_notifier_to(self, hook: Callable[[LinkNotifier | None], None]) -> None:
        """`hook(notifier)` now and after every broker change: the use cases that report to
        the linked side (consent, panic, lesson start and end) get it through this."""
        self.notifier_hooks = [*self.notifier_hooks, hook]
        hook(self.notifier)

    def _queued(self) -> None:
        session = self.session
        if session is not None:
            session.wake()

    def close_session(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.close()

    def close(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self.close_session()

    def show_state(self, why: str = "") -> None:
        broker = self.broker()
        if not broker:
            words, kind = self.tr("No broker set: LessonGuard works on this computer alone "
                                  "and sends nothing."), "muted"
        elif self.state == "connected":
            words, kind = "✔ " + self.tr("Connected: the linked computers hear each other."), \
                "good"
        elif self.state == "offline":
            words, kind = "⚠ " + self.tr("The broker cannot be reached: each computer works "
                                         "alone, and what is to be sent waits here.") + (
                " " + why if why else ""), "warn"
        elif self.state == "connecting":
            words, kind = "… " + self.tr("Connecting to the broker…"), "muted"
        else:
            words, kind = self.tr("Broker set. Link with the other side to use it."), "muted"
        self.box.show_broker(broker, words, kind)
        names = ROLE_WORDS
        people = {p.id: p.name for p in People(self.store).list("pupil")}
        self.box.show_links([
            (link.id, self.tr("{peer} ({role}) · for {pupil} · linked {day} · check code "
                              "{check}").format(
                peer=link.peer_name, role=self.tr(names.get(link.peer_role, link.peer_role)),
                pupil=people.get(link.pupil_id, "?"), day=str(link.created_at)[:10],
                check=link.check_code))
            for link in self.links()])

    # --- what arrives ---

    def _arrived(self, event: LinkEvent) -> None:
        log.info("link event: %s (lesson %s)", event.kind, event.lesson_id)
        if event.kind == "link.connected":
            self.state = "connected"
            self.show_state()
        elif event.kind == "link.offline":
            self.state = "offline"
            self.show_state()
        elif event.kind == "panic":
            self.panics[event.lesson_id] = (datetime.now(UTC), event.words)
            self._panic_notice(event)
        elif event.kind == "presence" and self._left(event.lesson_id):
            self.window.rec_notice.show_problem(event.words)
        for listener in self.listeners:
            listener(event)

    def _panic_notice(self, event: LinkEvent) -> None:
        """A panic on the other computer: said at once, on top, whatever page is open."""
        words = event.words
        self.window.rec_notice.show_problem(words)
        self.window.showNormal()
        self.window.raise_()
        if self.notice is not None:
            self.notice.close()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Panic on the other computer"),
                          words + "\n\n" + self.tr(
                              "Their camera and microphone are off. Stop the lesson if it is "
                              "still going, and follow your organisation's procedure."),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setModal(False)
        box.show()
        self.notice = box

    def _left(self, lesson_id: int | None) -> bool:
        """Whether the latest word from the other side on the adult is that they left."""
        if lesson_id is None:
            return False
        said = [c for c in linked_confirmations(self.store, lesson_id)
                if c.get("kind") in ("adult_present", "adult_left")]
        return bool(said) and said[-1].get("kind") == "adult_left"

    # --- Settings ---

    def save_broker(self, url: str) -> None:
        current = load_settings(self.store)
        try:
            updated = AppSettings.model_validate({**current.model_dump(), "broker": url.strip()})
        except ValueError as exc:
            errors = getattr(exc, "errors", None)
            message = str(errors()[0].get("msg", exc)) if callable(errors) else str(exc)
            self.box.say(message.removeprefix("Value error, "), problem=True)
            return
        save_settings(self.store, updated)
        self.box.say(self.tr("Broker saved.") if updated.broker else
                     self.tr("No broker: LessonGuard works on this computer alone."))
        self.restart()

    def remove(self, link_id: str) -> None:
        answer = QMessageBox.question(
            self.window, self.tr("Remove the link"),
            self.tr("Stop exchanging messages with that computer? Nothing already kept is "
                    "deleted. To link again, make a new code."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.linking.remove(link_id, by=load_settings(self.store).user_name or "user")
        except LessonGuardError as exc:
            self.box.say(say_error(exc), problem=True)
            return
        self.box.say(self.tr("Link removed."))
        self.restart()

    def open_dialog(self) -> CreateLinkDialog | JoinLinkDialog | None:
        broker = self.broker()
        if not broker:
            self.box.say(self.tr("Set the broker your organisation gave you first."),
                         problem=True)
            return None
        log.info("linking dialog opened")
        if self.role == "tutor":
            people = People(self.store)
            pupils = [(p.id, p.name, next((a.name for a in people.adults_for(p.id)), ""))
                      for p in people.list("pupil")]
            create = CreateLinkDialog(pupils, self.window)
            create.create_requested.connect(lambda pupil: self._create(create, pupil))
            create.cancel_requested.connect(self._cancelled)
            self.relay.code.connect(self._code_shown)
            self.dialog = create
            create.show()
            return create
        join = JoinLinkDialog(self.window)
        join.join_requested.connect(lambda code: self._join(join, code))
        join.cancel_requested.connect(self._cancelled)
        self.dialog = join
        join.show()
        return join

    def _code_shown(self, code: str) -> None:
        if isinstance(self.dialog, CreateLinkDialog):
            until = (datetime.now() + CODE_VALID).strftime("%H:%M")
            self.dialog.show_code(code, until)
            log.info("linking: code shown, waiting for the other side")

    def _cancelled(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            log.info("linking cancelled")

    def _pairing(self) -> tuple[threading.Event, Callable[[], None]]:
        """The session lets go while a code is made or typed (one connection per computer)
        and comes back after; its closing is done first by the pairing's own worker."""
        old, self.session = self.session, None
        self._cancel = threading.Event()
        return self._cancel, (old.close if old is not None else lambda: None)

    def _create(self, dialog: CreateLinkDialog, pupil_id: int) -> None:
        (cancel, let_go), broker, relay = self._pairing(), self.broker(), self.relay
        pack = self.window.policy.state.pack.id

        def work() -> Any:
            let_go()
            return self.linking.create(pupil_id, broker, on_code=relay.code.emit,
                                       wait_s=CODE_VALID.total_seconds(), cancel=cancel,
                                       pack_id=pack)

        self.background.run("link create", work,
                            on_success=lambda link: self._linked(dialog, link),
                            on_error=lambda exc: self._not_linked(dialog, exc))

    def _join(self, dialog: JoinLinkDialog, code: str) -> None:
        log.info("linking: joining with the code typed")
        (cancel, let_go), broker = self._pairing(), self.broker()

        def work() -> Any:
            let_go()
            return self.linking.join(code, broker, wait_s=60, cancel=cancel)

        self.background.run("link join", work,
                            on_success=lambda link: self._linked(dialog, link),
                            on_error=lambda exc: self._not_linked(dialog, exc))

    def _linked(self, dialog: CreateLinkDialog | JoinLinkDialog, link: Any) -> None:
        self._cancel = None
        role = self.tr(ROLE_WORDS.get(link.peer_role, link.peer_role))
        words = self.tr("Linked with {peer}'s LessonGuard ({role}). Check code {check}: "
                        "ask {peer} to read out the one their LessonGuard shows. If it is "
                        "not the same, someone else typed the code: remove this link in "
                        "Settings at once.").format(peer=link.peer_name, role=role,
                                                    check=link.check_code)
        log.info("linked with %s (%s)", link.peer_name, link.peer_role)
        dialog.show_linked(words)
        self.box.say(words)
        self.restart()
        for listener in self.listeners:
            listener(LinkEvent("link.linked", link.id, link.peer_name, link.peer_role, None,
                               datetime.now(UTC), link.peer_name, words))

    def _not_linked(self, dialog: CreateLinkDialog | JoinLinkDialog,
                    exc: BaseException) -> None:
        self._cancel = None
        if isinstance(exc, PairingCancelled):
            log.info("pairing cancelled")
        elif dialog.isVisible():
            log.info("linking failed: %s", exc)
            dialog.show_problem(say_error(exc))
        self.restart()

