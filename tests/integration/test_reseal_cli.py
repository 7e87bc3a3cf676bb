"""`lessonguard consent reseal` as real processes: after the audit log's key is lost, a person
confirms consents again, deliberately, and a withdrawn one never comes back (issue 18,
item 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.consent import Consents
from app.people import People
from app.policy.loader import load_pack
from app.store import Store
from tests.integration.test_record_cli import lg

PACK = "tutorninjas"


def test_a_person_reseals_consents_after_the_key_is_lost(isolated_dirs: Path) -> None:
    isolated_dirs.mkdir(parents=True, exist_ok=True)
    store = Store(isolated_dirs)
    try:
        pack, people, consents = load_pack(PACK), People(store), Consents(store)
        amy = people.add("pupil", "Amy Lee", age_band="11-12")
        jo = people.add("responsible_adult", "Jo Lee", pupil_id=amy.id)
        kept = consents.grant(pack, amy.id, jo.id, "Jo Lee").id
        gone = consents.grant(pack, amy.id, jo.id, "Jo Lee").id
        consents.withdraw(gone, by="Jo Lee")
    finally:
        store.close()
    status = ("consent", "status", "--pupil", str(amy.id), "--policy", PACK)
    assert lg(*status).returncode == 0
    shutil.rmtree(isolated_dirs / "audit-key")  # the keyring was reset
    refused = lg(*status)
    assert refused.returncode == 1 and "consent reseal" in refused.stdout
    listed = lg("consent", "reseal")
    assert listed.returncode == 1, listed.stderr
    assert f"{kept:>4}  pupil" in listed.stdout and "never comes back" in listed.stdout
    hasty = lg("consent", "reseal", str(kept), "--by", "Pat Green")  # no --i-understand
    assert hasty.returncode == 2 and "--i-understand" in hasty.stderr
    assert lg(*status).returncode == 1
    back = lg("consent", "reseal", str(gone), "--by", "Pat Green", "--i-understand")
    assert back.returncode == 1 and "never comes back" in back.stderr
    assert "Traceback" not in back.stderr
    done = lg("consent", "reseal", str(kept), "--by", "Pat Green", "--i-understand")
    assert done.returncode == 0 and "confirmed by Pat Green" in done.stdout
    assert lg(*status).returncode == 0
    audit = lg("audit", "list")
    assert "Pat Green" in audit.stdout and "consent.resealed" in audit.stdout
