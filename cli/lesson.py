"""`lessonguard setup` and `lessonguard lesson`: first run and lessons from a terminal.

Why: a school technician prepares twenty laptops with a script (who uses each, which
policy), and a safeguarding lead reads the lesson log without opening the window.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import ConfigurationError
from app.incidents import Incidents
from app.inputs import printable
from app.lesson_plan import USER_ROLES
from app.lessons import PLATFORMS, Lesson, Lessons, note_playback, parse_when, record_lines
from app.people import People
from app.policy.loader import load_pack
from app.profile import save_profile
from app.settings import AppSettings, is_set_up, load_settings
from app.store import Store
from cli import argtypes

Emit = Callable[[argparse.Namespace, object, list[str]], None]


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    setup = sub.add_parser("setup", parents=[common],
                           help="first run: who uses this computer, and the policy")
    setup.add_argument("--role", choices=USER_ROLES, required=True,
                       help="tutor, responsible_adult (a parent or carer) or school_staff")
    setup.add_argument("--name", required=True, type=argtypes.name("The name"),
                       help="your full name (at most 120 characters, one line)")
    setup.add_argument("--policy", help="a shipped pack id or a .toml file",
                       type=argtypes.pack_choice("The policy pack"))
    setup.add_argument("--pin-file", metavar="FILE",
                       help="a file holding the organisation's PIN, where one guards the "
                            "policy and the role")
    lesson = sub.add_parser("lesson", parents=[common], help="book and list lessons")
    lsub = lesson.add_subparsers(dest="lesson_command", required=True)
    book = lsub.add_parser("book", parents=[common], help="create and confirm a lesson")
    book.add_argument("--pupil", type=argtypes.record_id("The pupil id"), required=True,
                      help="the pupil's id (people list)")
    book.add_argument("--date", required=True, help="YYYY-MM-DD")
    book.add_argument("--time", required=True, help="HH:MM, this computer's local time")
    book.add_argument("--minutes", type=int, default=30, help="length (default 30)")
    book.add_argument("--tutor", default="", type=argtypes.optional_name("The tutor's name"),
                      help="the tutor's name")
    book.add_argument("--platform", choices=PLATFORMS, default="zoom")
    book.add_argument("--practice", action="store_true",
                      help="a practice lesson: no notice needed, recorded as practice")
    lsub.add_parser("list", parents=[common], help="lessons, newest first")
    show = lsub.add_parser("show", parents=[common], help="one lesson's record")
    show.add_argument("lesson", type=argtypes.record_id("The lesson id"))
    cancel = lsub.add_parser("cancel", parents=[common], help="cancel a booked lesson")
    cancel.add_argument("lesson", type=argtypes.record_id("The lesson id"))
    cancel.add_argument("--reason", required=True, type=argtypes.reason("The reason"),
                        help="why it is cancelled (kept in the lesson's record)")


def run(args: argparse.Namespace, data_dir: Path, emit: Emit) -> int:
    store = Store(data_dir)
    try:
        settings = load_settings(store)
        if args.command == "setup":
            pack = load_pack(args.policy or settings.policy)
            if len(args.name.strip()) < 2:
                raise ConfigurationError("Give your full name with --name.")
            from cli.policy import read_pin

            updated = save_profile(store, args.role, args.name, args.policy or settings.policy,
                                   pin=read_pin(args.pin_file))
            emit(args, {"role": updated.role, "user_name": updated.user_name,
                        "policy": pack.id},
                 [f"LessonGuard is set up for {updated.user_name} "
                  f"({args.role.replace('_', ' ')}) under {pack.name}."])
            return 0
        return _lesson(args, store, settings, emit)
    finally:
        store.close()


def _lesson(args: argparse.Namespace, store: Store, settings: AppSettings, emit: Emit) -> int:
    from cli.link import notifier_for  # a booking or cancelling reaches a linked family

    lessons = Lessons(store, notifier=notifier_for(store, settings.broker))
    command = args.lesson_command
    if command == "book":
        if not is_set_up(settings):
            raise ConfigurationError("LessonGuard does not know who uses it yet.",
                                     "Run `lessonguard setup --role ROLE --name NAME` first.")
        pack = load_pack(settings.policy)
        lesson = lessons.book(pack, args.pupil, parse_when(args.date, args.time),
                              duration_min=args.minutes, tutor_name=args.tutor,
                              platform=args.platform, confirmed_by=settings.user_name,
                              practice=args.practice)
        emit(args, {**lesson.to_json(), "practice": args.practice},
             [f"{'Practice lesson' if args.practice else 'Lesson'} {lesson.id} booked for "
              f"{lesson.starts_at.astimezone():%a %d %b %H:%M} ({lesson.duration_min} min)."])
        return 0
    if command == "list":
        found = lessons.list()
        people = People(store)
        practice = {ls.id for ls in found if lessons.is_practice(ls.id)}

        def when(ls: Lesson) -> str:  # the day it really started, and the booked one if not
            booked = f"{ls.starts_at.astimezone():%Y-%m-%d %H:%M}"
            if ls.started_at is None or \
                    ls.started_at.astimezone().date() == ls.starts_at.astimezone().date():
                return booked
            return f"{ls.started_at.astimezone():%Y-%m-%d %H:%M} (booked for {booked})"

        lines = [f"{ls.id:>4}  {when(ls)}  "
                 f"{ls.duration_min:>3} min  {ls.state:<11}  "
                 f"{printable(people.get(ls.pupil_id).name)}"
                 f"{'  (practice)' if ls.id in practice else ''}"
                 for ls in found]
        emit(args, [{**ls.to_json(), "practice": ls.id in practice} for ls in found],
             lines or ["No lessons yet."])
        return 0
    if command == "show":
        summary = lessons.saved_summary(args.lesson) or lessons.summary(args.lesson)
        sealed = Incidents(store, store.path.parent).sealed_recordings()
        note_playback(summary, load_pack(settings.policy), settings.role or "tutor", sealed)
        emit(args, summary, record_lines(summary))
        return 0
    lesson = lessons.cancel(args.lesson, by=settings.user_name or "lessonguard lesson",
                            reason=args.reason)
    emit(args, lesson.to_json(), [f"Lesson {lesson.id} cancelled."])
    return 0
