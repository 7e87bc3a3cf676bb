"""What the window is told when something arrives from, or happens to, a link.

Why: the tutor's Ready screen and the family's lesson page show the other side's news at once
("Jo Lee confirmed being in the room · 17:58 · on the Lee family's computer"); the sentence is
made here, once, for the window and the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.texts import _
from app.times import clock


@dataclass(frozen=True)
class LinkEvent:
    kind: str  # a message kind (presence, panic…), or link.connected / link.offline / link.refused
    link_id: str | None
    peer_name: str
    peer_role: str
    lesson_id: int | None  # this computer's id of the lesson, where there is one
    at: datetime
    by: str
    words: str


PIECE = "recording.piece"  # a piece of a recording's copy that did not complete it: not shown


def words_for(kind: str, *, peer: str, by: str, at: datetime, present: bool = True,
              why: str = "") -> str:
    """The sentence shown for an event (translated through `_`)."""
    time = clock(at)
    on = _("on {peer}'s computer", peer=peer)
    sentences = {
        "presence": (_("{name} confirmed being in the room · {time} · {on}", name=by,
                       time=time, on=on) if present else
                     _("{name} left the room · {time} · {on}", name=by, time=time, on=on)),
        "room": _("{name} confirmed the lesson is in a living area · {time} · {on}",
                  name=by, time=time, on=on),
        "consent.granted": _("{name} gave consent to record · {time} · {on}", name=by,
                             time=time, on=on),
        "consent.withdrawn": _("{name} withdrew consent to record · {time} · {on}", name=by,
                               time=time, on=on),
        "checks.summary": _("The checks on {peer}'s computer finished · {time}", peer=peer,
                            time=time),
        "panic": _("Panic pressed on {peer}'s computer · {time}", peer=peer, time=time),
        "lesson.announced": _("{peer} booked a lesson · {time}", peer=peer, time=time),
        "lesson.started": _("The lesson started · {time} · {on}", time=time, on=on),
        "lesson.ended": _("The end of the lesson confirmed · {time} · {on}", time=time, on=on),
        "lesson.record": _("The lesson's record arrived from {peer} · {time}", peer=peer,
                           time=time),
        "recording.offered": _("{peer} is sending a copy of the lesson's recording · {time}",
                               peer=peer, time=time),
        "recording.chunk": _("A copy of the lesson's recording arrived from {peer} · {time}",
                             peer=peer, time=time),
        "link.connected": _("Linked computers reachable · {time}", time=time),
        "link.offline": _("The link broker cannot be reached; working alone · {time}",
                          time=time),
        "link.refused": _("A message was refused · {time}: {why}", time=time, why=why),
    }
    return str(sentences.get(kind, kind))
