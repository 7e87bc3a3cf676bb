"""A model-based test: the family gives and withdraws consent, the broker comes and goes,
each side connects when it likes, and someone replays whatever crossed the broker, in any
order. However they act, the tutor's gate never counts a consent the family has withdrawn
once that withdrawal has crossed, never brings one back, and once both sides have been
connected together the tutor's linked consents are exactly the family's."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from app.consent import Consents, decide
from app.linking.notify import LinkNotifier
from app.policy.loader import load_pack
from tests.helpers.linked import BROKER, PACK, linked_pair, topic_to

PACK_ONE = load_pack(PACK)


class LinkedConsentMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="lg-linked-"))
        self._pair = linked_pair(self.dir)
        self.pair = next(self._pair)
        self.family = Consents(self.pair.family.store,
                               notifier=LinkNotifier(self.pair.family.store,
                                                     self.pair.family.data))
        self.tutor_topic = topic_to(self.pair, self.pair.tutor)
        self.withdrawn: set[int] = set()  # the family's ids whose withdrawal was sent

    def teardown(self) -> None:
        with contextlib.suppress(StopIteration):
            next(self._pair)
        shutil.rmtree(self.dir, ignore_errors=True)

    def _active(self) -> list[int]:
        return [c.id for c in self.family.list() if c.active]

    @precondition(lambda self: not self._active())
    @rule()
    def grant(self) -> None:
        self.family.grant(PACK_ONE, self.pair.family_pupil, self.pair.adult, "Jo Lee")

    @precondition(lambda self: bool(self._active()))
    @rule()
    def withdraw(self) -> None:
        self.family.withdraw(self._active()[0], "Jo Lee")

    @rule()
    def broker_down(self) -> None:
        self.pair.bus.stop()

    @rule()
    def broker_up(self) -> None:
        self.pair.bus.start()

    @rule()
    def family_connects(self) -> None:
        self.pair.family.linking.sync(BROKER, wait_s=0.5, quiet_s=0.01)
        sent = {r["seq"] for r in self.pair.family.store.db.query(
            "SELECT seq FROM link_outbox WHERE kind = 'consent.withdrawn' AND sent_at "
            "IS NOT NULL")}
        if sent:
            self.withdrawn |= {c.id for c in self.family.list() if not c.active}

    @rule()
    def tutor_connects(self) -> None:
        self.pair.tutor.linking.sync(BROKER, wait_s=0.5, quiet_s=0.01)

    @rule(pick=st.integers(min_value=0, max_value=50))
    def replay(self, pick: int) -> None:
        seen = [(t, p) for t, p in self.pair.bus.seen if t == self.tutor_topic]
        if seen and self.pair.bus._running:
            self.pair.bus.inject(*seen[pick % len(seen)])

    @rule()
    def both_connect_together(self) -> None:
        self.pair.bus.start()
        for side in (self.pair.family, self.pair.tutor, self.pair.family, self.pair.tutor):
            side.linking.sync(BROKER, wait_s=0.5, quiet_s=0.01)
        family = {c.id: c.active for c in self.family.list()}
        tutor = {c.remote_id: c.active for c in Consents(self.pair.tutor.store).list()}
        assert tutor == family
        assert decide(self.pair.tutor.store, PACK_ONE, self.pair.pupil).may_record == \
            any(family.values())

    @invariant()
    def a_withdrawal_that_crossed_is_never_undone(self) -> None:
        if not hasattr(self, "pair"):
            return
        tutor = Consents(self.pair.tutor.store).list()
        for consent in tutor:
            assert consent.source == "linked"
            if consent.remote_id in self.withdrawn and self._delivered(consent.remote_id):
                assert not consent.active
        counted = decide(self.pair.tutor.store, PACK_ONE, self.pair.pupil).consents
        assert all(c.remote_id not in self.withdrawn or not self._delivered(c.remote_id)
                   for c in counted)

    def _delivered(self, remote_id: int) -> bool:
        """The tutor's side has taken in the withdrawal of this consent."""
        return any(str(remote_id) in (r["body"] or "") for r in self.pair.tutor.store.db.query(
            "SELECT body FROM link_inbox WHERE kind = 'consent.withdrawn'"))


LinkedConsentMachine.TestCase.settings = settings(max_examples=5, stateful_step_count=12,
                                                  deadline=None)
TestLinkedConsent = LinkedConsentMachine.TestCase
