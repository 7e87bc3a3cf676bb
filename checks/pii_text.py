"""Which lines of text read off the camera picture are personal: names, street addresses,
postcodes, phone numbers, emails, school names and car number plates.

Why a module of its own: OCR does not return tidy text. RapidOCR runs words together
("MiaJones", "14ElmRoad", "WatfordWD171AB"), doubles or drops spaces, reads O for 0 and I for
1, and splits an address over several lines. Each kind is recognised here on the text as it
really comes back, and lines are read together: a name above a street address is an address
block. Postcodes follow the Royal Mail format rules and its list of postcode areas; phone
numbers are judged by Google's numbering-plan metadata (phonenumbers). Pure text in, kinds
out: no picture, nothing stored.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import phonenumbers

from checks.given_names import GIVEN_NAMES

KINDS = ("email", "postcode", "phone", "address", "school", "name", "plate")

# --- postcodes: the Royal Mail rules ---------------------------------------------------------
_AREAS = """
AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC
EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS
LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP
SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
"""
AREAS = frozenset(_AREAS.split())
# The outward code's shapes and which letters each position may hold; the inward code never
# uses C I K M O V. (BS 7666 / the Royal Mail Programmers' Guide.)
_POSTCODE = re.compile(
    r"^(?:(?P<a1>[A-PR-UWYZ])(?:\d[A-HJKPS-UW]|\d{1,2})"
    r"|(?P<a2>[A-PR-UWYZ][A-HK-Y])(?:\d[ABEHMNPRVWXY]|\d{1,2}))"
    r"\d[ABD-HJLNP-UW-Z]{2}$")
_OUT_SHAPES = {2: ("A9",), 3: ("A99", "A9A", "AA9"), 4: ("AA99", "AA9A")}
_AS_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B"}
_AS_DIGIT = {"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "i": "1", "S": "5",
             "B": "8", "Z": "2"}


_LOOK_ALIKE_SMALL = "cjkopsuvwxz"


def valid_postcode(code: str) -> bool:
    """A UK postcode by the format rules and a real postcode area (GIR 0AA aside)."""
    compact = code.replace(" ", "").upper()
    if compact == "GIR0AA":
        return True
    m = _POSTCODE.match(compact)
    return m is not None and (m.group("a1") or m.group("a2")) in AREAS


def _coerce(chars: str, shape: str) -> tuple[str, int] | None:
    """Fit OCR's characters to a shape of letters (A) and digits (9), counting the guesses."""
    out, guesses = [], 0
    for ch, want in zip(chars, shape, strict=True):
        if want == "A":
            if "A" <= ch <= "Z":
                out.append(ch)
            elif ch in _AS_LETTER:
                out.append(_AS_LETTER[ch])
                guesses += 1
            else:
                return None
        elif ch.isdigit():
            out.append(ch)
        elif ch in _AS_DIGIT:
            out.append(_AS_DIGIT[ch])
            guesses += 1
        else:
            return None
    return "".join(out), guesses


@dataclass
class _Compact:
    """A line with its spaces taken out, remembering where words began."""

    chars: str
    gap: list[bool]  # a space or punctuation stood before this character

    @classmethod
    def of(cls, text: str) -> _Compact:
        chars, gap, pending = [], [], True
        for ch in text:
            if ch.isalnum() or ch == "|":
                chars.append(ch)
                gap.append(pending)
                pending = False
            else:
                pending = True
        return cls("".join(chars), gap)

    def starts_word(self, i: int) -> bool:
        if i == 0 or self.gap[i]:
            return True
        return self.chars[i - 1].islower()

    def ends_word(self, j: int) -> bool:
        if j >= len(self.chars) or self.gap[j]:
            return True
        nxt = self.chars[j]
        if nxt.isdigit():
            return False
        # A capital that starts a word ("…1ABTel") ends the postcode; another capital does not.
        return nxt.isupper() and j + 1 < len(self.chars) and self.chars[j + 1].islower()


def find_postcodes(text: str) -> list[tuple[str, int]]:
    """Postcodes in a line as OCR read it, each with the number of O/0, I/1 guesses made."""
    line = _Compact.of(text)
    found: dict[str, int] = {}
    n = len(line.chars)
    for i in range(n):
        if not line.starts_word(i):
            continue
        for out_len in (2, 3, 4):
            j = i + out_len + 3
            if j > n or not line.ends_word(j):
                continue
            piece = line.chars[i:j]
            if any(ch.isalpha() and ch.islower() and ch not in "oli" for ch in piece[:-2]):
                continue
            # OCR lowers a capital whose small form looks the same ("1Hj" for "1HJ"), once.
            tail = piece[-2:]
            if sum(ch.islower() for ch in tail) > 1 or any(
                    ch.islower() and ch not in _LOOK_ALIKE_SMALL for ch in tail):
                continue
            piece = piece[:-2] + tail.upper()
            inward = _coerce(piece[out_len:], "9AA")
            if inward is None:
                continue
            for shape in _OUT_SHAPES[out_len]:
                outward = _coerce(piece[:out_len], shape)
                if outward is None:
                    continue
                code = f"{outward[0]} {inward[0]}"
                guesses = outward[1] + inward[1]
                if guesses <= 2 and valid_postcode(code):
                    found[code] = min(guesses, found.get(code, 9))
    return sorted(found.items(), key=lambda kv: kv[1])


# --- number plates ---------------------------------------------------------------------------
_PLATE_NOW = re.compile(r"^[A-HJ-PR-Y][A-HJ-PR-Y](?:0[1-9]|[1-2]\d|5[1-9]|[6-7]\d)"
                        r"[A-HJ-PR-Z]{3}$")
_PLATE_OLD = re.compile(r"^(?:[A-HJ-NPR-Y]\d{1,3}[A-HJ-PR-Y]{3}|[A-HJ-PR-Y]{3}\d{1,3}"
                        r"[A-HJ-NPR-Y])$")


def find_plates(text: str) -> list[str]:
    """UK number plates: the current style (AB12 CDE) anywhere in a line; the older prefix
    and suffix styles (A123 BCD, ABC 123D) only as a line of their own, as on a plate."""
    line = _Compact.of(text)
    found = []
    n = len(line.chars)
    for i in range(n):
        if not line.starts_word(i) or i + 7 > n or not line.ends_word(i + 7):
            continue
        piece = line.chars[i:i + 7]
        if any(ch.islower() for ch in piece):
            continue
        fitted = _coerce(piece, "AA99AAA")
        if fitted and fitted[1] <= 1 and _PLATE_NOW.match(fitted[0]):
            found.append(f"{fitted[0][:4]} {fitted[0][4:]}")
    whole = line.chars.upper() if line.chars.isupper() else ""
    if not found and 5 <= len(whole) <= 7 and _PLATE_OLD.match(whole) \
            and not find_postcodes(text):
        found.append(whole)
    return found


# --- phone numbers ---------------------------------------------------------------------------
_PHONE_RUN = re.compile(r"(?<![\dA-Za-z+])(?:\+\s*4\s*4|0|O)(?:[\s().\-/]*[\dOoIl|]){8,13}")
_PHONE_AFTER_WORD = re.compile(r"(?<=[a-z:.])(?:\+\s*44|0)(?:[\s().\-/]*[\dOoIl|]){8,13}")


def _phone_digits(run: str) -> str:
    run = re.sub(r"\+\s*4\s*4\s*\(\s*[0O]\s*\)", "+44", run)  # +44 (0) 20 …
    digits = "".join(_AS_DIGIT.get(ch, ch) for ch in run if ch.isalnum() or ch in "+|")
    return digits


def is_phone(digits: str) -> bool:
    """A UK number (or an international one written with +) by the numbering plan. Ranges
    Ofcom keeps for drama (07700 900…, 01632 960…) are shaped like real numbers and count."""
    try:
        number = phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(number):
        return True
    national = str(number.national_number)
    return (number.country_code == 44 and len(national) == 10 and national[0] in "127"
            and phonenumbers.is_possible_number(number))


def find_phones(text: str) -> list[str]:
    found = []
    for pattern in (_PHONE_RUN, _PHONE_AFTER_WORD):
        for m in pattern.finditer(text):
            digits = _phone_digits(m.group(0))
            plus = digits.startswith("+")
            body = digits.lstrip("+")
            # A run may carry a digit or two of whatever follows: try it shorter.
            for cut in range(len(body), 9, -1):
                candidate = ("+" if plus else "") + body[:cut]
                if is_phone(candidate):
                    found.append(candidate)
                    break
    return sorted(set(found))


# --- emails ----------------------------------------------------------------------------------
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}"
                    r"(?![A-Za-z0-9])")


def find_emails(text: str) -> list[str]:
    squeezed = re.sub(r"\s*([@.])\s*", r"\1", text.replace("(@", "@").replace("©", "@"))
    return [m.group(0) for m in _EMAIL.finditer(squeezed)]


# --- words: run-together text made readable --------------------------------------------------
_KEEP_TOGETHER = ("Mc", "Mac", "O'")


def spaced(text: str) -> str:
    """Put back the spaces OCR lost between words ("MiaJones" → "Mia Jones", "14ElmRoad" →
    "14 Elm Road"), fix O/0 and I/1 inside words ("J0nes" → "Jones"), one space between words.
    """
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    words = []
    for token in text.split():
        if "@" in token:
            words.append(token)
            continue
        token = _fix_token(token)
        token = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", token)
        token = re.sub(r"(?<=\d)(?=[A-Z][a-z])", " ", token)
        token = re.sub(r"(?<=[a-z]{2})(?=\d)", " ", token)
        token = re.sub(r"(?<=\d)(?=[a-z]{3})", " ", token)  # "160jones": a house number
        token = re.sub(r"(?<=[A-Z]{2})(?=[A-Z][a-z]{2})", " ", token)  # "WD171ABTel" aside
        for prefix in _KEEP_TOGETHER:
            token = token.replace(f"{prefix} ", prefix)
        words.append(token)
    return " ".join(" ".join(words).split())


def _fix_token(token: str) -> str:
    letters = sum(ch.isalpha() for ch in token)
    digits = sum(ch.isdigit() for ch in token)
    if letters and digits and letters >= 3 and sum(ch.islower() for ch in token) >= 2:
        # a word with a stray digit in it: "J0nes", "Wat1ord", "Mi4"
        return re.sub(r"(?<=[A-Za-z])[01](?=[a-z])|(?<=[a-z])[01](?=[A-Za-z]|$)",
                      lambda m: "o" if m.group(0) == "0" else "l", token)
    return token


# --- addresses, schools and names -------------------------------------------------------------
STREET_WORDS = ("Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Crescent|Cres|"
                "Place|Pl|Court|Ct|Gardens|Gdns|Grove|Gr|Terrace|Tce|Hill|Mews|Row|Walk|Rise|"
                "Park|Square|Sq|View|Green|Vale|Parade|Meadow|Meadows|Fields|Field|Gate|Wharf|"
                "Yard|Heights|Ridge|Circus|End|Croft|Chase|Path|Approach|Bank|Cottages|Hollow|"
                "Wynd|Brae|Loan|Broadway|Embankment|Promenade|Quay|Boulevard|Crest|Dale|Glen|"
                "Mount|Orchard|Passage|Causeway|Drove|Garth|Leys|Villas")
_NUMBER = r"(?:\d|[OIl](?=\d)|(?<=\d)[OIl])"
_STREET = re.compile(
    rf"(?<![\w])(?:(?:Flat|Apartment|Apt|Unit)\.?\s*\d+[A-Za-z]?,?\s+)?{_NUMBER}{{1,4}}"
    rf"[A-Za-z]?(?:\s*-\s*\d{{1,4}})?,?\s+(?:[A-Za-z][\w'.-]*\s+){{0,3}}(?:{STREET_WORDS})"
    rf"\b\.?")
_FLAT = re.compile(r"(?<![\w])(?:Flat|Apartment|Apt)\.?\s*\d+[A-Za-z]?\b")
_HOUSE_NUMBER_LINE = re.compile(r"^(?:No\.?\s*)?\d{1,4}[A-Za-z]?,?\s+[A-Z][a-z]+")
_HOUSE_NAME = re.compile(r"^(?:[A-Z][a-z]+\s+){1,3}(?:Cottage|House|Farm|Lodge|Barn|Manor|"
                         r"Mill|Hall|Villa|Bungalow)\b")
SCHOOL_WORDS = ("School|Academy|Primary|College|Grammar|Infants|Infant|Juniors|Junior|"
                "Nursery|Preparatory|Prep|Sixth Form|High")
_SCHOOL = re.compile(rf"(?<![\w])(?:(?:St|Saint)\.?\s+)?(?:[A-Z][\w'.&-]*\s+|of\s+|the\s+|"
                     rf"C\s*of\s*E\s+|CE\s+|RC\s+){{1,5}}(?:{SCHOOL_WORDS})\b")
_SCHOOL_ONLY = re.compile(rf"\b(?:{SCHOOL_WORDS})\b")
_TITLE_NAME = re.compile(r"(?<![\w])(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+")
_LABEL_NAME = re.compile(r"(?i:\bname\s*(?:is|:|-)?)\s*[A-Z][a-z]+")
# A line that introduces the name under it: a name tag, a certificate, a book plate.
_NAME_LABEL = re.compile(r"(?i)(?:name\s*(?:is)?\s*:?|awarded\s*to|presented\s*to|"
                         r"belongs\s*to|star\s*of\s*the\s*(?:week|day|month)|well\s*done|"
                         r"congratulations|certificate)\W*$")
_WORD = re.compile(r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*")
# Capitalised words that start titles and posters, never a first name on a card.
_NOT_NAMES = """
The A An Of And In On At For To With My Our Your Grade Book Music Concert Sonata Suite Symphony
Prelude Etude Study Waltz Minuet March Song Songs Piano Violin Cello Guitar Flute Scales Summer
Winter Spring Autumn Christmas Easter Happy Welcome Keep Practice Live Love Little Great Secret
Treasure Tickets Friday Saturday Sunday Monday Tuesday Wednesday Thursday January February March
July September October November December Service Fair Festival Club Band Night Day Week Party
Show Team Call Mum Dad Tel Phone Contact Email Deliver Return Parcel Dear Hello Thank Thanks
Star Well Done Year Class Room Page Chapter Street Road Avenue North South East West Upper Lower
Old New
"""
NOT_NAMES = frozenset(_NOT_NAMES.split())


def name_words(text: str) -> list[str] | None:
    """The words of a line that could only be a person's name: two or three capitalised
    words, none of them a word that starts a title, a poster or a label."""
    plain = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+", "", text.strip(" .,:;"))
    words = plain.split()
    if not 2 <= len(words) <= 3 or not all(_WORD.fullmatch(w) for w in words):
        return None
    if any(w in NOT_NAMES for w in words) or _SCHOOL_ONLY.search(plain):
        return None
    return words


def _street_like(words: list[str]) -> bool:
    return bool(re.fullmatch(STREET_WORDS, words[-1])) and words[0] not in GIVEN_NAMES


# --- lines and blocks ------------------------------------------------------------------------
Point = tuple[float, float]


@dataclass
class TextLine:
    """One line as OCR returns it: the text and its four corners, clockwise from top left."""

    text: str
    box: Sequence[Point] = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))
    kinds: set[str] = field(default_factory=set)

    @property
    def height(self) -> float:
        (x0, y0), _, _, (x3, y3) = self.box[:4]
        return max(1.0, math.hypot(x3 - x0, y3 - y0))

    @property
    def centre(self) -> Point:
        return (sum(p[0] for p in self.box) / 4, sum(p[1] for p in self.box) / 4)

    def along(self) -> Point:
        (x0, y0), (x1, y1) = self.box[0], self.box[1]
        length = max(1.0, math.hypot(x1 - x0, y1 - y0))
        return ((x1 - x0) / length, (y1 - y0) / length)

    @property
    def width(self) -> float:
        (x0, y0), (x1, y1) = self.box[0], self.box[1]
        return math.hypot(x1 - x0, y1 - y0)


def _below(upper: TextLine, lower: TextLine) -> bool:
    """Whether `lower` is the next line down from `upper`, on a card read at any angle."""
    ux, uy = upper.along()
    nx, ny = -uy, ux  # the card's own "down"
    dx = lower.centre[0] - upper.centre[0]
    dy = lower.centre[1] - upper.centre[1]
    down = dx * nx + dy * ny
    across = abs(dx * ux + dy * uy)
    size = max(upper.height, lower.height)
    return 0.4 * size < down < 2.8 * size and across < 0.6 * max(upper.width, lower.width) + size


def line_kinds(text: str) -> set[str]:
    """The kinds of personal information one line shows on its own."""
    kinds: set[str] = set()
    if find_emails(text):
        kinds.add("email")
    words = spaced(text)
    plates = find_plates(text)
    postcodes = find_postcodes(text) or find_postcodes(words)
    if plates and all(guesses for _code, guesses in postcodes):
        kinds.add("plate")  # "AB12 ODE" is a plate read right, not a postcode guessed at
    elif postcodes:
        kinds.add("postcode")
    if find_phones(text) or find_phones(words):
        kinds.add("phone")
    if _STREET.search(words) or _FLAT.search(words):
        kinds.add("address")
    if _SCHOOL.search(words):
        kinds.add("school")
    if _TITLE_NAME.search(words) or _LABEL_NAME.search(words):
        kinds.add("name")
    else:
        names = name_words(words)
        if names and names[0] in GIVEN_NAMES:
            kinds.add("name")
    return kinds


_TOWN_LINE = re.compile(r"^(?:[A-Z][a-z'-]+,?\s*){1,3}$")


def _address_block(lines: Sequence[TextLine], pairs: list[tuple[TextLine, TextLine]]
                   ) -> set[int]:
    """The lines of address blocks: a postcode or street line, and the house and town lines
    stacked above it (up to three)."""
    block = {id(line) for line in lines if line.kinds & {"address", "postcode"}}
    for _round in range(3):
        for upper, lower in pairs:
            words = spaced(upper.text)
            if id(lower) in block and (_HOUSE_NUMBER_LINE.match(words) or _HOUSE_NAME.search(
                    words) or (_TOWN_LINE.match(words) and not name_words(words))):
                block.add(id(upper))
    return block


def _beside(left: TextLine, right: TextLine) -> bool:
    """Whether `right` continues `left` on the same line of the card (OCR boxes words apart
    when they are large or widely spaced)."""
    ux, uy = left.along()
    dx = right.box[0][0] - left.box[1][0]
    dy = right.box[0][1] - left.box[1][1]
    gap = dx * ux + dy * uy
    drift = abs(-dx * uy + dy * ux)
    size = max(left.height, right.height)
    return (-0.3 * size < gap < 1.2 * size and drift < 0.5 * size
            and 0.6 < left.height / right.height < 1.6)


def join_words(lines: Sequence[TextLine]) -> list[TextLine]:
    """Boxes OCR returned word by word on one line, joined back into the line."""
    rest = sorted(lines, key=lambda line: (line.centre[1], line.centre[0]))
    joined: list[TextLine] = []
    while rest:
        line = rest.pop(0)
        grew = True
        while grew:
            grew = False
            for other in rest:
                if _beside(line, other):
                    left, right = line, other
                elif _beside(other, line):
                    left, right = other, line
                else:
                    continue
                line = TextLine(f"{left.text} {right.text}",
                                [left.box[0], right.box[1], right.box[2], left.box[3]])
                rest.remove(other)
                grew = True
                break
        joined.append(line)
    return joined


def classify(lines: Sequence[TextLine]) -> list[TextLine]:
    """Mark each line with its kinds, reading neighbouring lines together: words boxed apart
    are joined, a line split in two is joined back, a house-number line above a postcode is a
    street address, and a name above an address is a person's name. Returns the lines as
    joined."""
    lines = join_words(lines)
    for line in lines:
        line.kinds = line_kinds(line.text)
    pairs = [(a, b) for a in lines for b in lines if a is not b and _below(a, b)]
    for upper, lower in pairs:
        joined = line_kinds(f"{upper.text} {lower.text}") - upper.kinds - lower.kinds
        for kind in joined & {"postcode", "phone", "email", "address"}:
            upper.kinds.add(kind)
            lower.kinds.add(kind)
    block = _address_block(lines, pairs)
    for line in lines:  # a number and a street, or a house's name, in an address block
        words = spaced(line.text)
        if id(line) in block and (_HOUSE_NUMBER_LINE.match(words) or _HOUSE_NAME.search(words)):
            line.kinds.add("address")
    tops = {id(b) for a, b in pairs if id(a) in block}  # lines with an address above
    for upper, lower in pairs:  # the name on top of an address block or a contact card
        names = name_words(spaced(upper.text))
        if names and id(upper) not in tops and not _street_like(names) and (
                id(lower) in block or lower.kinds & {"phone", "email"}):
            upper.kinds.add("name")
    for upper, lower in pairs:  # the name under "Name:", "Awarded to", "Well done"
        if _NAME_LABEL.search(spaced(upper.text)) and name_words(spaced(lower.text)):
            lower.kinds.add("name")
    return lines


def personal_kinds(text: str) -> list[str]:
    """The kinds one line shows, in the order of KINDS."""
    found = line_kinds(text)
    return [k for k in KINDS if k in found]
