"""A small sample of the personal-information benchmark's generated cards, read by the real
OCR from scenes with busy walls, angles, blur, uneven light and a person in front: what the
check finds is what each card shows (the full benchmark is tests/bench/bench_personal_info.py).
"""

from __future__ import annotations

import random

from checks.personal_info import find_personal_text
from tests.helpers.cards import make_cards, scene_with_card


def test_a_sample_of_generated_cards_as_ocr_reads_them() -> None:
    cards = make_cards(13, seed=5)  # one of each sort of card, four posters
    rng = random.Random(5)
    missed, wrong = [], []
    for i, card in enumerate(cards):
        scene = scene_with_card(card, rng, run_together=i % 3 == 0)
        found = {k for f in find_personal_text(scene)[0] for k in f.kinds}
        missed += [(card.family, k) for k in card.kinds - found]
        wrong += [(card.family, k) for k in found - card.kinds]
    truths = sum(len(c.kinds) for c in cards)
    assert truths >= 14
    assert len(missed) <= 1, missed
    assert wrong == []
