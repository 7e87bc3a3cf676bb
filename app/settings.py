"""The user's settings, each declared once with its type, default and meaning.

Why: a setting read in one place and written in another drifts; one model with validation
rejects a bad stored value instead of crashing on it later.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.store import Store

log = logging.getLogger(__name__)
SETTINGS_KEY = "app_settings"


class SafeguardingLead(BaseModel):
    """The organisation's safeguarding lead as entered on this computer, for a pack that
    names no phone or email: the report always offers someone who can be reached. Shown as
    entered here, never credited to the organisation's policy."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field("", max_length=120)
    phone: str = Field("", max_length=30, pattern=r"^$|^\+?[0-9][0-9 ()-]{5,28}$")
    email: str = Field("", max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")

    @property
    def given(self) -> bool:
        return bool(self.phone or self.email)


class AppSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    camera: str = Field(
        "auto",
        description="Camera: 'auto', a camera number, a video file, or 'synthetic' (demo).",
        max_length=4096,
    )
    microphone: str = Field(
        "default", description="Microphone: 'default', a device number or a name.",
        max_length=512,
    )
    speaker: str = Field(
        "default", description="Speakers or headphones for the sound test: 'default', a "
        "device number or a name.",
        max_length=512,
    )
    speed_url: str = Field(
        default_factory=lambda: os.environ.get("LESSONGUARD_SPEED_URL",
                                               "https://speed.cloudflare.com"),
        description="The speed-test endpoint the bandwidth check talks to (the only network "
        "traffic LessonGuard makes): an organisation's own `lessonguard speed-server`, or the "
        "public Cloudflare speed test.",
        max_length=2048,
        pattern=r"^https?://",
    )
    background: Literal["off", "blur", "colour", "image"] = Field(
        "blur", description="What the lesson sees behind you: as it is, blurred, a plain "
        "colour, or a picture.")
    background_image: str = Field(
        "", max_length=4096, description="The picture shown behind you when `background` is "
        "`image` (an appropriate, non-distracting one, as WSM asks).")
    blur_strength: int = Field(6, ge=1, le=10, description="How strong the blur is, 1 to 10.")
    instrument_mode: bool = Field(
        False, description="Keep what may be the player's instrument sharp close to them. Off "
        "by default: it leaves more of the room sharp (tests/bench/bench_halo.py).")
    keep_clear: list[tuple[float, float, float, float]] = Field(
        default_factory=list, max_length=20,
        description="Keep-clear rectangles (x, y, width, height as fractions of the picture) "
        "that are never blurred: the instrument, the bow arm, a music stand.")
    blur_areas: list[tuple[float, float, float, float]] = Field(
        default_factory=list, max_length=20,
        description="Areas always blurred, even when the background is not (a name on the "
        "wall, a school badge): x, y, width, height as fractions of the picture.")
    virtual_camera: bool = Field(
        False, description="Send the picture to the lesson platform as LessonGuard camera.")
    recordings_dir: str = Field(
        "", max_length=4096,
        description="Where recordings are kept (encrypted); empty for `recordings` in the "
        "data folder. A school may choose a larger drive.")
    role: Literal["tutor", "responsible_adult", "school_staff"] | None = Field(
        None, description="Who uses LessonGuard on this computer: the tutor, a parent or "
        "responsible adult, or school staff. Chosen at first run; it decides what is asked "
        "for and who may play recordings back.")
    user_name: str = Field(
        "", max_length=120, description="The name of the person using LessonGuard, written "
        "into confirmations and reports.")
    theme: Literal["system", "light", "dark"] = Field(
        "system", description="Light or dark, or follow the operating system.")
    companion_on_top: bool = Field(
        True, description="Keep the small lesson window above the lesson platform.")
    safeguarding_lead: SafeguardingLead = Field(
        default_factory=SafeguardingLead,
        description="The organisation's safeguarding lead (name, phone, email), entered at "
        "first run or in Settings when the pack names no way to reach them.")
    policy: str = Field(
        "strict",
        description="The organisation's policy pack: a shipped pack's id or a .toml file. "
        "Until one is chosen, the strictest of the shipped packs applies.",
        max_length=4096,
    )
    broker: str = Field(
        "", max_length=2048,
        description="The organisation's message broker that links this LessonGuard with the "
        "tutor's or the family's (mqtt://HOST:PORT, or mqtts://HOST:PORT for TLS, "
        "?ca=FILE for the organisation's own CA). Empty: no linking, each computer works "
        "alone. Only sealed messages go there (docs/linking.md).")

    @field_validator("broker")
    @classmethod
    def _broker_url(cls, value: str) -> str:
        if not value.strip():
            return ""
        from app.errors import ConfigurationError
        from app.linking.mqtt import parse_broker_url

        try:
            parse_broker_url(value)
        except ConfigurationError as exc:
            raise ValueError(str(exc)) from exc
        return value.strip()


def is_set_up(settings: AppSettings) -> bool:
    """Whether first run is done: LessonGuard knows who uses it."""
    return settings.role is not None and bool(settings.user_name.strip())


def load_settings(store: Store) -> AppSettings:
    raw = store.get_setting(SETTINGS_KEY)
    if raw is None:
        return AppSettings()
    try:
        return AppSettings.model_validate(json.loads(raw))
    except (ValueError, ValidationError) as exc:
        log.warning("stored settings are invalid, using defaults: %s", exc)
        return AppSettings()


def save_settings(store: Store, settings: AppSettings) -> None:
    store.set_setting(SETTINGS_KEY, settings.model_dump_json())
