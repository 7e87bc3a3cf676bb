"""The connection monitor on a real link: the link is pulled, the outage is timed, the pack's
abort rule is raised after its threshold (shortened here) in the words for the tutor at the
start of a lesson, and the episode is kept while it lasts, not only at the end."""

from __future__ import annotations

import time
from pathlib import Path

from app.policy.loader import load_pack
from app.store import Store
from checks.connection_monitor import (
    ConnectionMonitor,
    MonitorEvent,
    ProbeResult,
    keep_episode,
    save_episodes,
)
from tests.helpers.netns import ShapedLink, lessonguard


def test_an_outage_is_timed_and_raises_the_hms_abort_rule(tmp_path: Path) -> None:
    events: list[MonitorEvent] = []
    store = Store(tmp_path)
    with ShapedLink() as link:
        link.shape(5.0, 5.0, 20, 2)
        link.start_server(lessonguard(), "speed-server", "--host", link.server_ip, "--port",
                          "8080", ready_port=8080)
        # The monitor runs in the test process, so it must reach the namespace: probe from
        # inside it through a tiny helper run in the client namespace.
        monitor = ConnectionMonitor(f"http://{link.server_ip}:8080", load_pack("hms"),
                                    side="tutor", interval_s=0.25, timeout_s=0.5,
                                    abort_after_s=1.5, on_event=events.append,
                                    probe=link.probe_from_client,
                                    on_change=lambda ep: keep_episode(store, ep, 7))
        monitor.start()
        time.sleep(1.0)
        assert monitor.probes >= 2 and not monitor.episodes
        link.set_link(up=False)
        time.sleep(3.0)
        during = list(store.db.query("SELECT * FROM connection_episodes"))
        link.set_link(up=True)
        time.sleep(1.5)
        monitor.stop()
    assert [e.kind for e in events] == ["trouble_started", "abort", "recovered"]
    episode = monitor.episodes[0]
    assert len(monitor.episodes) == 1 and episode.kind == "outage"
    assert 2.0 <= episode.duration_s <= 4.5, episode.duration_s
    assert episode.abort_raised and episode.ended_at is not None
    abort = events[1].message
    assert "more than 5 minutes" in abort and "not charged for" in abort
    assert episode.moment == "start" and "Inform HMS" in abort  # the teacher's own duties
    assert "will contact you" not in abort  # the parent's words, not the tutor's
    # Kept while it lasted (a crash then would have lost nothing), then brought up to date.
    assert len(during) == 1 and during[0]["ended_at"] is None
    assert during[0]["abort_raised"] == 1 and during[0]["moment"] == "start"
    save_episodes(store, monitor.episodes, lesson_id=7)  # at the end: no second copy
    rows = list(store.db.query("SELECT * FROM connection_episodes"))
    store.close()
    assert len(rows) == 1 and rows[0]["kind"] == "outage" and rows[0]["lesson_id"] == 7
    assert rows[0]["abort_raised"] == 1 and rows[0]["duration_s"] > 2
    assert rows[0]["ended_at"] is not None


def test_a_slow_spell_is_degraded_and_the_pupil_side_outcome_is_used() -> None:
    events: list[MonitorEvent] = []
    monitor = ConnectionMonitor("http://unused", load_pack("hms"), side="pupil",
                                abort_after_s=10, on_event=events.append)
    monitor.step(ProbeResult(True, 40.0), now=0.0)
    monitor.step(ProbeResult(True, 2500.0), now=5.0)
    monitor.step(ProbeResult(True, 3000.0), now=16.0)
    monitor.step(ProbeResult(True, 50.0), now=20.0)
    assert [e.kind for e in events] == ["trouble_started", "abort", "recovered"]
    assert monitor.episodes[0].kind == "degraded"
    assert monitor.episodes[0].duration_s == 15.0
    assert "missed lesson" in events[1].message


def test_without_a_pack_limit_the_lessonguard_default_applies() -> None:
    monitor = ConnectionMonitor("http://unused", load_pack("tutorninjas"))
    assert monitor.abort_after_s == 5 * 60
