"""`lessonguard people | consent | recordings`: scripted setup and the recordings catalogue.

Why: a school technician prepares twenty laptops from a terminal (pupils, their adults,
consent already given on paper), and a safeguarding lead checks recordings are intact and
deleted on time, without opening the window.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.consent import Consents, consent_text, decide, text_version
from app.errors import ConfigurationError
from app.inputs import printable, read_text_bounded
from app.linking.received import origin
from app.people import AGE_BANDS, PERSON_ROLES, People
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack
from app.recording_access import RecordingAccess
from app.recordings import Recordings
from app.settings import load_settings
from app.store import Store
from cli import argtypes

Emit = Callable[[argparse.Namespace, object, list[str]], None]
MAX_PASSPHRASE_FILE = 4096
PLAY_ROLES = ("tutor", "pupil", "responsible_adult", "school_staff", "organisation")


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    people = sub.add_parser("people", parents=[common], help="pupils, their adults, tutors")
    psub = people.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    add = psub.add_parser("add", parents=[common], help="add a person")
    add.add_argument("--role", required=True, choices=PERSON_ROLES)
    add.add_argument("--name", required=True, type=argtypes.name("The name"),
                     help="the person's full name (at most 120 characters, one line)")
    add.add_argument("--dob", metavar="YYYY-MM-DD", help="date of birth (pupils, sponsors)")
    add.add_argument("--age-band", metavar="N-M",
                     help="an age band instead, up to three years of a child's age: "
                     + ", ".join(AGE_BANDS))
    add.add_argument("--pupil", type=argtypes.record_id("The pupil id"), metavar="ID",
                     help="for a responsible adult: the pupil they are responsible for")
    add.add_argument("--email", default="", type=argtypes.contact("The e-mail address"))
    add.add_argument("--phone", default="", type=argtypes.contact("The phone number"))
    add.add_argument("--adult", action="store_true",
                     help="for a sponsor: confirm they are 18 or over")
    plist = psub.add_parser("list", parents=[common], help="everyone registered")
    plist.add_argument("--role", choices=PERSON_ROLES)

    consent = sub.add_parser("consent", parents=[common], help="consent to record")
    csub = consent.add_subparsers(dest="consent_command", metavar="ACTION", required=True)
    grant = csub.add_parser("grant", parents=[common],
                            help="record consent given by a person (they type their name)")
    grant.add_argument("--pupil", type=argtypes.record_id("The pupil id"), required=True,
                       metavar="ID")
    grant.add_argument("--by", type=argtypes.record_id("The person id"), required=True,
                       metavar="PERSON_ID",
                       help="who gives it: the responsible adult, the pupil or the tutor")
    grant.add_argument("--typed-name", required=True, metavar="NAME",
                       type=argtypes.name("The typed name"),
                       help="the name the person typed to confirm")
    grant.add_argument("--form", metavar="FILE",
                       type=argtypes.regular_file("The signed form", argtypes.MAX_FORM_BYTES),
                       help="a scan of the signed consent form (at most 20 MB)")
    grant.add_argument("--kind", default="lesson", metavar="NAME",
                       help="'lesson' or a named exception (ensemble_performance)")
    grant.add_argument("--policy", metavar="ORG|FILE", dest="consent_policy",
                       type=argtypes.pack_choice("The policy pack"))
    withdraw = csub.add_parser("withdraw", parents=[common], help="withdraw a consent")
    withdraw.add_argument("id", type=argtypes.record_id("The consent id"))
    withdraw.add_argument("--by", required=True, metavar="NAME", type=argtypes.name("The name"))
    withdraw.add_argument("--reason", default="", type=argtypes.optional_reason("The reason"))
    reseal = csub.add_parser(
        "reseal", parents=[common],
        help="after the audit log's key was lost (a reset keyring): list the consents the "
        "log can no longer vouch for, or, once you have confirmed each again with the person "
        "who gave it, vouch for them again (written to the audit log). A withdrawn consent "
        "is never brought back")
    reseal.add_argument("ids", nargs="*", metavar="ID",
                        type=argtypes.record_id("The consent id"))
    reseal.add_argument("--by", metavar="NAME", type=argtypes.name("The name"),
                        help="who confirmed them again")
    reseal.add_argument("--i-understand", action="store_true", dest="i_understand",
                        help="I have confirmed each of these consents again with the person "
                        "who gave it, and it still stands")
    clist = csub.add_parser("list", parents=[common], help="consents on file")
    clist.add_argument("--pupil", type=argtypes.record_id("The pupil id"), metavar="ID")
    text = csub.add_parser("text", parents=[common], help="the words shown before consent")
    text.add_argument("--policy", metavar="ORG|FILE", dest="consent_policy",
                      type=argtypes.pack_choice("The policy pack"))
    text.add_argument("--kind", default="lesson", metavar="NAME")
    status = csub.add_parser("status", parents=[common],
                             help="whether a pupil may be recorded now; exit 0 yes, 1 no")
    status.add_argument("--pupil", type=argtypes.record_id("The pupil id"), required=True,
                        metavar="ID")
    status.add_argument("--policy", metavar="ORG|FILE", dest="consent_policy",
                        type=argtypes.pack_choice("The policy pack"))
    status.add_argument("--kind", default="lesson", metavar="NAME")

    recs = sub.add_parser("recordings", parents=[common], help="the recordings catalogue")
    rsub = recs.add_subparsers(dest="recordings_command", metavar="ACTION", required=True)
    rsub.add_parser("list", parents=[common], help="every recording kept")
    play = rsub.add_parser("play", parents=[common], help="play a recording (decrypted on "
                           "the fly, never to disk)")
    play.add_argument("id")
    play.add_argument("--as", dest="as_role", choices=PLAY_ROLES,
                      help="who is watching. Playback is always as the person this computer "
                      "was set up for (`lessonguard setup --role`, recorded in the audit log); "
                      "--as may only repeat that role, never claim another (exit 2). The pack "
                      "says which roles may play")
    rsub.add_parser("purge", parents=[common],
                    help="delete recordings past their expiry that are not on hold")
    ver = rsub.add_parser("verify", parents=[common],
                          help="check every chunk and the hash list; exit 1 naming the first "
                          "bad chunk")
    ver.add_argument("id", nargs="?")
    export = rsub.add_parser("export", parents=[common],
                             help="an encrypted, hash-listed package for the safeguarding "
                             "lead or the police")
    export.add_argument("ids", nargs="+", metavar="ID")
    export.add_argument("--to", required=True, metavar="DIR", help="where to write it")
    export.add_argument("--passphrase-file", required=True, metavar="FILE",
                        help="a file holding the passphrase that protects the keys")
    export.add_argument("--as", dest="as_role", choices=PLAY_ROLES,
                        help="who is exporting. An export is always as the person this "
                        "computer was set up for (`lessonguard setup --role`); --as may only "
                        "repeat that role, never claim another (exit 2). The pack says which "
                        "roles may take a recording: the same as may play it")
    vpack = rsub.add_parser("verify-package", parents=[common],
                            help="check an exported package and that a trusted key signed "
                            "it: exit 0 intact and trusted, 1 changed or not trusted, 2 "
                            "malformed")
    vpack.add_argument("package", metavar="DIR")
    vpack.add_argument("--passphrase-file", metavar="FILE",
                       help="also decrypt-check every recording")
    from cli.incident import add_trust_arguments

    add_trust_arguments(vpack)
    hold = rsub.add_parser("hold", parents=[common], help="put a recording on legal hold")
    hold.add_argument("id")
    hold.add_argument("--by", required=True, metavar="NAME", type=argtypes.name("The name"))
    hold.add_argument("--reason", required=True, type=argtypes.reason("The reason"))
    release = rsub.add_parser("release", parents=[common], help="release a hold")
    release.add_argument("hold_id", type=argtypes.record_id("The hold id"))
    release.add_argument("--by", required=True, metavar="NAME", type=argtypes.name("The name"))
    release.add_argument("--reason", required=True, type=argtypes.reason("The reason"))


def _pack(store: Store, spec: str | None) -> PolicyPack:
    return load_pack(spec or load_settings(store).policy)


def run(args: argparse.Namespace, data_dir: Path, emit: Emit) -> int:
    store = Store(data_dir)
    try:
        if args.command == "people":
            return _people(args, store, emit)
        if args.command == "consent":
            return _consent(args, store, emit)
        return _recordings(args, store, data_dir, emit)
    finally:
        store.close()


def _people(args: argparse.Namespace, store: Store, emit: Emit) -> int:
    people = People(store)
    if args.people_command == "add":
        person = people.add(args.role, args.name, date_of_birth=args.dob,
                            age_band=args.age_band, pupil_id=args.pupil, email=args.email,
                            phone=args.phone, adult_confirmed=args.adult,
                            actor="lessonguard people")
        emit(args, person.to_json(),
             [f"Added {person.role.replace('_', ' ')} {person.name} with id {person.id}."])
        return 0
    found = people.list(args.role)
    lines = [f"{p.id:>4}  {p.role:<18} {printable(p.name)}"
             + (f"  born {p.date_of_birth}" if p.date_of_birth else "")
             + (f"  age {p.age_band}" if p.age_band else "")
             + (f"  for pupil {p.pupil_id}" if p.pupil_id else "") for p in found]
    emit(args, [p.to_json() for p in found], lines or ["Nobody is registered yet."])
    return 0


def _consent(args: argparse.Namespace, store: Store, emit: Emit) -> int:
    from cli.link import notifier_for  # consent given or withdrawn here reaches a linked side

    consents = Consents(store, notifier=notifier_for(store, load_settings(store).broker))
    if args.consent_command == "text":
        pack = _pack(store, args.consent_policy)
        words = consent_text(pack, args.kind)
        emit(args, {"pack_id": pack.id, "version": text_version(pack, args.kind),
                    "text": words}, [words, f"(version {text_version(pack, args.kind)})"])
        return 0
    if args.consent_command == "grant":
        pack = _pack(store, args.consent_policy)
        form = Path(args.form) if args.form else None
        c = consents.grant(pack, args.pupil, args.by, args.typed_name, kind=args.kind,
                           form=form)
        emit(args, c.to_json(), [f"Consent {c.id} recorded: {c.given_by_name} "
                                 f"({c.role.replace('_', ' ')}) for pupil {c.pupil_id}, "
                                 f"{c.scope}, {c.given_at}."])
        return 0
    if args.consent_command == "withdraw":
        c = consents.withdraw(args.id, args.by, args.reason)
        emit(args, c.to_json(), [f"Consent {c.id} withdrawn by {args.by} at "
                                 f"{c.withdrawn_at}. Recording for this pupil stops at once."])
        return 0
    if args.consent_command == "status":
        pack = _pack(store, args.consent_policy)
        decision = decide(store, pack, args.pupil, args.kind)
        emit(args, {"may_record": decision.may_record,
                    "lesson_may_start": decision.gate.lesson_may_start,
                    "missing": list(decision.gate.missing_consent),
                    "missing_who": list(decision.missing_who), "message": decision.message,
                    "clause": decision.clause,
                    "consent_ids": [c.id for c in decision.consents],
                    # where each consent that counts came from (this computer, or the
                    # family's linked computer)
                    "consents": [{"id": c.id, "given_by_name": c.given_by_name,
                                  "role": c.role, "given_at": c.given_at,
                                  **origin(store.db, c.source, c.link_id)}
                                 for c in decision.consents]},
             [decision.message, f"Policy: {decision.clause}",
              *(f"Consent {c.id} from {printable(c.given_by_name)} came from the linked "
                f"computer {printable(str(origin(store.db, c.source, c.link_id)['device']))}."
                for c in decision.consents if c.source == "linked")])
        return 0 if decision.may_record else 1
    if args.consent_command == "reseal":
        return _reseal(args, consents, emit)
    found = consents.list(args.pupil)
    lines = [f"{c.id:>4}  pupil {c.pupil_id:<4} {printable(c.given_by_name)} "
             f"({c.role.replace('_', ' ')}) {c.scope} {c.given_at}"
             + (f"  WITHDRAWN {c.withdrawn_at} by {printable(c.withdrawn_by or '')}"
                if c.withdrawn_at else "")
             for c in found]
    emit(args, [c.to_json() for c in found], lines or ["No consent is on file."])
    return 0


def _reseal(args: argparse.Namespace, consents: Consents, emit: Emit) -> int:
    """`consent reseal`: without --i-understand only the list (exit 1 if any need it)."""
    if not args.i_understand or not args.ids:
        eligible, refused = consents.to_reseal()
        lines = [f"{c.id:>4}  pupil {c.pupil_id:<4} {printable(c.given_by_name)} "
                 f"({c.role.replace('_', ' ')}) {c.scope} {c.given_at}" for c in eligible]
        lines += [f"{i:>4}  cannot be confirmed again: {why}" for i, why in refused.items()]
        if eligible:
            lines.append("The audit log's key was lost, so these consents no longer count. "
                         "Confirm each again with the person who gave it, then run "
                         "`lessonguard consent reseal ID ... --by NAME --i-understand`.")
        emit(args, {"to_confirm": [c.to_json() for c in eligible],
                    "refused": {str(i): why for i, why in refused.items()}},
             lines or ["Every consent on file is vouched for by the audit log."])
        if args.ids or args.i_understand:
            raise ConfigurationError(
                "Resealing needs both the consents you confirmed again (their ids) and "
                "--i-understand.", "Nothing was resealed.")
        return 1 if eligible else 0
    if not args.by:
        raise ConfigurationError("Say who confirmed the consents again (--by NAME).")
    done = consents.reseal(args.ids, args.by)
    emit(args, [c.to_json() for c in done],
         [f"Consent {c.id} ({printable(c.given_by_name)} for pupil {c.pupil_id}) is vouched "
          f"for again, confirmed by {printable(args.by)}; the audit log records it."
          for c in done])
    return 0


def _recordings(args: argparse.Namespace, store: Store, data_dir: Path, emit: Emit) -> int:
    from capture.playback import play_external
    from capture.recording_upkeep import upkeep

    catalogue = Recordings(store, data_dir)
    access = RecordingAccess(catalogue, lambda: _pack(store, None))
    command = args.recordings_command
    tidied = upkeep(catalogue, expire=command == "purge")
    recovered = tidied.recovered
    if command == "list":
        found = catalogue.list()
        lines = [f"{r.id}  pupil {r.pupil_id:<4} {r.started_at[:16].replace('T', ' ')}  "
                 f"{(r.duration_s or 0) / 60:5.1f} min  {r.state:<11} kept until "
                 f"{r.expires_at[:10]}{'  ON HOLD' if r.held else ''}" for r in found]
        if recovered:
            lines.append(f"({len(recovered)} interrupted recording(s) were finished now.)")
        emit(args, [r.to_json() for r in found], lines or ["There are no recordings."])
        return 0
    if command == "purge":
        deleted = tidied.deleted
        emit(args, {"deleted": [r.id for r in deleted]},
             [f"Deleted {r.id} (expired {r.expires_at[:10]})." for r in deleted]
             or ["Nothing has expired."])
        return 0
    if command == "verify":
        targets = [catalogue.get(args.id)] if args.id else catalogue.list()
        results, lines, ok = [], [], True
        for info in targets:
            report = catalogue.verify(info.id)
            ok &= report.ok
            results.append({"id": info.id, "ok": report.ok, "chunks": report.chunks,
                            "first_bad_chunk": report.first_bad_chunk,
                            "problem": report.problem})
            lines.append(f"{info.id}: intact, {report.chunks} chunks verified" if report.ok
                         else f"{info.id}: DAMAGED: {report.problem}")
        emit(args, {"ok": ok, "recordings": results}, lines or ["There are no recordings."])
        return 0 if ok else 1
    if command == "hold":
        h = catalogue.hold(args.id, args.by, args.reason)
        emit(args, h.__dict__, [f"Recording {args.id} is on hold (hold {h.id}): it will not "
                                "be deleted until released."])
        return 0
    if command == "release":
        h = catalogue.release(args.hold_id, args.by, args.reason)
        emit(args, h.__dict__, [f"Hold {h.id} on {h.recording_id} released."])
        return 0
    if command == "export":
        role = _viewer_role(store, args.as_role)
        package = access.export(args.ids, Path(args.to), _passphrase(args.passphrase_file),
                                role)
        emit(args, {"package": str(package)}, [f"Exported to {package}. Tell the recipient "
                                               "the passphrase by phone, not by email."])
        return 0
    if command == "verify-package":
        from app.export import check_export
        from cli.incident import trust_from

        trust = trust_from(args, data_dir)
        phrase = _passphrase(args.passphrase_file) if args.passphrase_file else None
        result = check_export(Path(args.package), trust, phrase)
        emit(args, result.to_json(), [result.words("lessonguard recordings verify-package")])
        return result.exit_code
    if command == "play":
        reader = access.open_for_playback(args.id, _viewer_role(store, args.as_role))
        try:
            code = play_external(reader)
        finally:
            reader.close()
        return 0 if code == 0 else 1
    raise ConfigurationError(f"unknown recordings action {command}")


def _viewer_role(store: Store, claimed: str | None) -> str:
    """Who is watching, exporting or looking: the role this computer was set up for (one
    rule for the window and every command: `app.incident_access.acting_role`)."""
    from app.incident_access import acting_role

    return acting_role(store, claimed)


def _passphrase(path: str) -> str:
    """The passphrase in a regular file of at most 4 KB (a FIFO, a device or a huge file is
    refused before it is read)."""
    return read_text_bounded(path, MAX_PASSPHRASE_FILE, "The passphrase file").strip()
