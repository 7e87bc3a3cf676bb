"""`lessonguard policy list | show ORG | validate FILE | use ORG | pin`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import ConfigurationError
from app.inputs import printable, read_text_bounded
from app.org_guard import change_policy, needs_pin, pin_is_set, set_pin
from app.policy.defaults import DEFAULTS
from app.policy.engine import rule
from app.policy.loader import PolicyError, load_pack, load_pack_file, shipped_pack_ids
from app.policy.schema import PolicyPack
from app.policy.trace import iter_rules
from app.settings import load_settings
from app.store import Store
from cli import argtypes

Emit = Callable[[argparse.Namespace, object, list[str]], None]
MAX_PIN_FILE = 4096


def add_guarded_parsers(policy_sub: Any, common: argparse.ArgumentParser) -> None:
    """`policy use` and `policy pin`: the organisation's pack changed the same guarded way
    as in the window (app.org_guard)."""
    use = policy_sub.add_parser("use", parents=[common],
                                help="make a pack this computer's policy (needs the "
                                     "organisation's PIN where one is set)")
    use.add_argument("pack", metavar="ORG|FILE", type=argtypes.pack_choice("The policy pack"))
    use.add_argument("--pin-file", metavar="FILE", help="a file holding the organisation's PIN")
    pin = policy_sub.add_parser("pin", parents=[common],
                                help="set or change the organisation's PIN that guards the "
                                     "policy and the role")
    pin.add_argument("--pin-file", metavar="FILE", required=True,
                     help="a file holding the new PIN (4 to 64 characters)")
    pin.add_argument("--old-pin-file", metavar="FILE",
                     help="a file holding the current PIN, to change it")


def read_pin(path: str | None) -> str | None:
    """The PIN in a small regular file, never on the command line (where `ps` shows it)."""
    if path is None:
        return None
    return read_text_bounded(path, MAX_PIN_FILE, "The PIN file").strip()


def refuse_unguarded_change(data_dir: Path, policy: str) -> None:
    """`lessonguard --policy` may not get round the PIN: a guarded change goes through
    `lessonguard policy use ... --pin-file` (or Settings) instead."""
    store = Store(data_dir)
    try:
        settings = load_settings(store)
        if needs_pin(store, settings.role, policy):
            raise ConfigurationError(
                "Your organisation protects its policy with a PIN, so --policy cannot change "
                "it.", "Use `lessonguard policy use ORG --pin-file FILE`, or Settings.")
    finally:
        store.close()


def _guarded(args: argparse.Namespace, emit: Emit, data_dir: Path) -> int:
    store = Store(data_dir)
    try:
        actor = load_settings(store).user_name or "lessonguard policy"
        if args.policy_command == "pin":
            had = pin_is_set(store)
            set_pin(store, read_pin(args.pin_file) or "", read_pin(args.old_pin_file), actor)
            emit(args, {"pin_set": True},
                 ["The organisation's PIN was changed." if had else
                  "The organisation's PIN is set: the policy and the role now change only "
                  "with it."])
            return 0
        updated = change_policy(store, args.pack, read_pin(args.pin_file), actor)
        pack = load_pack(updated.policy)
        emit(args, {"policy": updated.policy, "pack": pack.id, "name": pack.name},
             [f"LessonGuard on this computer now follows {pack.name}."])
        return 0
    finally:
        store.close()


def run_policy_command(args: argparse.Namespace, emit: Emit, data_dir: Path | None = None) -> int:
    if args.policy_command in ("use", "pin"):
        if data_dir is None:
            raise ConfigurationError("No data folder was given.")
        return _guarded(args, emit, data_dir)
    if args.policy_command == "list":
        packs = [load_pack(pid) for pid in shipped_pack_ids()]
        emit(args,
             [{"id": p.id, "name": p.name, "seed": p.seed, "summary": p.summary} for p in packs],
             [f"{p.id:<16} {p.name}\n{'':<16} {p.summary}" for p in packs])
        return 0
    if args.policy_command == "show":
        pack = load_pack(args.pack)
        rules = list(iter_rules(pack))
        if args.json:
            print(json.dumps({
                "id": pack.id, "name": pack.name, "seed": pack.seed,
                "rules": [{"key": r.key, "value": r.value,
                           "source": r.source.model_dump() if r.source else None,
                           "strength": r.strength or None,
                           "applies_to": list(r.applies_to) or "everyone",
                           "lessonguard_default": r.source is None and bool(
                               _applied(pack, r.key)),
                           "applied": _applied(pack, r.key)} for r in rules],
            }, indent=2, ensure_ascii=False, default=str))
            return 0
        lines = [f"{pack.name} ({pack.id})", pack.summary, ""]
        defaults: list[str] = []
        for r in rules:
            lines.append(f"{r.key} = {_show_value(r.value)}")
            if r.source is None:
                applied = _applied(pack, r.key)
                lines.append(f"    unspecified in the policy; {applied or 'no default applies'}")
                if applied:
                    defaults.append(f"  {r.key}: {applied.removeprefix('applies ')}")
            else:
                seed = r.source.seed or pack.seed or ""
                where = " ".join(x for x in (seed, r.source.section) if x)
                lines.append(f"    source: {where}: “{r.source.quote}”")
                if r.strength:
                    lines.append(f"    strength: {r.strength}; for: {_roles(r.applies_to)}")
            if r.note:
                lines.append(f"    note: {r.note}")
        lines += ["", f"LessonGuard's own defaults in force under {pack.name} (the policy is "
                  f"silent on these; {len(defaults)}):", *defaults]
        emit(args, None, lines)
        return 0
    path = Path(args.file)
    try:
        pack = load_pack_file(path)
    except PolicyError as exc:
        if args.json:
            print(json.dumps({"valid": False, "file": str(path), "problems": exc.problems},
                             indent=2))
        else:
            print(f"{printable(str(path))}: NOT VALID", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {printable(problem)}", file=sys.stderr)
        return 2
    emit(args, {"valid": True, "file": str(path), "id": pack.id, "problems": []},
         [f"{path}: valid policy pack '{pack.name}' ({pack.id}), "
          f"{sum(1 for _ in iter_rules(pack))} rules"])
    return 0


def _applied(pack: PolicyPack, key: str) -> str:
    """For an unspecified rule, the LessonGuard default the engine applies instead."""
    if key.startswith("incidents.") and key.count(".") == 2:
        default = DEFAULTS.get("incident." + key.rsplit(".", 1)[1])
        return f"applies {default.name}" if default else ""
    if key.count(".") != 1:
        return ""
    try:
        decision = rule(pack, key)
    except (AttributeError, KeyError):
        return ""
    if not decision.default:
        return ""
    return (f"applies {decision.default} (LessonGuard's; strength: {decision.strength}; for: "
            f"{_roles(decision.applies_to)})")


def _roles(roles: tuple[str, ...]) -> str:
    return ", ".join(r.replace("_", " ") for r in roles) if roles else "everyone"


def _show_value(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 200 else text[:197] + "…"
