"""A migration that adds a column to tables the audit log vouches for keeps `audit verify`
working: the rows it vouched for are vouched for again in the migration's own transaction, a
row already changed outside LessonGuard stays reported, and consent still counts (issue 18,
item 2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

import app.store as store_mod
from app.audit import AuditLog
from app.consent import Consents
from app.lessons import Lessons
from app.people import People
from app.policy.loader import load_pack
from app.store import Store

PACK = "tutorninjas"


def _add_columns(db: sqlite_utils.Database) -> None:
    """A real next migration: a column on a consent, a person and a lesson."""
    db.execute("ALTER TABLE consents ADD COLUMN language TEXT DEFAULT 'en'")
    db.execute("ALTER TABLE people ADD COLUMN pronouns TEXT")
    db.execute("ALTER TABLE lessons ADD COLUMN room TEXT DEFAULT ''")


def next_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """This LessonGuard, one version on: the next start migrates."""
    migrations = [*store_mod.MIGRATIONS, _add_columns]
    monkeypatch.setattr(store_mod, "MIGRATIONS", migrations)
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", len(migrations))


def _records(data_dir: Path) -> tuple[int, int, int]:
    """A pupil, her mother's consent, a booked lesson, and a tutor whose row is then edited
    outside LessonGuard: (pupil id, consent id, tutor id)."""
    store = Store(data_dir)
    try:
        pack = load_pack(PACK)
        people = People(store)
        pupil = people.add("pupil", "Amy Lee", age_band="11-12")
        mum = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
        tutor = people.add("tutor", "Pat Green")
        consent = Consents(store).grant(pack, pupil.id, mum.id, "Jo Lee")
        Lessons(store).book(pack, pupil.id, datetime.now(UTC) + timedelta(days=30),
                            duration_min=30, tutor_name="Pat Green", platform="zoom",
                            confirmed_by="Jo Lee")
        store.db.execute("UPDATE people SET name = 'Mallory' WHERE id = ?", [tutor.id])
        before = AuditLog(store).verify()
        assert list(before.rows) == [("people", str(tutor.id))]
        return pupil.id, consent.id, tutor.id
    finally:
        store.close()


def test_a_new_column_on_bound_tables_keeps_verify_working(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _pupil, consent, tutor = _records(tmp_path)
    next_version(monkeypatch)
    store = Store(tmp_path)  # migrates to the next version
    try:
        assert store.version == store_mod.SCHEMA_VERSION
        assert "language" in store.db["consents"].columns_dict
        result = AuditLog(store).verify()
        # Only the row edited before the migration is reported, as it was before it.
        assert list(result.rows) == [("people", str(tutor))], result.problems
        assert "changed outside LessonGuard" in result.rows[("people", str(tutor))]
        assert result.chain_problems == []
        entry = AuditLog(store).entries("store.migrated")[-1]
        assert entry.details["to_version"] == store_mod.SCHEMA_VERSION
        bound = {(b["table"], str(b["id"])) for b in entry.details["bound"]}
        assert ("consents", str(consent)) in bound and ("people", str(tutor)) not in bound
        assert ("lessons", "1") in bound
        # The consent still counts: the gate's own question to the log.
        assert AuditLog(store).untrusted("consents", [consent]) == {}
        # And after the migration, a change to the new column is found like any other.
        store.db.execute("UPDATE consents SET language = 'fr' WHERE id = ?", [consent])
        assert ("consents", str(consent)) in AuditLog(store).verify().rows
    finally:
        store.close()


def test_a_migration_that_changes_no_bound_row_writes_no_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _records(tmp_path)
    migrations = [*store_mod.MIGRATIONS,
                  lambda db: db.table("notes").create({"id": int, "text": str}, pk="id")]
    monkeypatch.setattr(store_mod, "MIGRATIONS", migrations)
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", len(migrations))
    store = Store(tmp_path)
    try:
        assert AuditLog(store).entries("store.migrated") == []
    finally:
        store.close()
