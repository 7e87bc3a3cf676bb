"""The people around a lesson: tutor, pupils, their responsible adults, school staff, sponsors.

Why: consent is given by a named person about a named pupil, supervision depends on the
pupil's age, and every record must say who did what. A pupil has a date of birth or, where
a family prefers not to give one, an age band.
"""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

from app.audit import AuditLog
from app.errors import ConfigurationError
from app.inputs import check_id, check_name
from app.policy.engine import ROLE_WORDS
from app.store import Store, inserted_id
from app.texts import _

PersonRole = Literal["tutor", "pupil", "responsible_adult", "school_staff", "sponsor"]
PERSON_ROLES: tuple[str, ...] = get_args(PersonRole)
AGE_BAND = re.compile(r"^(\d{1,2})-(\d{1,2})$")
AGE_BANDS = ("5-7", "8-10", "11-12", "13-15", "16-17")  # the bands the window offers
PUPIL_AGES = (3, 17)  # a pupil's age band lies within these, and spans at most three years


@dataclass(frozen=True)
class Person:
    id: int
    role: str
    name: str
    date_of_birth: str | None
    age_band: str | None
    pupil_id: int | None
    email: str
    phone: str

    def age_on(self, day: date) -> int | None:
        """Age in whole years; for an age band, its lower end (the stricter supervision)."""
        if self.date_of_birth:
            born = date.fromisoformat(self.date_of_birth)
            return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        if self.age_band:
            match = AGE_BAND.match(self.age_band)
            return int(match.group(1)) if match else None
        return None

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def _row(row: dict[str, Any]) -> Person:
    """A `people` row as sqlite_utils reads it (its values are typed Any), as a Person."""
    return Person(int(row["id"]), str(row["role"]), str(row["name"]),
                  row["date_of_birth"] or None, row["age_band"] or None,
                  row["pupil_id"], row["email"] or "", row["phone"] or "")


class People:
    def __init__(self, store: Store, audit: AuditLog | None = None) -> None:
        self.store = store
        self.audit = audit or AuditLog(store)

    def add(self, role: str, name: str, *, date_of_birth: str | None = None,
            age_band: str | None = None, pupil_id: int | None = None, email: str = "",
            phone: str = "", adult_confirmed: bool = False, actor: str = "user",
            today: date | None = None) -> Person:
        today = today or date.today()
        name = check_name(name, _("The name"))
        if pupil_id is not None:
            check_id(pupil_id, _("The pupil id"))
        if role not in PERSON_ROLES:
            raise ConfigurationError(_("'{role}' is not a role LessonGuard knows.", role=role),
                                     _("Use one of: {roles}.", roles=list(PERSON_ROLES)))
        if not name or len(name) > 120:
            raise ConfigurationError(_("A person needs a name (up to 120 characters)."))
        if date_of_birth:
            try:
                born = date.fromisoformat(date_of_birth)
            except ValueError:
                raise ConfigurationError(
                    _("'{value}' is not a date.", value=date_of_birth),
                    _("Write it as YYYY-MM-DD.")) from None
            if born > today or born.year < today.year - 120:
                raise ConfigurationError(_("The date of birth {value} cannot be right.",
                                           value=date_of_birth), _("Check the year."))
        if age_band:
            match = AGE_BAND.match(age_band)
            low, high = (int(match.group(1)), int(match.group(2))) if match else (0, -1)
            if not PUPIL_AGES[0] <= low <= high <= min(PUPIL_AGES[1], low + 2):
                raise ConfigurationError(_("'{value}' is not an age band.", value=age_band),
                                         _("Give a child's age band of up to three years, "
                                           "for example one of: {bands}.",
                                           bands=list(AGE_BANDS)))
        if role == "pupil" and not (date_of_birth or age_band):
            raise ConfigurationError(
                _("The pupil {name} needs a date of birth or an age band: the supervision a "
                  "lesson needs depends on the pupil's age.", name=name),
                _("Add --dob YYYY-MM-DD or --age-band 11-12."))
        if role == "responsible_adult":
            if pupil_id is None:
                raise ConfigurationError(
                    _("Which pupil is {name} responsible for?", name=name),
                    _("Add --pupil ID."))
            self.get(pupil_id, role="pupil")
        if role == "sponsor":
            person = Person(0, role, name, date_of_birth, age_band, None, email, phone)
            age = person.age_on(today)
            if not (adult_confirmed or (age is not None and age >= 18)):
                raise ConfigurationError(
                    _("A sponsor must be 18 or over; {name}'s age is not shown to be.",
                      name=name),
                    _("Give their --dob, or --adult to confirm they are 18 or over."))
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.store.write() as db:
            table = db.table("people")
            table.insert({"role": role, "name": name, "date_of_birth": date_of_birth,
                          "age_band": age_band, "pupil_id": pupil_id, "email": email,
                          "phone": phone, "created_at": now})
            new_id = inserted_id(table)
            self.audit.append_in(db, "person.added", actor=actor, subject=f"person:{new_id}",
                                 details={"role": role, "name": name, "pupil_id": pupil_id},
                                 bind=[("people", new_id)])
        return self.get(new_id)

    def get(self, person_id: int, role: str | None = None) -> Person:
        check_id(person_id, _("The person id"))
        rows = list(self.store.db.query(
            "SELECT * FROM people WHERE id = ? AND archived_at IS NULL", [person_id]))
        if not rows or (role is not None and rows[0]["role"] != role):
            what = ROLE_WORDS.get(role or "", _("person"))
            raise ConfigurationError(_("There is no {what} with id {id}.", what=what,
                                       id=person_id),
                                     _("See `lessonguard people list` for the ids."))
        return _row(rows[0])

    def list(self, role: str | None = None) -> list[Person]:
        sql = "SELECT * FROM people WHERE archived_at IS NULL"
        params: list[object] = []
        if role:
            sql += " AND role = ?"
            params.append(role)
        return [_row(r) for r in self.store.db.query(sql + " ORDER BY id", params)]

    def adults_for(self, pupil_id: int) -> builtins.list[Person]:
        return [p for p in self.list("responsible_adult") if p.pupil_id == pupil_id]
