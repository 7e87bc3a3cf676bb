"""`lessonguard record`, `people`, `consent` and `recordings` as real processes: the gate for
each pack, kill -9 at random moments, tampering found by `verify`, playback by role."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from skimage import data

from app.recordings import Recordings
from app.store import Store
from capture.playback import recording_duration
from capture.recorder import FRAGMENT_SECONDS
from tests.helpers.media import write_video
from tests.helpers.pulse import PulseServer
from tests.helpers.recording import decode_all, decrypt_to
from tests.helpers.tools import require_tool
from tests.unit.test_policy_packs import SEED_PACKS, seed_text

EXE = str(Path(sys.executable).with_name("lessonguard"))


def lg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=timeout)


def lg_json(*args: str) -> Any:
    done = lg(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def setup_family(pack: str | None = None, consent: bool = False) -> tuple[int, int]:
    """What a school technician would script: a pupil, her mother, and maybe consent."""
    pupil = lg_json("people", "add", "--role", "pupil", "--name", "Amy Lee", "--dob",
                    "2015-02-03")["id"]
    adult = lg_json("people", "add", "--role", "responsible_adult", "--name", "Jo Lee",
                    "--pupil", str(pupil))["id"]
    if consent:
        assert pack
        lg_json("consent", "grant", "--policy", pack, "--pupil", str(pupil), "--by",
                str(adult), "--typed-name", "Jo Lee")
    return pupil, adult


def record(pack: str, pupil: int, seconds: float = 3,
           *extra: str) -> subprocess.CompletedProcess[str]:
    return lg("record", "--policy", pack, "--pupil", str(pupil), "--camera", "synthetic",
              "--seconds", str(seconds), *extra)


def test_hms_never_records_and_names_its_clause(pulse: PulseServer) -> None:
    pupil, _ = setup_family("hms", consent=True)
    done = record("hms", pupil)
    assert done.returncode == 1
    assert "Online lessons are not recorded by HMS staff." in seed_text(SEED_PACKS["hms"])
    assert "Online lessons are not recorded by HMS staff." in done.stderr
    assert lg_json("recordings", "list") == []


def test_tutorninjas_refuses_without_consent_naming_who_must_give_it(
        pulse: PulseServer) -> None:
    pupil, adult = setup_family()
    done = record("tutorninjas", pupil)
    assert done.returncode == 1
    assert "cannot start" in done.stderr and "Jo Lee (responsible adult)" in done.stderr
    status = lg("consent", "status", "--policy", "tutorninjas", "--pupil", str(pupil), "--json")
    assert status.returncode == 1
    assert json.loads(status.stdout)["missing"] == ["responsible_adult"]
    lg_json("consent", "grant", "--policy", "tutorninjas", "--pupil", str(pupil), "--by",
            str(adult), "--typed-name", "Jo Lee")
    ok = record("tutorninjas", pupil, 3, "--json")
    assert ok.returncode == 0, ok.stderr
    made = json.loads(ok.stdout)
    assert made["state"] == "complete" and made["pupil_id"] == pupil
    assert made["consent_ids"] == [1]
    listed = lg_json("recordings", "list")
    assert [r["id"] for r in listed] == [made["id"]]
    # TutorNinjas keeps recordings for the seed's 28 days.
    assert made["expires_at"][:10] > made["started_at"][:10]


def test_vto_records_only_with_consent(pulse: PulseServer) -> None:
    pupil, adult = setup_family()
    done = record("vto", pupil)
    assert done.returncode == 1 and "Recording needs consent" in done.stderr
    lg_json("consent", "grant", "--policy", "vto", "--pupil", str(pupil), "--by", str(adult),
            "--typed-name", "Jo Lee")
    assert record("vto", pupil).returncode == 0


def test_verify_names_the_damaged_chunk_and_play_follows_the_roles(
        pulse: PulseServer, isolated_dirs: Path, tmp_path: Path) -> None:
    pupil, _ = setup_family("tutorninjas", consent=True)
    made = json.loads(record("tutorninjas", pupil, 5, "--json").stdout)
    assert lg("recordings", "verify", made["id"]).returncode == 0
    # Playback: TutorNinjas lets parents and pupils play back, not the tutor. The role is
    # the one this computer was set up for, not one typed with --as.
    assert lg("setup", "--role", "tutor", "--name", "Pat Green").returncode == 0
    claimed = lg("recordings", "play", made["id"], "--as", "responsible_adult")
    assert claimed.returncode == 2 and "set up for Pat Green (tutor)" in claimed.stderr
    refused = lg("recordings", "play", made["id"])
    assert refused.returncode == 1 and "does not let the tutor" in refused.stderr
    # The player LessonGuard hands the decrypted stream to (ffplay) is, here, a stand-in that
    # counts the frames it is given with ffprobe: there is no screen to play to.
    players = tmp_path / "players"
    players.mkdir()
    stand_in = players / "ffplay"
    stand_in.write_text(f"#!/bin/sh\nexec {require_tool('ffprobe')} -v error -count_frames "
                        "-select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "
                        "-i pipe:0\n")
    stand_in.chmod(0o755)
    env = {**os.environ, "PATH": f"{players}{os.pathsep}{os.environ['PATH']}"}
    env.pop("LESSONGUARD_PLAYER", None)
    assert lg("setup", "--role", "responsible_adult", "--name", "Jo Lee").returncode == 0
    played = subprocess.run([EXE, "recordings", "play", made["id"], "--as",
                             "responsible_adult"], capture_output=True, text=True, env=env,
                            timeout=60)
    assert played.returncode == 0, played.stderr
    assert int(played.stdout.strip().splitlines()[-1]) >= 100  # the player got the frames
    # One byte changed in the third chunk: verify fails and names it.
    path = Path(made["path"])
    store = Store(isolated_dirs)
    with path.open("rb") as f:
        from app.encrypted_file import scan

        chunk = scan(f).chunks[2]
    store.close()
    data = bytearray(path.read_bytes())
    data[chunk.offset + 40] ^= 0x80
    path.write_bytes(bytes(data))
    done = lg("recordings", "verify", made["id"], "--json")
    assert done.returncode == 1
    result = json.loads(done.stdout)["recordings"][0]
    assert result["first_bad_chunk"] == 2 and "chunk 2" in result["problem"]


class Watched:
    """A `lessonguard record` process whose output lines are time-stamped as they come."""

    def __init__(self, pupil: int) -> None:
        self.proc = subprocess.Popen(
            [EXE, "record", "--policy", "tutorninjas", "--pupil", str(pupil), "--camera",
             "synthetic", "--seconds", "60"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.started: float | None = None
        self.recording = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()


    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("● Recording") and self.started is None:
                self.started = time.monotonic()
                self.recording.set()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self._reader.join(5)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


def test_kill_9_at_random_moments_loses_at_most_the_last_fragment(
        pulse: PulseServer, isolated_dirs: Path, tmp_path: Path) -> None:
    """20 kills, a few while the recorder starts up and most at a random moment of the
    recording. Each time every recording so far decrypts and decodes, and no earlier row or
    file changes."""
    pupil, _ = setup_family("tutorninjas", consent=True)
    rng = random.Random(20261121)
    earlier: dict[str, dict[str, Any]] = {}
    during = 0
    for round_no in range(20):
        watched = Watched(pupil)
        if rng.random() < 0.2:  # while it starts: opening devices, loading the model
            time.sleep(rng.uniform(0.2, 2.0))
        else:
            assert watched.recording.wait(60), "lessonguard record did not start recording"
            time.sleep(rng.uniform(0.0, 4.5))
        watched.kill()
        killed = time.monotonic()
        during += watched.started is not None
        store = Store(isolated_dirs)
        try:
            recs = Recordings(store, isolated_dirs)
            recs.recover(recording_duration)
            rows = {r.id: r.to_json() for r in recs.list()}
            for rec_id, row in earlier.items():  # nothing earlier was touched
                assert rows[rec_id] == row, f"round {round_no}: {rec_id} changed"
            new = [r for r in rows if r not in earlier]
            assert len(new) <= 1
            if watched.started is None:
                assert not new or rows[new[0]]["state"] == "interrupted"
            for rec_id in new:
                row = rows[rec_id]
                assert row["state"] == "interrupted"
                report = recs.verify(rec_id)
                assert report.ok, f"round {round_no}: {report.problem}"
                if row["chunks"] > 2:  # more than the file's start and its final chunk
                    frames, *_ = decode_all(decrypt_to(recs, rec_id, tmp_path / "k.mp4"))
                    assert frames, f"round {round_no}: nothing decodes"
                if watched.started is not None:
                    recorded = killed - watched.started
                    assert row["duration_s"] >= recorded - FRAGMENT_SECONDS - 1.0, (
                        f"round {round_no}: {row['duration_s']:.2f} s kept of "
                        f"{recorded:.2f} s recorded")
            earlier = rows
        finally:
            store.close()
    assert during >= 12, f"only {during} of the 20 kills came while recording"
    verified = lg("recordings", "verify", "--json")
    assert verified.returncode == 0, verified.stdout
    assert json.loads(verified.stdout)["ok"]
    audit = lg("audit", "verify")
    assert audit.returncode == 0, audit.stdout


def test_export_is_encrypted_hash_listed_and_checked(pulse: PulseServer, tmp_path: Path) -> None:
    pupil, _ = setup_family("tutorninjas", consent=True)
    made = json.loads(record("tutorninjas", pupil, 3, "--json").stdout)
    assert lg("setup", "--role", "responsible_adult", "--name", "Jo Lee").returncode == 0
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("correct horse battery staple\n")
    short = tmp_path / "short.txt"
    short.write_text("abc")
    out = tmp_path / "out"
    refused = lg("recordings", "export", made["id"], "--to", str(out), "--passphrase-file",
                 str(short), "--as", "responsible_adult")
    assert refused.returncode == 2 and "at least 12" in refused.stderr
    package = Path(lg_json("recordings", "export", made["id"], "--to", str(out),
                           "--passphrase-file", str(phrase), "--as",
                           "responsible_adult")["package"])
    names = sorted(p.name for p in package.rglob("*") if p.is_file())
    assert names == sorted(["README.txt", "keys.json", "manifest.json", "manifest.sig",
                            Path(made["path"]).name])
    exported = package / "recordings" / Path(made["path"]).name
    assert exported.read_bytes() == Path(made["path"]).read_bytes()  # still encrypted
    assert lg("recordings", "verify-package", str(package), "--passphrase-file",
              str(phrase)).returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the right passphrase")
    bad = lg("recordings", "verify-package", str(package), "--passphrase-file", str(wrong))
    assert bad.returncode == 1 and "passphrase is wrong" in bad.stdout
    data = bytearray(exported.read_bytes())
    data[len(data) // 2] ^= 1
    exported.write_bytes(bytes(data))
    changed = lg("recordings", "verify-package", str(package))
    assert changed.returncode == 1 and "was changed" in changed.stdout
    assert Path(made["path"]).name in changed.stdout


def _sharpness(gray: np.ndarray) -> float:
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def test_record_blurs_the_always_blur_area_the_window_chose(
        pulse: PulseServer, tmp_path: Path, isolated_dirs: Path) -> None:
    """The area the personal-information check asked to blur always is blurred in what
    `lessonguard record` writes, exactly as in the window: both read the same setting."""
    from app.settings import load_settings, save_settings

    text = data.text()  # a page of printed words: fine detail everywhere
    scene = cv2.cvtColor(cv2.resize(text, (640, 360), interpolation=cv2.INTER_AREA),
                         cv2.COLOR_GRAY2BGR)
    clip = write_video(tmp_path / "page.mp4", [scene] * 90)
    pupil, _ = setup_family("tutorninjas", consent=True)
    hidden = (0.5, 0.1, 0.4, 0.5)  # x, y, width, height as fractions, as the window saves it
    store = Store(isolated_dirs)
    try:  # what the window's "Always blur this area" and "Background: as it is" remember
        settings = load_settings(store)
        save_settings(store, settings.model_copy(update={"background": "off",
                                                         "blur_areas": [hidden]}))
    finally:
        store.close()
    done = lg("record", "--policy", "tutorninjas", "--pupil", str(pupil), "--camera",
              str(clip), "--seconds", "3", "--json")
    assert done.returncode == 0, done.stderr
    rec_id = json.loads(done.stdout)["id"]
    store = Store(isolated_dirs)
    try:
        plain = decrypt_to(Recordings(store, isolated_dirs), rec_id, tmp_path / "plain.mp4")
    finally:
        store.close()
    import av

    with av.open(str(plain)) as container:
        frames = [f.to_ndarray(format="gray") for f in container.decode(video=0)]
    assert len(frames) > 30
    frame = frames[len(frames) // 2]
    source = cv2.cvtColor(scene, cv2.COLOR_BGR2GRAY)
    h, w = frame.shape
    assert (w, h) == (640, 360)
    x0, y0, x1, y1 = int(0.5 * w) + 8, int(0.1 * h) + 8, int(0.9 * w) - 8, int(0.6 * h) - 8
    inside, inside_src = frame[y0:y1, x0:x1], source[y0:y1, x0:x1]
    outside, outside_src = frame[y0:y1, 8:int(0.45 * w)], source[y0:y1, 8:int(0.45 * w)]
    # The hidden area lost its detail; the rest of the page kept it (the encoder's loss is
    # small next to the blur's).
    assert _sharpness(inside) < 0.1 * _sharpness(inside_src)
    assert _sharpness(outside) > 0.4 * _sharpness(outside_src)
