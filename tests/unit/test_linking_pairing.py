"""Pairing two installations by a short code (SPAKE2 + key confirmation), through the
in-process bus: each side keeps the other's keys, names and roles; a wrong code ends the
code; nobody who sees the code after the pairing can join; the code's own checks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import ConfigurationError
from app.linking.codes import ALPHABET, PairingCode, make_code, parse_code, with_check
from app.linking.identity import identity
from app.linking.memory_bus import MemoryBus
from app.linking.pairing import PairingCancelled, PairingFailed
from app.people import People
from tests.helpers.linked import BROKER, PACK, Pair, linked_pair, make_side


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Pair]:
    yield from linked_pair(tmp_path)


def test_both_sides_keep_each_others_keys_names_and_roles(linked: Pair) -> None:
    t, f = linked.tutor_link, linked.family_link
    tutor_id, family_id = identity(linked.tutor.data), identity(linked.family.data)
    assert t.id == f.id and len(t.id) == 32
    assert t.peer_sign_pub == family_id.sign_pub and t.peer_box_pub == family_id.box_pub
    assert f.peer_sign_pub == tutor_id.sign_pub and f.peer_box_pub == tutor_id.box_pub
    assert t.peer_device_id == family_id.device_id and f.peer_device_id == tutor_id.device_id
    assert (t.peer_name, t.peer_role, t.my_side) == ("Lee family", "responsible_adult",
                                                     "creator")
    assert (f.peer_name, f.peer_role, f.my_side) == ("Pat Green", "tutor", "joiner")
    assert t.pack_id == f.pack_id == PACK
    # The family had no pupil: one was added from what the tutor's side calls her.
    pupil = People(linked.family.store).get(f.pupil_id)
    assert (pupil.name, pupil.age_band) == ("Amy Lee", "11-12")
    assert linked.tutor.linking.links() == [t]
    # Both show the same check code for the link, to compare by phone or in the chat.
    assert t.check_code == f.check_code and len(t.check_code.replace(" ", "")) == 6
    assert t.to_json()["check_code"] == t.check_code


def test_the_broker_sees_no_names_and_no_keys(linked: Pair) -> None:
    seen = b"".join(topic.encode() + payload for topic, payload in linked.bus.seen)
    for secret in (b"Amy Lee", b"Pat Green", b"Lee family", b"tutorninjas",
                   identity(linked.tutor.data).box_pub.hex().encode(),
                   identity(linked.family.data).sign_pub.hex().encode(),
                   linked.tutor_link.id.encode()):
        assert secret not in seen
    # Nothing of the pairing stays on the broker.
    assert all(linked.bus.retained(topic) is None for topic, _p in linked.bus.seen)


def _create(side, pupil: int, codes: list[str], shown: threading.Event,
            outcome: list[object], **kw: object) -> threading.Thread:
    def run() -> None:
        try:
            outcome.append(side.linking.create(pupil, BROKER, on_code=lambda c: (
                codes.append(c), shown.set()), pack_id=PACK, **kw))
        except BaseException as exc:
            outcome.append(exc)
            shown.set()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _wrong(code: str) -> str:
    """The same code with one password character changed and the check character put
    right (an attacker's guess, or a mistake the check character cannot catch)."""
    parsed = parse_code(code)
    secret = parsed.secret[:6] + ALPHABET[(ALPHABET.index(parsed.secret[6]) + 1) % 31]
    return with_check(parsed.channel, secret).text


def test_one_wrong_try_ends_the_code_for_everybody(tmp_path: Path) -> None:
    bus = MemoryBus()
    tutor = make_side(tmp_path, "Pat Green", bus, role="tutor")
    guesser = make_side(tmp_path, "Mallory", bus, role="responsible_adult")
    family = make_side(tmp_path, "Lee family", bus, role="responsible_adult")
    pupil = People(tutor.store).add("pupil", "Amy Lee", age_band="11-12")
    codes: list[str] = []
    shown = threading.Event()
    outcome: list[object] = []
    thread = _create(tutor, pupil.id, codes, shown, outcome, wait_s=10)
    assert shown.wait(10)
    with pytest.raises(PairingFailed, match="not right"):
        guesser.linking.join(_wrong(codes[0]), BROKER, wait_s=5)
    thread.join(10)
    assert isinstance(outcome[0], PairingFailed) and "wrong code" in str(outcome[0])
    # The right code, typed after the wrong try, finds nobody.
    with pytest.raises(PairingFailed, match="Nobody is waiting"):
        family.linking.join(codes[0], BROKER, wait_s=0.5)
    assert tutor.linking.links() == [] and guesser.linking.links() == []
    assert family.linking.links() == []


def test_nobody_who_sees_the_code_after_the_pairing_can_join(linked: Pair,
                                                             tmp_path: Path) -> None:
    # The code used for `linked`, replayed by someone who read it in the lesson chat later.
    used = [p for t, p in linked.bus.seen if t.endswith("/a")]
    assert used  # the pairing went through the bus
    late = make_side(tmp_path / "late", "Mallory", linked.bus, role="responsible_adult")
    code = make_code()  # whatever code they try: none has an offer waiting any more
    with pytest.raises(PairingFailed, match="Nobody is waiting"):
        late.linking.join(code.text, BROKER, wait_s=0.3)
    assert late.linking.links() == []


def test_a_cancelled_wait_ends_the_code(tmp_path: Path) -> None:
    bus = MemoryBus()
    tutor = make_side(tmp_path, "Pat Green", bus, role="tutor")
    family = make_side(tmp_path, "Lee family", bus, role="responsible_adult")
    pupil = People(tutor.store).add("pupil", "Amy Lee", age_band="11-12")
    cancel = threading.Event()
    codes: list[str] = []
    shown = threading.Event()
    outcome: list[object] = []
    thread = _create(tutor, pupil.id, codes, shown, outcome, wait_s=30, cancel=cancel)
    assert shown.wait(10)
    cancel.set()
    thread.join(5)
    assert not thread.is_alive() and isinstance(outcome[0], PairingCancelled)
    with pytest.raises(PairingFailed, match="Nobody is waiting"):
        family.linking.join(codes[0], BROKER, wait_s=0.3)


def test_codes_are_twelve_characters_of_the_alphabet_and_all_different() -> None:
    codes = {make_code().text for _n in range(200)}
    assert len(codes) == 200
    for text in codes:
        assert len(text) == 14 and text[4] == text[9] == "-"
        assert all(c in ALPHABET for c in text.replace("-", ""))
        assert parse_code(text) == parse_code(text.lower().replace("-", " "))


def test_a_code_is_entered_in_any_case_with_spaces_or_dashes() -> None:
    code = make_code()
    whole = code.channel + code.secret
    for typed in (code.text, whole.lower(), f"  {whole[:4]} {whole[4:8]} {whole[8:]} ",
                  "-".join(whole)):
        assert parse_code(typed) == code
    assert isinstance(parse_code(code.text), PairingCode)


@pytest.mark.parametrize(("typed", "said"), [
    ("ABCD-EFGH-JK", "has 12 letters and digits; this one has 10"),
    ("ABCD-EFGH-JKMNP", "this one has 13"),
    ("ABCD-EFGH-JK0N", "Codes never contain 0: did you mean O?|'0' cannot be in"),
    ("ABCD-EFGH-JK1N", "'1' cannot be in a link code"),
    ("ABCD-EF*H-JKMN", "'\\*' cannot be in a link code"),
    ("x" * 100, "too long"),
])
def test_a_mistyped_code_is_refused_with_what_is_wrong(typed: str, said: str) -> None:
    with pytest.raises(ConfigurationError, match=said):
        parse_code(typed)


def test_one_wrong_or_two_swapped_characters_are_caught_before_the_try() -> None:
    for _n in range(50):
        code = make_code()
        whole = code.channel + code.secret
        for i in range(12):
            for c in ALPHABET:
                if c == whole[i]:
                    continue
                typo = whole[:i] + c + whole[i + 1:]
                with pytest.raises(ConfigurationError, match="has a mistake"):
                    parse_code(typo)
        for i in range(10):  # (a swap with the check character itself can slip through)
            if whole[i] != whole[i + 1]:
                swapped = whole[:i] + whole[i + 1] + whole[i] + whole[i + 2:]
                with pytest.raises(ConfigurationError, match="has a mistake"):
                    parse_code(swapped)
