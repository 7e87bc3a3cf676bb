"""The sealed incident package: a readable PDF, report.json, the evidence, and a manifest of
SHA-256 hashes signed with this installation's Ed25519 key.

Why sealed: the package may go to a safeguarding lead, the organisation or the police, who
must be able to tell that nothing in it was changed after LessonGuard wrote it.
`verify_package` names every file that changed, went missing or was added, and whether the
signature holds and whose key made it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from app import __version__
from app.audit import AuditLog
from app.errors import LessonGuardError
from app.export import KeyWrapper, compare_files, make_package_folder, sha256_file
from app.incident_contacts import routes_for
from app.incident_pdf import write_report_pdf
from app.incidents import Incident, Incidents
from app.keystore import KeyStore, MissingKeyError, open_keystore
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack
from app.recordings import Recordings

SIGNING_KEY_ID = "installation-signing-key"
REPORT_SCHEMA = "https://lessonguard.example/schemas/incident-report/1"


def signing_key(keys: KeyStore) -> Ed25519PrivateKey:
    """This installation's signing key, made on first use and kept with the other keys."""
    try:
        return Ed25519PrivateKey.from_private_bytes(keys.get(SIGNING_KEY_ID))
    except MissingKeyError:
        key = Ed25519PrivateKey.generate()
        from cryptography.hazmat.primitives import serialization

        raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
        keys.put(SIGNING_KEY_ID, raw)
        return key


def _public_raw(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public: bytes) -> str:
    digest = hashlib.sha256(public).hexdigest()[:32]
    return ":".join(digest[i:i + 4] for i in range(0, 32, 4))


def report_document(incident: Incident, pack: PolicyPack, audit: list[dict[str, Any]],
                    signer: str) -> dict[str, Any]:
    """report.json (schema: docs/incident-report.schema.json)."""
    guidance = None
    if incident.category:
        guidance = Incidents.guidance(pack, incident.category,
                                      incident.reporter_role or "tutor",
                                      incident.child_in_danger)
    routes = routes_for(pack, guidance) if guidance else []
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
                          "file": _evidence_name(e.kind, e.path, e.recording_id),
                          "sha256": e.sha256, "note": e.note, "added_at": e.added_at}
                         for e in incident.evidence],
            "sealed": incident.sealed,
        },
        "who_to_tell": [{"name": r.name, "why": r.why, "how": r.how} for r in routes],
        "audit_trail": audit,
    }


def _evidence_name(kind: str, path: str | None, recording_id: str | None) -> str:
    if kind == "recording":
        return f"evidence/{recording_id}.lgrec"
    suffix = {"screenshot": ".png", "chat": ".txt"}.get(kind, "")
    return f"evidence/{Path(path).stem}{suffix}" if path else ""


def export_incident(store: Any, data_dir: Path, incident_id: int, dest: Path, *,
                    passphrase: str | None = None, actor: str = "user") -> Path:
    incidents = Incidents(store, data_dir)
    incident = incidents.get(incident_id)
    keys = open_keystore(data_dir)
    recordings = Recordings(store, data_dir, keys)
    try:
        pack = load_pack(incident.pack_id)
    except LessonGuardError:
        from app.settings import load_settings

        pack = load_pack(load_settings(store).policy)
    wrapper = KeyWrapper(passphrase) if passphrase is not None else None
    private = signing_key(keys)
    public = _public_raw(private.public_key())
    signer = fingerprint(public)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    package = make_package_folder(dest / f"lessonguard-incident-{incident_id}-{stamp}",
                                  "evidence")
    for e in incident.evidence:
        target = package / _evidence_name(e.kind, e.path, e.recording_id)
        if e.kind == "recording" and e.recording_id:
            info = recordings.get(e.recording_id)
            if info.deleted_at or not Path(info.path).exists():
                continue
            shutil.copyfile(info.path, target)  # stays encrypted
            if wrapper is not None:
                wrapper.add(info.id, recordings.key(info))
        elif e.path and Path(e.path).exists():
            target.write_bytes(incidents.read_evidence(e))  # the reader needs the plain file
    if wrapper is not None and wrapper.keys:
        wrapper.write(package / "keys.json")
    audit = [{"ts": a.ts, "actor": a.actor, "action": a.action, "details": a.details}
             for a in AuditLog(store).entries()
             if a.subject == f"incident:{incident_id}"
             or (a.action.startswith("recording.held")
                 and a.details.get("incident_id") == incident_id)
             or a.action.startswith("panic.")]
    document = report_document(incident, pack, audit, signer)
    (package / "report.json").write_text(json.dumps(document, indent=2, ensure_ascii=False))
    write_report_pdf(package / "report.pdf", document)
    files = {str(p.relative_to(package)): sha256_file(p)
             for p in sorted(package.rglob("*")) if p.is_file()}
    manifest = {"format": "lessonguard-incident/1", "incident_id": incident_id,
                "created_at": document["exported_at"], "files": files,
                "signer_public_key": base64.b64encode(public).decode(),
                "signer_fingerprint": signer}
    body = json.dumps(manifest, indent=2, sort_keys=True).encode()
    (package / "manifest.json").write_bytes(body)
    (package / "manifest.sig").write_text(base64.b64encode(private.sign(body)).decode())
    incidents.audit.append("incident.exported", actor=actor, subject=f"incident:{incident_id}",
                           details={"package": str(package), "files": len(files),
                                    "signer": signer})
    return package


def verify_package(package: Path, trusted: bytes | None = None) -> tuple[list[str], str]:
    """(problems in words, the signer's fingerprint). `trusted` is a public key the
    signature must come from (this installation's, when checking our own export)."""
    if not (package / "manifest.json").is_file():
        return [f"{package} is not a LessonGuard package: it has no manifest.json"], ""
    try:
        body = (package / "manifest.json").read_bytes()
        manifest = json.loads(body)
        signature = base64.b64decode((package / "manifest.sig").read_text())
        public = base64.b64decode(manifest["signer_public_key"])
    except (OSError, ValueError, KeyError) as exc:
        return [f"the manifest or its signature cannot be read: {exc}"], ""
    problems: list[str] = []
    signer = fingerprint(public)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, body)
    except (InvalidSignature, ValueError):
        problems.append("manifest.json does not match its signature (the manifest was changed)")
    if trusted is not None and public != trusted:
        problems.append(f"it was signed by another key ({signer}), not this installation's")
    problems += compare_files(package, manifest.get("files", {}),
                              {"manifest.json", "manifest.sig"})
    return problems, signer


def installation_public_key(data_dir: Path) -> bytes | None:
    try:
        keys = open_keystore(data_dir)
        return _public_raw(Ed25519PrivateKey.from_private_bytes(
            keys.get(SIGNING_KEY_ID)).public_key())
    except (MissingKeyError, LessonGuardError):
        return None
