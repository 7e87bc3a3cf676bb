"""On the tutor's Ready screen: what the family's (or school's) own LessonGuard said for this
lesson, with when and where it was said, and what the tutor vouches for themselves.

Why apart from the Ready screen: the screen shows it in one place and asks the lesson start
use case what blocks; this turns the linked records (app.linking.received) into lines a tutor
reads at a glance: "Jo Lee confirmed being in the room · 17:58 · on the Lee family's
computer", their checks' verdicts, "the adult left", a panic pressed there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape as _escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.times import clock
from ui.theme import colour_of, set_rich
from ui.translations import Translatable

PRESENT, LEFT, ROOM = "adult_present", "adult_left", "room_living_area"
def escape(text: str) -> str:
    return _escape(text, quote=False)  # an apostrophe reads as one, in the label's text


STATUS_MARK = {"pass": "✔", "warn": "⚠", "fail": "✖", "inconclusive": "?", "skipped": "–"}


@dataclass(frozen=True)
class FamilySays:
    """What the linked side said for the lesson, reduced to what the screen needs."""

    peer: str  # the linked computer's person ("Jo Lee")
    presence: dict[str, Any] | None  # the latest adult_present / adult_left, over the link
    room: dict[str, Any] | None
    checks: dict[str, Any] | None  # the latest checks.summary body
    panic: str = ""  # the words of a panic pressed there, while it stands

    @property
    def here(self) -> bool | None:
        if self.presence is None:
            return None
        return self.presence.get("kind") != LEFT

    @property
    def adult(self) -> str:
        return str(self.presence.get("by_name", "")) if self.presence else ""


def _at(row: dict[str, Any]) -> str:
    value = row.get("at")
    if isinstance(value, datetime):
        return clock(value.isoformat())
    return clock(str(value)) if value else ""


def family_says(peer: str, confirmations: list[dict[str, Any]], checks: dict[str, Any] | None,
                panic: str = "") -> FamilySays:
    """The latest presence and room said over the link (rows as
    app.linking.received.linked_confirmations gives them, oldest first)."""
    linked = [c for c in confirmations if c.get("source") == "linked"]
    presence = next((c for c in reversed(linked) if c.get("kind") in (PRESENT, LEFT)), None)
    room = next((c for c in reversed(linked) if c.get("kind") == ROOM), None)
    return FamilySays(peer, presence, room, checks, panic)


def _where(row: dict[str, Any], peer: str) -> str:
    return str(row.get("device") or peer)


class FamilySideBox(QGroupBox):
    """The family's computer's news, one line each; hidden when the pupil is not linked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section-linked")
        self.lines = QLabel(self)
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lines)
        self.hide()

    def show_news(self, says: FamilySays | None) -> None:
        if says is None:
            self.hide()
            return
        self.setTitle(self.tr("From {peer}'s computer").format(peer=says.peer))
        self.lines.setAccessibleName(self.tr("What {peer}'s LessonGuard said").format(
            peer=says.peer))
        out: list[str] = []
        if says.panic:
            out.append(f"<b style='color:{colour_of('alert')}'>■ {escape(says.panic)}</b>")
        if says.presence is None:
            out.append(f"<span style='color:{colour_of('muted')}'>" + escape(self.tr(
                "Nobody has said on {peer}'s computer yet that they are in the room.").format(
                peer=says.peer)) + "</span>")
        elif says.here:
            out.append(f"<span style='color:{colour_of('good')}'>✔ " + escape(self.tr(
                "{name} confirmed being in the room · {time} · on {where}'s computer").format(
                name=says.adult, time=_at(says.presence),
                where=_where(says.presence, says.peer))) + "</span>")
        else:
            out.append(f"<b style='color:{colour_of('warn')}'>⚠ " + escape(self.tr(
                "The adult left: {name} said so · {time} · on {where}'s computer").format(
                name=says.adult, time=_at(says.presence),
                where=_where(says.presence, says.peer))) + "</b>")
        if says.room is not None:
            out.append(f"<span style='color:{colour_of('good')}'>✔ " + escape(self.tr(
                "{name} confirmed the lesson is in a living area · {time} · on {where}'s "
                "computer").format(name=str(says.room.get("by_name", "")),
                                   time=_at(says.room), where=_where(says.room, says.peer)))
                + "</span>")
        if says.checks is not None:
            out.append(self._checks(says.checks))
        set_rich(self.lines, "<br>".join(out))
        self.show()

    def _checks(self, checks: dict[str, Any]) -> str:
        verdicts = checks.get("verdicts") or []
        parts = ", ".join(
            f"{escape(str(v.get('check', '')).replace('_', ' '))} "
            f"{STATUS_MARK.get(str(v.get('status')), '?')}" for v in verdicts)
        when = clock(str(checks.get("at"))) if checks.get("at") else ""
        if checks.get("ready"):
            head = f"<span style='color:{colour_of('good')}'>✔ " + escape(self.tr(
                "Their checks: ready · {time}").format(time=when)) + "</span>"
        else:
            head = f"<span style='color:{colour_of('fail')}'>✖ " + escape(self.tr(
                "Their checks: something to fix on their side · {time}").format(time=when)) \
                + "</span>"
        return f"{head}<br><span style='color:{colour_of('muted')}'>{parts}</span>" if parts \
            else head


class Ticks(Translatable):
    """The Ready screen's ticks for the adult and the room, following what the family's
    computer says: its word ticks them (and is kept as theirs, with where it was said);
    a tick the tutor makes is said to be the tutor's own word for the adult."""

    def __init__(self, name: QLineEdit, present: QCheckBox, room: QCheckBox, user: str,
                 role: str, parent: QWidget) -> None:
        self.name, self.present, self.room = name, present, room
        self.user, self.role = user, role
        self.says: FamilySays | None = None
        self.note = QLabel(parent)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setAccessibleName(self.tr("Whose word the ticks are"))
        self.note.hide()
        present.toggled.connect(self._explain)
        room.toggled.connect(self._explain)

    def follow(self, says: FamilySays | None) -> str:
        """Tick what the family's computer confirmed, untick the adult when they left;
        returns "the adult left" in words when they just did, else ""."""
        before = self.says.here if self.says is not None else None
        self.says = says
        left = ""
        if says is not None and says.here is True:
            self.name.setText(says.adult)
            self.present.setChecked(True)
        elif says is not None and says.here is False:
            if before is not False and self.present.isChecked():
                left = self.tr("the adult left ({name} said so at {time}, on "
                                       "{where}'s computer)").format(
                    name=says.adult, time=_at(says.presence or {}),
                    where=_where(says.presence or {}, says.peer))
            self.present.setChecked(False)
        if says is not None and says.room is not None and self.room.isVisible():
            self.room.setChecked(True)
        self._explain()
        return left

    def _from_family(self, kind: str) -> bool:
        says = self.says
        if says is None:
            return False
        return says.here is True if kind == PRESENT else says.room is not None

    def _explain(self, _on: bool = False) -> None:
        """Say whose word each tick is: the family's own (from their computer), or the
        tutor's attestation for the adult (never shown as the family's)."""
        lines, theirs = [], []
        for kind, tick in ((PRESENT, self.present), (ROOM, self.room)):
            if not tick.isChecked() or not tick.isVisible():
                continue
            if self._from_family(kind):
                theirs.append(self.tr("the adult is here") if kind == PRESENT
                              else self.tr("the room"))
            elif self.role == "tutor":
                lines.append("ℹ " + escape(self.tr(
                    "You tick this for {adult}: it is kept as your word ({user}, on this "
                    "computer), not as theirs.").format(
                    adult=self.name.text().strip() or self.tr("the adult"),
                    user=self.user or self.tr("you"))))
        if theirs and self.says is not None:
            lines.insert(0, "✔ " + escape(self.tr(
                "Ticked from {peer}'s computer ({what}): their own word.").format(
                peer=self.says.peer, what=", ".join(theirs))))
        if lines:
            set_rich(self.note, f"<span style='color:{colour_of('muted')}'>"
                     + "<br>".join(lines) + "</span>")
        self.note.setVisible(bool(lines))
