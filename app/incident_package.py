"""The sealed incident package: a readable PDF, report.json, the evidence, and a manifest of
SHA-256 hashes signed with this installation's Ed25519 key.

Why sealed: the package may go to a safeguarding lead, the organisation or the police, who
must be able to tell that nothing in it was changed after LessonGuard wrote it, and that it
came from whom it says. `check_incident_package` names every file that changed, went missing
or was added, and whether a key the recipient trusts made the signature: this installation's,
an organisation's published key, or one whose fingerprint the sender read aloud. The key the
package carries is never trusted for itself. With a passphrase, the evidence (recordings,
screenshots, chat) goes in still encrypted, its keys wrapped in keys.json.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.audit import AuditLog
from app.encrypted_file import EncryptedWriter, new_key
from app.errors import LessonGuardError
from app.export import (
    SIGNING_KEY_ID,
    KeyWrapper,
    PackageCheck,
    Trust,
    check_sealed,
    copy_private,
    fingerprint,
    installation_public_key,
    make_package_folder,
    public_raw,
    sha256_file,
    sign_manifest,
    signing_key,
    write_private,
)
from app.incident_contacts import routes_for
from app.incident_pdf import report_pdf
from app.incidents import Incident, Incidents
from app.keystore import open_keystore
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack
from app.recordings import Recordings
from app.settings import SafeguardingLead, load_settings
from app.texts import _

__all__ = ["SIGNING_KEY_ID", "check_incident_package", "export_incident", "fingerprint",
           "installation_public_key", "verify_package"]
REPORT_SCHEMA = "https://lessonguard.example/schemas/incident-report/1"
SEALED_SUFFIX = ".lgenc"
# The keys of the two reports in keys.json (evidence keys are named by their file's stem,
# recordings' by the recording id).
REPORT_KEYS = {"report.json": "package-report-json", "report.pdf": "package-report-pdf"}
README = """LessonGuard incident package, sealed with a passphrase.

Everything about the incident (the report, the child's own words, chat, screenshots and any
recording) is encrypted. The sender gives you the passphrase separately, by phone, and reads
you their LessonGuard key's fingerprint so you can tell the package came from them.

Files:
  report.json.lgenc, report.pdf.lgenc   the report, encrypted
  evidence/*.lgenc, evidence/*.lgrec    chat, screenshots and recordings, encrypted
  keys.json      the keys of those files, wrapped with the passphrase
  manifest.json  the SHA-256 of every file, and which key opens which file
  manifest.sig   the sender's LessonGuard signature on manifest.json

To check nothing was changed (no passphrase needed):
  lessonguard incident verify THIS_FOLDER --fingerprint WHAT_THE_SENDER_READ_TO_YOU
To open it into a new folder only you can read:
  lessonguard incident open THIS_FOLDER --passphrase-file FILE --out FOLDER \\
      --fingerprint WHAT_THE_SENDER_READ_TO_YOU
Recordings stay encrypted: they are checked, never written out as plain video.
Keep the opened folder private, and delete it when you no longer need it.
"""


def report_document(incident: Incident, pack: PolicyPack, audit: list[dict[str, Any]],
                    signer: str, *, encrypted: bool = False,
                    lead: SafeguardingLead | None = None) -> dict[str, Any]:
    """report.json (schema: docs/incident-report.schema.json). `lead`: the safeguarding
    lead entered on this computer, offered where the pack names no phone or email."""
    guidance = None
    if incident.category:
        guidance = Incidents.guidance(pack, incident.category,
                                      incident.reporter_role or "tutor",
                                      incident.child_in_danger)
    routes = routes_for(pack, guidance, lead) if guidance else []
    return {
        "$schema": REPORT_SCHEMA,
        "lessonguard": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "signer_fingerprint": signer,
        "organisation": {"pack_id": pack.id, "name": pack.organisation.name},
        "incident": {
            "id": incident.id,
            "category": incident.category,
            "category_title": guidance.title if guidance else None,
            "status": incident.status,
            "child_in_danger": incident.child_in_danger,
            "reporter": {"role": incident.reporter_role, "name": incident.reporter_name},
            "panic_at": incident.panic_at,
            "created_at": incident.created_at,
            "details": incident.details,
            "procedure_basis": guidance.procedure_basis if guidance else None,
            "steps": [{"position": s.position, "text": s.text, "done_at": s.done_at,
                       "done_by": s.done_by} for s in incident.steps],
            "contacted": incident.contacted,
            "requests": incident.requests,
            "follow_ups": [{"task": f.task, "due_at": f.due_at, "done_at": f.done_at}
                           for f in incident.follow_ups],
            "evidence": [{"kind": e.kind, "recording_id": e.recording_id,
                          "file": _evidence_name(e.kind, e.path, e.recording_id, encrypted),
                          "sha256": e.sha256, "note": e.note, "added_at": e.added_at}
                         for e in incident.evidence],
            "sealed": incident.sealed,
        },
        "who_to_tell": [{"name": r.name, "why": r.why, "how": r.how} for r in routes],
        "audit_trail": audit,
    }


def _evidence_name(kind: str, path: str | None, recording_id: str | None,
                   encrypted: bool = False) -> str:
    if kind == "recording":
        return f"evidence/{recording_id}.lgrec"
    suffix = {"screenshot": ".png", "chat": ".txt"}.get(kind, "")
    if encrypted:
        suffix += ".lgenc"
    return f"evidence/{Path(path).stem}{suffix}" if path else ""


def export_incident(store: Any, data_dir: Path, incident_id: int, dest: Path, *,
                    passphrase: str | None = None, actor: str = "user") -> Path:
    """Write the sealed package into a new folder in `dest` (0700, every file 0600).

    With a passphrase nothing with the child's words or pictures is written in plain:
    recordings, screenshots and chat go in still encrypted under their own keys, report.json
    and report.pdf are encrypted in memory under fresh keys before they reach the disk, and
    every key goes into keys.json wrapped with the passphrase. Only the manifest, its
    signature, keys.json and a README for the recipient stay readable; the manifest's
    `sealed` table says which key opens which file (`lessonguard incident open`)."""
    incidents = Incidents(store, data_dir)
    incident = incidents.get(incident_id)
    keys = open_keystore(data_dir)
    recordings = Recordings(store, data_dir, keys)
    try:
        pack = load_pack(incident.pack_id)
    except LessonGuardError:
        pack = load_pack(load_settings(store).policy)
    wrapper = KeyWrapper(passphrase) if passphrase is not None else None
    encrypted = wrapper is not None
    signer = fingerprint(public_raw(signing_key(data_dir).public_key()))
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    package = make_package_folder(dest / f"lessonguard-incident-{incident_id}-{stamp}",
                                  "evidence")
    sealed: dict[str, dict[str, str | None]] = {}  # file -> the key that opens it, as what
    for e in incident.evidence:
        name = _evidence_name(e.kind, e.path, e.recording_id, encrypted)
        target = package / name
        if e.kind == "recording" and e.recording_id:
            info = recordings.get(e.recording_id)
            if info.deleted_at or not Path(info.path).exists():
                continue
            copy_private(Path(info.path), target)  # stays encrypted
            if wrapper is not None:
                wrapper.add(info.id, recordings.key(info))
                # checked when opened, never written out in plain (see incident_open)
                sealed[name] = {"key": info.id, "opens_as": None}
        elif e.path and Path(e.path).exists():
            plain = incidents.read_evidence(e)  # also checks it against its SHA-256
            if wrapper is None:
                write_private(target, plain)  # the reader needs the plain file
            else:
                stem = Path(e.path).stem
                copy_private(Path(e.path), target)  # stays encrypted, under its own key
                wrapper.add(stem, incidents.keys.get(stem))
                sealed[name] = {"key": stem, "opens_as": name.removesuffix(SEALED_SUFFIX)}
    audit = [{"ts": a.ts, "actor": a.actor, "action": a.action, "details": a.details}
             for a in AuditLog(store).entries()
             if a.subject == f"incident:{incident_id}"
             or (a.action.startswith("recording.held")
                 and a.details.get("incident_id") == incident_id)
             or a.action.startswith("panic.")]
    document = report_document(incident, pack, audit, signer, encrypted=encrypted,
                               lead=load_settings(store).safeguarding_lead)
    reports = {"report.json": json.dumps(document, indent=2, ensure_ascii=False).encode(),
               "report.pdf": report_pdf(document)}
    for name, data in reports.items():
        if wrapper is None:
            write_private(package / name, data)
        else:
            key = new_key()
            write_sealed(package / (name + SEALED_SUFFIX), key, data)
            wrapper.add(REPORT_KEYS[name], key)
            sealed[name + SEALED_SUFFIX] = {"key": REPORT_KEYS[name], "opens_as": name}
    if wrapper is not None:
        wrapper.write(package / "keys.json")
        write_private(package / "README.txt", README.encode())
    files = {p.relative_to(package).as_posix(): sha256_file(p)
             for p in sorted(package.rglob("*")) if p.is_file()}
    manifest: dict[str, Any] = {"format": "lessonguard-incident/1", "incident_id": incident_id,
                                "created_at": document["exported_at"], "files": files}
    if wrapper is not None:
        manifest["sealed"] = sealed
    sign_manifest(package, manifest, data_dir)
    incidents.audit.append("incident.exported", actor=actor, subject=f"incident:{incident_id}",
                           details={"package": str(package), "files": len(files),
                                    "signer": signer, "encrypted": encrypted})
    return package


def write_sealed(path: Path, key: bytes, data: bytes) -> None:
    """`data` encrypted (chunked AES-GCM) into a new owner-only file; never a plain copy."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
    writer = EncryptedWriter(path, key, seal_every=None, file=os.fdopen(fd, "wb"))
    writer.write(data)
    writer.close()


def check_incident_package(package: Path, trust: Trust) -> PackageCheck:
    """The package against the keys in `trust` (see `app.export.check_sealed`)."""
    return check_sealed(package, trust)


def verify_package(package: Path, trusted: bytes | None = None) -> tuple[list[str], str]:
    """(problems in words, the signer's fingerprint). `trusted`: a public key the signature
    must come from; without one this checks only that the files match the manifest and its
    signature, not who signed it (`check_incident_package` does both)."""
    keys = ((trusted, "the trusted key"),) if trusted is not None else ()
    result = check_sealed(package, Trust(keys=keys))
    problems = list(result.problems)
    if trusted is not None and result.status == "untrusted":
        problems.append(_("it was signed by another key ({signer}), not the trusted one",
                          signer=result.signer or "none"))
    return problems, result.signer
