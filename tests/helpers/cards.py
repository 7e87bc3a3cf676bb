"""Cards and posters for the personal-information tests and benchmark, as a camera sees them.

Why generated: no test picture was written for the cards a pupil has behind them, and the
reader's mistakes only show on text as OCR really returns it. Each card says which kinds of
personal information it shows (the truth the benchmark scores against). British names, streets,
towns and emails come from Faker's en_GB lists, not from LessonGuard's own name list; postcodes
are real outward codes with a random inward code; phones are in Ofcom's drama ranges and in
ordinary UK formats. Fonts, sizes, angles, blur and light vary; some cards hang on busy walls,
and some scenes have a person in front of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from faker import Faker
from PIL import Image, ImageDraw, ImageFont
from skimage import data

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
         "DejaVuSansCondensed.ttf", "DejaVuSerifCondensed-Italic.ttf", "DejaVuSansMono.ttf",
         "DejaVuSans-Oblique.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSerif-Italic.ttf")
OUTWARD = ("WD17", "RH12", "SW1A", "M1", "B33", "CR2", "EC1A", "W1A", "LS1", "G2", "EH1",
           "CF10", "BT1", "NE1", "OX1", "CB2", "BS8", "L1", "S10", "N1C", "E14", "SE10", "NW3",
           "GU1", "TN1", "YO1", "PL4", "EX4", "AB10", "IV2", "KY16", "SA1", "LL57", "BN1",
           "PO1", "SO14", "RG1", "MK9", "CV1", "DN55", "M60", "GL50", "HP19", "TW9", "KT1")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
STREETS = ("Road", "Street", "Avenue", "Lane", "Close", "Drive", "Way", "Crescent", "Gardens",
           "Grove", "Terrace", "Place", "Court", "Mews", "Hill", "Rise", "Walk", "Row", "Green",
           "Park", "Square", "View")
SCHOOL_ENDS = ("Primary School", "Academy", "High School", "C of E Primary School",
               "Junior School", "Infant School", "Grammar School", "Community College")
NOT_PERSONAL = (
    ["Moonlight Sonata", "Für Elise", "Canon in D", "The Four Seasons", "Clair de Lune",
     "Scales and Arpeggios", "Grade 5 Piano", "Grade 3 Violin Pieces", "Sight Reading Book 2",
     "Cello Suite No. 1", "Bach BWV 1007", "Minuet in G", "Op. 27 No. 2", "Allegro moderato",
     "Practice makes perfect", "Keep calm and play on", "Treasure Island", "The Secret Garden",
     "Great Expectations", "Pride and Prejudice", "Little Women", "The Hobbit",
     "Black Beauty", "Wind in the Willows", "Summer Concert", "Friday 7.30pm",
     "Tickets £5 at the door", "Carol Service", "Autumn Term", "Music Theory Grade 1",
     "Jazz Night", "Open Mic", "Orchestra rehearsal 4pm", "Room 101", "Page 23",
     "ISBN 978-0-14-143951-8", "Track 12", "Symphony No. 5", "Piano Trio in E flat",
     "String Quartet", "Swan Lake", "The Nutcracker", "Happy Birthday", "Welcome Home",
     "Live Laugh Love", "Do not disturb", "Fire exit", "Tea Coffee Sugar", "Recycling Monday",
     "Metronome 96 bpm", "Chapter 7", "Volume 2", "Edition Peters 4185", "ABRSM 2025-2026",
     "Trinity Grade 4", "Prelude in C minor", "Hall of the Mountain King", "Ode to Joy",
     "Save the date 14 June", "Bake sale 3pm", "Doors open 6.45pm", "Book Fair",
     "World Book Day", "Library", "Quiet please", "Science Museum", "Natural History",
     "The Jungle Book", "Matilda the Musical", "Grease", "Les Miserables", "West Side Story",
     "Harvest Festival", "Spring Fete", "Christmas Fair", "Tuning A 440", "Level 3",
     "Chords C F G", "Major and minor scales", "Blues in B flat", "Sonatina in G",
     "Minecraft", "Lego City", "Star Wars", "Paw Patrol", "Frozen II", "Pokemon cards",
     "Football Club 2023", "Team photo", "Champions League", "Highway Code", "Rock Band",
     "Ukulele Club", "Brass Band", "Wind Band Concert", "Choir practice Tuesday"])


@dataclass
class Card:
    lines: list[str]
    kinds: set[str]  # what a reader should find on it
    family: str  # what sort of card: "address", "badge", "poster"…


def postcode(rng: random.Random) -> str:
    return (f"{rng.choice(OUTWARD)} {rng.randint(0, 9)}"
            f"{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}")


def phone(rng: random.Random) -> str:
    style = rng.randrange(6)
    if style == 0:
        return f"07700 900{rng.randint(0, 999):03d}"
    if style == 1:
        return f"+44 7700 900{rng.randint(0, 999):03d}"
    if style == 2:
        city = rng.choice(["113", "114", "115", "116", "117", "118", "121", "131", "141",
                           "151", "161", "191"])
        return f"0{city} 496 0{rng.randint(0, 999):03d}"
    if style == 3:
        return f"020 7946 0{rng.randint(0, 999):03d}"
    if style == 4:
        return f"+44 (0)1632 960{rng.randint(0, 999):03d}"
    return f"07{rng.choice('3456789')}{rng.randint(10, 99)} {rng.randint(100000, 999999)}"


def plate(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    age = rng.choice([f"{y:02d}" for y in range(2, 25)] + [str(y) for y in range(51, 75)])
    tail = "".join(rng.choice(letters.replace("O", "")) for _ in range(3))
    return f"{rng.choice(letters)}{rng.choice(letters)}{age} {tail}"


def make_cards(count: int, seed: int = 21) -> list[Card]:
    """`count` cards, about two thirds personal, in a fixed order for a seed."""
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    cards: list[Card] = []
    families = ["address", "address", "postcode", "phone", "email", "badge", "school",
                "contact", "plate", "poster", "poster", "poster", "poster"]
    for i in range(count):
        family = families[i % len(families)]
        first, last = fake.first_name(), fake.last_name()
        name = f"{first} {last}"
        street = f"{rng.randint(1, 220)} {fake.last_name()} {rng.choice(STREETS)}"
        town = fake.city()
        if family == "address":
            with_name = rng.random() < 0.7
            lines = ([name] if with_name else []) + [street, f"{town} {postcode(rng)}"]
            if rng.random() < 0.3:  # a town line of its own, the postcode under it
                lines = [*lines[:-1], town, postcode(rng)]
            kinds = {"address", "postcode"} | ({"name"} if with_name else set())
        elif family == "postcode":
            lines, kinds = [rng.choice(["Deliver to", "Parcel for", "Return to"]),
                            f"{town} {postcode(rng)}"], {"postcode"}
        elif family == "phone":
            lines, kinds = [rng.choice(["Call Mum", "Tel:", "Emergency contact", "Phone",
                                        "Dentist"]), phone(rng)], {"phone"}
        elif family == "email":
            lines, kinds = [rng.choice(["Email", "Contact", "Write to"]),
                            fake.free_email()], {"email"}
        elif family == "badge":
            lines = [rng.choice(["Hello my name is", "Name:", "Star of the week", "Well done"]),
                     name]
            kinds = {"name"}
        elif family == "school":
            lines = [f"{rng.choice([fake.last_name(), 'St ' + fake.first_name(), fake.city()])} "
                     f"{rng.choice(SCHOOL_ENDS)}", rng.choice(["Year 5", "Class 3B",
                                                               "Sports Day", "Reading Award"])]
            kinds = {"school"}
        elif family == "contact":
            lines, kinds = [name, phone(rng), fake.free_email()], {"name", "phone", "email"}
        elif family == "plate":
            lines, kinds = [plate(rng)], {"plate"}
        else:
            lines = rng.sample(NOT_PERSONAL, rng.randint(1, 3))
            kinds = set()
        cards.append(Card(lines, kinds, family))
    return cards


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size)


def render_card(card: Card, rng: random.Random, run_together: bool = False) -> np.ndarray:
    """The card as a picture (BGR): its own font, size and colours."""
    font = _font(rng.choice(FONTS), rng.randint(20, 34))
    lines = [line.replace(" ", "") if run_together else line for line in card.lines]
    if card.family == "plate":
        paper, ink = rng.choice([(250, 210, 20), (245, 245, 245)]), (15, 15, 15)
        font = _font("DejaVuSansCondensed-Bold.ttf", rng.randint(30, 40))
    else:
        paper = (rng.randint(200, 255), rng.randint(200, 255), rng.randint(200, 255))
        ink = (rng.randint(0, 70), rng.randint(0, 70), rng.randint(0, 70))
    sizes = [font.getbbox(line) for line in lines]
    height = font.size + 10
    w = int(max(b[2] for b in sizes)) + 30
    h = int(height * len(lines)) + 20
    img = Image.new("RGB", (w, h), paper)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((15, 10 + i * height), line, font=font, fill=ink)
    return cv2.cvtColor(np.array(img), cv2.COLOR_RGB2BGR)


@cache
def person_cutout(height: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """The astronaut cut out once by the segmentation model: its picture and its mask (bool).
    Composited onto any wall, the true person mask is then known exactly."""
    from capture.vision import PersonSegmenter

    rgb = data.astronaut()
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    seg = PersonSegmenter()
    try:
        found = (seg.mask(bgr) > 0.5).astype(np.uint8)
    finally:
        seg.close()
    mask = cv2.morphologyEx(found, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    ys, xs = np.nonzero(mask)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    scale = height / (y1 - y0)
    size = (max(1, round((x1 - x0) * scale)), height)
    person = cv2.resize(bgr[y0:y1, x0:x1], size, interpolation=cv2.INTER_AREA)
    cut = cv2.resize(mask[y0:y1, x0:x1], size, interpolation=cv2.INTER_NEAREST) > 0
    return person, cut


def wall(kind: str, size: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A plain painted wall or a busy one (bricks, a bookshelf-like texture, a photo)."""
    w, h = size
    if kind == "plain":
        colour = tuple(rng.randint(150, 230) for _ in range(3))
        return np.full((h, w, 3), colour, np.uint8)
    source = {"brick": data.brick(), "coffee": data.coffee(), "rocket": data.rocket(),
              "grass": data.grass(), "gravel": data.gravel()}[kind]
    img = source if source.ndim == 3 else np.stack([source] * 3, axis=-1)
    img = cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
    reps = (h // img.shape[0] + 1, w // img.shape[1] + 1, 1)
    return np.ascontiguousarray(np.tile(img, reps)[:h, :w])


def paste_person(scene: np.ndarray, x: int) -> np.ndarray:
    """The cut-out person standing at x, feet on the bottom edge; returns the true mask."""
    person, cut = person_cutout(int(scene.shape[0] * 0.85))
    h, w = scene.shape[:2]
    ph, pw = cut.shape
    x = max(0, min(w - pw, x))
    region = scene[h - ph:, x:x + pw]
    region[cut] = person[cut]
    truth = np.zeros((h, w), bool)
    truth[h - ph:, x:x + pw] = cut
    return truth


def scene_with_card(card: Card, rng: random.Random, size: tuple[int, int] = (640, 360),
                    run_together: bool = False) -> np.ndarray:
    """The card on a wall, turned a little, lit unevenly, softened, sometimes with a person."""
    w, h = size
    picture = render_card(card, rng, run_together)
    angle = rng.uniform(-10, 10)
    ch, cw = picture.shape[:2]
    with_person = rng.random() < 0.5
    person_left = rng.random() < 0.5
    pw = person_cutout(int(h * 0.85))[1].shape[1] if with_person else 0
    room = w - pw - 10
    scale = min(1.0, room * 0.85 / cw, (h * 0.6) / ch)
    rot = cv2.getRotationMatrix2D((cw / 2, ch / 2), angle, scale)
    box = cv2.transform(np.array([[[0, 0], [cw, 0], [cw, ch], [0, ch]]], np.float32), rot)[0]
    rot[:, 2] -= box.min(axis=0)
    bw, bh = (box.max(axis=0) - box.min(axis=0)).astype(int) + 1
    turned = cv2.warpAffine(picture, rot, (int(bw), int(bh)), borderValue=(0, 0, 0))
    inside = cv2.warpAffine(np.full((ch, cw), 255, np.uint8), rot, (int(bw), int(bh))) > 127
    scene = wall(rng.choice(["plain", "plain", "brick", "coffee", "rocket", "gravel"]), size,
                 rng)
    lo, hi = (pw + 5, w - int(bw)) if with_person and person_left else (0, w - pw - int(bw))
    x = rng.randint(max(0, min(lo, hi)), max(0, hi))
    y = rng.randint(0, max(0, h - int(bh)))
    region = scene[y:y + int(bh), x:x + int(bw)]
    fit = inside[:region.shape[0], :region.shape[1]]
    region[fit] = turned[:region.shape[0], :region.shape[1]][fit]
    if with_person:
        paste_person(scene, 0 if person_left else w - pw)
    gain = rng.uniform(0.55, 1.15)
    ramp = np.linspace(rng.uniform(0.75, 1.0), rng.uniform(0.9, 1.15), w, dtype=np.float32)
    lit = scene.astype(np.float32) * gain * ramp[None, :, None]
    scene = np.clip(lit, 0, 255).astype(np.uint8)
    sigma = rng.choice([0.0, 0.0, 0.6, 1.0])
    if sigma:
        scene = cv2.GaussianBlur(scene, (0, 0), sigma)
    return scene
