"""Someone with the user's files edits the link tables behind LessonGuard's back. What
protects: every change to a `links` row (its peer keys, its sequence numbers) is bound by an
audit entry (app/audit.py `bind=`), whose chain is keyed and mirrored outside the database,
so a row that no entry accounts for is found, and the link is not used: nothing is received
on it and nothing is sent to it (a swapped key would otherwise receive our messages)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.audit import AuditLog
from app.consent import Consents, decide
from app.linking.identity import identity
from app.linking.links import LinkDoubted, check_trusted, get_link
from app.linking.notify import LinkNotifier
from app.policy.loader import load_pack
from tests.helpers.linked import PACK, Pair, last_to, linked_pair


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Pair]:
    yield from linked_pair(tmp_path)


def grant(linked: Pair) -> int:
    return Consents(linked.family.store,
                    notifier=LinkNotifier(linked.family.store, linked.family.data)).grant(
        load_pack(PACK), linked.family_pupil, linked.adult, "Jo Lee").id


def test_a_swapped_peer_key_stops_the_link_both_ways(linked: Pair, tmp_path: Path) -> None:
    mallory = identity(tmp_path / "mallory")
    linked.tutor.store.db.execute(
        "UPDATE links SET peer_box_pub = ?, peer_sign_pub = ? WHERE id = ?",
        [mallory.box_pub.hex(), mallory.sign_pub.hex(), linked.tutor_link.id])
    link = get_link(linked.tutor.store.db, linked.tutor_link.id)
    assert link is not None
    with pytest.raises(LinkDoubted, match="changed outside LessonGuard"):
        check_trusted(AuditLog(linked.tutor.store), link)
    # Nothing goes out to the swapped key: it waits in the outbox, unsent.
    queued = LinkNotifier(linked.tutor.store, linked.tutor.data).report(
        linked.pupil, "panic", {"at": datetime.now(UTC).isoformat(), "by": "Pat Green",
                                "lesson": None}, actor="Pat Green")
    assert len(queued) == 1
    seen = len(linked.bus.seen)
    assert linked.tutor.linking.sync("memory://bus", wait_s=1, quiet_s=0.05).sent == 0
    assert linked.bus.seen[seen:] == []  # not even to the broker
    assert linked.tutor.linking.pending() == 1
    # Nothing is taken in on it either: the family's real consent is refused.
    grant(linked)
    linked.family.sync()
    report = linked.tutor.linking.sync("memory://bus", wait_s=1, quiet_s=0.05)
    assert report.received == 0 and report.refused == 1
    assert not decide(linked.tutor.store, load_pack(PACK), linked.pupil).may_record
    assert ("links", linked.tutor_link.id) in AuditLog(linked.tutor.store).verify().rows


def test_rewinding_the_received_number_does_not_let_a_replay_in(linked: Pair) -> None:
    remote = grant(linked)
    linked.family.sync()
    linked.tutor.sync()
    grant_message = last_to(linked, linked.tutor)
    Consents(linked.family.store,
             notifier=LinkNotifier(linked.family.store, linked.family.data)).withdraw(
        remote, "Jo Lee")
    linked.family.sync()
    linked.tutor.sync()
    pack = load_pack(PACK)
    assert not decide(linked.tutor.store, pack, linked.pupil).may_record
    # The files' owner sets recv_seq back and deletes the withdrawn consent's row's memory of
    # the grant, then replays the old grant.
    db = linked.tutor.store.db
    db.execute("UPDATE links SET recv_seq = 0 WHERE id = ?", [linked.tutor_link.id])
    db.execute("DELETE FROM consents WHERE link_id = ?", [linked.tutor_link.id])
    linked.bus.inject(*grant_message)
    report = linked.tutor.linking.sync("memory://bus", wait_s=1, quiet_s=0.05)
    assert report.received == 0 and report.refused == 1
    assert not decide(linked.tutor.store, pack, linked.pupil).may_record
    assert any("changed outside LessonGuard" in why
               for why in linked.tutor.linking.inbox.refused)


def test_an_edited_outbox_message_is_refused_by_the_receiver(linked: Pair) -> None:
    grant(linked)
    db = linked.family.store.db
    payload = bytes(next(iter(db.query("SELECT payload FROM link_outbox")))["payload"])
    edited = payload[:40] + bytes([payload[40] ^ 1]) + payload[41:]
    db.execute("UPDATE link_outbox SET payload = ?", [edited])
    linked.family.sync()
    report = linked.tutor.linking.sync("memory://bus", wait_s=1, quiet_s=0.05)
    assert report.received == 0 and report.refused == 1
    assert Consents(linked.tutor.store).list() == []


def test_an_edited_linked_consent_no_longer_counts(linked: Pair) -> None:
    grant(linked)
    linked.family.sync()
    linked.tutor.sync()
    pack = load_pack(PACK)
    assert decide(linked.tutor.store, pack, linked.pupil).may_record
    linked.tutor.store.db.execute("UPDATE consents SET given_by_name = 'Someone Else'")
    decision = decide(linked.tutor.store, pack, linked.pupil)
    assert not decision.may_record and decision.doubted


def test_deleted_inbox_rows_are_reported_by_verify(linked: Pair) -> None:
    grant(linked)
    linked.family.sync()
    linked.tutor.sync()
    linked.tutor.store.db.execute("DELETE FROM link_inbox")
    rows = AuditLog(linked.tutor.store).verify().rows
    assert any(table == "link_inbox" and "deleted" in why for (table, _id), why in rows.items())


def test_a_tutors_tick_edited_to_look_like_the_familys_is_not_shown_as_theirs(
        linked: Pair) -> None:
    from app.lessons import Lessons, record_lines
    from tests.helpers.linked import soon

    lessons = Lessons(linked.tutor.store)
    lesson = lessons.book(load_pack(PACK), linked.pupil, soon(), duration_min=30,
                          tutor_name="Pat Green", platform="zoom", confirmed_by="Pat Green",
                          now=datetime.now(UTC) - timedelta(days=3))
    lessons.confirm(lesson.id, "adult_present", "Jo Lee", "responsible_adult",
                    attested_by="Pat Green")
    linked.tutor.store.db.execute(
        "UPDATE confirmations SET source = 'linked', link_id = ?, attested_by = NULL",
        [linked.tutor_link.id])
    summary = lessons.summary(lesson.id)
    assert [c["from"] for c in summary["confirmations"]] == ["changed outside LessonGuard"]
    lines = record_lines(summary)
    assert not any("Lee family's computer" in line for line in lines)
    assert any("changed outside LessonGuard" in line and "✔" not in line for line in lines)
    assert lessons.linked_confirmation(lesson.id, "adult_present") is None
