"""`lessonguard incident list | show ID | export ID DIR | verify PACKAGE | open PACKAGE |
public-key`.

Exit codes: 0 done (or the package is intact and signed by a key trusted here), 1 the package
was changed, or is intact but signed by a key nobody here trusts, or a request was refused,
2 usage error or a malformed package.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.store import Store
from cli import argtypes

if TYPE_CHECKING:
    from app.export import Trust

Emit = Callable[[argparse.Namespace, object, list[str]], None]


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    inc = sub.add_parser("incident", parents=[common], help="incident records and packages")
    isub = inc.add_subparsers(dest="incident_command", metavar="ACTION", required=True)
    ilist = isub.add_parser("list", parents=[common], help="incident records")
    add_as_argument(ilist, "looking")
    show = isub.add_parser("show", parents=[common], help="one incident in full")
    show.add_argument("id", type=argtypes.record_id("The incident id"))
    add_as_argument(show, "looking")
    export = isub.add_parser("export", parents=[common],
                             help="write the sealed package: PDF, report.json, evidence, "
                             "signed manifest")
    export.add_argument("id", type=argtypes.record_id("The incident id"))
    export.add_argument("dir", metavar="DIR", type=argtypes.folder("The folder"))
    export.add_argument("--passphrase-file", metavar="FILE",
                        type=argtypes.regular_file("The passphrase file", 4096),
                        help="seal the package with this passphrase: the report and the "
                        "evidence are encrypted, their keys wrapped with it (`incident open` "
                        "opens it)")
    add_as_argument(export, "exporting")
    verify = isub.add_parser("verify", parents=[common],
                             help="check every hash and that a trusted key signed it: exit 0 "
                             "intact and trusted, 1 changed or not trusted, 2 malformed")
    verify.add_argument("package", metavar="PACKAGE")
    add_trust_arguments(verify)
    opener = isub.add_parser("open", parents=[common],
                             help="verify a package sealed with a passphrase, then decrypt it "
                             "into a new folder only you can read: exit 0 opened, 1 changed, "
                             "not trusted or the wrong passphrase, 2 malformed")
    opener.add_argument("package", metavar="PACKAGE")
    opener.add_argument("--passphrase-file", metavar="FILE", required=True,
                        type=argtypes.regular_file("The passphrase file", 4096),
                        help="a file holding the passphrase the sender told you")
    opener.add_argument("--out", metavar="DIR", required=True,
                        type=argtypes.folder("The folder"),
                        help="where to make the new folder the package opens into")
    add_trust_arguments(opener)
    isub.add_parser("public-key", parents=[common],
                    help="this installation's public key (PEM) and its fingerprint, for "
                    "recipients and the organisation to trust its packages")


def add_as_argument(parser: argparse.ArgumentParser, doing: str) -> None:
    parser.add_argument("--as", dest="as_role",
                        choices=("tutor", "pupil", "responsible_adult", "school_staff",
                                 "organisation"),
                        help=f"who is {doing}. Incident records are shown to and exported by "
                        "the people who handle them (tutor, school staff), always as the "
                        "person this computer was set up for (`lessonguard setup --role`); "
                        "--as may only repeat that role, never claim another (exit 2)")


def add_trust_arguments(parser: argparse.ArgumentParser) -> None:
    """The keys a package may be trusted by, besides this installation's own."""
    parser.add_argument("--trust-key", action="append", default=[], metavar="FILE",
                        help="a public key you trust (PEM, or 64 hexadecimal digits), e.g. "
                        "your organisation's published key; may be given more than once")
    parser.add_argument("--fingerprint", action="append", default=[], metavar="HEX",
                        help="the signer's fingerprint as the sender read it to you")


def trust_from(args: argparse.Namespace, data_dir: Path) -> Trust:
    """This installation's key, every --trust-key and every --fingerprint."""
    from app.export import Trust, installation_public_key, read_fingerprint, read_public_key


    keys = [(read_public_key(path), f"the trusted key in {path}")
            for path in args.trust_key]
    ours = installation_public_key(data_dir)
    if ours is not None:
        keys.insert(0, (ours, "this installation"))
    return Trust(keys=tuple(keys),
                 fingerprints=tuple(read_fingerprint(f) for f in args.fingerprint))


def run(args: argparse.Namespace, data_dir: Path, emit: Emit) -> int:
    # Loaded here, not at start-up: PDF writing and signing are only needed for these.
    from app.incident_access import IncidentAccess
    from app.incident_package import check_incident_package
    from app.incidents import STATUS_TEXT, Incidents

    if args.incident_command == "verify":
        trust = trust_from(args, data_dir)
        result = check_incident_package(Path(args.package), trust)
        emit(args, {**result.to_json(),
                    "signed_here": result.trusted_by == "this installation"},
             [result.words("lessonguard incident verify")])
        return result.exit_code
    if args.incident_command == "open":
        from app.incident_open import open_incident_package
        from cli.recordings import _passphrase

        opened = open_incident_package(Path(args.package), _passphrase(args.passphrase_file),
                                       trust_from(args, data_dir), Path(args.out))
        emit(args, opened.to_json(), [opened.words()])
        return opened.exit_code
    if args.incident_command == "public-key":
        from app.export import fingerprint, public_key_pem, public_raw, signing_key

        public = public_raw(signing_key(data_dir).public_key())
        pem = public_key_pem(public)
        emit(args, {"fingerprint": fingerprint(public), "public_key_pem": pem,
                    "public_key_hex": public.hex()},
             [pem.rstrip(), f"Fingerprint: {fingerprint(public)}",
              "Give this key to whoever receives your packages (or read them the "
              "fingerprint by phone); they verify with --trust-key FILE or --fingerprint."])
        return 0
    store = Store(data_dir)
    try:
        access = IncidentAccess(Incidents(store, data_dir))
        if args.incident_command == "list":
            found = access.list(args.as_role)
            lines = [f"{i.id:>4}  {i.created_at[:16].replace('T', ' ')}  "
                     f"{(i.category or 'not yet given'):<26} {STATUS_TEXT[i.status]}"
                     for i in found]
            emit(args, [i.to_json() for i in found], lines or ["No incidents are recorded."])
            return 0
        if args.incident_command == "show":
            i = access.show(args.id, args.as_role)
            lines = [f"Incident {i.id}: {i.category or 'category not given'}, "
                     f"{STATUS_TEXT[i.status]}",
                     *(f"  {s.position}. {s.text} [{s.done_at or 'not done'}]"
                       for s in i.steps)]
            emit(args, i.to_json(), lines)
            return 0
        phrase = None
        if args.passphrase_file:
            from cli.recordings import _passphrase

            phrase = _passphrase(args.passphrase_file)
        package = access.export(args.id, Path(args.dir), passphrase=phrase,
                                claimed=args.as_role, how="lessonguard incident export")
        emit(args, {"package": str(package)}, [f"Sealed package written to {package}."])
        return 0
    finally:
        store.close()
