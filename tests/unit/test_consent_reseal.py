"""After the audit log's key is lost (a reset keyring) the consent gate trusts no consent on
file; a person who confirms them again reseals them, deliberately and in the audit log, and a
withdrawn consent never comes back that way (issue 18, item 2)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import app.audit as audit_mod
from app.audit import AuditLog
from app.consent import Consents, decide
from app.errors import ConfigurationError, LessonGuardError
from app.people import People
from app.policy.loader import load_pack
from app.store import Store

PACK = "tutorninjas"  # records lessons only with the responsible adult's consent


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path)
    yield store
    store.close()


def family(store: Store, pupils: int = 2) -> list[tuple[int, int]]:
    """Pupils with a responsible adult each, who gave consent: (pupil id, consent id)."""
    people, consents, pack = People(store), Consents(store), load_pack(PACK)
    out = []
    for n in range(pupils):
        pupil = people.add("pupil", f"Amy Lee {n}", age_band="11-12")
        mum = people.add("responsible_adult", f"Jo Lee {n}", pupil_id=pupil.id)
        out.append((pupil.id, consents.grant(pack, pupil.id, mum.id, f"Jo Lee {n}").id))
    return out


def lose_the_key(store: Store) -> None:
    """What a reset keyring does: the chain key is gone (from its store and this process)."""
    folder = store.path.parent / audit_mod.KEY_FOLDER
    assert any(folder.iterdir())
    shutil.rmtree(folder)
    audit_mod._KEYS.clear()
    audit_mod._VERIFIED.clear()


def may_record(store: Store, pupil: int) -> bool:
    return decide(store, load_pack(PACK), pupil).may_record


def test_a_lost_key_blocks_every_consent_until_a_person_confirms_it_again(
        store: Store) -> None:
    (amy, c1), (ben, c2) = family(store)
    assert may_record(store, amy) and may_record(store, ben)
    lose_the_key(store)
    assert not may_record(store, amy) and not may_record(store, ben)
    assert "consent reseal" in decide(store, load_pack(PACK), amy).message
    consents = Consents(store)
    eligible, refused = consents.to_reseal()
    assert [c.id for c in eligible] == [c1, c2] and refused == {}
    done = consents.reseal([c1], by="Pat Green")
    assert [c.id for c in done] == [c1]
    assert may_record(store, amy)  # confirmed again
    assert not may_record(store, ben)  # not yet
    entry = AuditLog(store).entries("consent.resealed")[-1]
    assert (entry.actor, entry.subject) == ("Pat Green", f"consent:{c1}")
    # The log still says, honestly, that what came before the loss cannot be proved.
    result = AuditLog(store).verify()
    assert not result.ok and result.chain_problems == []
    assert any("cannot be proved unchanged" in p for p in result.problems)
    # A consent given after the loss is sealed by the new key and counts at once.
    people = People(store)
    cat = people.add("pupil", "Cat Lee", age_band="11-12")
    dad = people.add("responsible_adult", "Sam Lee", pupil_id=cat.id)
    Consents(store).grant(load_pack(PACK), cat.id, dad.id, "Sam Lee")
    assert may_record(store, cat.id)


def test_a_withdrawn_consent_never_comes_back(store: Store) -> None:
    """Withdrawn, then set back with one SQL UPDATE, then the key lost: reseal refuses it."""
    (amy, c1), (_ben, c2) = family(store)
    Consents(store).withdraw(c1, by="Jo Lee 0", reason="changed my mind")
    store.db.execute("UPDATE consents SET withdrawn_at = NULL, withdrawn_by = NULL, "
                     "withdraw_reason = NULL WHERE id = ?", [c1])
    lose_the_key(store)
    consents = Consents(store)
    eligible, refused = consents.to_reseal()
    assert [c.id for c in eligible] == [c2]
    assert "never comes back" in refused[c1]
    with pytest.raises(LessonGuardError, match="never comes back"):
        consents.reseal([c1, c2], by="Pat Green")
    assert AuditLog(store).entries("consent.resealed") == []  # none, not even c2
    assert not may_record(store, amy)


def test_a_withdrawal_whose_entry_is_still_in_the_log_is_refused_even_if_the_row_matches(
        store: Store) -> None:
    (_amy, c1), _ = family(store)
    Consents(store).withdraw(c1, by="Jo Lee 0")
    lose_the_key(store)
    _eligible, refused = Consents(store).to_reseal()
    assert "never comes back" in refused[c1]


def test_a_consent_edited_outside_lessonguard_is_refused(store: Store) -> None:
    (_amy, c1), (_ben, c2) = family(store)
    store.db.execute("UPDATE consents SET given_by_name = 'Someone Else' WHERE id = ?", [c1])
    lose_the_key(store)
    eligible, refused = Consents(store).to_reseal()
    assert [c.id for c in eligible] == [c2] and "changed outside LessonGuard" in refused[c1]


def test_reseal_is_deliberate(store: Store) -> None:
    (_amy, c1), _ = family(store)
    consents = Consents(store)
    assert consents.to_reseal() == ([], {})  # no key lost: nothing to confirm
    with pytest.raises(ConfigurationError, match="does not need confirming"):
        consents.reseal([c1], by="Pat Green")
    lose_the_key(store)
    with pytest.raises(ConfigurationError):
        consents.reseal([], by="Pat Green")
    with pytest.raises(ConfigurationError):
        consents.reseal([c1], by="Pat\x1b[2JGreen")  # a name is one printable line
    assert AuditLog(store).entries("consent.resealed") == []


def test_the_audit_head_kept_outside_moves_on_to_the_new_key(store: Store) -> None:
    family(store, pupils=1)
    lose_the_key(store)
    AuditLog(store).append("app.started")  # the first write after the loss
    result = AuditLog(store).verify()
    assert result.chain_problems == [], result.problems
