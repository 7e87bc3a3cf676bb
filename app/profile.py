"""First run: who uses this computer, under which policy, and the pupils they teach or look
after, with a sponsor where the pack needs one.

Why: everything later (what Start lesson asks, who may play a recording, whose name goes on a
confirmation) depends on these answers; they are saved together so a half-finished first
run leaves nothing behind but what was confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import ConfigurationError
from app.lesson_plan import sponsor_words
from app.org_guard import change_setup
from app.people import People, Person
from app.policy.engine import rule
from app.policy.schema import PolicyPack
from app.settings import AppSettings
from app.store import Store
from app.texts import _


@dataclass(frozen=True)
class NewPupil:
    name: str
    date_of_birth: str | None
    age_band: str | None
    adult_name: str
    sponsor_name: str = ""
    sponsor_is_adult: bool = False


def sponsor_needed(pack: PolicyPack) -> bool:
    return bool(rule(pack, "supervision.sponsor_required").value)


def add_pupil(store: Store, pack: PolicyPack, pupil: NewPupil, actor: str) -> Person:
    """The pupil, their responsible adult and (where the pack needs one) their sponsor."""
    people = People(store)
    if sponsor_needed(pack) and not pupil.sponsor_name.strip():
        raise ConfigurationError(
            sponsor_words(pack), _("Give the sponsor's name: usually the parent or carer."))
    # One transaction (each add joins it): a refused adult or sponsor leaves no pupil behind.
    with store.write():
        added = people.add("pupil", pupil.name, date_of_birth=pupil.date_of_birth,
                           age_band=pupil.age_band, actor=actor)
        people.add("responsible_adult", pupil.adult_name, pupil_id=added.id, actor=actor)
        if pupil.sponsor_name.strip():
            people.add("sponsor", pupil.sponsor_name, pupil_id=added.id,
                       adult_confirmed=pupil.sponsor_is_adult, actor=actor)
    return added


def sponsor_for(store: Store, pupil_id: int) -> Person | None:
    return next((p for p in People(store).list("sponsor") if p.pupil_id == pupil_id), None)


def save_profile(store: Store, role: str, name: str, policy: str,
                 pin: str | None = None) -> AppSettings:
    """First run's answers, through the one guarded path (app.org_guard.change_setup): a
    computer already set up changes its pack or role only with the organisation's PIN."""
    return change_setup(store, role=role, name=name, policy=policy, pin=pin, actor=name)
