"""Retention and legal hold: purge deletes exactly the expired, unheld recordings, with their
keys, whatever order record, hold, release, withdrawal and time come in."""

from __future__ import annotations

import shutil
import stat
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from keyring.backend import KeyringBackend

from app.audit import AuditLog
from app.consent import Consents
from app.encrypted_file import EncryptedWriter
from app.errors import LessonGuardError
from app.keystore import FileKeyStore, MissingKeyError, OSKeyStore, open_keystore
from app.people import People
from app.policy.loader import load_pack
from app.recordings import Recordings
from app.store import Store

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
PACKS = {"tutorninjas": 28, "vto": 92}  # retention days, as the engine resolves them


def make_recording(recs: Recordings, pack_id: str, pupil: int, now: datetime) -> str:
    info, key = recs.begin(load_pack(pack_id), pupil, recs.data_dir / "recordings", now=now)
    w = EncryptedWriter(Path(info.path), key, sync=False)
    w.write(b"fragment" * 100)
    w.close()
    recs.finish(info.id, state="complete", duration_s=1.0, chunks=w.index,
                chunk_hashes=w.chunk_hashes, size_bytes=Path(info.path).stat().st_size,
                now=now)
    return info.id


class RetentionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="lg-retention-"))
        self.store = Store(self.dir)
        self.recs = Recordings(self.store, self.dir, FileKeyStore(self.dir / "keys"))
        people = People(self.store)
        self.pupil = people.add("pupil", "Amy", age_band="11-12", today=date(2026, 1, 1)).id
        self.adult = people.add("responsible_adult", "Jo", pupil_id=self.pupil).id
        self.consents = Consents(self.store)
        self.now = T0
        self.expiry: dict[str, datetime] = {}
        self.holds: dict[int, str] = {}  # active hold id -> recording id
        self.deleted: set[str] = set()

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _held(self) -> set[str]:
        return set(self.holds.values())

    @rule(pack_id=st.sampled_from(sorted(PACKS)))
    def record(self, pack_id: str) -> None:
        rec_id = make_recording(self.recs, pack_id, self.pupil, self.now)
        self.expiry[rec_id] = self.now + timedelta(days=PACKS[pack_id])

    @precondition(lambda self: any(r not in self.deleted for r in self.expiry))
    @rule(data=st.data())
    def hold(self, data: st.DataObject) -> None:
        # In the order they were made: their ids are partly random, so sorting them would
        # let a replay of the same steps pick another recording (hypothesis calls that flaky).
        alive = [r for r in self.expiry if r not in self.deleted]
        rec_id = data.draw(st.sampled_from(alive))
        h = self.recs.hold(rec_id, "Safeguarding Lead", "incident review", now=self.now)
        self.holds[h.id] = rec_id

    @precondition(lambda self: bool(self.holds))
    @rule(data=st.data())
    def release(self, data: st.DataObject) -> None:
        hold_id = data.draw(st.sampled_from(sorted(self.holds)))
        self.recs.release(hold_id, "Safeguarding Lead", "review finished", now=self.now)
        del self.holds[hold_id]

    @rule()
    def consent_given_then_withdrawn(self) -> None:
        """Withdrawal stops future recording; it neither deletes nor extends what exists."""
        pack = load_pack("tutorninjas")
        given = self.consents.grant(pack, self.pupil, self.adult, "Jo", now=self.now)
        self.consents.withdraw(given.id, by="Jo", now=self.now)

    @rule(days=st.integers(0, 120), hours=st.integers(0, 23))
    def time_passes(self, days: int, hours: int) -> None:
        self.now += timedelta(days=days, hours=hours)

    @rule()
    def purge(self) -> None:
        before = {r.id for r in self.recs.list()}
        gone = {r.id for r in self.recs.purge(now=self.now)}
        held = self._held()
        should_go = {r for r in before if self.expiry[r] <= self.now and r not in held}
        assert gone == should_go, (gone, should_go)
        self.deleted |= gone

    @invariant()
    def files_and_keys_match_the_catalogue(self) -> None:
        for rec_id in self.expiry:
            info = self.recs.get(rec_id)
            exists = Path(info.path).exists()
            key_exists = (self.dir / "keys" / f"{rec_id}.key").exists()
            if rec_id in self.deleted:
                assert info.deleted_at and not exists and not key_exists
            else:
                assert not info.deleted_at and exists and key_exists
                assert info.held == (rec_id in self._held())


RetentionMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=25,
                                              deadline=None)
TestRetention = RetentionMachine.TestCase


def test_purge_is_logged_and_the_audit_chain_holds(tmp_path: Path) -> None:
    store = Store(tmp_path)
    recs = Recordings(store, tmp_path, FileKeyStore(tmp_path / "keys"))
    pupil = People(store).add("pupil", "Amy", age_band="11-12").id
    old = make_recording(recs, "tutorninjas", pupil, T0)
    kept = make_recording(recs, "tutorninjas", pupil, T0)
    hold = recs.hold(kept, "DSL Name", "police asked for it", now=T0)
    deleted = recs.purge(now=T0 + timedelta(days=29))
    assert [r.id for r in deleted] == [old]
    with pytest.raises(LessonGuardError, match="deleted"):
        recs.open_reader(old)
    with pytest.raises(LessonGuardError, match="already deleted"):
        recs.hold(old, "DSL Name", "too late")
    recs.release(hold.id, "DSL Name", "case closed", now=T0 + timedelta(days=40))
    assert [r.id for r in recs.purge(now=T0 + timedelta(days=40))] == [kept]
    log = AuditLog(store)
    actions = [e.action for e in log.entries()]
    assert actions.count("recording.deleted") == 2
    assert "recording.held" in actions and "recording.hold_released" in actions
    assert log.verify().ok
    store.close()


def test_key_folder_is_owner_only(tmp_path: Path) -> None:
    keys = FileKeyStore(tmp_path / "keys")
    keys.put("rec-1", b"k" * 32)
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "keys" / "rec-1.key").stat().st_mode) == 0o600
    assert keys.get("rec-1") == b"k" * 32
    keys.delete("rec-1")
    with pytest.raises(MissingKeyError, match="cannot be decrypted"):
        keys.get("rec-1")


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS keyring (Secret Service needs a desktop session this machine
    does not have), through keyring's own backend interface."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_keys_go_to_the_os_keyring_when_there_is_one(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LESSONGUARD_KEYSTORE", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        store = open_keystore(tmp_path)
        assert isinstance(store, OSKeyStore)
        store.put("rec-2", b"s" * 32)
        assert store.get("rec-2") == b"s" * 32
        assert not (tmp_path / "keys").exists() or not any((tmp_path / "keys").iterdir())
        store.delete("rec-2")
        assert backend.items == {}
    finally:
        keyring.set_keyring(previous)


def test_no_keyring_falls_back_to_the_folder_and_says_so(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        monkeypatch.delenv("LESSONGUARD_KEYSTORE", raising=False)
        assert isinstance(open_keystore(tmp_path), FileKeyStore)
        monkeypatch.setenv("LESSONGUARD_KEYSTORE", "keyring")
        with pytest.raises(LessonGuardError, match="LESSONGUARD_KEYSTORE=file"):
            open_keystore(tmp_path / "other")
    finally:
        keyring.set_keyring(previous)


def test_recovery_leaves_a_live_recording_alone_and_finishes_a_dead_one(tmp_path: Path) -> None:
    import subprocess

    store = Store(tmp_path)
    recs = Recordings(store, tmp_path, FileKeyStore(tmp_path / "keys"))
    pupil = People(store).add("pupil", "Amy", age_band="11-12").id
    info, key = recs.begin(load_pack("tutorninjas"), pupil, tmp_path / "recordings",
                           now=datetime.now(UTC) - timedelta(seconds=10))
    w = EncryptedWriter(Path(info.path), key, sync=False)
    w.write(b"first fragment")
    w.flush()
    w.abandon()  # as if killed: no final chunk

    def set_pid(pid: int) -> None:
        with store.write() as db:
            db["recordings"].update(info.id, {"pid": pid})

    set_pid(1)  # init: a process older than the recording, still running
    assert recs.recover() == []
    newer = subprocess.Popen(["sleep", "30"])  # the pid reused by a newer process
    try:
        set_pid(newer.pid)
        recovered = recs.recover()
    finally:
        newer.kill()
        newer.wait()
    assert [r.id for r in recovered] == [info.id]
    done = recs.get(info.id)
    assert done.state == "interrupted" and done.chunks == 2  # the fragment and the final
    assert recs.verify(info.id).ok
    store.close()
