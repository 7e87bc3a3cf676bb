"""`lessonguard check`: the pre-lesson checks from a terminal, for one laptop or twenty.

Exit codes: 0 ready (every check passed or only warned), 1 not ready (a check failed),
2 usage or configuration error. `--json` prints the document described in
docs/check-json.md (schema: docs/check-result.schema.json).
"""

from __future__ import annotations

import argparse
import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.check_log import record_confirmation, save_check_run
from app.errors import ConfigurationError
from app.inputs import check_name, printable
from app.policy.loader import load_pack
from app.settings import load_settings
from app.store import Store
from checks.base import CheckResult, Confirmation, LessonFacts
from checks.microphone_check import LISTEN_PROMPT
from checks.probes import OwnCameraProbe, OwnMicProbe, SharedSample
from checks.registry import CHECK_ORDER
from checks.runner import CheckRun, planned_checks, run_checks
from checks.services import CheckServices
from cli import argtypes

JSON_SCHEMA_ID = "https://lessonguard.example/schemas/check-result/1"
CONFIRM_KINDS = ("adult_present", "room_living_area")
ICONS = {"pass": "✔ PASS", "warn": "⚠ WARN", "fail": "✖ FAIL", "inconclusive": "? UNSURE",
         "skipped": "– SKIP"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy", metavar="ORG|FILE", dest="check_policy",
                        type=argtypes.pack_choice("The policy pack"),
                        help="policy pack to check against (default: the one chosen in the app)")
    parser.add_argument("--camera", metavar="SRC", dest="check_camera",
                        type=argtypes.source("The camera"),
                        help="a camera number, a video file, 'synthetic' or 'auto'")
    parser.add_argument("--mic", metavar="DEV", dest="check_mic",
                        help="microphone: a number, a name or 'default'")
    parser.add_argument("--speed-url", metavar="URL",
                        help="the speed-test endpoint for the bandwidth check (default: the "
                        "one in the settings)")
    parser.add_argument("--only", metavar="a,b", help="run only these checks: "
                        + ", ".join(CHECK_ORDER))
    parser.add_argument("--timeout", metavar="S", type=float, default=15.0,
                        help="the whole run's time limit in seconds (default 15)")
    parser.add_argument("--pupil-age", type=int, metavar="N", help="the pupil's age in years")
    parser.add_argument("--sponsor-registered", choices=("yes", "no"),
                        help="whether the pupil's adult sponsor has registered")
    parser.add_argument("--confirm", action="append", default=[], metavar="KIND=NAME",
                        help="record a person's confirmation; KIND is one of "
                        + ", ".join(CONFIRM_KINDS) + " (repeatable)")


def _confirmations(values: list[str]) -> list[tuple[str, str]]:
    out = []
    for value in values:
        kind, _, name = value.partition("=")
        if kind not in CONFIRM_KINDS or not name.strip():
            raise ConfigurationError(
                f"--confirm {printable(value[:80])!r} is not understood.",
                f"Write KIND=NAME, with KIND one of {', '.join(CONFIRM_KINDS)}, for example "
                "--confirm adult_present='Sam Jones'.")
        out.append((kind, check_name(name, "The name in --confirm")))
    return out


def document(run: CheckRun, pack_name: str, limit_s: float) -> dict[str, Any]:
    return {
        "$schema": JSON_SCHEMA_ID,
        "lessonguard": __version__,
        "pack": {"id": run.pack_id, "name": pack_name},
        "started_at": run.started_at.isoformat(),
        "duration_s": round(run.duration_s, 3),
        "limit_s": limit_s,
        "ready": run.ready,
        "summary": run.summary(),
        "counts": run.counts(),
        "results": [r.to_json() for r in run.results],
    }


def run_check_command(args: argparse.Namespace, data_dir: Path) -> int:
    if args.timeout is not None and not 1 <= args.timeout <= 600:
        raise ConfigurationError("--timeout must be between 1 and 600 seconds.")
    if args.pupil_age is not None and not 0 <= args.pupil_age <= 120:
        raise ConfigurationError("--pupil-age must be between 0 and 120.")
    store = Store(data_dir)
    try:
        settings = load_settings(store)
        pack = load_pack(args.check_policy or settings.policy)
        only = [c.strip() for c in args.only.split(",") if c.strip()] if args.only else None
        try:
            planned_checks(pack, only)
        except ValueError as exc:
            raise ConfigurationError(f"--only: {exc}.") from exc
        now = datetime.now(UTC)
        facts = LessonFacts(
            pupil_age=args.pupil_age,
            sponsor_registered=None if args.sponsor_registered is None
            else args.sponsor_registered == "yes",
        )
        for kind, name in _confirmations(args.confirm):
            record_confirmation(store, kind=kind, by_name=name, role="responsible_adult", at=now)
            facts.confirmations.append(Confirmation(kind, name, "responsible_adult", now))
        services = CheckServices(
            camera_probe=SharedSample(OwnCameraProbe(args.check_camera or settings.camera)),
            mic_probe=OwnMicProbe(args.check_mic or settings.microphone),
            speed_url=args.speed_url or settings.speed_url,
        )
        cancel = threading.Event()
        if not args.json:
            print(f"Checking this computer against the policy: {pack.name}…", flush=True)
            if "microphone" in planned_checks(pack, only):  # it listens for a voice
                print(LISTEN_PROMPT, flush=True)
        run = run_checks(pack, only=only, lesson=facts, services=services,
                         limit_s=args.timeout, cancel=cancel, role=settings.role,
                         on_result=None if args.json else _print_result)
        save_check_run(store, started_at=run.started_at, pack_id=pack.id, ready=run.ready,
                       summary=run.summary(), duration_s=run.duration_s,
                       results=[r.to_json(for_storage=True) for r in run.results])
    finally:
        store.close()
    if args.json:
        print(json.dumps(document(run, pack.name, args.timeout), indent=2, ensure_ascii=False,
                         default=str))
    else:
        print(f"\n{run.summary()} ({run.duration_s:.1f} s)")
    return 0 if run.ready else 1


_print_lock = threading.Lock()


def _print_result(result: CheckResult) -> None:
    """Called from each check's thread as it finishes: one whole result at a time."""
    lines = [f"{ICONS[result.status]:<9} {result.title}: {result.summary}"]
    if result.status not in ("pass", "skipped"):
        lines += [f"          → {step}" for step in result.remediation]
    with _print_lock:
        print("\n".join(lines), flush=True)

