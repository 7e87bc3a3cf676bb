"""The family's (or school's) own confirmations for a lesson: "I'm here", "I've stepped out",
and the room, kept here and sent to the tutor's linked installation in one transaction.

Why a use case of its own: the family's lesson page and `lessonguard confirm adult-present`
both say it, and the tutor's side must receive exactly what was kept here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.lessons import Lessons
from app.linking.notify import LinkNotifier
from app.store import Store


def confirm_presence(store: Store, lesson_id: int, name: str, *, present: bool = True,
                     role: str = "responsible_adult", notifier: LinkNotifier | None = None,
                     now: datetime | None = None) -> int:
    """The adult says they are in the room (or, `present=False`, that they left it). Returns
    the confirmation's id."""
    return _confirm(store, lesson_id, "adult_present" if present else "adult_left", name,
                    role, notifier, now)


def confirm_room(store: Store, lesson_id: int, name: str, *, role: str = "responsible_adult",
                 notifier: LinkNotifier | None = None, now: datetime | None = None) -> int:
    """The adult confirms the lesson is in a living area (not a bedroom or bathroom)."""
    return _confirm(store, lesson_id, "room_living_area", name, role, notifier, now)


def _confirm(store: Store, lesson_id: int, kind: str, name: str, role: str,
             notifier: LinkNotifier | None, now: datetime | None) -> int:
    lessons = Lessons(store, notifier=notifier)
    lessons.get(lesson_id)  # a clear message for a lesson that does not exist
    with store.write() as db:
        lessons.confirm(lesson_id, kind, name, role, now or datetime.now(UTC))
        row = next(iter(db.query("SELECT MAX(id) AS id FROM confirmations")))
    return int(row["id"])
