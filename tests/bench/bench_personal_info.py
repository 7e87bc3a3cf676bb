"""Benchmark: how well the personal-information check finds each kind on generated cards.

Run:  .venv/bin/python tests/bench/bench_personal_info.py [--cards 325] [--seed 21]
Prints figures; asserts nothing. Each card (tests/helpers/cards.py: names, addresses,
postcodes, phones, emails, school badges, number plates, and music, book and poster text) is
put on a plain or busy wall, turned, lit, softened and sometimes placed behind a person, then
read by the real OCR and classified as the check does. A quarter of the cards are printed with
their spaces taken out, as OCR often returns them anyway. A card counts for a kind when any of
its lines is given that kind. Also printed: the classifier alone on the cards' exact text.

Goal (issue 21): recall >= 0.95 for postcodes, phones and emails, >= 0.85 for addresses and
names; precision >= 0.9 for every kind.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("GLOG_minloglevel", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from checks.personal_info import find_personal_text
from checks.pii_text import KINDS, TextLine, classify
from tests.helpers.cards import Card, make_cards, scene_with_card


def table(title: str, cards: list[Card], found: list[set[str]]) -> None:
    print(f"\n{title}")
    print(f"{'kind':<10}{'cards':>6}{'found':>7}{'missed':>8}{'false':>7}{'recall':>8}"
          f"{'precision':>11}")
    for kind in KINDS:
        truth = [kind in c.kinds for c in cards]
        said = [kind in f for f in found]
        tp = sum(t and s for t, s in zip(truth, said, strict=True))
        fn = sum(t and not s for t, s in zip(truth, said, strict=True))
        fp = sum(s and not t for t, s in zip(truth, said, strict=True))
        recall = tp / (tp + fn) if tp + fn else float("nan")
        precision = tp / (tp + fp) if tp + fp else float("nan")
        print(f"{kind:<10}{tp + fn:>6}{tp:>7}{fn:>8}{fp:>7}{recall:>8.3f}{precision:>11.3f}")
    clean = [c for c, f in zip(cards, found, strict=True) if not c.kinds]
    flagged = sum(1 for c, f in zip(cards, found, strict=True) if not c.kinds and f)
    print(f"non-personal cards flagged: {flagged} of {len(clean)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=325)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--show-misses", action="store_true",
                        help="print the cards' generated text where a kind was missed or "
                             "wrongly found (generated text, not a person's)")
    args = parser.parse_args()
    cards = make_cards(args.cards, args.seed)
    rng = random.Random(args.seed)
    text_found = []
    for card in cards:
        lines = [TextLine(text, ((0, 40 * i), (400, 40 * i), (400, 40 * i + 30),
                                 (0, 40 * i + 30))) for i, text in enumerate(card.lines)]
        text_found.append(set().union(*(line.kinds for line in classify(lines))))
    table("The classifier alone, on each card's exact text", cards, text_found)

    ocr_found: list[set[str]] = []
    took = []
    families: dict[str, int] = {}
    for card in cards:
        families[card.family] = families.get(card.family, 0) + 1
        scene = scene_with_card(card, rng, run_together=rng.random() < 0.25)
        began = time.perf_counter()
        findings, _lines = find_personal_text(scene)
        took.append(time.perf_counter() - began)
        ocr_found.append({k for f in findings for k in f.kinds})
        if args.show_misses and ocr_found[-1] != card.kinds:
            print("  ", card.family, card.lines, "truth", sorted(card.kinds), "found",
                  sorted(ocr_found[-1]))
    table(f"Read by RapidOCR from {len(cards)} generated 640x360 scenes "
          f"({', '.join(f'{n} {k}' for k, n in sorted(families.items()))})", cards, ocr_found)
    took.sort()
    print(f"\nOCR and classification per scene: median {took[len(took) // 2] * 1000:.0f} ms, "
          f"slowest {took[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
