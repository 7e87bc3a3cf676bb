"""Personal information in text as OCR really returns it: words run together, O read for 0 and
I for 1, an address split over lines, a card read at an angle. Pure text, no OCR: fast."""

from __future__ import annotations

import math

import pytest

from checks.pii_text import (
    TextLine,
    classify,
    find_phones,
    find_postcodes,
    personal_kinds,
    spaced,
    valid_postcode,
)


def card(*texts: str, angle: float = 0.0, line_height: float = 30.0) -> list[TextLine]:
    """Lines stacked as on a card, the card turned by `angle` degrees."""
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))

    def turn(x: float, y: float) -> tuple[float, float]:
        return (200 + x * c - y * s, 200 + x * s + y * c)

    lines = []
    for i, text in enumerate(texts):
        top, width = i * line_height * 1.4, 14.0 * len(text)
        corners = [(0, top), (width, top), (width, top + line_height), (0, top + line_height)]
        lines.append(TextLine(text, [turn(x, y) for x, y in corners]))
    return lines


def kinds_of(lines: list[TextLine]) -> list[set[str]]:
    return [line.kinds for line in classify(lines)]


def test_the_run_together_lines_from_the_report() -> None:
    """The card RapidOCR read as "MiaJones", "14ElmRoad", "WatfordWD171AB" and a phone."""
    name, street, town, phone = kinds_of(card("MiaJones", "14ElmRoad", "WatfordWD171AB",
                                              "Tel07700900123"))
    assert "name" in name
    assert "address" in street
    assert "postcode" in town
    assert "phone" in phone
    assert personal_kinds("MiaJones") == ["name"]
    assert personal_kinds("14ElmRoad") == ["address"]
    assert personal_kinds("WatfordWD171AB") == ["postcode"]


@pytest.mark.parametrize(("ocr", "words"), [
    ("MiaJones", "Mia Jones"), ("14ElmRoad", "14 Elm Road"), ("Mia  Jones", "Mia Jones"),
    ("J0nes", "Jones"), ("StMary'sPrimarySchool", "St Mary's Primary School"),
    ("McDonald", "McDonald"), ("Flat2", "Flat 2")])
def test_spaces_are_put_back(ocr: str, words: str) -> None:
    assert spaced(ocr) == words


@pytest.mark.parametrize("code", ["SW1A 1AA", "WD17 1AB", "M1 1AE", "B33 8TH", "CR2 6XH",
                                  "DN55 1PT", "EC1A 1BB", "W1A 0AX", "GIR 0AA", "BT1 5GS"])
def test_real_postcodes_are_valid(code: str) -> None:
    assert valid_postcode(code)


@pytest.mark.parametrize("code", [
    "QA1 1AA",  # Q never starts a postcode
    "AJ1 1AA",  # nor is J a second letter
    "XY1 1AA",  # no area XY
    "WD17 1CA",  # C is never in the inward code
    "SW1A 1IA",  # nor I
    "W1I 1AA",  # I never ends an outward code of that shape
    "WD1 1AAA", "WD171AB7", "W1 AB"])
def test_postcode_look_alikes_are_not(code: str) -> None:
    assert not valid_postcode(code)


@pytest.mark.parametrize(("ocr", "code"), [
    ("WatfordWD171AB", "WD17 1AB"),
    ("Watford  WD17  1AB", "WD17 1AB"),
    ("WD17 IAB", "WD17 1AB"),  # I read for 1
    ("WDI7 1AB", "WD17 1AB"),
    ("SWIA 1AA", "SW1A 1AA"),
    ("RH12 lAB", "RH12 1AB"),  # l read for 1
    ("WD17 1ABTel07700900123", "WD17 1AB"),
    ("MortonfortG28Hj", "G2 8HJ"),  # a small j for J, as RapidOCR read it
])
def test_postcodes_as_ocr_reads_them(ocr: str, code: str) -> None:
    assert code in [c for c, _guesses in find_postcodes(ocr)]


@pytest.mark.parametrize("text", ["BWV 1007", "Op. 27 No. 2", "Grade 5 Piano", "Room 101",
                                  "ISBN 978-0-14-143951-8", "Doors open 6.45pm",
                                  "Symphony No. 5", "AB12 CDE"])
def test_music_and_book_text_has_no_postcode(text: str) -> None:
    assert find_postcodes(text) == []


@pytest.mark.parametrize("text", ["07700 900123", "+44 7700 900123", "+447700900123",
                                  "020 7946 0958", "+44 (0)20 7946 0958", "0161 496 0000",
                                  "Tel07700900123", "Tel: O2O 7946 0958", "0121-496-0978",
                                  "(0113) 496 0123", "07911 123456"])
def test_phone_numbers_with_and_without_44(text: str) -> None:
    assert find_phones(text), text


@pytest.mark.parametrize("text", ["ISBN 978-0-14-143951-8", "Edition Peters 4185",
                                  "Metronome 96 bpm", "12/03/2024", "1234 5678",
                                  "Track 12 of 100", "0000 000000"])
def test_other_numbers_are_not_phones(text: str) -> None:
    assert find_phones(text) == []


@pytest.mark.parametrize(("text", "kind"), [
    ("mia.jones@example.co.uk", "email"), ("mia.jones @ example . co . uk", "email"),
    ("Emailmia.jones@example.com", "email"),
    ("St Mary's C of E Primary School", "school"), ("Oakfield Academy", "school"),
    ("WatfordGrammarSchool", "school"),
    ("AB12 CDE", "plate"), ("AB12CDE", "plate"), ("AB12 ODE", "plate"),
    ("Mr Patel", "name"), ("Name: Oliver", "name"), ("Hello my name is Ava", "name"),
    ("Flat 3, 22 Kings Road", "address"), ("22a Church Lane", "address"),
    ("I4 Acacia Avenue", "address"), ("160jonesDrive", "address"),
])
def test_each_kind_on_its_own(text: str, kind: str) -> None:
    assert kind in personal_kinds(text), personal_kinds(text)


@pytest.mark.parametrize("text", [
    "Moonlight Sonata", "Canon in D", "The Four Seasons", "Treasure Island",
    "Great Expectations", "Scales and Arpeggios", "Summer Concert", "Friday 7.30pm",
    "Tickets £5 at the door", "Carol Service", "Cello Suite No. 1", "Bach BWV 1007",
    "Keep calm and play on", "School of Rock", "Practice makes perfect", "Jazz Night"])
def test_music_books_and_posters_are_not_personal(text: str) -> None:
    assert personal_kinds(text) == []


def test_a_name_above_an_address_is_an_address_block() -> None:
    """A name missing from LessonGuard's list of first names is found by where it stands."""
    name, street, town = kinds_of(card("Zed Quillfeather", "7 Orchard Way", "Leeds LS1 4AP"))
    assert "name" in name and "address" in street and "postcode" in town
    alone = kinds_of(card("Zed Quillfeather"))[0]
    assert alone == set()  # on its own, two capitalised words are not enough


def test_an_address_split_over_lines_and_a_house_without_a_street_word() -> None:
    street, town, code = kinds_of(card("14 Elm", "Watford", "WD17 1AB"))
    assert "address" in street and town == set() and "postcode" in code
    cottage, post = kinds_of(card("Rose Cottage", "Lower Slaughter GL54 2HR"))
    assert "address" in cottage and "postcode" in post
    outward, inward = kinds_of(card("Watford WD17", "1AB"))  # a postcode broken in two
    assert "postcode" in outward and "postcode" in inward
    first, second = kinds_of(card("Mum 07700", "900123"))  # a phone broken in two
    assert "phone" in first and "phone" in second


@pytest.mark.parametrize("angle", [-15.0, 8.0, 20.0])
def test_a_card_read_at_an_angle(angle: float) -> None:
    name, street, town = kinds_of(card("Zed Quillfeather", "7 Orchard Way", "Leeds LS1 4AP",
                                       angle=angle))
    assert "name" in name and "address" in street and "postcode" in town


def test_lines_far_apart_are_not_one_block() -> None:
    poster = card("Zed Quillfeather")
    poster += [TextLine("7 Orchard Way", [(900, 600), (1080, 600), (1080, 630), (900, 630)])]
    name, street = kinds_of(poster)
    assert name == set() and "address" in street


def test_a_poster_with_a_phone_is_not_a_name() -> None:
    title, when, phone = kinds_of(card("Summer Concert", "Friday 7.30pm", "07700 900123"))
    assert title == set() and when == set() and phone == {"phone"}


def test_a_name_under_a_label_read_run_together() -> None:
    """RapidOCR's "Welldone" above a name missing from the list of first names."""
    label, name = kinds_of(card("Welldone", "Maurice Thomas"))
    assert label == set() and name == {"name"}
    tag, who = kinds_of(card("Hellomynameis", "Bryn Mawr-Quill"))
    assert tag == set() and who == {"name"}
