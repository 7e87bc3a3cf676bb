"""`lesson show N --json` and `consent status --json` on the tutor's computer say where each
confirmation and consent came from: the family's linked computer (by its name), or this
computer, and who ticked it here for someone else. The real `lessonguard` command."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.consent import Consents
from app.lessons import Lessons
from app.linking.confirm import confirm_presence
from app.linking.notify import LinkNotifier
from app.policy.loader import load_pack
from tests.helpers.linked import PACK, Pair, linked_pair, soon
from tests.unit.test_cli import run


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Pair]:
    yield from linked_pair(tmp_path)


def test_the_tutors_command_line_says_what_came_from_the_family(linked: Pair) -> None:
    tutor_notifier = LinkNotifier(linked.tutor.store, linked.tutor.data)
    lessons = Lessons(linked.tutor.store, notifier=tutor_notifier)
    lesson = lessons.book(load_pack(PACK), linked.pupil, soon(), duration_min=30,
                          tutor_name="Pat Green", platform="zoom", confirmed_by="Pat Green",
                          now=datetime.now(UTC) - timedelta(days=3))
    linked.tutor.sync()
    (announced,) = linked.family.sync()
    assert announced.lesson_id is not None
    family = LinkNotifier(linked.family.store, linked.family.data)
    confirm_presence(linked.family.store, announced.lesson_id, "Jo Lee", notifier=family)
    Consents(linked.family.store, notifier=family).grant(load_pack(PACK), linked.family_pupil,
                                                         linked.adult, "Jo Lee")
    linked.family.sync()
    linked.tutor.sync()
    # And one the tutor ticks here for the adult: the tutor's attestation.
    lessons.confirm(lesson.id, "room_living_area", "Jo Lee", "responsible_adult",
                    attested_by="Pat Green")

    shown = run("lesson", "show", str(lesson.id), "--json", data_dir=linked.tutor.data)
    assert shown.returncode == 0, shown.stderr
    got = {c["kind"]: c for c in json.loads(shown.stdout)["confirmations"]}
    assert (got["adult_present"]["from"], got["adult_present"]["device"],
            got["adult_present"]["attested_by"]) == ("linked computer", "Lee family", None)
    assert (got["room_living_area"]["from"], got["room_living_area"]["device"],
            got["room_living_area"]["attested_by"]) == ("this computer", None, "Pat Green")
    assert got["adult_present"]["by_name"] == "Jo Lee"  # the keys there before are unchanged

    status = run("consent", "status", "--pupil", str(linked.pupil), "--policy", PACK,
                 "--json", data_dir=linked.tutor.data)
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["may_record"] is True
    (consent,) = data["consents"]
    assert (consent["from"], consent["device"], consent["given_by_name"]) == (
        "linked computer", "Lee family", "Jo Lee")
    assert data["consent_ids"] == [consent["id"]]
    words = run("consent", "status", "--pupil", str(linked.pupil), "--policy", PACK,
                data_dir=linked.tutor.data)
    assert "came from the linked computer Lee family" in words.stdout
