"""The pairing code: 12 characters read out or pasted in the lesson chat, `ABCD-EFGH-JKMN`.

Why this shape: the first group names the meeting place on the broker (4 random characters:
about 920,000 places, so pairings running at the same time on one broker do not meet); the
last two groups are the password the two sides prove they share (SPAKE2): 7 random
characters (about 35 bits, for a single online try in ten minutes: nothing can be tested
offline) and a check character over the whole code, so a typing mistake is caught here,
before it spends the code's only try. The alphabet leaves out 0, 1, I, L and O.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from app.errors import ConfigurationError
from app.inputs import printable
from app.texts import _

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LOOK_ALIKE = {"0": "O", "O": "0", "1": "I or L", "I": "1", "L": "1"}
LENGTH = 12
SECRET_LENGTH = 8
MAX_TYPED = 64


@dataclass(frozen=True)
class PairingCode:
    channel: str  # 4 characters: the rendezvous
    secret: str  # 8 characters: the SPAKE2 password (7 random + the check character)

    @property
    def text(self) -> str:
        whole = self.channel + self.secret
        return "-".join(whole[i:i + 4] for i in range(0, LENGTH, 4))

    @property
    def rendezvous(self) -> str:
        """The broker topic the two sides meet on: it names nothing but a hash."""
        digest = hashlib.sha256(f"lessonguard pair v1:{self.channel}".encode()).hexdigest()
        return f"lessonguard/v1/pair/{digest[:32]}"


def _check(chars: str) -> str:
    """A check character over 11 characters (weighted sum mod 31, the weights all different
    and coprime to 31): one wrong character, or two neighbours swapped, always changes it."""
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(chars))
    return ALPHABET[total % len(ALPHABET)]


def with_check(channel: str, secret7: str) -> PairingCode:
    return PairingCode(channel, secret7 + _check(channel + secret7))


def make_code() -> PairingCode:
    pick = "".join(secrets.choice(ALPHABET) for _n in range(LENGTH - 1))
    return with_check(pick[:4], pick[4:])


def parse_code(typed: str) -> PairingCode:
    """A code as typed or pasted: case, spaces and dashes do not matter. A code that cannot
    be right is refused here, with what is wrong, before it spends its one try."""
    if len(typed) > MAX_TYPED:
        raise ConfigurationError(_("That is too long to be a link code."),
                                 _("A link code looks like ABCD-EFGH-JKMN."))
    chars = "".join(c for c in typed.upper() if not c.isspace() and c not in "-–—_.")
    for c in chars:
        if c not in ALPHABET:
            hint = (_("Codes never contain {char}: did you mean {other}?", char=c,
                      other=LOOK_ALIKE[c]) if c in LOOK_ALIKE and LOOK_ALIKE[c] in ALPHABET
                    else _("Codes use only the letters and digits 2-9 and A-Z without I, L "
                           "and O."))
            raise ConfigurationError(
                _("'{char}' cannot be in a link code.", char=printable(c)), hint)
    if len(chars) != LENGTH:
        raise ConfigurationError(
            _("A link code has {n} letters and digits; this one has {got}.", n=LENGTH,
              got=len(chars)),
            _("Check the code with the person who gave it (like ABCD-EFGH-JKMN)."))
    code = PairingCode(chars[:4], chars[4:])
    if _check(chars[:-1]) != chars[-1]:
        raise ConfigurationError(
            _("The code {code} has a mistake in it: one of its characters is wrong or two "
              "are swapped.", code=code.text),
            _("Check it with the person who gave it. Nothing was sent, so the code can "
              "still be used."))
    return code
