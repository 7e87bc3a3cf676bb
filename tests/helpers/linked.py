"""Two LessonGuard data folders linked for one pupil through the in-process bus
(app/linking/memory_bus.py): the linking unit tests' common ground. The real broker
(Mosquitto) is the integration tests'."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.linking.events import LinkEvent
from app.linking.links import Link
from app.linking.memory_bus import MemoryBus
from app.linking.service import Linking
from app.people import People
from app.store import Store

BROKER = "memory://bus"
PACK = "tutorninjas"


@dataclass
class Side:
    data: Path
    store: Store
    linking: Linking
    events: list[LinkEvent] = field(default_factory=list)

    def sync(self) -> list[LinkEvent]:
        report = self.linking.sync(BROKER, wait_s=2.0, quiet_s=0.05)
        self.events += report.events
        return report.events


def make_side(root: Path, name: str, bus: MemoryBus, *, role: str) -> Side:
    data = root / name
    data.mkdir(parents=True)
    store = Store(data)
    return Side(data, store, Linking(store, data, bus.transport, name=name, role=role))


def pair(tutor: Side, family: Side, pupil_id: int, *, pack_id: str = PACK,
         family_pupil: int | None = None) -> tuple[Link, Link]:
    """Run `create` on the tutor's side (a thread) and `join` with its code on the family's."""
    code: list[str] = []
    shown = threading.Event()
    made: list[Link] = []
    failed: list[BaseException] = []

    def create() -> None:
        try:
            made.append(tutor.linking.create(
                pupil_id, BROKER, on_code=lambda c: (code.append(c), shown.set()),
                wait_s=10, pack_id=pack_id))
        except BaseException as exc:
            failed.append(exc)
            shown.set()

    thread = threading.Thread(target=create)
    thread.start()
    assert shown.wait(10)
    joined = family.linking.join(code[0], BROKER, pupil_id=family_pupil, wait_s=10)
    thread.join(10)
    assert not failed, failed
    return made[0], joined


def topic_to(pair: Pair, side: Side) -> str:
    """The topic messages for `side` are published on."""
    from app.linking.envelope import topic_for
    from app.linking.identity import identity

    ident = identity(side.data)
    link = pair.tutor_link if side is pair.tutor else pair.family_link
    return topic_for(link.key(ident), ident.device_id)


def last_to(pair: Pair, side: Side) -> tuple[str, bytes]:
    """The last message the broker saw for `side` (as someone watching the broker could
    copy it)."""
    topic = topic_to(pair, side)
    return [(t, p) for t, p in pair.bus.seen if t == topic][-1]


def soon(days: int = 0) -> datetime:
    """A lesson time: in half an hour (or `days` days), so a presence now is around it."""
    return (datetime.now(UTC) + timedelta(days=days, minutes=30)).replace(microsecond=0)


@dataclass
class Pair:
    bus: MemoryBus
    tutor: Side
    family: Side
    pupil: int  # the tutor's pupil id
    family_pupil: int
    adult: int  # the family's responsible adult (on the family's computer)
    tutor_link: Link
    family_link: Link


def linked_pair(root: Path) -> Iterator[Pair]:
    bus = MemoryBus()
    tutor = make_side(root, "Pat Green", bus, role="tutor")
    family = make_side(root, "Lee family", bus, role="responsible_adult")
    people = People(tutor.store)
    pupil = people.add("pupil", "Amy Lee", age_band="11-12")
    people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
    t_link, f_link = pair(tutor, family, pupil.id)
    fam_people = People(family.store)
    adult = fam_people.add("responsible_adult", "Jo Lee", pupil_id=f_link.pupil_id)
    try:
        yield Pair(bus, tutor, family, pupil.id, f_link.pupil_id, adult.id, t_link, f_link)
    finally:
        tutor.store.close()
        family.store.close()
