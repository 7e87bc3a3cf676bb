"""Messages between two linked installations through the in-process bus: each kind applied on
the other side, the tutor's gate using the family's consent, order after an outage, replays,
forgeries and duplicates refused, and nothing queued where no broker is set."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.audit import AuditLog
from app.consent import Consents, decide
from app.lessons import Lesson, Lessons, record_lines
from app.linking.confirm import confirm_presence, confirm_room
from app.linking.envelope import seal
from app.linking.identity import identity
from app.linking.notify import LinkNotifier
from app.linking.received import consent_is_signed, latest_checks, linked_confirmations
from app.policy.loader import load_pack
from app.recordings import Recordings
from tests.helpers.linked import PACK, Pair, Side, last_to, linked_pair, soon


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Pair]:
    yield from linked_pair(tmp_path)


def notifier(side: Side) -> LinkNotifier:
    return LinkNotifier(side.store, side.data)


def outbox(side: Side) -> list[tuple[int, str, str | None]]:
    return [(r["seq"], r["kind"], r["sent_at"]) for r in side.store.db.query(
        "SELECT seq, kind, sent_at FROM link_outbox ORDER BY id")]


def book(linked: Pair, days: int = 0) -> tuple[Lesson, int]:
    """The tutor books a lesson; the family's side receives its copy: (tutor's lesson, the
    family's id for it)."""
    lesson = Lessons(linked.tutor.store, notifier=notifier(linked.tutor)).book(
        load_pack(PACK), linked.pupil, soon(days), duration_min=30, tutor_name="Pat Green",
        platform="zoom", confirmed_by="Pat Green", now=datetime.now(UTC) - timedelta(days=3))
    linked.tutor.sync()
    events = linked.family.sync()
    assert [e.kind for e in events] == ["lesson.announced"]
    copy = events[0].lesson_id
    assert copy is not None
    return lesson, copy


def grant(linked: Pair) -> int:
    consent = Consents(linked.family.store, notifier=notifier(linked.family)).grant(
        load_pack(PACK), linked.family_pupil, linked.adult, "Jo Lee")
    return consent.id


def test_the_family_copy_of_a_lesson_says_who_teaches_and_what_is_recorded(
        linked: Pair) -> None:
    lesson, copy = book(linked)
    row = next(iter(linked.family.store.db.query("SELECT * FROM lessons WHERE id = ?",
                                                  [copy])))
    assert (row["link_id"], row["remote_id"]) == (linked.family_link.id, lesson.id)
    assert row["pupil_id"] == linked.family_pupil and row["tutor_name"] == "Pat Green"
    import json

    details = json.loads(row["remote_details"])
    assert details["recording"]["allowed"] is True
    assert details["recording"]["consent_from"] == ["responsible_adult"]
    assert "TutorNinjas" in details["pack_name"] or details["pack_id"] == PACK
    # The copy is bound by the audit log like any lesson.
    assert AuditLog(linked.family.store).untrusted("lessons", [copy]) == {}


def test_a_consent_given_on_the_familys_computer_opens_the_tutors_gate(linked: Pair) -> None:
    pack = load_pack(PACK)
    assert not decide(linked.tutor.store, pack, linked.pupil).may_record
    remote = grant(linked)
    assert linked.family.sync() == []
    events = linked.tutor.sync()
    assert [e.kind for e in events] == ["consent.granted"]
    assert "Jo Lee gave consent to record" in events[0].words
    decision = decide(linked.tutor.store, pack, linked.pupil)
    assert decision.may_record, decision.message
    (consent,) = decision.consents
    assert (consent.source, consent.link_id, consent.remote_id) == (
        "linked", linked.tutor_link.id, remote)
    assert consent.given_by_name == "Jo Lee" and consent.role == "responsible_adult"
    assert consent_is_signed(linked.tutor.store, consent)
    # Withdrawn on the family's side: the tutor's gate refuses.
    Consents(linked.family.store, notifier=notifier(linked.family)).withdraw(
        remote, "Jo Lee", "changed my mind")
    linked.family.sync()
    assert [e.kind for e in linked.tutor.sync()] == ["consent.withdrawn"]
    assert not decide(linked.tutor.store, pack, linked.pupil).may_record


def test_a_replayed_grant_after_a_withdrawal_does_not_bring_it_back(linked: Pair) -> None:
    pack = load_pack(PACK)
    remote = grant(linked)
    linked.family.sync()
    linked.tutor.sync()
    grant_message = last_to(linked, linked.tutor)
    Consents(linked.family.store, notifier=notifier(linked.family)).withdraw(remote, "Jo Lee")
    linked.family.sync()
    linked.tutor.sync()
    # Someone with access to the broker publishes the old grant again.
    linked.bus.inject(*grant_message)
    report = linked.tutor.linking.sync("memory://bus", wait_s=1, quiet_s=0.05)
    assert report.received == 0 and report.refused == 1
    assert not decide(linked.tutor.store, pack, linked.pupil).may_record
    # And the family's side sending it again as a new message is refused too.
    body = linked.family.store.db.query("SELECT * FROM consents WHERE id = ?", [remote])
    row = dict(next(iter(body)))
    row["withdrawn_at"] = None
    row["source"] = None
    n = LinkNotifier(linked.family.store, linked.family.data)
    assert n.consent_granted(row)  # queued: the rule is the tutor side's
    linked.family.sync()
    report = linked.tutor.linking.sync("memory://bus", wait_s=1, quiet_s=0.05)
    assert report.received == 0 and report.refused == 1
    assert any("never comes back" in why for why in linked.tutor.linking.inbox.refused)
    assert not decide(linked.tutor.store, pack, linked.pupil).may_record


def test_a_grant_signed_by_an_unlinked_key_is_refused(linked: Pair, tmp_path: Path) -> None:
    pack = load_pack(PACK)
    family = identity(linked.family.data)
    stranger = identity(tmp_path / "stranger")
    link = linked.family_link
    body = {"remote_id": 7, "given_by_name": "Jo Lee", "role": "responsible_adult",
            "scope": "record_lessons", "pack_id": PACK, "text": "x", "text_version": "v",
            "method": "typed_name", "given_at": datetime.now(UTC).isoformat()}
    # Encrypted with the link's own key (as if that leaked), signed by another key.
    topic, payload = seal(link.key(family), stranger.sign, link_id=link.id,
                          sender=family.device_id, recipient=link.peer_device_id, seq=1,
                          at=datetime.now(UTC).isoformat(), kind="consent.granted", body=body)
    linked.bus.inject(topic, payload)
    # And one sealed for a link that does not exist, by someone else entirely.
    other_topic, other = seal(b"\x01" * 32, stranger.sign, link_id="ab" * 16,
                              sender=stranger.device_id, recipient=link.peer_device_id, seq=1,
                              at=datetime.now(UTC).isoformat(), kind="consent.granted",
                              body=body)
    linked.bus.inject(topic, other)
    report = linked.tutor.linking.sync("memory://bus", wait_s=1, quiet_s=0.05)
    assert report.received == 0 and report.refused == 2
    refused = linked.tutor.linking.inbox.refused
    assert refused.get("not signed by the linked installation's key") == 1
    assert refused.get("cannot be decrypted with this link's key") == 1
    assert other_topic != topic
    assert not decide(linked.tutor.store, pack, linked.pupil).may_record
    assert Consents(linked.tutor.store).list() == []


def test_presence_and_room_from_the_familys_computer_are_marked_as_theirs(
        linked: Pair) -> None:
    lesson, copy = book(linked)
    fam = notifier(linked.family)
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=fam)
    confirm_room(linked.family.store, copy, "Jo Lee", notifier=fam)
    linked.family.sync()
    events = linked.tutor.sync()
    assert [e.kind for e in events] == ["presence", "room"]
    assert events[0].lesson_id == lesson.id
    assert events[0].words.startswith("Jo Lee confirmed being in the room · ")
    assert events[0].words.endswith(" · on Lee family's computer")
    got = linked_confirmations(linked.tutor.store, lesson.id)
    assert [(c["kind"], c["by_name"], c["from"], c["device"], c["attested_by"])
            for c in got] == [
        ("adult_present", "Jo Lee", "linked computer", "Lee family", None),
        ("room_living_area", "Jo Lee", "linked computer", "Lee family", None)]
    summary = Lessons(linked.tutor.store).summary(lesson.id)
    assert [c["from"] for c in summary["confirmations"]] == ["linked computer"] * 2
    assert any("on Lee family's computer" in line for line in record_lines(summary))
    # The adult leaves: the tutor hears it.
    confirm_presence(linked.family.store, copy, "Jo Lee", present=False, notifier=fam)
    linked.family.sync()
    (left,) = linked.tutor.sync()
    assert left.words.startswith("Jo Lee left the room · ")
    # On the family's own computer it is this computer's confirmation.
    mine = linked_confirmations(linked.family.store, copy)
    assert {c["from"] for c in mine} == {"this computer"}


def test_the_tutors_tick_for_the_adult_is_the_tutors_attestation(linked: Pair) -> None:
    from app.lesson_start import LessonStart, StartAnswers
    from tests.unit.test_use_cases import FakeRecorder

    pack = load_pack("vto")
    lessons = Lessons(linked.tutor.store, notifier=notifier(linked.tutor))
    lesson = lessons.book(pack, linked.pupil, datetime.now(UTC) + timedelta(hours=1),
                          duration_min=30, tutor_name="Pat Green", platform="zoom",
                          confirmed_by="Pat Green", now=datetime.now(UTC) - timedelta(days=3))
    recs = Recordings(linked.tutor.store, linked.tutor.data)
    use = LessonStart(lessons, lambda: pack, FakeRecorder(recs, pack),
                      lambda: ("Pat Green", "tutor"))
    plan = use.plan(lesson)
    answers = StartAnswers(conduct_name="Pat Green", adult_name="Jo Lee", adult_present=True,
                           room_living_area=True, vouched=frozenset(n.id for n in plan.vouch()),
                           recording_decided=False, decider_name="Sam Lcc")
    use.begin(lesson, answers)
    got = {c["kind"]: c for c in linked_confirmations(linked.tutor.store, lesson.id)}
    assert got["adult_present"]["by_name"] == "Jo Lee"
    assert got["adult_present"]["attested_by"] == "Pat Green"
    assert got["adult_present"]["from"] == "this computer"
    line = next(line for line in record_lines(lessons.summary(lesson.id))
                if "Jo Lee" in line)
    assert "Pat Green ticked for Jo Lee" in line
    # Nothing the tutor ticked for the family is sent as the family's.
    linked.tutor.sync()
    kinds = [e.kind for e in linked.family.sync()]
    assert "presence" not in kinds and "room" not in kinds
    assert kinds[:2] == ["lesson.announced", "lesson.started"]


def test_a_tick_the_family_made_on_their_computer_is_not_stored_again(linked: Pair) -> None:
    from app.lesson_start import LessonStart, StartAnswers
    from tests.unit.test_use_cases import FakeRecorder

    pack = load_pack("vto")
    lessons = Lessons(linked.tutor.store, notifier=notifier(linked.tutor))
    lesson = lessons.book(pack, linked.pupil, datetime.now(UTC) + timedelta(hours=1),
                          duration_min=30, tutor_name="Pat Green", platform="zoom",
                          confirmed_by="Pat Green", now=datetime.now(UTC) - timedelta(days=3))
    linked.tutor.sync()
    (announced,) = linked.family.sync()
    assert announced.lesson_id is not None
    confirm_presence(linked.family.store, announced.lesson_id, "Jo Lee",
                     notifier=notifier(linked.family))
    linked.family.sync()
    linked.tutor.sync()
    use = LessonStart(lessons, lambda: pack,
                      FakeRecorder(Recordings(linked.tutor.store, linked.tutor.data), pack),
                      lambda: ("Pat Green", "tutor"))
    plan = use.plan(lesson)
    use.begin(lesson, StartAnswers(conduct_name="Pat Green", adult_name="Jo Lee",
                                   adult_present=True, room_living_area=True,
                                   vouched=frozenset(n.id for n in plan.vouch()),
                                   recording_decided=False, decider_name="Sam Lcc"))
    present = [c for c in linked_confirmations(linked.tutor.store, lesson.id)
               if c["kind"] == "adult_present"]
    assert [(c["from"], c["attested_by"]) for c in present] == [("linked computer", None)]


def test_messages_wait_while_the_broker_is_down_and_arrive_in_order(linked: Pair) -> None:
    _lesson, copy = book(linked)
    fam = notifier(linked.family)
    linked.bus.stop()
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=fam)
    confirm_room(linked.family.store, copy, "Jo Lee", notifier=fam)
    confirm_presence(linked.family.store, copy, "Jo Lee", present=False, notifier=fam)
    report = linked.family.linking.sync("memory://bus", wait_s=0.2)
    assert report.offline and report.sent == 0
    assert [(seq, kind, sent) for seq, kind, sent in outbox(linked.family)] == [
        (1, "presence", None), (2, "room", None), (3, "presence", None)]
    linked.bus.start()
    assert linked.family.linking.sync("memory://bus", wait_s=1, quiet_s=0.05).sent == 3
    assert all(sent for _s, _k, sent in outbox(linked.family))
    events = linked.tutor.sync()
    assert [(e.kind, "left" in e.words) for e in events] == [
        ("presence", False), ("room", False), ("presence", True)]
    seqs = [r["seq"] for r in linked.tutor.store.db.query(
        "SELECT seq FROM link_inbox WHERE link_id = ? ORDER BY id", [linked.tutor_link.id])]
    assert seqs == sorted(seqs) and len(seqs) == 3


def test_a_lost_acknowledgement_sends_twice_and_applies_once(linked: Pair) -> None:
    lesson, copy = book(linked)
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    linked.bus.lose_next_acks(1)
    first = linked.family.linking.sync("memory://bus", wait_s=0.2)
    assert first.sent == 0 and first.offline  # the broker had it; the sender did not know
    assert linked.family.linking.sync("memory://bus", wait_s=1, quiet_s=0.05).sent == 1
    report = linked.tutor.linking.sync("memory://bus", wait_s=1, quiet_s=0.05)
    assert (report.received, report.refused) == (1, 1)
    assert len([c for c in linked_confirmations(linked.tutor.store, lesson.id)
                if c["kind"] == "adult_present"]) == 1


def test_a_panic_on_the_familys_computer_holds_the_tutors_recording(linked: Pair) -> None:
    from app.panic import PanicResponse

    lesson, copy = book(linked)
    pack = load_pack(PACK)
    recs = Recordings(linked.tutor.store, linked.tutor.data)
    info, _key = recs.begin(pack, linked.pupil, linked.tutor.data / "recordings",
                            lesson_id=lesson.id)

    class Muted:
        ok, message, not_muted = True, "muted", ()

    class Muter:
        def mute(self) -> Muted:
            return Muted()

        def restore(self) -> Muted:
            return Muted()

        def forget(self) -> None:
            pass

    panic = PanicResponse(shutter=lambda _on: None, muter=Muter(),
                          recordings=Recordings(linked.family.store, linked.family.data),
                          pack=lambda: pack, lesson_id=lambda: copy,
                          notifier=notifier(linked.family))
    panic.press("Jo Lee")
    linked.family.sync()
    (event,) = linked.tutor.sync()
    assert event.kind == "panic" and event.lesson_id == lesson.id
    assert event.words.startswith("Panic pressed on Lee family's computer")
    holds = recs.active_holds(info.id)
    assert len(holds) == 1 and "panic pressed on Lee family's computer" in holds[0].reason


def test_the_family_side_check_verdicts_reach_the_ready_screen(linked: Pair) -> None:
    lesson, copy = book(linked)
    notifier(linked.family).checks_summary(
        copy, ready=False, verdicts=[("camera", "pass"), ("background", "fail")],
        at=datetime.now(UTC))
    linked.family.sync()
    (event,) = linked.tutor.sync()
    assert event.kind == "checks.summary"
    got = latest_checks(linked.tutor.store, lesson.id)
    assert got is not None and got["ready"] is False and got["device"] == "Lee family"
    assert got["verdicts"] == [{"check": "camera", "status": "pass"},
                               {"check": "background", "status": "fail"}]


def test_the_lesson_record_goes_back_to_the_family(linked: Pair) -> None:
    import json

    lessons = Lessons(linked.tutor.store, notifier=notifier(linked.tutor))
    lesson, copy = book(linked)
    lessons.start(lesson.id, by="Pat Green")
    lessons.end(lesson.id, by="Pat Green")
    linked.tutor.sync()
    kinds = [e.kind for e in linked.family.sync()]
    assert kinds == ["lesson.started", "lesson.ended", "lesson.record"]
    row = next(iter(linked.family.store.db.query(
        "SELECT state, remote_details FROM lessons WHERE id = ?", [copy])))
    assert row["state"] == "ended"
    record = json.loads(row["remote_details"])["record"]
    assert record["lesson"]["id"] == lesson.id and record["lesson"]["state"] == "ended"


def test_with_no_broker_nothing_is_queued(linked: Pair) -> None:
    assert LinkNotifier.for_broker(linked.family.store, linked.family.data, "") is None
    assert LinkNotifier.for_broker(linked.family.store, linked.family.data, "  ") is None
    Consents(linked.family.store, notifier=None).grant(load_pack(PACK), linked.family_pupil,
                                                       linked.adult, "Jo Lee")
    assert outbox(linked.family) == []


def test_a_pupil_without_links_queues_nothing(linked: Pair) -> None:
    from app.people import People

    other = People(linked.family.store).add("pupil", "Ben Lee", age_band="8-9")
    adult = People(linked.family.store).add("responsible_adult", "Kim Lee", pupil_id=other.id)
    Consents(linked.family.store, notifier=notifier(linked.family)).grant(
        load_pack(PACK), other.id, adult.id, "Kim Lee")
    assert outbox(linked.family) == []


def test_a_message_the_broker_lost_is_sent_again_until_acknowledged(linked: Pair) -> None:
    lesson, copy = book(linked)
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    assert linked.family.linking.sync("memory://bus", wait_s=1, quiet_s=0.05).sent == 1
    assert linked.bus.lose_waiting() == 2  # the broker crashed while the tutor was away
    # (the presence, and the family's acknowledgement of the lesson)
    assert linked.tutor.sync() == []
    assert linked.family.linking.pending() == 0  # taken by the broker, but not acknowledged
    # The family's next connection sends it again; the tutor applies it and acknowledges.
    assert linked.family.linking.sync("memory://bus", wait_s=1, quiet_s=0.05).sent == 1
    assert [e.kind for e in linked.tutor.sync()] == ["presence"]
    assert linked.family.linking.sync("memory://bus", wait_s=1, quiet_s=0.05).sent == 0
    assert [r["acked_at"] is not None for r in linked.family.store.db.query(
        "SELECT acked_at FROM link_outbox")] == [True]
    assert [c["kind"] for c in linked_confirmations(linked.tutor.store, lesson.id)] == [
        "adult_present"]
