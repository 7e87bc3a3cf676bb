"""`lessonguard incident list | show | export | verify` as real processes."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.export import export_recordings, fingerprint, public_raw, sha256_file, signing_key
from app.incidents import Incidents
from app.policy.loader import load_pack
from app.recordings import Recordings
from app.settings import load_settings, save_settings
from app.store import Store
from tests.integration.test_record_cli import lg, lg_json
from tests.ui.test_incident_wizard import held_recording


def make_incident(data_dir: Path, category: str,
                  set_up_as: str | None = "tutor") -> tuple[int, str]:
    """An incident with a held recording, on a computer set up for `set_up_as` (who may see
    and export incident records: the tutor by default)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(data_dir)
    try:
        if set_up_as is not None:
            save_settings(store, load_settings(store).model_copy(
                update={"role": set_up_as, "user_name": "Pat Green"}))
        pack = load_pack("tutorninjas")
        incidents = Incidents(store, data_dir)
        rec_id = held_recording(store, data_dir)
        incident = incidents.open(pack, actor="panic button")
        incidents.hold_recordings(incident.id, Recordings(store, data_dir), [rec_id],
                                  by="panic button", mark_s=3.0)
        incidents.set_reporter(incident.id, "responsible_adult", "Jo Lee")
        incidents.set_category(pack, incident.id, category)
        for step in incidents.get(incident.id).steps:
            incidents.tick_step(step.id, "Jo Lee")
        incidents.record_details(incident.id, "Jo Lee", narrative="What Jo saw.")
        return incident.id, rec_id
    finally:
        store.close()


def test_export_and_verify_name_what_changed(isolated_dirs: Path, tmp_path: Path) -> None:
    incident_id, _ = make_incident(isolated_dirs, "inappropriate_language")
    assert lg("setup", "--role", "responsible_adult", "--name", "Jo Lee").returncode == 0
    refused = lg("incident", "list")
    assert refused.returncode == 1 and "not shown to the responsible adult" in refused.stderr
    assert lg("setup", "--role", "tutor", "--name", "Pat Green").returncode == 0
    listed = lg_json("incident", "list")
    assert [i["id"] for i in listed] == [incident_id]
    assert listed[0]["category"] == "inappropriate_language"
    shown = lg("incident", "show", str(incident_id))
    assert shown.returncode == 0 and "not done" not in shown.stdout
    package = Path(lg_json("incident", "export", str(incident_id), str(tmp_path))["package"])
    ok = lg("incident", "verify", str(package))
    assert ok.returncode == 0 and "signed by this installation" in ok.stdout
    report = json.loads((package / "report.json").read_text())
    assert report["incident"]["reporter"] == {"role": "responsible_adult", "name": "Jo Lee"}
    (package / "evidence" / "extra.txt").write_text("slipped in later")
    added = lg("incident", "verify", str(package), "--json")
    assert added.returncode == 1
    assert "evidence/extra.txt was added" in json.loads(added.stdout)["problems"][0]
    (package / "evidence" / "extra.txt").unlink()
    data = (package / "report.json").read_bytes()
    (package / "report.json").write_bytes(data.replace(b"Jo Lee", b"Jo Lea", 1))
    changed = lg("incident", "verify", str(package))
    assert changed.returncode == 1 and "report.json was changed" in changed.stdout
    manifest = package / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"incident_id": 1', '"incident_id": 2'))
    forged = lg("incident", "verify", str(package))
    assert forged.returncode == 1 and "does not match its signature" in forged.stdout


def test_a_sealed_recording_is_never_played(isolated_dirs: Path) -> None:
    _, rec_id = make_incident(isolated_dirs, "indecent_images_of_child")
    assert lg("setup", "--role", "responsible_adult", "--name", "Jo Lee").returncode == 0
    played = lg("recordings", "play", rec_id, "--as", "responsible_adult")
    assert played.returncode == 1 and "sealed for the police" in played.stderr
    phrase = isolated_dirs.parent / "phrase.txt"
    phrase.write_text("violet harbour 1947 quietly\n")  # a passphrase the export accepts
    (isolated_dirs / "out").mkdir()
    exported = lg("recordings", "export", rec_id, "--to", str(isolated_dirs / "out"),
                  "--passphrase-file", str(phrase))
    assert exported.returncode == 1 and "sealed for the police" in exported.stderr
    assert not any((isolated_dirs / "out").iterdir())  # nothing of it was written


def test_a_folder_that_is_not_a_package_is_named(tmp_path: Path) -> None:
    for args in (("incident", "verify"), ("recordings", "verify-package")):
        done = lg(*args, str(tmp_path))
        assert done.returncode == 2  # malformed: not something LessonGuard wrote
        assert f"{tmp_path} is not a LessonGuard package: it has no manifest.json" in done.stdout


# --- packages that cannot be forged (issue 18, items 1, 4 and 5) ---------------------------

def _reseal(package: Path, key: Ed25519PrivateKey | None = None, *,
            files: dict[str, str] | None = None) -> None:
    """What a forger does: recompute every hash in the manifest and sign it again, with
    `key` (a fresh one by default) as the signer the manifest names."""
    key = key or Ed25519PrivateKey.generate()
    manifest = json.loads((package / "manifest.json").read_text())
    manifest["files"] = files if files is not None else {
        p.relative_to(package).as_posix(): sha256_file(p)
        for p in sorted(package.rglob("*"))
        if p.is_file() and p.name not in ("manifest.json", "manifest.sig")}
    public = public_raw(key.public_key())
    manifest["signer_public_key"] = base64.b64encode(public).decode()
    manifest["signer_fingerprint"] = fingerprint(public)
    body = json.dumps(manifest, indent=2, sort_keys=True).encode()
    (package / "manifest.json").write_bytes(body)
    (package / "manifest.sig").write_bytes(base64.b64encode(key.sign(body)))


def _pem(key: Ed25519PrivateKey, path: Path) -> Path:
    path.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo))
    return path


def test_a_forged_package_is_never_reported_as_trusted(isolated_dirs: Path,
                                                       tmp_path: Path) -> None:
    incident_id, _ = make_incident(isolated_dirs, "inappropriate_language")
    package = Path(lg_json("incident", "export", str(incident_id), str(tmp_path))["package"])
    report = package / "report.json"
    report.write_text(report.read_text().replace("What Jo saw.", "Nothing happened."))
    forger = Ed25519PrivateKey.generate()
    _reseal(package, forger)
    forged = lg("incident", "verify", str(package))
    assert forged.returncode == 1, forged.stdout
    assert "NOT TRUSTED" in forged.stdout and "nobody here trusts" in forged.stdout
    assert "--trust-key" in forged.stdout and "intact and signed" not in forged.stdout
    as_json = json.loads(lg("incident", "verify", str(package), "--json").stdout)
    assert as_json["status"] == "untrusted" and as_json["ok"] is False
    assert as_json["signer_fingerprint"] == fingerprint(public_raw(forger.public_key()))
    # Trusting it takes a deliberate act with the signer's own key or fingerprint.
    trusted = lg("incident", "verify", str(package), "--trust-key",
                 str(_pem(forger, tmp_path / "forger.pem")))
    assert trusted.returncode == 0 and "the trusted key in" in trusted.stdout
    spoken = fingerprint(public_raw(forger.public_key())).replace(":", " ")
    assert lg("incident", "verify", str(package), "--fingerprint", spoken).returncode == 0
    other = fingerprint(public_raw(Ed25519PrivateKey.generate().public_key()))
    assert lg("incident", "verify", str(package), "--fingerprint", other).returncode == 1
    bad = lg("incident", "verify", str(package), "--fingerprint", "12ab")
    assert bad.returncode == 2 and "not a LessonGuard key fingerprint" in bad.stderr


def test_a_recipient_trusts_the_senders_published_key(isolated_dirs: Path,
                                                      tmp_path: Path) -> None:
    incident_id, _ = make_incident(isolated_dirs, "inappropriate_language")
    package = Path(lg_json("incident", "export", str(incident_id), str(tmp_path))["package"])
    published = lg_json("incident", "public-key")
    key_file = tmp_path / "school.pem"
    key_file.write_text(published["public_key_pem"])
    hex_file = tmp_path / "school.hex"
    hex_file.write_text(published["public_key_hex"] + "\n")
    recipient = ("--data-dir", str(tmp_path / "recipient"))  # the police's own computer
    unknown = lg("incident", "verify", str(package), *recipient)
    assert unknown.returncode == 1 and "NOT TRUSTED" in unknown.stdout
    assert published["fingerprint"] in unknown.stdout
    for trust in (("--trust-key", str(key_file)), ("--trust-key", str(hex_file)),
                  ("--fingerprint", published["fingerprint"])):
        done = lg("incident", "verify", str(package), *recipient, *trust)
        assert done.returncode == 0 and "The package is intact and signed by" in done.stdout
    (tmp_path / "junk.pem").write_text("-----BEGIN PUBLIC KEY-----\nnope\n")
    junk = lg("incident", "verify", str(package), "--trust-key", str(tmp_path / "junk.pem"))
    assert junk.returncode == 2 and "does not hold a LessonGuard public key" in junk.stderr
    assert "Traceback" not in junk.stderr


@pytest.mark.parametrize("entry", ["../../../../etc/hostname", "/etc/os-release", "symlink"])
def test_package_entries_outside_the_package_are_refused(isolated_dirs: Path, tmp_path: Path,
                                                         entry: str) -> None:
    incident_id, _ = make_incident(isolated_dirs, "inappropriate_language")
    package = Path(lg_json("incident", "export", str(incident_id), str(tmp_path))["package"])
    ours = signing_key(isolated_dirs)  # even this installation's own signature does not help
    files = json.loads((package / "manifest.json").read_text())["files"]
    if entry == "symlink":
        target = package / "evidence" / "hostname.txt"
        target.symlink_to("/etc/hostname")
        files["evidence/hostname.txt"] = sha256_file(Path("/etc/hostname"))
    else:
        files[entry] = sha256_file(Path("/etc") / Path(entry).name)  # what it points at
    _reseal(package, ours, files=files)
    for args in (("incident", "verify"), ("recordings", "verify-package")):
        done = lg(*args, str(package))
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "malformed" in done.stdout and "Traceback" not in done.stderr
        assert ("symbolic link" if entry == "symlink" else "not a file inside the package") \
            in done.stdout


def test_malformed_manifests_and_keys_give_a_clean_message(isolated_dirs: Path,
                                                           tmp_path: Path) -> None:
    incident_id, _ = make_incident(isolated_dirs, "inappropriate_language")
    package = Path(lg_json("incident", "export", str(incident_id), str(tmp_path))["package"])
    manifest = package / "manifest.json"
    good = manifest.read_bytes()
    for broken in (b"{", b"[]", b"{\"files\": {\"report.json\": 5}}",
                   good.replace(b'"signer_public_key": "', b'"signer_public_key": "!!'),
                   b"[" * 100000):
        manifest.write_bytes(broken)
        done = lg("incident", "verify", str(package))
        assert done.returncode == 2, (broken[:40], done.stdout, done.stderr)
        assert "malformed" in done.stdout and "Traceback" not in done.stderr
    manifest.write_bytes(good)
    (package / "manifest.sig").write_text("not base64 at all!")
    done = lg("incident", "verify", str(package))
    assert done.returncode == 2 and "manifest.sig" in done.stdout


def test_exports_are_signed_and_take_no_kdf_settings_from_the_package(
        isolated_dirs: Path, tmp_path: Path) -> None:
    _, rec_id = make_incident(isolated_dirs, "inappropriate_language")
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("correct horse battery staple\n")
    store = Store(isolated_dirs)
    try:
        package = export_recordings(Recordings(store, isolated_dirs), [rec_id], tmp_path,
                                    "correct horse battery staple", actor="test")
    finally:
        store.close()
    assert stat.S_IMODE(package.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in package.rglob("*")
               if p.is_file())
    ok = lg("recordings", "verify-package", str(package), "--passphrase-file", str(phrase))
    assert ok.returncode == 0 and "signed by this installation" in ok.stdout
    # keys.json stating other KDF settings (a hang, 16 GB) is refused, even when signed here.
    keys = json.loads((package / "keys.json").read_text())
    assert (keys["n"], keys["r"], keys["p"]) == (2**17, 8, 1)
    for change in ({"p": 2**20}, {"n": 2**24}, {"n": 2**15}, {"kdf": "pbkdf2"}):
        (package / "keys.json").write_text(json.dumps({**keys, **change}))
        _reseal(package, signing_key(isolated_dirs))
        done = lg("recordings", "verify-package", str(package), "--passphrase-file",
                  str(phrase), timeout=60)
        assert done.returncode == 2 and "key-derivation settings" in done.stdout, change
    (package / "keys.json").write_text("{not json")
    _reseal(package, signing_key(isolated_dirs))
    done = lg("recordings", "verify-package", str(package), "--passphrase-file", str(phrase))
    assert done.returncode == 2 and "keys.json is not valid JSON" in done.stdout
    (package / "keys.json").write_text(json.dumps(keys))
    # A recording replaced, its hash recomputed and the manifest signed again by someone else.
    recording = package / "recordings" / f"{rec_id}.lgrec"
    recording.write_bytes(b"another film entirely")
    _reseal(package)
    swapped = lg("recordings", "verify-package", str(package))
    assert swapped.returncode == 1 and "NOT TRUSTED" in swapped.stdout
    (package / "manifest.sig").unlink()
    manifest = json.loads((package / "manifest.json").read_text())
    del manifest["signer_public_key"], manifest["signer_fingerprint"]
    (package / "manifest.json").write_text(json.dumps(manifest))
    unsigned = lg("recordings", "verify-package", str(package))
    assert unsigned.returncode == 1 and "not signed" in unsigned.stdout


def test_an_export_with_a_passphrase_writes_no_plaintext(isolated_dirs: Path,
                                                         tmp_path: Path) -> None:
    incident_id, rec_id = make_incident(isolated_dirs, "inappropriate_language")
    chat = "SECRET-CHAT-LINE: meet me somewhere private"
    png = b"\x89PNG\r\n\x1a\n" + b"SECRET-SCREENSHOT-BYTES" * 20
    store = Store(isolated_dirs)
    try:
        incidents = Incidents(store, isolated_dirs)
        incidents.add_chat(incident_id, chat, by="Jo Lee")
        incidents.add_screenshot(incident_id, png, by="Jo Lee")
    finally:
        store.close()
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("correct horse battery staple")
    out = tmp_path / "out"
    package = Path(lg_json("incident", "export", str(incident_id), str(out),
                           "--passphrase-file", str(phrase))["package"])
    written = [p for p in package.rglob("*") if p.is_file()]
    for path in written:
        data = path.read_bytes()
        assert b"SECRET-CHAT-LINE" not in data and b"SECRET-SCREENSHOT" not in data, path
        assert b"What Jo saw" not in data and b"Jo Lee" not in data, path  # the report
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(package.stat().st_mode) == 0o700
    readable = {p.relative_to(package).as_posix() for p in written
                if not p.read_bytes().startswith(b"LGENC")}
    assert readable == {"README.txt", "manifest.json", "manifest.sig", "keys.json"}
    evidence = sorted(p.name for p in (package / "evidence").iterdir())
    assert evidence and all(n.endswith((".lgenc", ".lgrec")) for n in evidence)
    keys = json.loads((package / "keys.json").read_text())
    assert len(keys["keys"]) == len(evidence) + 2  # and the two reports' keys
    ok = lg("incident", "verify", str(package))  # no passphrase needed to verify
    assert ok.returncode == 0 and "signed by this installation" in ok.stdout
    # The recipient opens it: first with a wrong passphrase, then on a computer that does
    # not know the sender (nothing written either time), then as they should.
    opened = tmp_path / "opened"
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("correct horse battery stable")
    done = lg("incident", "open", str(package), "--passphrase-file", str(wrong), "--out",
              str(opened))
    assert done.returncode == 1 and "passphrase is wrong" in done.stdout
    assert "Traceback" not in done.stderr and not opened.exists()
    recipient = ("--data-dir", str(tmp_path / "recipient"))
    done = lg("incident", "open", str(package), "--passphrase-file", str(phrase), "--out",
              str(opened), *recipient)
    assert done.returncode == 1 and "NOT TRUSTED" in done.stdout and not opened.exists()
    signer = lg_json("incident", "public-key")["fingerprint"]
    result = lg_json("incident", "open", str(package), "--passphrase-file", str(phrase),
                     "--out", str(opened), "--fingerprint", signer, *recipient)
    folder = Path(result["folder"])
    assert folder.parent == opened and stat.S_IMODE(folder.stat().st_mode) == 0o700
    report = json.loads((folder / "report.json").read_text())
    assert report["incident"]["details"]["narrative"] == "What Jo saw."
    assert (folder / "report.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.read_bytes() for p in (folder / "evidence").iterdir()) == sorted(
        [chat.encode(), png])
    assert result["recordings_checked"] == [f"evidence/{rec_id}.lgrec"]
