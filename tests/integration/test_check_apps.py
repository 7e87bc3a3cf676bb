"""The apps check finds real running processes by their catalogue names, leaves the allowed
lesson platform alone, and closes programs politely, by force only when asked."""

from __future__ import annotations

import sys
import threading
import time

import psutil
import pytest

from app.policy.engine import check_requirements
from app.policy.loader import load_pack
from app.policy.schema import AppEntry
from checks.apps import close, load_catalogue, scan
from checks.base import CheckContext
from checks.system_checks import AppsCheck
from tests.helpers.procs import fake_program

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="sets process names with prctl")
ALL = ["browsers", "messaging", "screen_recorders", "remote_access", "games", "media"]


def test_running_programs_are_found_by_category() -> None:
    with fake_program("discord") as chat, fake_program("anydesk") as remote, \
            fake_program("zoom") as platform:
        result = scan(ALL, ["zoom"])
    found = {f.app_id: f for f in result.findings}
    assert found["discord"].pids == [chat.pid] and found["discord"].category == "messaging"
    assert found["anydesk"].pids == [remote.pid] and found["anydesk"].category == "remote_access"
    assert "zoom" in result.platforms_running
    assert all(platform.pid not in f.pids for f in result.findings)
    assert "pop up" in found["discord"].why


def test_browsers_stay_when_the_platform_runs_in_a_browser() -> None:
    with fake_program("firefox"):
        assert any(f.app_id == "firefox" for f in scan(ALL, ["zoom"]).findings)
        assert not any(f.app_id == "firefox" for f in scan(ALL, ["meet"]).findings)


def test_a_pack_can_extend_the_catalogue() -> None:
    extra = [AppEntry(id="schoolchat", name="School Chat", category="messaging",
                      names=["schoolchat"])]
    with fake_program("schoolchat") as proc:
        assert not any(f.app_id == "schoolchat" for f in scan(ALL, []).findings)
        found = scan(ALL, [], extra).findings
    assert [f.pids for f in found if f.app_id == "schoolchat"] == [[proc.pid]]


def test_the_check_names_each_program_and_why() -> None:
    pack = load_pack("hms")
    requirement = next(r for r in check_requirements(pack) if r.check_id == "apps")
    with fake_program("slack"):
        ctx = CheckContext(pack=pack, requirement=requirement,
                           deadline=time.monotonic() + 5, cancel=threading.Event())
        result = AppsCheck().run(ctx)
    assert result.status == "fail" and "Slack" in result.summary
    assert any(step.startswith("Close Slack:") for step in result.remediation)
    assert "Microsoft Teams" in result.remediation[-1]  # HMS's platform stays open
    assert result.rule.startswith("environment.close_unrelated_apps")
    assert "unrelated browser windows, apps and programmes must be closed" in result.source


def test_closing_politely_works_and_a_stubborn_program_is_reported() -> None:
    with fake_program("spotify") as polite, fake_program("teamviewer", stubborn=True) as stub:
        findings = scan(ALL, []).findings
        ours = [f for f in findings if f.app_id in ("spotify", "teamviewer")]
        reports = {r.app_id: r for r in close(ours, polite_wait_s=1.5, force=False)}
        assert reports["spotify"].outcome == "closed"
        assert polite.wait(5) is not None
        assert reports["teamviewer"].outcome == "still_running"
        assert "did not respond" in reports["teamviewer"].detail
        assert stub.poll() is None and psutil.pid_exists(stub.pid)
        forced = close([f for f in ours if f.app_id == "teamviewer"], polite_wait_s=0.5,
                       force=True)
        assert forced[0].outcome == "forced"
        assert stub.wait(5) is not None


def test_the_catalogue_covers_every_category() -> None:
    catalogue = load_catalogue()
    assert set(catalogue.categories) == set(ALL)
    assert {a.category for a in catalogue.apps} == set(ALL)
    assert {"zoom", "teams", "meet", "skype", "bandlab"} <= {p.id for p in catalogue.platforms}
