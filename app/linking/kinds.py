"""What each kind of message says, as validated models with bounded sizes, and who may send it.

Why: a message is applied only when its body is exactly what its kind allows (no extra keys,
no oversized text), so a linked installation that misbehaves, or a bug, cannot write more
into the other's records than the kind permits. Verdicts only ever travel: never a picture,
never text a check read.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from app.linking.envelope import is_time


def _a_time(text: str) -> str:
    if not is_time(text):
        raise ValueError("not an ISO 8601 time with its zone")
    return text


def _one_line(text: str) -> str:
    """No line breaks, tabs or invisible marks: a name from the other computer cannot add
    lines to a record, or hide part of itself."""
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        raise ValueError("control or format characters")
    return text


def as_line(text: str, most: int = 400) -> str:
    """A person's free text (a reason, which may run to several lines) made fit to travel as
    `Short`: line breaks become " / ", other invisible marks go, and it is cut to `most`
    characters. The sender fits it, so a long reason never keeps a withdrawal at home."""
    parts = ["".join(ch for ch in line if unicodedata.category(ch)[0] != "C").strip()
             for line in text.splitlines()]
    line = " / ".join(part for part in parts if part)
    return line if len(line) <= most else line[:most - 1].rstrip() + "…"


Name = Annotated[str, Field(min_length=1, max_length=120), AfterValidator(_one_line)]
Short = Annotated[str, Field(max_length=400), AfterValidator(_one_line)]
Who = Annotated[str, Field(max_length=120), AfterValidator(_one_line)]
When = Annotated[str, Field(min_length=10, max_length=40), AfterValidator(_a_time)]
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
    tutor_name: Who
    platform: Annotated[str, Field(max_length=40)]
    pack_id: Annotated[str, Field(min_length=1, max_length=80)]
    pack_name: Annotated[str, Field(max_length=200)]
    recording: Recording
    practice: bool = False


class LessonState(Body):
    lesson: Id
    at: When
    by: Who
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
    by: Who


class Ack(Body):
    """The receiver has applied everything up to `upto` (sent outside the outbox, with
    sequence number 0: an old ack replayed changes nothing)."""

    upto: Annotated[int, Field(ge=0, le=2**62)]


def _loose_time(text: str) -> str:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("not an ISO 8601 time") from None
    return text


Moment = Annotated[str, Field(max_length=40), AfterValidator(_loose_time)]
Text = Annotated[str, Field(max_length=2000)]


class Shared(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SharedLesson(Shared):
    id: Id | None = None
    state: Literal["booked", "in_progress", "ended", "cancelled"] | None = None
    starts_at: Moment | None = None
    started_at: Moment | None = None
    ended_at: Moment | None = None
    duration_min: Annotated[int, Field(ge=0, le=600)] | None = None
    end_reason: Text | None = None
    tutor_name: Text | None = None
    pack_id: Text | None = None


class SharedVerdict(Shared):
    check: Text | None = None
    status: Text | None = None


class SharedChecks(Shared):
    ready: bool | None = None
    at: Moment | None = None
    verdicts: list[SharedVerdict] = Field(default_factory=list, max_length=64)


class SharedConfirmation(Shared):
    kind: Text
    by_name: Text
    role: Text
    at: Moment
    from_: Text | None = Field(None, alias="from")
    attested_by: Text | None = None


class SharedRecording(Shared):
    id: Text
    state: Text
    duration_s: Annotated[float, Field(ge=0, le=86400)] | None = None
    started_at: Moment | None = None
    expires_at: Moment | None = None
    deleted_at: Moment | None = None


class SharedRecord(Shared):
    """What of a lesson's record goes back to the family (`notify.shared_record`), every
    field typed, so a record that is not one is refused, never half-shown."""

    lesson: SharedLesson
    checks: SharedChecks | None = None
    confirmations: list[SharedConfirmation] = Field(default_factory=list, max_length=200)
    recordings: list[SharedRecording] = Field(default_factory=list, max_length=50)
    no_recording_reason: Text = ""
    incidents: Annotated[int, Field(ge=0, le=1000)] = 0


class LessonRecord(Body):
    lesson: Id
    record: dict[str, Any]

    @field_validator("record")
    @classmethod
    def _a_record(cls, value: dict[str, Any]) -> dict[str, Any]:
        import json

        if len(json.dumps(value, default=str)) > 64 * 1024:
            raise ValueError("a lesson record larger than 64 kB")
        SharedRecord.model_validate(value)
        return value


# A copy of a recording (app/linking/recording_copy.py): the encrypted file as it is on disk,
# in pieces that each fit one message once in base64; never more than a broker set up as
# docs/linking.md says carries comfortably for one lesson.
COPY_CHUNK = 180 * 1024
MAX_COPY_BYTES = 64 * 1024 * 1024
MAX_COPY_CHUNKS = -(-MAX_COPY_BYTES // COPY_CHUNK)
RecordingId = Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z-]{0,39}$")]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class RecordingOffered(Body):
    """A copy of a recording follows: what it is, how to check it, and its key (which
    travels only inside this end-to-end encrypted, signed message)."""

    recording: RecordingId
    lesson: Id | None = None
    pack_id: Annotated[str, Field(min_length=1, max_length=80)]
    kind: Annotated[str, Field(min_length=1, max_length=60)]
    state: Literal["complete", "interrupted", "disk_full"]
    started_at: When
    ended_at: When | None = None
    duration_s: Annotated[float, Field(ge=0, le=86400)] | None = None
    size: Annotated[int, Field(ge=1, le=MAX_COPY_BYTES)]
    sha256: Sha256
    chunk_size: Annotated[int, Field(ge=1, le=COPY_CHUNK)]
    chunks: Annotated[int, Field(ge=1, le=MAX_COPY_CHUNKS)]
    key: Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$")]
    playback_until: When


class RecordingChunk(Body):
    recording: RecordingId
    index: Annotated[int, Field(ge=0, lt=MAX_COPY_CHUNKS)]
    data: Annotated[str, Field(min_length=4, max_length=4 * (-(-COPY_CHUNK // 3)))]


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
    "recording.offered": (RecordingOffered, frozenset({CREATOR})),
    "recording.chunk": (RecordingChunk, frozenset({CREATOR})),
    "ack": (Ack, frozenset({CREATOR, JOINER})),
}
ACK = "ack"


def may_send(kind: str, side: str) -> bool:
    return kind in KINDS and side in KINDS[kind][1]
