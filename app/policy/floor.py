"""LessonGuard's safety floor: protections no policy pack can weaken.

Why: a pack is data anyone can write, and a pack that validates is enforced. An organisation
may be stricter than LessonGuard, never weaker on the few rules that protect a child whatever
the organisation says. `floor_problems` names every rule a pack breaks, as "key: what is
expected", and the loader refuses the pack with them (app/policy/loader.parse_pack).

The floor rules:

- A pack that lets a lesson be recorded (mode "optional" or "required", or an exception)
  asks for someone's consent, and always the responsible adult's: a child is never recorded
  with no consent on file, or on the tutor's word alone.
- Indecent images of a child: the recording is always preserved (LessonGuard seals it for
  the police; app/policy/engine.incident_guidance and app/incidents.py never let it be
  replayed) and the police are always part of the route: `call_police` cannot be "never" or
  "at_adult_discretion". A disclosure of abuse cannot say "never" call the police, nor drop
  its recording.
- Supervision of children under 13 is never weaker than SUPERVISION_FLOOR: an adult present
  or available ("present_and_available"), never "none". That is the weakest thing a shipped
  pack asks for a child under 13 (TutorNinjas, ages 0 to 17); LessonGuard's own default
  (app/policy/defaults.DEFAULT_BANDS) is stronger and applies where a pack is silent.
- A recording of a child is kept, and played back, for at most MAX_RECORDING_DAYS (the
  schema alone allows ten years; the longest shipped pack, VTO, keeps three months). An
  incident's recording outlives this through its legal hold, not through the pack.
- The tutor is never given playback of a recording of the child: the recording exists to
  protect the child from the adults in the lesson. No shipped pack gives it; LessonGuard's
  default gives playback to the responsible adult alone.
"""

from __future__ import annotations

from app.policy.schema import PolicyPack, Presence
from app.texts import _

# Weakest first, as app/policy/strictest.PRESENCE_RANK.
PRESENCE_ORDER: tuple[Presence, ...] = ("none", "present_and_available",
                                        "within_earshot_where_possible",
                                        "start_and_end_available",
                                        "start_and_end_within_earshot", "in_room_throughout")
FLOOR_AGE_UNDER = 13
SUPERVISION_FLOOR: Presence = "present_and_available"
MAX_RECORDING_DAYS = 365
POLICE_NEVER_FOR_INDECENT_IMAGES = ("never", "at_adult_discretion")


def floor_problems(pack: PolicyPack) -> list[str]:
    """Every floor rule the pack breaks, each as "key: what was found and what is expected"."""
    return [*_recording(pack), *_incidents(pack), *_supervision(pack)]


def _recording(pack: PolicyPack) -> list[str]:
    rec = pack.recording
    out: list[str] = []
    mode = rec.mode.given()
    may_record = mode in ("optional", "required") or bool(rec.exceptions)
    consent = rec.consent_from.given()
    if may_record and consent is not None:
        if not consent:
            out.append(_(
                "recording.consent_from.value: a pack that lets lessons be recorded (mode "
                "'{mode}') needs at least one person whose consent is asked (found []); "
                "LessonGuard never records a child with no consent on file",
                mode=mode or "forbidden, with exceptions"))
        elif "responsible_adult" not in consent:
            out.append(_(
                "recording.consent_from.value: must include 'responsible_adult' (found "
                "{found}); a child is never recorded without their responsible adult's "
                "consent", found=consent))
    for key, rule in (("retention_days", rec.retention_days),
                      ("playback_days", rec.playback_days)):
        days = rule.given()
        if days is not None and days > MAX_RECORDING_DAYS:
            out.append(_(
                "recording.{key}.value: at most {limit} days (found {found}); a recording of "
                "a child is not kept longer, and an incident keeps its recording through its "
                "legal hold", key=key, limit=MAX_RECORDING_DAYS, found=days))
    roles = rec.playback_roles.given()
    if roles is not None and "tutor" in roles:
        out.append(_(
            "recording.playback_roles.value: must not include 'tutor' (found {found}); a "
            "recording of a child is played back by the responsible adult, the pupil, school "
            "staff or the organisation, never by the tutor alone", found=roles))
    return out


def _incidents(pack: PolicyPack) -> list[str]:
    out: list[str] = []
    indecent = pack.incidents.indecent_images_of_child
    police = indecent.call_police.given()
    if police in POLICE_NEVER_FOR_INDECENT_IMAGES:
        out.append(_(
            "incidents.indecent_images_of_child.call_police.value: indecent images of a child "
            "always go to the police (found '{found}'); use 'always', 'if_criminal' or "
            "'if_child_in_danger', or leave it unspecified", found=police))
    if indecent.preserve_recording.given() is False:
        out.append(_(
            "incidents.indecent_images_of_child.preserve_recording.value: must be true (found "
            "false); the recording is always kept, sealed for the police"))
    abuse = pack.incidents.disclosure_of_abuse
    if abuse.call_police.given() == "never":
        out.append(_(
            "incidents.disclosure_of_abuse.call_police.value: cannot be 'never'; a child who "
            "discloses abuse may be in danger, and the police must stay on the route"))
    if abuse.preserve_recording.given() is False:
        out.append(_(
            "incidents.disclosure_of_abuse.preserve_recording.value: must be true (found "
            "false); the recording of a disclosure is kept for the report"))
    return out


def _supervision(pack: PolicyPack) -> list[str]:
    bands = pack.supervision.bands.given()
    if bands is None:
        return []
    floor = PRESENCE_ORDER.index(SUPERVISION_FLOOR)
    return [
        _("supervision.bands.value[{index}]: ages {low} to {high} include children under "
          "{under}, who need at least '{floor}' (found '{found}')", index=i, low=band.min_age,
          high=band.max_age, under=FLOOR_AGE_UNDER, floor=SUPERVISION_FLOOR,
          found=band.presence)
        for i, band in enumerate(bands)
        if band.min_age < FLOOR_AGE_UNDER and PRESENCE_ORDER.index(band.presence) < floor
    ]
