"""The policy pack schema: an organisation's safeguarding rules as validated data.

Why: each organisation's policy differs (HMS forbids recording, TutorNinjas requires it), so
rules must be data that LessonGuard enforces, never code. Every rule carries the clause of the
seed policy it comes from; a rule the policy does not cover says "unspecified", and the engine
then applies LessonGuard's high-privacy default and says so.
"""

from __future__ import annotations

import itertools
import re
from typing import Annotated, Generic, Literal, TypeVar, cast, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

UNSPECIFIED = "unspecified"

Role = Literal["tutor", "pupil", "responsible_adult", "school_staff"]
ROLES: tuple[Role, ...] = get_args(Role)
PlaybackRole = Literal["tutor", "pupil", "responsible_adult", "school_staff", "organisation"]
ConsentRole = Literal["responsible_adult", "pupil", "tutor"]
RecordingMode = Literal["forbidden", "optional", "required"]
Presence = Literal[
    "in_room_throughout",  # an adult in the room for the whole lesson
    "start_and_end_within_earshot",  # at start and end, within earshot in between
    "start_and_end_available",  # at start and end, available in between
    "within_earshot_where_possible",  # within earshot where possible: asked, never required
    "present_and_available",  # present or available, at the adult's judgement
    "none",  # may be alone
]
ContinueWithoutAdult = Literal["yes", "if_pupil_comfortable", "no"]
Background = Literal["blur", "plain", "blur_or_plain", "any"]
Room = Literal["living_area", "any"]
Need = Literal["required", "recommended", "not_required"]
Equipment = Literal["computer_with_webcam", "any"]
# "staff_remind": staff remind the pupils of the code (WSM: "Staff will periodically remind
# students of these expectations"): shown to the tutor or school staff at each lesson, who
# confirm they reminded the pupil; the pupil acknowledges nothing.
AcknowledgeWhen = Literal["each_lesson", "first_lesson", "staff_remind", "never"]
Strength = Literal["required", "recommended"]
Moment = Literal["start", "midway"]
AppCategory = Literal[
    "browsers", "messaging", "screen_recorders", "remote_access", "games", "media", "other"
]
Platform = Literal[
    "zoom", "teams", "meet", "skype", "bandlab", "youtube_live", "charanga", "musictutors",
    "tutorninjas_site", "webex",
]
CategoryId = Literal[
    "inappropriate_language",
    "inappropriate_behaviour",
    "adult_images",
    "indecent_images_of_child",
    "disclosure_of_abuse",
    "sensitive_information",
    "unsolicited_contact",
    "other",
]
CATEGORY_IDS: tuple[CategoryId, ...] = get_args(CategoryId)
PoliceWhen = Literal["always", "if_child_in_danger", "if_criminal", "at_adult_discretion", "never"]
NotifyTarget = Literal[
    "dsl",
    "parent_carer",
    "organisation",
    "school_child_protection_officer",
    "police_999",
    "police_101",
    "ceop",
    "childline",
    "uk_safer_internet_centre",
    "childnet",
]
NotifyWhen = Literal["always", "if_child_in_danger", "if_criminal", "optional"]
RequestKind = Literal["freeze_learner_account", "suspend_tutor", "no_further_contact",
                      "remove_participant"]
ContactRole = Literal["dsl", "deputy_dsl", "safeguarding_team", "coordinator", "organisation"]

T = TypeVar("T")

ShortText = Annotated[str, Field(min_length=1, max_length=2000)]
Days = Annotated[int, Field(ge=1, le=3650)]
Mbps = Annotated[float, Field(gt=0, le=10_000, allow_inf_nan=False)]

_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,24}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


class Strict(BaseModel):
    """Unknown keys are refused everywhere: a typo must never silently weaken a rule."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(Strict):
    """Where a rule comes from: a seed policy file, a section, and the words it says."""

    seed: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    section: Annotated[str, Field(max_length=300)] = ""
    quote: Annotated[str, Field(min_length=8, max_length=2000)]


class Rule(Strict, Generic[T]):
    """One rule: its value (or "unspecified" when the policy is silent), its source, how
    strongly the policy asks for it, and whom it applies to.

    `strength`: "required" (the policy says must, will, expect) makes a failed check block the
    lesson; "recommended" (should where possible, encouraged, ideally, best practice) makes it
    a warning. `applies_to`: the roles the clause addresses; empty means everyone."""

    value: T | Literal["unspecified"]
    source: Source | None = None
    strength: Strength = "required"
    applies_to: list[Role] = Field(default_factory=list, max_length=4)
    note: Annotated[str, Field(max_length=2000)] = ""

    @model_validator(mode="after")
    def _source_unless_unspecified(self) -> Rule[T]:
        if self.value != UNSPECIFIED and self.source is None:
            raise ValueError("a rule with a value needs a `source` naming the policy clause")
        return self

    @property
    def specified(self) -> bool:
        return self.value != UNSPECIFIED

    def given(self) -> T | None:
        """The value the pack gives, or None when the policy is silent."""
        if self.value == UNSPECIFIED:
            return None
        # A generic `T | Literal["unspecified"]` is not narrowed by the comparison above.
        return cast(T, self.value)


class Contact(Strict):
    role: ContactRole
    name: ShortText
    title: Annotated[str, Field(max_length=200)] = ""
    phones: list[Annotated[str, Field(max_length=30)]] = Field(default_factory=list, max_length=5)
    email: Annotated[str, Field(max_length=254)] = ""
    source: Source

    @field_validator("phones")
    @classmethod
    def _phones(cls, phones: list[str]) -> list[str]:
        for phone in phones:
            if not _PHONE.match(phone):
                raise ValueError(f"'{phone}' is not a phone number")
        return phones

    @field_validator("email")
    @classmethod
    def _email(cls, email: str) -> str:
        if email and not _EMAIL.match(email):
            raise ValueError(f"'{email}' is not an email address")
        return email

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not self.phones and not self.email:
            raise ValueError("a contact needs at least a phone number or an email address")
        return self


class Notice(Strict):
    """Words a pack asks LessonGuard to show to some roles (a duty, a limit on contact)."""

    text: ShortText
    roles: list[Role] = Field(default_factory=list, max_length=4)  # empty: everyone
    strength: Strength = "required"
    source: Source


class Organisation(Strict):
    name: ShortText
    short_name: Annotated[str, Field(min_length=1, max_length=40)]
    help_email: Annotated[str, Field(max_length=254)] = ""
    contacts: list[Contact] = Field(default_factory=list, max_length=30)
    reporting_route: Rule[ShortText]

    @field_validator("help_email")
    @classmethod
    def _email(cls, email: str) -> str:
        if email and not _EMAIL.match(email):
            raise ValueError(f"'{email}' is not an email address")
        return email


class RecordingException(Strict):
    name: ShortText
    description: ShortText
    permission_in_advance: bool
    source: Source


class Recording(Strict):
    mode: Rule[RecordingMode]
    owner: Rule[ShortText]  # who the recordings belong to
    decided_by: Rule[ShortText]  # who decides, before the first lesson, whether to record
    retention_days: Rule[Days]
    consent_from: Rule[Annotated[list[ConsentRole], Field(max_length=3)]]
    playback_roles: Rule[Annotated[list[PlaybackRole], Field(max_length=5)]]
    playback_days: Rule[Days]
    pupils_and_parents_may_record: Rule[bool]
    review_on_report: Rule[bool]
    police_access_on_report: Rule[bool]
    exceptions: list[RecordingException] = Field(default_factory=list, max_length=10)


class AgeBand(Strict):
    min_age: Annotated[int, Field(ge=0, le=25)]
    max_age: Annotated[int, Field(ge=0, le=25)]
    presence: Presence
    source: Source

    @model_validator(mode="after")
    def _ordered(self) -> AgeBand:
        if self.min_age > self.max_age:
            raise ValueError(f"min_age {self.min_age} is above max_age {self.max_age}")
        return self


class Supervision(Strict):
    bands: Rule[Annotated[list[AgeBand], Field(max_length=20)]]
    continue_without_adult: Rule[ContinueWithoutAdult]
    sponsor_required: Rule[bool]
    school_staff_return_pupil: Rule[bool]
    pupil_comfortable_at_start: Rule[bool]  # the tutor makes sure, and ticks that they did

    @model_validator(mode="after")
    def _bands_do_not_overlap(self) -> Supervision:
        given = self.bands.given()
        if given is not None:
            bands = sorted(given, key=lambda b: b.min_age)
            for a, b in itertools.pairwise(bands):
                if b.min_age <= a.max_age:
                    raise ValueError(
                        f"age bands {a.min_age}-{a.max_age} and {b.min_age}-{b.max_age} overlap"
                    )
        return self


class TroubleOutcome(Strict):
    """What happens after connection trouble, in words for the roles who read them: when the
    lesson was starting or midway, and on whose side the connection failed."""

    moment: Moment
    side: Literal["tutor", "pupil", "either"]
    roles: list[Role] = Field(min_length=1, max_length=4)
    text: ShortText
    source: Source


class Network(Strict):
    min_upload_mbps: Rule[Mbps]
    min_download_mbps: Rule[Mbps]
    trouble_abort_minutes: Rule[Annotated[int, Field(ge=1, le=120)]]
    trouble_outcomes: Rule[Annotated[list[TroubleOutcome], Field(max_length=24)]]
    others_pause_usage: Rule[bool]


class Environment(Strict):
    background: Rule[Background]
    virtual_background_allowed: Rule[bool]
    no_personal_information: Rule[bool]
    nothing_inappropriate_visible: Rule[bool]  # a person confirms: LessonGuard cannot see it
    room: Rule[Room]
    quiet_location: Rule[bool]
    do_not_disturb: Rule[Need]
    mains_power: Rule[Need]
    no_calls_or_messaging: Rule[bool]
    close_unrelated_apps: Rule[bool]
    dress_reminder: Rule[ShortText]
    equipment: Rule[Equipment]


class AppEntry(Strict):
    """A program LessonGuard recognises (resources/apps/catalogue.toml, or a pack's extras)."""

    id: Annotated[str, Field(min_length=1, max_length=60)]
    name: ShortText
    category: AppCategory
    names: list[Annotated[str, Field(min_length=1, max_length=120)]] = Field(
        default_factory=list, max_length=50)
    paths: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(
        default_factory=list, max_length=20)


class Apps(Strict):
    close_categories: Rule[Annotated[list[AppCategory], Field(max_length=7)]]
    allowed_platforms: Rule[Annotated[list[Platform], Field(max_length=10)]]
    extra: list[AppEntry] = Field(default_factory=list, max_length=200)


class CodeOfConduct(Strict):
    title: ShortText
    points: list[ShortText] = Field(min_length=1, max_length=60)
    acknowledge: AcknowledgeWhen
    # Points for one role only (the tutor's code, the pupil's code), shown to that role
    # after `points`.
    by_role: dict[Role, Annotated[list[ShortText], Field(max_length=40)]] = Field(
        default_factory=dict)


class Conduct(Strict):
    code: Rule[CodeOfConduct]
    contact_outside_lesson: Rule[Annotated[list[Notice], Field(max_length=20)]]
    messages_kept_days: Rule[Annotated[int, Field(ge=1, le=3650)]]


class Training(Strict):
    """What the tutor must have done before teaching; LessonGuard asks the tutor to confirm."""

    before_first_lesson: Rule[Annotated[list[Notice], Field(max_length=10)]]
    lapsed_blocks_teaching: Rule[bool]
    observer_first_lesson: Rule[bool]


class Scheduling(Strict):
    min_lead_hours: Rule[Annotated[int, Field(ge=0, le=24 * 60)]]


class Procedure(Strict):
    steps: list[ShortText] = Field(min_length=1, max_length=20)
    source: Source


class Notify(Strict):
    target: NotifyTarget
    when: NotifyWhen
    roles: list[Role] = Field(default_factory=list, max_length=4)  # empty: every reporter
    how: Annotated[str, Field(max_length=300)] = ""  # how the policy says to tell them
    source: Source


class Request(Strict):
    kind: RequestKind
    description: ShortText
    source: Source


class FollowUp(Strict):
    task: ShortText
    due_days: Annotated[int, Field(ge=0, le=365)]
    source: Source


class IncidentCategory(Strict):
    title: ShortText
    call_police: Rule[PoliceWhen]
    preserve_recording: Rule[bool]
    procedures: dict[Role, Procedure] = Field(default_factory=dict)
    notify: list[Notify] = Field(default_factory=list, max_length=20)
    requests: list[Request] = Field(default_factory=list, max_length=10)
    follow_up: list[FollowUp] = Field(default_factory=list, max_length=10)


class Incidents(Strict):
    inappropriate_language: IncidentCategory
    inappropriate_behaviour: IncidentCategory
    adult_images: IncidentCategory
    indecent_images_of_child: IncidentCategory
    disclosure_of_abuse: IncidentCategory
    sensitive_information: IncidentCategory
    unsolicited_contact: IncidentCategory
    other: IncidentCategory

    def get(self, category: CategoryId | str) -> IncidentCategory:
        """The category's procedure; a stored name that is not a category is refused (a
        KeyError), never read as some other attribute of the pack."""
        if category not in get_args(CategoryId):
            raise KeyError(category)
        found = getattr(self, category)
        assert isinstance(found, IncidentCategory)
        return found


class PolicyPack(Strict):
    schema_version: Literal[1]
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{1,39}$")]
    name: ShortText
    seed: Annotated[str, Field(max_length=200)] | None = None
    summary: ShortText
    organisation: Organisation
    recording: Recording
    supervision: Supervision
    network: Network
    environment: Environment
    apps: Apps
    conduct: Conduct
    training: Training
    scheduling: Scheduling
    incidents: Incidents
