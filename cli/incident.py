"""`lessonguard incident list | show ID | export ID DIR | verify PACKAGE`.

Exit codes: 0 done (or the package verifies), 1 the package has been changed or a request was
refused, 2 usage error.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.store import Store
from cli import argtypes

Emit = Callable[[argparse.Namespace, object, list[str]], None]


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    inc = sub.add_parser("incident", parents=[common], help="incident records and packages")
    isub = inc.add_subparsers(dest="incident_command", metavar="ACTION", required=True)
    ilist = isub.add_parser("list", parents=[common], help="incident records")
    ilist.add_argument("--as", dest="as_role", default="tutor",
                       choices=("tutor", "pupil", "responsible_adult", "school_staff",
                                "organisation"),
                       help="who is looking (the records are shown to the people who "
                       "handle them)")
    show = isub.add_parser("show", parents=[common], help="one incident in full")
    show.add_argument("id", type=argtypes.record_id("The incident id"))
    export = isub.add_parser("export", parents=[common],
                             help="write the sealed package: PDF, report.json, evidence, "
                             "signed manifest")
    export.add_argument("id", type=argtypes.record_id("The incident id"))
    export.add_argument("dir", metavar="DIR", type=argtypes.folder("The folder"))
    export.add_argument("--passphrase-file", metavar="FILE",
                        type=argtypes.regular_file("The passphrase file", 4096),
                        help="also include the recordings' keys, wrapped with this passphrase")
    verify = isub.add_parser("verify", parents=[common],
                             help="check every hash and the signature; exit 1 naming what "
                             "changed")
    verify.add_argument("package", metavar="PACKAGE")


def run(args: argparse.Namespace, data_dir: Path, emit: Emit) -> int:
    # Loaded here, not at start-up: PDF writing and signing are only needed for these.
    from app.incident_package import (
        export_incident,
        fingerprint,
        installation_public_key,
        verify_package,
    )
    from app.incidents import STATUS_TEXT, Incidents

    if args.incident_command == "verify":
        problems, signer = verify_package(Path(args.package))
        ours = installation_public_key(data_dir)
        mine = fingerprint(ours) if ours else ""
        who = ("this installation" if signer and signer == mine
               else f"the key {signer}" if signer else "an unknown key")
        emit(args, {"ok": not problems, "problems": problems, "signer_fingerprint": signer,
                    "signed_here": bool(mine) and signer == mine},
             [f"The package is intact and signed by {who}." if not problems
              else "The package is NOT intact: " + "; ".join(problems)])
        return 0 if not problems else 1
    store = Store(data_dir)
    try:
        incidents = Incidents(store, data_dir)
        if args.incident_command == "list":
            found = incidents.list(args.as_role)
            lines = [f"{i.id:>4}  {i.created_at[:16].replace('T', ' ')}  "
                     f"{(i.category or 'not yet given'):<26} {STATUS_TEXT[i.status]}"
                     for i in found]
            emit(args, [i.to_json() for i in found], lines or ["No incidents are recorded."])
            return 0
        if args.incident_command == "show":
            i = incidents.get(args.id)
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
        package = export_incident(store, data_dir, args.id, Path(args.dir),
                                  passphrase=phrase, actor="lessonguard incident export")
        emit(args, {"package": str(package)}, [f"Sealed package written to {package}."])
        return 0
    finally:
        store.close()
