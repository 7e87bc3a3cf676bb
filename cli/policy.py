"""`lessonguard policy list | show ORG | validate FILE`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.inputs import printable
from app.policy.defaults import DEFAULTS
from app.policy.engine import rule
from app.policy.loader import PolicyError, load_pack, load_pack_file, shipped_pack_ids
from app.policy.schema import PolicyPack
from app.policy.trace import iter_rules

Emit = Callable[[argparse.Namespace, object, list[str]], None]


def run_policy_command(args: argparse.Namespace, emit: Emit) -> int:
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
                           "applied": _applied(pack, r.key)} for r in rules],
            }, indent=2, ensure_ascii=False, default=str))
            return 0
        lines = [f"{pack.name} ({pack.id})", pack.summary, ""]
        for r in rules:
            lines.append(f"{r.key} = {_show_value(r.value)}")
            if r.source is None:
                applied = _applied(pack, r.key)
                lines.append(f"    unspecified in the policy; {applied or 'no default applies'}")
            else:
                seed = r.source.seed or pack.seed or ""
                where = " ".join(x for x in (seed, r.source.section) if x)
                lines.append(f"    source: {where}: “{r.source.quote}”")
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
    return f"applies {decision.default}" if decision.default else ""


def _show_value(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 200 else text[:197] + "…"
