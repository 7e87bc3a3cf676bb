"""`lessonguard` on the command line: the desktop app by default, sub-commands for scripts.

Why: a school technician sets up and checks twenty laptops from a terminal, so every
sub-command speaks plainly, supports --json where it reports, and uses stable exit codes:
0 success, 1 a check or verification failed, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.errors import ConfigurationError, LessonGuardError
from app.inputs import printable
from app.logs import setup_logging
from app.paths import ENV_VAR, resolve_data_dir
from cli import argtypes

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
COMMANDS = ("devices", "audit", "check", "speed-server", "record", "people", "consent",
            "recordings", "setup", "lesson", "incident", "link", "confirm", "policy")
KEEP = "\n"  # the one control character a line printed for people may carry
log = logging.getLogger("lessonguard")


# The options before the sub-command that take a value (the word after them is no command).
TOP_VALUES = ("--data-dir", "--camera", "--mic", "--policy", "--page")


def command_named(argv: Sequence[str]) -> str | None:
    """The sub-command the words name, as the parser will read it, or None (none, or the
    words are unclear: then every sub-command is built and argparse says what is wrong)."""
    takes_value = False
    for word in argv:
        if takes_value:
            takes_value = False
        elif word == "--":
            return None
        elif word.startswith("-"):
            # argparse takes any unambiguous start of a long option (`--data /x`).
            takes_value = "=" not in word and word.startswith("--") and any(
                option.startswith(word) for option in TOP_VALUES)
        else:
            return word
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every sub-command's parser, or, given the sub-command the words name, that one's
    alone: each is built with its module, and importing them all (the checks, capture,
    linking…) took half of a refused command's time."""
    def wanted(*names: str) -> bool:
        return command is None or command in names

    # Options accepted before or after the sub-command. SUPPRESS keeps a sub-command's
    # parser from overwriting a value given before it with its own default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS,
        help=f"where LessonGuard keeps its data (default: the platform's; or {ENV_VAR})",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print machine-readable JSON")

    parser = argparse.ArgumentParser(
        prog="lessonguard",
        description="LessonGuard keeps online music lessons with children safe. "
        "With no command it opens the desktop app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"LessonGuard {__version__}")
    parser.add_argument(
        "--camera", metavar="SRC", type=argtypes.source("The camera"),
        help="camera for this run: a number, a video file, 'synthetic' (demo) or 'auto'",
    )
    parser.add_argument("--mic", metavar="DEV", help="microphone: a number, a name or 'default'")
    parser.add_argument(
        "--policy", metavar="ORG|FILE", type=argtypes.pack_choice("The policy pack"),
        help="policy pack for this run and from now on: a shipped pack's id or a .toml file",
    )
    parser.add_argument("--page", choices=("lessons", "camera", "checks", "settings"),
                        help="the page the app opens on (default: lessons)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("devices", parents=[common], help="list cameras and microphones")
    audit = sub.add_parser("audit", parents=[common], help="the tamper-evident audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit_sub.add_parser("verify", parents=[common], help="prove no entry was edited or removed")
    audit_sub.add_parser("list", parents=[common], help="show every entry")

    if wanted("check"):
        check = sub.add_parser(
            "check", parents=[common],
            help="run the pre-lesson checks; exit 0 ready, 1 not ready, 2 usage error")
        from cli.check import add_arguments  # the check command's options live with them

        add_arguments(check)

    speed = sub.add_parser("speed-server", parents=[common],
                           help="host the bandwidth-test endpoint for your organisation")
    speed.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; 0.0.0.0 for all)")
    speed.add_argument("--port", type=int, default=8765, help="port (default 8765)")

    if wanted("record"):
        record = sub.add_parser(
            "record", parents=[common],
            help="record headless through the consent gate; exit 1 if refused")
        from cli.record import add_arguments as add_record_arguments

        add_record_arguments(record)
    if wanted("people", "consent", "recordings"):
        from cli.recordings import add_parsers as add_recordings_parsers

        add_recordings_parsers(sub, common)
    if wanted("setup", "lesson"):
        from cli.lesson import add_parsers as add_lesson_parsers

        add_lesson_parsers(sub, common)
    if wanted("incident"):
        from cli.incident import add_parser as add_incident_parser

        add_incident_parser(sub, common)
    if wanted("link", "confirm"):
        from cli.link import add_parsers as add_link_parsers

        add_link_parsers(sub, common)
    if not wanted("policy"):
        return parser

    policy = sub.add_parser("policy", parents=[common], help="organisations' policy packs")
    policy_sub = policy.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    policy_sub.add_parser("list", parents=[common], help="the shipped packs")
    show = policy_sub.add_parser("show", parents=[common],
                                 help="every rule of a pack with the clause it comes from")
    show.add_argument("pack", metavar="ORG|FILE", type=argtypes.pack_choice("The policy pack"))
    validate = policy_sub.add_parser("validate", parents=[common],
                                     help="check a pack file; exit 0 valid, 2 not valid")
    validate.add_argument("file", metavar="FILE", type=argtypes.pack_file("The policy file"))
    from cli.policy import add_guarded_parsers

    add_guarded_parsers(policy_sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`lessonguard audit list | head -1`): nothing more to say,
        # and nothing to say it to. Point stdout at nothing so the exit flush is quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_FAILED
    return code


def _main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    named = command_named(words)
    parser = build_parser(named if named in COMMANDS else None)
    args = parser.parse_args(words)
    args.data_dir = getattr(args, "data_dir", None)
    args.json = getattr(args, "json", False)
    try:
        data_dir = resolve_data_dir(args.data_dir)
        log_path = setup_logging(data_dir)
        log.info("LessonGuard %s, command %s, data %s", __version__, args.command or "app",
                 data_dir)
        if args.command is None:
            if args.policy:
                from app.policy.loader import load_pack

                load_pack(args.policy)  # refuse a bad pack here, before any window opens
                from cli.policy import refuse_unguarded_change

                refuse_unguarded_change(data_dir, args.policy)
            from ui.launch import run_app  # the composition root: only here does app reach ui

            return run_app(data_dir=data_dir, camera=args.camera, mic=args.mic,
                           policy=args.policy, log_path=log_path, page=args.page)
        if args.command == "devices":
            return _devices(args)
        if args.command == "audit":
            return _audit(args, data_dir)
        if args.command == "check":
            from cli.check import run_check_command

            return run_check_command(args, data_dir)
        if args.command == "speed-server":
            from checks.speed_server import serve

            if not 1 <= args.port <= 65535:
                raise ConfigurationError("--port must be between 1 and 65535.")
            try:
                serve(args.host, args.port)
            except OSError as exc:
                raise ConfigurationError(
                    f"The speed server cannot listen on {args.host}:{args.port}: "
                    f"{exc.strerror or exc}.", "Choose another --port or --host.") from exc
            return EXIT_OK
        if args.command == "policy":
            from cli.policy import run_policy_command

            return run_policy_command(args, _emit, data_dir)
        if args.command == "record":
            from cli.record import run_record_command

            return run_record_command(args, data_dir)
        if args.command == "incident":
            from cli.incident import run as run_incident

            return run_incident(args, data_dir, _emit)
        if args.command in ("setup", "lesson"):
            from cli.lesson import run as run_lesson

            return _then_tell_the_linked_computer(args, data_dir,
                                                  run_lesson(args, data_dir, _emit))
        if args.command in ("people", "consent", "recordings"):
            from cli.recordings import run

            return _then_tell_the_linked_computer(args, data_dir, run(args, data_dir, _emit))
        if args.command in ("link", "confirm"):
            from cli.link import run as run_link

            return run_link(args, data_dir, _emit)
    except ConfigurationError as exc:
        print(f"lessonguard: {printable(str(exc), keep=KEEP)}", file=sys.stderr)
        return EXIT_USAGE
    except LessonGuardError as exc:
        print(f"lessonguard: {printable(str(exc), keep=KEEP)}", file=sys.stderr)
        return EXIT_FAILED
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE  # pragma: no cover - parser.error exits


def _then_tell_the_linked_computer(args: argparse.Namespace, data_dir: Path,
                                   code: int) -> int:
    """A command that may have queued a message for a linked computer (consent given or
    withdrawn, a lesson booked or cancelled) sends it at once when a broker is set; if it
    cannot, the message waits and the command's result stands."""
    from cli.link import flush_after

    flush_after(args, data_dir)
    return code


def _emit(args: argparse.Namespace, payload: object, lines: list[str]) -> None:
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        # A name read back from the store is shown with any control character escaped, so
        # an edited database cannot send escapes or false lines to the terminal.
        print("\n".join(printable(line, keep=KEEP) for line in lines))


def _devices(args: argparse.Namespace) -> int:
    """The cameras, microphones and speakers, by the names the system shows for them."""
    from capture.camera import list_cameras
    from capture.sound_devices import Kind, SoundDevice, list_devices
    from capture.status import SourceError

    cameras = list_cameras()
    found: dict[str, list[SoundDevice]] = {}
    mic_error = ""
    kinds: tuple[tuple[Kind, str], ...] = (("input", "microphones"), ("output", "speakers"))
    for kind, key in kinds:
        try:
            found[key] = list_devices(kind)
        except SourceError as exc:
            found[key], mic_error = [], exc.status.text()
    payload = {
        "cameras": cameras,
        **{key: [{"name": d.name, "spec": d.spec, "default": d.is_default, "muted": d.muted}
                 for d in devices] for key, devices in found.items()},
        "microphone_error": mic_error,
    }
    lines = ["Cameras: " + (", ".join(cameras) or "none found (the demo camera can be used)")]
    for key, title in (("microphones", "Microphones:"), ("speakers", "Speakers:")):
        lines.append(title)
        lines += [f"  {d.name}{' (default)' if d.is_default else ''}"
                  f"{' (muted)' if d.muted else ''}" for d in found[key]]
        if not found[key]:
            lines.append(f"  none found. {mic_error}".rstrip())
    _emit(args, payload, lines)
    return EXIT_OK


def _audit(args: argparse.Namespace, data_dir: Path) -> int:
    from app.audit import AuditLog
    from app.store import Store

    store = Store(data_dir)
    try:
        audit = AuditLog(store)
        if args.audit_command == "list":
            entries = audit.entries()
            _emit(
                args,
                [e.__dict__ for e in entries],
                [printable(f"{e.id:>5} {e.ts} {e.actor:<12} {e.action} {e.subject}")
                 for e in entries]
                or ["The audit log is empty."],
            )
            return EXIT_OK
        result = audit.verify()
        lines = (
            [f"The audit log is intact: {result.checked} entries verified."]
            if result.ok
            else ["The audit log has been tampered with:"]
            + [f"  - {problem}" for problem in result.problems]
        )
        _emit(args, {"ok": result.ok, "checked": result.checked, "problems": result.problems},
              lines)
        return EXIT_OK if result.ok else EXIT_FAILED
    finally:
        store.close()
