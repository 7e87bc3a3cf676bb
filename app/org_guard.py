"""The organisation's PIN, and the one way to change its policy pack or this computer's role.

Why: the pack decides what is checked and who may watch a recording, and the role decides
what the person here may see. A one-click switch let a pack be changed by accident and let
anyone pick a role that unlocks more. So both change only through `change_setup`, which the
window (Settings, Set up again) and the command line (`lessonguard policy use`, `lessonguard
setup`) both call: where the organisation set a PIN, the change needs it. The PIN is kept only
as a salted scrypt hash, compared in constant time.
"""

from __future__ import annotations

import base64
import hmac
import json
import logging
import os

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.audit import AuditLog
from app.errors import ConfigurationError
from app.policy.loader import load_pack
from app.settings import AppSettings, load_settings, save_settings
from app.store import Store
from app.texts import _

log = logging.getLogger(__name__)
PIN_KEY = "organisation_pin"
# Fixed parameters, stored with the hash so a later change can still check old ones.
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PIN, MAX_PIN = 4, 64


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(pin.encode("utf-8"))


def pin_is_set(store: Store) -> bool:
    return store.get_setting(PIN_KEY) is not None


def pin_matches(store: Store, pin: str | None) -> bool:
    """Whether `pin` is the organisation's PIN; True when no PIN is set."""
    raw = store.get_setting(PIN_KEY)
    if raw is None:
        return True
    if not pin:
        return False
    try:
        stored = json.loads(raw)
        salt = base64.b64decode(stored["salt"])
        expected = base64.b64decode(stored["hash"])
        params = {k: int(stored[k]) for k in ("n", "r", "p")}
    except (ValueError, KeyError, TypeError):
        log.warning("the stored organisation PIN is unreadable; no PIN can match it")
        return False
    if params != SCRYPT:  # never let an edited record choose a weak or huge cost
        log.warning("the stored organisation PIN has unexpected parameters %s", params)
        return False
    return hmac.compare_digest(_derive(pin, salt, **params), expected)


def _require_pin(store: Store, pin: str | None, what: str) -> None:
    if pin_matches(store, pin):
        return
    raise ConfigurationError(
        _("Your organisation protects {what} with a PIN, and {given}.", what=what,
          given=_("the PIN given is not right") if pin else _("no PIN was given")),
        _("Ask your organisation's safeguarding lead for the PIN. In the window: Settings, "
          "Change…; on the command line: --pin-file FILE."))


def set_pin(store: Store, new_pin: str, old_pin: str | None, actor: str) -> None:
    """Set or change the organisation's PIN; changing it needs the old one."""
    if not MIN_PIN <= len(new_pin.strip()) <= MAX_PIN:
        raise ConfigurationError(
            _("The PIN must be {low} to {high} characters long.", low=MIN_PIN, high=MAX_PIN))
    if not pin_matches(store, old_pin):
        raise ConfigurationError(
            _("A PIN is already set, and {given}.",
              given=_("the current PIN given is not right") if old_pin
              else _("the current PIN was not given")),
            _("Give the current PIN to change it (--old-pin-file FILE on the command line)."))
    salt = os.urandom(16)
    record = {"kdf": "scrypt", **SCRYPT, "salt": base64.b64encode(salt).decode(),
              "hash": base64.b64encode(_derive(new_pin.strip(), salt, **SCRYPT)).decode()}
    with store.write() as db:
        store.set_setting(PIN_KEY, json.dumps(record))
        AuditLog(store).append_in(db, "organisation.pin_set", actor=actor or "unknown")


def needs_pin(store: Store, role: str | None, policy: str) -> bool:
    """Whether this choice changes the pack or the role of a computer already set up, under a
    PIN. The very first answers (no role yet) and choices that change nothing do not."""
    current = load_settings(store)
    if not pin_is_set(store) or current.role is None:
        return False
    return role != current.role or policy != current.policy


def change_setup(store: Store, *, role: str | None, name: str, policy: str,
                 pin: str | None, actor: str) -> AppSettings:
    """The one way to change who uses this computer and which pack applies: the pack must
    load, and a PIN set by the organisation must be given. Saved with its audit entry."""
    pack = load_pack(policy)  # a pack that does not validate is refused before anything
    current = load_settings(store)
    if needs_pin(store, role, policy):
        _require_pin(store, pin, _("its policy and the role of this computer"))
    update: dict[str, object] = {"policy": policy}
    if role is not None:
        update.update(role=role, user_name=name.strip())
    updated = AppSettings.model_validate({**current.model_dump(), **update})
    with store.write() as db:  # the settings and their entry, kept together
        save_settings(store, updated)
        AuditLog(store).append_in(
            db, "profile.saved", actor=actor.strip() or name.strip() or "unknown",
            details={"role": updated.role, "policy": policy, "pack": pack.id,
                     "was": {"role": current.role, "policy": current.policy}})
    log.info("setup changed: %s under %s", updated.role, policy)
    return updated


def change_policy(store: Store, policy: str, pin: str | None, actor: str) -> AppSettings:
    """A new pack for this computer, keeping its role and name."""
    current = load_settings(store)
    return change_setup(store, role=current.role, name=current.user_name, policy=policy,
                        pin=pin, actor=actor)
