"""What each kind of message says, as validated models with bounded sizes, and who may send it.

Why: a message is applied only when its body is exactly what its kind allows (no extra keys,
no oversized text), so a linked installation that misbehaves, or a bug, cannot write more
into the other's records than the kind permits. Verdicts only ever travel: never a picture,
never text a check read.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Name = Annotated[str, Field(min_length=1, max_length=120)]
Short = Annotated[str, Field(max_length=400)]
When = Annotated[str, Field(min_length=10, max_length=40)]
Id = Annotated[int, Field(ge=1, le=2**62)]
CREATOR, JOINER = "creator", "joiner"  # the tutor's side makes the code; the family's joins


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Recording(Body):
    allowed: bool
    why: Annotated[str, Field(max_length=2000)]
    consent_from: list[Annotated[str, Field(max_length=40)]] = Field(max_length=8)


class LessonAnnounced(Body):
    lesson: Id
    starts_at: When
    duration_min: Annotated[int, Field(ge=1, le=600)]
    tutor_name: Annotated[str, Field(max_length=120)]
    platform: Annotated[str, Field(max_length=40)]
    pack_id: Annotated[str, Field(min_length=1, max_length=80)]
    pack_name: Annotated[str, Field(max_length=200)]
    recording: Recording
    practice: bool = False


class LessonState(Body):
    lesson: Id
    at: When
    by: Annotated[str, Field(max_length=120)]
    reason: Short = ""


class Presence(Body):
    lesson: Id
    name: Name
    at: When
    present: bool = True


class Room(Body):
    lesson: Id
    name: Name
    at: When


class ConsentGranted(Body):
    remote_id: Id
    given_by_name: Name
    role: Literal["responsible_adult", "pupil"]
    scope: Annotated[str, Field(min_length=1, max_length=120)]
    pack_id: Annotated[str, Field(min_length=1, max_length=80)]
    text: Annotated[str, Field(min_length=1, max_length=8000)]
    text_version: Annotated[str, Field(min_length=1, max_length=120)]
    method: Annotated[str, Field(max_length=60)]
    form_name: Annotated[str, Field(max_length=255)] = ""
    form_sha256: Annotated[str, Field(max_length=64)] = ""
    given_at: When


class ConsentWithdrawn(Body):
    remote_id: Id
    at: When
    by: Name
    reason: Short = ""


class Verdict(Body):
    check: Annotated[str, Field(min_length=1, max_length=60)]
    status: Literal["pass", "warn", "fail", "inconclusive", "skipped"]


class ChecksSummary(Body):
    lesson: Id
    at: When
    ready: bool
    verdicts: list[Verdict] = Field(max_length=64)


class Panic(Body):
    lesson: Id | None = None
    at: When
    by: Annotated[str, Field(max_length=120)]


class Ack(Body):
    """The receiver has applied everything up to `upto` (sent outside the outbox, with
    sequence number 0: an old ack replayed changes nothing)."""

    upto: Annotated[int, Field(ge=0, le=2**62)]


class LessonRecord(Body):
    lesson: Id
    record: dict[str, Any]

    @field_validator("record")
    @classmethod
    def _bounded(cls, value: dict[str, Any]) -> dict[str, Any]:
        import json

        if len(json.dumps(value, default=str)) > 64 * 1024:
            raise ValueError("a lesson record larger than 64 kB")
        return value


# kind -> (its model, which side may send it: the creator (tutor), the joiner (family), both)
KINDS: dict[str, tuple[type[Body], frozenset[str]]] = {
    "lesson.announced": (LessonAnnounced, frozenset({CREATOR})),
    "lesson.started": (LessonState, frozenset({CREATOR, JOINER})),
    "lesson.ended": (LessonState, frozenset({CREATOR, JOINER})),
    "presence": (Presence, frozenset({JOINER})),
    "room": (Room, frozenset({JOINER})),
    "consent.granted": (ConsentGranted, frozenset({JOINER})),
    "consent.withdrawn": (ConsentWithdrawn, frozenset({JOINER})),
    "checks.summary": (ChecksSummary, frozenset({JOINER})),
    "panic": (Panic, frozenset({CREATOR, JOINER})),
    "lesson.record": (LessonRecord, frozenset({CREATOR})),
    "ack": (Ack, frozenset({CREATOR, JOINER})),
}
ACK = "ack"


def may_send(kind: str, side: str) -> bool:
    return kind in KINDS and side in KINDS[kind][1]
