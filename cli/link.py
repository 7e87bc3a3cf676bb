"""`lessonguard link` and `lessonguard confirm`: linking the tutor's LessonGuard with the
family's or the school's from a terminal, and the family's side of a lesson.

Why: a school technician links twenty classroom laptops from a script, and the integration
tests drive two real installations through a real broker exactly as people would. Exit codes:
0 done, 1 it could not be done (wrong or expired code, no answer, broker unreachable), 2 usage
or configuration error. The JSON is documented in docs/linking.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.errors import ConfigurationError, LessonGuardError
from app.inputs import printable
from app.linking.mqtt import parse_broker_url
from app.settings import AppSettings, load_settings, save_settings
from app.store import Store
from cli import argtypes

Emit = Callable[[argparse.Namespace, object, list[str]], None]
log = logging.getLogger(__name__)

CODE_VALID_S = 600
MAX_WAIT_S = 3600


def broker_url(text: str) -> str:
    """An argparse type: mqtt:// or mqtts:// with a host, else a usage error (exit 2)."""
    try:
        parse_broker_url(text)
    except ConfigurationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text.strip()


def link_code(text: str) -> str:
    """A link code as people type it (case, spaces and dashes do not matter); one that
    cannot be right is a usage error before it spends its one try."""
    from app.linking.codes import parse_code

    try:
        return parse_code(text).text
    except ConfigurationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _link_id(text: str) -> str:
    value = text.strip().lower()
    if len(value) != 32 or any(c not in "0123456789abcdef" for c in value):
        raise argparse.ArgumentTypeError("A link id is 32 hexadecimal characters "
                                         "(`lessonguard link list`).")
    return value


def wait_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{printable(text)!r} is not a number of seconds.") \
            from None
    if not 0 <= value <= MAX_WAIT_S:
        raise argparse.ArgumentTypeError(f"The wait must be from 0 to {MAX_WAIT_S} seconds.")
    return value


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    broker_opt = argparse.ArgumentParser(add_help=False)
    broker_opt.add_argument("--broker", metavar="URL", type=broker_url,
                            help="the organisation's broker (mqtt://HOST:PORT or "
                                 "mqtts://HOST:PORT); default: the one in the settings")
    link = sub.add_parser("link", parents=[common],
                          help="link with the tutor's or the family's LessonGuard")
    lsub = link.add_subparsers(dest="link_command", metavar="ACTION", required=True)
    create = lsub.add_parser("create", parents=[common, broker_opt],
                             help="make a code for the family's or school's computer "
                                  "(prints it at once, then waits for them)")
    create.add_argument("--pupil", type=argtypes.record_id("The pupil id"), required=True,
                        help="the pupil the link is for (see `lessonguard people list`)")
    create.add_argument("--wait", metavar="S", type=wait_seconds, default=CODE_VALID_S,
                        help=f"how long to wait for them (default {CODE_VALID_S} s, the "
                             "code's life)")
    join = lsub.add_parser("join", parents=[common, broker_opt],
                           help="join with the code the tutor gave")
    join.add_argument("code", metavar="CODE", type=link_code,
                      help="the code, like K7QM-4TXR-9HBD")
    join.add_argument("--pupil", type=argtypes.record_id("The pupil id"),
                      help="the pupil on this computer (default: the only one, or a new one)")
    join.add_argument("--wait", metavar="S", type=wait_seconds, default=60.0,
                      help="how long to wait for the tutor's computer (default 60 s)")
    lsub.add_parser("list", parents=[common], help="the linked computers")
    remove = lsub.add_parser("remove", parents=[common],
                             help="unlink: nothing more is sent to or taken from it")
    remove.add_argument("link_id", metavar="LINK", type=_link_id,
                        help="the link's id (`lessonguard link list`)")
    sync = lsub.add_parser("sync", parents=[common, broker_opt],
                           help="send what is waiting and take in what arrived")
    sync.add_argument("--wait", metavar="S", type=wait_seconds, default=3.0,
                      help="how long to listen for messages (default 3 s)")
    send = lsub.add_parser("send-recording", parents=[common, broker_opt],
                           help="send a copy of a recording, still encrypted, to the linked "
                                "family, where the policy lets them play it back")
    send.add_argument("recording", metavar="ID",
                      help="the recording's id (`lessonguard recordings list`)")
    broker = lsub.add_parser("broker", parents=[common],
                             help="show or set the broker that links this computer")
    broker.add_argument("url", metavar="URL", nargs="?", type=broker_url,
                        help="mqtt://HOST:PORT or mqtts://HOST:PORT[?ca=FILE]")
    broker.add_argument("--clear", action="store_true", help="no broker: stop linking")

    confirm = sub.add_parser("confirm", parents=[common],
                             help="on the family's or school's computer: the adult is here, "
                                  "the room is checked")
    csub = confirm.add_subparsers(dest="confirm_command", metavar="WHAT", required=True)
    for what, helptext in (("adult-present", "the responsible adult is in the room"),
                           ("room", "the room is a living area, as the policy asks")):
        one = csub.add_parser(what, parents=[common, broker_opt], help=helptext)
        one.add_argument("--lesson", type=argtypes.record_id("The lesson id"), required=True,
                         help="this computer's id for the lesson (`lessonguard lesson list`)")
        one.add_argument("--name", type=argtypes.name("The name"), required=True,
                         help="the adult's full name")
        if what == "adult-present":
            one.add_argument("--left", action="store_true",
                             help="the adult has stepped out (tells the tutor at once)")


def chosen_broker(args: argparse.Namespace, settings: AppSettings, *,
                  required: bool = True) -> str:
    url: str = getattr(args, "broker", None) or settings.broker
    if not url and required:
        raise ConfigurationError(
            "No broker is set: linked computers talk through your organisation's broker.",
            "Give --broker mqtts://HOST:PORT, or set it once with "
            "`lessonguard link broker URL`.")
    return url


@contextmanager
def _cancel_on_signal() -> Iterator[threading.Event]:
    """Ctrl+C or SIGTERM while a code waits ends the code on both sides, promptly."""
    cancel = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: cancel.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield cancel
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run(args: argparse.Namespace, data_dir: Path, emit: Emit) -> int:
    store = Store(data_dir)
    try:
        settings = load_settings(store)
        if args.command == "confirm":
            return _confirm(args, store, data_dir, settings, emit)
        return _link(args, store, data_dir, settings, emit)
    finally:
        store.close()


def _linking(store: Store, data_dir: Path, settings: AppSettings) -> Any:
    from app.linking.service import Linking

    return Linking(store, data_dir, name=settings.user_name, role=settings.role or "tutor")


def notifier_for(store: Store, broker: str) -> Any:
    """The notifier the use cases report to where a broker is set; None where not."""
    from app.linking.notify import LinkNotifier

    return LinkNotifier.for_broker(store, store.path.parent, broker)


def link_json(link: Any) -> dict[str, Any]:
    return dict(link.to_json())


def _link_line(link: Any) -> str:
    side = "the family's or school's" if link.my_side == "creator" else "the tutor's"
    gone = f"  (removed {link.removed_at[:16]})" if link.removed_at else ""
    return (f"{link.id[:8]}  pupil {link.pupil_id:<4} {printable(link.peer_name)} "
            f"({link.peer_role.replace('_', ' ')}, {side} computer), linked "
            f"{link.created_at[:16]}, check code {link.check_code}{gone}")


def _remember_broker(store: Store, settings: AppSettings, url: str) -> str:
    if settings.broker:
        return ""
    settings.broker = url
    save_settings(store, settings)
    return f"The broker {parse_broker_url(url).shown} is now this computer's setting."


def _link(args: argparse.Namespace, store: Store, data_dir: Path, settings: AppSettings,
          emit: Emit) -> int:
    command = args.link_command
    if command == "broker":
        if args.clear and args.url:
            raise ConfigurationError("Give a broker address or --clear, not both.")
        if args.clear or args.url:
            settings.broker = "" if args.clear else args.url
            save_settings(store, settings)
        shown = parse_broker_url(settings.broker).shown if settings.broker else ""
        emit(args, {"broker": shown},
             [f"Broker: {shown}" if shown else
              "No broker is set: this computer is not linked to another."])
        return 0
    linking = _linking(store, data_dir, settings)
    if command == "list":
        links = linking.links(include_removed=True)
        emit(args, [link_json(link) for link in links],
             [_link_line(link) for link in links] or ["This computer is not linked yet."])
        return 0
    if command == "remove":
        linking.remove(args.link_id, settings.user_name or "lessonguard link")
        emit(args, {"removed": args.link_id},
             [f"Link {args.link_id[:8]} removed: nothing more is sent to or taken from it."])
        return 0
    if command == "send-recording":
        return _send_recording(args, store, data_dir, settings, emit)
    broker = chosen_broker(args, settings)
    if command == "create":
        def show_code(code: str) -> None:
            if args.json:
                print(json.dumps({"event": "code", "code": code, "valid_s": CODE_VALID_S}),
                      flush=True)
            else:
                print(f"Code: {code}\nRead it out, or paste it into the lesson chat: on the "
                      f"other computer, `lessonguard link join {code}`. It works once, for "
                      f"{CODE_VALID_S // 60} minutes. Waiting…", flush=True)
        pack_id = _pack_id(settings)
        with _cancel_on_signal() as cancel:
            link = linking.create(args.pupil, broker, on_code=show_code, wait_s=args.wait,
                                  cancel=cancel, pack_id=pack_id)
        return _linked(args, store, settings, broker, link)
    if command == "join":
        with _cancel_on_signal() as cancel:
            link = linking.join(args.code, broker, pupil_id=args.pupil, wait_s=args.wait,
                                cancel=cancel)
        return _linked(args, store, settings, broker, link)
    report = linking.sync(broker, wait_s=args.wait)
    payload = sync_json(store, report)
    if report.offline:
        raise LessonGuardError(report.offline, "What waits here is sent at the next sync.")
    emit(args, payload,
         [f"Sent {payload['sent']}, took in {payload['received']}"
          + (f", refused {payload['refused']}" if payload["refused"] else "")
          + f"; {payload['waiting']} still waiting here.",
          *(f"  {printable(words)}" for words in payload["events"])])
    return 0


def _send_recording(args: argparse.Namespace, store: Store, data_dir: Path,
                    settings: AppSettings, emit: Emit) -> int:
    from app.linking.recording_copy import send_recording

    broker = chosen_broker(args, settings, required=False)
    sent = send_recording(store, data_dir, str(args.recording).strip()[:60],
                          actor=settings.user_name or "lessonguard link")
    delivered = flush(store, data_dir, broker)
    payload = {**sent.to_json(), "sent": delivered}
    told = ("Sent." if delivered else
            "It waits here and goes at the next `lessonguard link sync`.")
    emit(args, payload,
         [printable(f"Recording {sent.recording}: a copy ({sent.size / 2**20:.1f} MB, "
                    f"{sent.chunks} pieces, still encrypted) for {', '.join(sent.sent_to)}. "
                    f"{told}"),
          *(printable(f"  Not for {name}: {why}") for name, why in sent.refused.items())])
    return 0


def _pack_id(settings: AppSettings) -> str:
    from app.policy.loader import load_pack

    return load_pack(settings.policy).id


def sync_json(store: Store, report: Any) -> dict[str, Any]:
    from app.linking.links import pending

    return {**report.to_json(), "waiting": len(pending(store))}


def _linked(args: argparse.Namespace, store: Store, settings: AppSettings, broker: str,
            link: Any) -> int:
    note = _remember_broker(store, settings, broker)
    if args.json:
        print(json.dumps({"event": "linked", "link": link_json(link)}, ensure_ascii=False),
              flush=True)
    else:
        print(printable(f"Linked with {link.peer_name} "
                        f"({link.peer_role.replace('_', ' ')}) for pupil {link.pupil_id}.\n"
                        f"Check code {link.check_code}: ask {link.peer_name} to read out the "
                        "one their LessonGuard shows. If it is not the same, someone else "
                        "typed the code: run `lessonguard link remove` at once.")
              + (f"\n{note}" if note else ""), flush=True)
    return 0


def _confirm(args: argparse.Namespace, store: Store, data_dir: Path, settings: AppSettings,
             emit: Emit) -> int:
    from app.linking.confirm import confirm_presence, confirm_room
    from app.linking.links import pending

    if settings.role == "tutor":
        raise ConfigurationError(
            "`lessonguard confirm` is said on the family's or school's computer: this one is "
            f"set up for the tutor {settings.user_name}.",
            "Here, the Ready screen (or `lessonguard check --confirm adult_present=NAME`) "
            "records it as your own attestation for the adult.")
    broker = chosen_broker(args, settings, required=False)
    notifier = notifier_for(store, broker)
    before = len(pending(store))
    role = "school_staff" if settings.role == "school_staff" else "responsible_adult"
    if args.confirm_command == "room":
        made = confirm_room(store, args.lesson, args.name, role=role, notifier=notifier)
        kind = "room_living_area"
    else:
        present = not args.left
        made = confirm_presence(store, args.lesson, args.name, present=present, role=role,
                                notifier=notifier)
        kind = "adult_present" if present else "adult_left"
    queued = len(pending(store)) - before
    sent = flush(store, data_dir, broker) if queued else False
    payload = {"id": made, "lesson": args.lesson, "kind": kind, "name": args.name,
               "queued": queued, "sent": sent}
    told = ("The tutor's computer has been told." if sent else
            "It will reach the tutor's computer at the next connection." if queued else
            "This lesson is not linked to a tutor's computer: kept here only.")
    words = {"adult_present": f"{args.name} is in the room",
             "adult_left": f"{args.name} has stepped out",
             "room_living_area": f"{args.name} confirmed the room"}[kind]
    emit(args, payload, [f"Lesson {args.lesson}: {words}. {told}"])
    return 0


def flush(store: Store, data_dir: Path, broker: str) -> bool:
    """Send what this computer has queued, now. False (and one line on stderr) when it
    could not: the messages stay queued, in order, for the next sync or session."""
    from app.linking.links import pending

    if not broker or not pending(store):
        return False
    report = _linking(store, data_dir, load_settings(store)).sync(broker, wait_s=0.0,
                                                                   quiet_s=0.0)
    if report.offline:
        print(f"lessonguard: {printable(report.offline)}\nlessonguard: it waits on this "
              "computer and is sent at the next `lessonguard link sync`, or while the app "
              "or a recording is open.", file=sys.stderr)
        return False
    return not pending(store)


def flush_after(args: argparse.Namespace, data_dir: Path) -> None:
    """After a command that may have queued a message for the linked computer (consent
    given or withdrawn, a lesson booked or cancelled), try to send it at once."""
    store = Store(data_dir)
    try:
        flush(store, data_dir, chosen_broker(args, load_settings(store), required=False))
    finally:
        store.close()
