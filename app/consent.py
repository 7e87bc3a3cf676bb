"""Consent to record: given by a named person, in the pack's terms, and withdrawable at once.

Why: a recording of a child may only exist when the people the organisation names have
agreed to exactly what will happen to it. The record keeps the words they agreed to and
their version; if the pack's terms change, the old consent no longer counts (it was not to
these terms) and is asked for again.
"""

from __future__ import annotations

import builtins
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from app.audit import AuditLog
from app.errors import ConfigurationError, LessonGuardError
from app.inputs import check_id, check_name, check_reason, printable, read_bounded
from app.people import People, Person
from app.policy.engine import RecordingGate, recording_gate, recording_policy, rule
from app.policy.schema import PolicyPack
from app.store import Store, inserted_id
from app.texts import _

if TYPE_CHECKING:
    from app.linking.notify import LinkNotifier

TEMPLATE_VERSION = "1"
CONSENT_ROLES = ("responsible_adult", "pupil", "tutor")
MAX_FORM_BYTES = 20 * 1024 * 1024  # a scanned, signed consent form
METHODS = ("typed_name", "typed_name_and_signed_form")


def scope_for(kind: str) -> str:
    """The consent scope a recording of this kind needs: lessons, or a named performance."""
    return "record_lessons" if kind == "lesson" else f"performance:{kind}"


def known_kind(pack: PolicyPack, kind: str) -> str:
    """'lesson', or a recording exception the pack names (e.g. ensemble_performance)."""
    names = ["lesson", *(e.name for e in pack.recording.exceptions)]
    if kind not in names:
        raise ConfigurationError(
            _("'{kind}' is not a kind of recording {pack} knows.", kind=printable(kind[:60]),
              pack=pack.name),
            _("Use one of: {kinds}.", kinds=names))
    return kind


def _roles_text(roles: tuple[str, ...]) -> str:
    names = {"responsible_adult": "the parent or responsible adult", "pupil": "the pupil",
             "tutor": "the tutor", "school_staff": "school staff",
             "organisation": "the organisation's safeguarding staff"}
    parts = [names.get(r, r) for r in roles]
    return " and ".join(parts) if parts else "nobody"


def consent_text(pack: PolicyPack, kind: str = "lesson") -> str:
    """The words shown before consent is given, built from the pack's own rules."""
    policy = recording_policy(pack, kind)
    org = pack.organisation.name
    what = ("lessons" if kind == "lesson"
            else f"the performance “{kind.replace('_', ' ')}”")
    review = rule(pack, "recording.review_on_report")
    police = rule(pack, "recording.police_access_on_report")
    lines = [
        f"I agree that {what} with {org} may be recorded by LessonGuard on this computer, "
        "with picture and sound.",
        f"Why: {policy.reason}",
        "The recording is encrypted and never uploaded. It shows a “● REC” mark the whole "
        "time, so everyone in the lesson knows.",
        f"It is kept for {policy.retention_days} days and then deleted automatically, unless "
        "it is held because of a safeguarding concern.",
        f"It can be played back only by {_roles_text(policy.playback_roles)}, for "
        f"{policy.playback_days} days.",
    ]
    if review.value:
        lines.append("If a concern is reported, the organisation's safeguarding lead may "
                     "review it" + (" and it may be given to the police." if police.value
                                    else "."))
    lines.append("I can withdraw this consent at any time in LessonGuard; recording then "
                 "stops at once.")
    return "\n".join(lines)


def text_version(pack: PolicyPack, kind: str = "lesson") -> str:
    digest = hashlib.sha256(consent_text(pack, kind).encode()).hexdigest()[:10]
    return f"{pack.id}/{TEMPLATE_VERSION}/{digest}"


@dataclass(frozen=True)
class Consent:
    id: int
    pupil_id: int
    given_by_id: int | None
    given_by_name: str
    role: str
    scope: str
    pack_id: str
    text: str
    text_version: str
    method: str
    form_name: str
    form_sha256: str
    given_at: str
    withdrawn_at: str | None
    withdrawn_by: str | None
    withdraw_reason: str | None
    # Where it was given: None or 'this_computer', or 'linked' (received from the family's
    # LessonGuard, with the link, the family's own id for it and the signed message).
    source: str | None = None
    link_id: str | None = None
    remote_id: int | None = None
    signature: str | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


class Consents:
    """`notifier`: where a broker is set, consent given or withdrawn here is also sent to
    the pupil's linked installations (queued in the same transaction)."""

    def __init__(self, store: Store, audit: AuditLog | None = None,
                 notifier: LinkNotifier | None = None) -> None:
        self.store = store
        self.audit = audit or AuditLog(store)
        self.people = People(store, self.audit)
        self.notifier = notifier

    def grant(self, pack: PolicyPack, pupil_id: int, given_by_id: int, typed_name: str,
              kind: str = "lesson", form: Path | None = None,
              now: datetime | None = None) -> Consent:
        """Record consent confirmed by typing one's name (and optionally a signed form)."""
        typed_name = check_name(typed_name, _("The typed name"))
        known_kind(pack, kind)
        pupil = self.people.get(pupil_id, role="pupil")
        giver = self.people.get(given_by_id)
        role = self._consent_role(giver, pupil)
        if typed_name.strip().casefold() != giver.name.strip().casefold():
            raise ConfigurationError(
                _("The name typed ('{typed}') is not {name}'s.", typed=typed_name,
                  name=giver.name),
                _("Consent is confirmed by the person giving it typing their own name."))
        form_name = form_hash = ""
        if form is not None:
            form_hash = hashlib.sha256(read_bounded(form, MAX_FORM_BYTES,
                                                    _("The signed form"))).hexdigest()
            form_name = form.name
        at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        row = {"pupil_id": pupil.id, "given_by_id": giver.id, "given_by_name": giver.name,
               "role": role, "scope": scope_for(kind), "pack_id": pack.id,
               "text": consent_text(pack, kind), "text_version": text_version(pack, kind),
               "method": METHODS[1] if form else METHODS[0], "form_name": form_name,
               "form_sha256": form_hash, "given_at": at}
        with self.store.write() as db:
            new_id = inserted_id(db.table("consents").insert(row))
            self.audit.append_in(db, "consent.granted", actor=giver.name,
                                 subject=f"consent:{new_id}",
                                 details={"pupil_id": pupil.id, "role": role,
                                          "scope": row["scope"],
                                          "text_version": row["text_version"],
                                          "method": row["method"], "form_sha256": form_hash},
                                 now=now, bind=[("consents", new_id)])
            if self.notifier is not None:
                self.notifier.consent_granted(self._row(db, new_id))
        return self.get(new_id)

    def _consent_role(self, giver: Person, pupil: Person) -> str:
        if giver.role == "pupil":
            if giver.id != pupil.id:
                raise ConfigurationError(_("{giver} is a different pupil and cannot consent "
                                           "for {pupil}.", giver=giver.name,
                                           pupil=pupil.name))
            return "pupil"
        if giver.role == "responsible_adult":
            if giver.pupil_id != pupil.id:
                raise ConfigurationError(
                    _("{giver} is not registered as responsible for {pupil}.",
                      giver=giver.name, pupil=pupil.name),
                    _("Add them with `lessonguard people add --role responsible_adult "
                      "--pupil {id}`.", id=pupil.id))
            return "responsible_adult"
        if giver.role == "tutor":
            return "tutor"
        raise ConfigurationError(
            _("{giver} is {role}; consent to record comes from the pupil's responsible "
              "adult, the pupil or the tutor.", giver=giver.name,
              role=giver.role.replace("_", " ")))

    def withdraw(self, consent_id: int, by: str, reason: str = "",
                 now: datetime | None = None) -> Consent:
        consent = self.get(consent_id)
        if not consent.active:
            raise LessonGuardError(_("Consent {id} was already withdrawn on {when}.",
                                     id=consent_id, when=consent.withdrawn_at))
        if not by.strip():
            raise ConfigurationError(_("Say who is withdrawing the consent (--by NAME)."))
        by = check_name(by, _("The name"))
        reason = check_reason(reason, _("The reason")) if reason.strip() else ""
        at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        with self.store.write() as db:
            db.execute("UPDATE consents SET withdrawn_at = ?, withdrawn_by = ?, "
                       "withdraw_reason = ? WHERE id = ?", [at, by, reason, consent_id])
            self.audit.append_in(db, "consent.withdrawn", actor=by,
                                 subject=f"consent:{consent_id}",
                                 details={"pupil_id": consent.pupil_id, "reason": reason},
                                 now=now, bind=[("consents", consent_id)])
            if self.notifier is not None:
                self.notifier.consent_withdrawn(self._row(db, consent_id))
        return self.get(consent_id)

    @staticmethod
    def _row(db: sqlite_utils.Database, consent_id: int) -> dict[str, object]:
        return dict(next(iter(db.query("SELECT * FROM consents WHERE id = ?", [consent_id]))))

    def to_reseal(self) -> tuple[builtins.list[Consent], dict[int, str]]:
        """After the audit log's key was lost: the consents a person may confirm again
        (`reseal`), and those that may not be, each with why. Empty when no key was lost."""
        result = self.audit.verify()
        if not result.unproven_before:
            return [], {}
        eligible: builtins.list[Consent] = []
        refused: dict[int, str] = {}
        withdrawn = {e.subject for e in self.audit.entries("consent.withdrawn")}
        for c in self.list():
            ref = ("consents", str(c.id))
            if result.vouched_at.get(ref, 0) >= result.unproven_before:
                continue  # given or confirmed since: the log vouches for it
            if c.withdrawn_at or f"consent:{c.id}" in withdrawn:
                refused[c.id] = str(_("it was withdrawn: a withdrawn consent never comes "
                                      "back (ask for a new one)"))
            elif result.chain_problems:
                refused[c.id] = str(_("the audit log was also changed outside LessonGuard "
                                      "({why}); confirming again covers only a lost key",
                                      why=result.chain_problems[0]))
            elif ref in result.rows:
                refused[c.id] = result.rows[ref]
            else:
                eligible.append(c)
        return eligible, refused

    def reseal(self, consent_ids: builtins.list[int], by: str,
               now: datetime | None = None) -> builtins.list[Consent]:
        """Vouch again for consents the audit log can no longer prove because its key was
        lost, after `by` confirmed each one with the people who gave it. Each is written to
        the log (`consent.resealed`, naming who confirmed it). A consent that was withdrawn,
        changed outside LessonGuard, or not in need of it is refused, and then none is
        resealed."""
        by = check_name(by, _("The name"))
        if not consent_ids:
            raise ConfigurationError(_("Name the consents you confirmed again."),
                                     _("See `lessonguard consent reseal` for the list."))
        eligible, refused = self.to_reseal()
        ready = {c.id: c for c in eligible}
        for consent_id in consent_ids:
            check_id(consent_id, _("The consent id"))
            self.get(consent_id)
            if consent_id in refused:
                raise LessonGuardError(
                    _("Consent {id} cannot be confirmed again: {why}.", id=consent_id,
                      why=refused[consent_id]),
                    _("Nothing was resealed. Record a new consent instead."))
            if consent_id not in ready:
                raise ConfigurationError(
                    _("Consent {id} does not need confirming again: the audit log vouches "
                      "for it.", id=consent_id), _("Nothing was resealed."))
        with self.store.write() as db:
            for consent_id in dict.fromkeys(consent_ids):
                c = ready[consent_id]
                still = list(db.query("SELECT withdrawn_at FROM consents WHERE id = ?",
                                      [consent_id]))
                if not still or still[0]["withdrawn_at"]:  # withdrawn meanwhile
                    raise LessonGuardError(_("Consent {id} was withdrawn meanwhile.",
                                             id=consent_id), _("Nothing was resealed."))
                self.audit.append_in(
                    db, "consent.resealed", actor=by, subject=f"consent:{consent_id}",
                    details={"pupil_id": c.pupil_id, "given_by": c.given_by_name,
                             "confirmed_by": by, "why": "the audit log's key was lost; "
                             "confirmed again with the person who gave it"},
                    now=now, bind=[("consents", consent_id)])
        return [self.get(i) for i in dict.fromkeys(consent_ids)]

    def get(self, consent_id: int) -> Consent:
        check_id(consent_id, _("The consent id"))
        rows = list(self.store.db.query("SELECT * FROM consents WHERE id = ?", [consent_id]))
        if not rows:
            raise ConfigurationError(_("There is no consent with id {id}.", id=consent_id),
                                     _("See `lessonguard consent list`."))
        return Consent(**rows[0])

    def list(self, pupil_id: int | None = None) -> list[Consent]:
        sql, params = "SELECT * FROM consents", []
        if pupil_id is not None:
            sql += " WHERE pupil_id = ?"
            params.append(pupil_id)
        return [Consent(**r) for r in self.store.db.query(sql + " ORDER BY id", params)]

    def current(self, pack: PolicyPack, pupil_id: int,
                kind: str = "lesson") -> builtins.list[Consent]:
        """Consents that count now: not withdrawn, for this scope, to the pack's present terms."""
        version = text_version(pack, kind)
        return [c for c in self.list(pupil_id)
                if c.active and c.scope == scope_for(kind) and c.pack_id == pack.id
                and c.text_version == version]


@dataclass(frozen=True)
class GateDecision:
    """Whether a recording may start for this pupil now, and what to tell people."""

    gate: RecordingGate
    consents: tuple[Consent, ...]
    missing_who: tuple[str, ...]  # e.g. "Sam Jones (responsible adult)"
    clause: str
    # consents on file that the audit log does not vouch for, so they do not count
    doubted: tuple[str, ...] = ()

    @property
    def may_record(self) -> bool:
        return self.gate.may_record

    @property
    def message(self) -> str:
        said = (_("{gate} Who must give it: {who}.", gate=self.gate.message,
                  who=list(self.missing_who)) if self.missing_who else self.gate.message)
        if self.doubted:
            return _("{doubted} {gate}", doubted=" ".join(self.doubted), gate=said)
        return said


def decide(store: Store, pack: PolicyPack, pupil_id: int, kind: str = "lesson") -> GateDecision:
    """The gate: the pack's rule and the consents on file for this pupil, right now."""
    known_kind(pack, kind)
    consents = Consents(store)
    pupil = consents.people.get(pupil_id, role="pupil")
    current = consents.current(pack, pupil.id, kind)
    # A consent counts only if the audit log vouches for its record as it stands: one set
    # back (a withdrawal undone), added or edited outside LessonGuard counts as none.
    untrusted = consents.audit.untrusted("consents", [c.id for c in current])
    doubted = tuple(_("Consent record {id} was changed outside LessonGuard, so it does not "
                      "count: {why}.", id=c.id, why=untrusted[c.id])
                    for c in current if c.id in untrusted)
    current = [c for c in current if c.id not in untrusted]
    gate = recording_gate(pack, {c.role for c in current}, kind)
    policy = recording_policy(pack, kind)
    missing_who: list[str] = []
    for role in gate.missing_consent:
        if role == "responsible_adult":
            adults = consents.people.adults_for(pupil.id)
            missing_who += ([_("{name} (responsible adult)", name=a.name) for a in adults]
                            or [_("{name}'s parent or responsible adult (none registered)",
                                  name=pupil.name)])
        elif role == "pupil":
            missing_who.append(_("{name} (the pupil)", name=pupil.name))
        else:
            missing_who.append(_("the tutor"))
    used = tuple(c for c in current if c.role in policy.consent_from)
    return GateDecision(gate, used, tuple(missing_who), policy.decisions[0].basis(), doubted)
