"""The recorder with real parts: video through OpenCV and the pipeline, sound from the
PulseAudio null sink through PortAudio, PyAV writing, ffprobe reading what was written."""

from __future__ import annotations

import subprocess
import threading
import time
import wave
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from app.audit import AuditLog
from app.consent import Consents
from app.recordings import Recordings
from app.store import Store
from capture.camera import FileCamera, SyntheticCamera
from capture.recorder import FRAGMENT_SECONDS
from tests.helpers.media import moving_astronaut_frames, write_video
from tests.helpers.pulse import PulseServer
from tests.helpers.recording import (
    LiveRecording,
    consenting_family,
    decode_all,
    decrypt_to,
    ffprobe,
)
from tests.helpers.tools import require_tool


@pytest.fixture
def store(isolated_dirs: Path) -> Iterator[Store]:
    isolated_dirs.mkdir(parents=True, exist_ok=True)
    s = Store(isolated_dirs)
    yield s
    s.close()


def test_a_recording_is_what_ffprobe_expects(store: Store, isolated_dirs: Path,
                                             pulse: PulseServer, tmp_path: Path) -> None:
    clip = write_video(tmp_path / "lesson.mp4", moving_astronaut_frames(90))
    pupil = consenting_family(store)
    live = LiveRecording(store, isolated_dirs, FileCamera(clip, loop=True), pupil)
    live.start()  # returns once the microphone listens and the recording has begun
    began = time.monotonic()
    time.sleep(6)
    recorded = time.monotonic() - began
    final = live.stop()
    assert final.state == "complete" and final.chunks and final.chunks >= 3
    recs = Recordings(store, isolated_dirs)
    assert recs.verify(final.id).ok
    plain = decrypt_to(recs, final.id, tmp_path / "plain.mp4")
    probe = ffprobe(plain)
    video = [s for s in probe["streams"] if s["codec_type"] == "video"]
    audio = [s for s in probe["streams"] if s["codec_type"] == "audio"]
    assert len(video) == 1 and len(audio) == 1
    assert (video[0]["codec_name"], video[0]["width"], video[0]["height"]) == ("h264", 640, 360)
    assert abs(float(Fraction(video[0]["avg_frame_rate"])) - 30) < 1.5
    assert audio[0]["codec_name"] == "aac" and int(audio[0]["sample_rate"]) == 48000
    assert abs(float(probe["format"]["duration"]) - recorded) <= FRAGMENT_SECONDS
    # Encrypted at rest: the file on disk is not an MP4 at all.
    raw = Path(final.path).read_bytes()
    assert b"ftyp" not in raw[:4096] and b"moof" not in raw
    # The "● REC" badge is in the recorded picture (red on white, top left), as the lesson saw.
    frames, *_ = decode_all(plain)
    import av

    with av.open(str(plain)) as container:
        first = next(container.decode(video=0)).to_ndarray(format="bgr24")
    corner = first[:40, :120].astype(int)
    red = (corner[..., 2] > 150) & (corner[..., 1] < 80) & (corner[..., 0] < 80)
    white = (corner > 230).all(axis=-1)
    assert red.sum() > 20 and white.sum() > 200
    assert live.pipeline.badge == ""  # and gone from the picture once recording stops
    actions = [e.action for e in AuditLog(store).entries()]
    assert "recording.started" in actions and "recording.stopped" in actions
    assert len(frames) >= 25 * 5


def beep_wav(path: Path) -> np.ndarray:
    """A 60 ms 1 kHz beep made by sox, as float samples at 48 kHz."""
    sox = require_tool("sox")
    subprocess.run([sox, "-n", "-r", "48000", "-c", "1", "-b", "16", str(path), "synth",
                    "0.06", "sine", "1000", "gain", "-n", "-3"], check=True,
                   capture_output=True)
    with wave.open(str(path)) as w:
        raw = np.frombuffer(w.readframes(w.getnframes()), np.int16)
    return raw.astype(np.float32) / 32768


def flash_clip(path: Path, seconds: int, fps: int = 30) -> Path:
    """Dark frames with one white frame at every whole second from 1 s on."""
    frames = []
    for i in range(seconds * fps):
        value = 255 if i % fps == 0 and i > 0 else 16
        frames.append(np.full((360, 640, 3), value, np.uint8))
    return write_video(path, frames, fps=fps)


class BeepPlayer:
    """Plays beeps into the null sink at given time.monotonic() instants, placing them with
    PortAudio's own DAC timestamps (the same clock the microphone's timestamps use)."""

    def __init__(self, beep: np.ndarray) -> None:
        self.beep = beep
        self.at: list[float] = []
        self.lock = threading.Lock()
        self.stream: object = None
        self.offset = 0.0

    def _fill(self, out: np.ndarray, frames: int, info: object, status: object) -> None:
        out.fill(0)
        dac = info.outputBufferDacTime or info.currentTime  # type: ignore[attr-defined]
        start = dac - self.offset
        with self.lock:
            times = list(self.at)
        for t in times:
            first = round((t - start) * 48000)  # where in this buffer the beep begins
            lo, hi = max(first, 0), min(first + len(self.beep), frames)
            if lo < hi:
                out[lo:hi, 0] = self.beep[lo - first:hi - first]

    def start(self) -> None:
        import sounddevice as sd

        self.stream = stream = sd.OutputStream(samplerate=48000, channels=1, dtype="float32",
                                               blocksize=256, callback=self._fill)
        stream.start()
        self.offset = stream.time - time.monotonic()

    def stop(self) -> None:
        if self.stream is not None:
            self.stream.close(ignore_errors=True)  # type: ignore[attr-defined]


def onsets(signal: np.ndarray, rate: int, start: float) -> list[float]:
    """Times where the sound rises above half of its loudest, at least 0.5 s apart."""
    envelope = np.abs(signal)
    threshold = 0.5 * envelope.max()
    found: list[float] = []
    for i in np.flatnonzero(envelope > threshold):
        t = start + i / rate
        if not found or t - found[-1] > 0.5:
            found.append(t)
    return found


def test_sound_and_picture_stay_in_step(store: Store, isolated_dirs: Path, pulse: PulseServer,
                                        tmp_path: Path) -> None:
    """A white flash and a sox beep at the same instants come out within 40 ms."""
    clip = flash_clip(tmp_path / "flash.mp4", seconds=9)
    beep = beep_wav(tmp_path / "beep.wav")
    pupil = consenting_family(store)
    camera = FileCamera(clip)
    live = LiveRecording(store, isolated_dirs, camera, pupil)
    player = BeepPlayer(beep)
    try:
        watch = live.camera.subscribe(64)
        live.start()
        player.start()  # after the microphone: opening it re-scans PortAudio's devices
        frame = watch.get(5)  # the clip's first frame: a flash follows each whole second
        assert frame is not None
        first = frame.timestamp
        live.camera.unsubscribe(watch)
        with player.lock:
            player.at = [first + k for k in range(2, 9)]
        time.sleep(max(0.0, first + 8.6 - time.monotonic()))
        final = live.stop()
    finally:
        live.close()
        player.stop()
    recs = Recordings(store, isolated_dirs)
    frames, audio, rate, audio_start = decode_all(decrypt_to(recs, final.id,
                                                             tmp_path / "sync.mp4"))
    flashes = [t for t, level in frames if level > 128]
    beeps = onsets(audio, rate, audio_start)
    assert len(flashes) >= 5 and len(beeps) >= 5, (flashes, beeps)
    pairs = [(f, min(beeps, key=lambda b, f=f: abs(b - f))) for f in flashes[1:]]
    offsets_ms = [round((b - f) * 1000, 1) for f, b in pairs]
    print("sound minus picture, ms:", offsets_ms)
    assert all(abs(o) <= 40 for o in offsets_ms), offsets_ms


def test_withdrawing_consent_stops_recording_at_once(store: Store, isolated_dirs: Path,
                                                     pulse: PulseServer) -> None:
    pupil = consenting_family(store)
    live = LiveRecording(store, isolated_dirs, SyntheticCamera((640, 360)), pupil)
    live.start()
    try:
        time.sleep(2)
        consent = Consents(store).list(pupil)[0]
        Consents(store).withdraw(consent.id, by="Jo Lee", reason="no longer happy")
        withdrawn = time.monotonic()
        while live.session.final is None and time.monotonic() - withdrawn < 5:
            time.sleep(0.05)
        stopped_after = time.monotonic() - withdrawn
    finally:
        live.close()
    final = live.session.final
    assert final is not None, "recording went on after consent was withdrawn"
    assert stopped_after < 2.5  # the gate is asked every second
    assert "stopped at once" in (final.note or "") and final.state == "complete"
    assert Recordings(store, isolated_dirs).verify(final.id).ok  # kept, intact
    assert live.pipeline.badge == ""


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real, small filesystem (tmpfs with a size limit; mounting needs root, as on CI)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    assert done.returncode == 0, f"cannot mount a tmpfs (root is needed): {done.stderr}"
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_stops_cleanly_and_keeps_everything(store: Store, isolated_dirs: Path,
                                                        pulse: PulseServer, small_disk: Path,
                                                        tmp_path: Path) -> None:
    pupil = consenting_family(store)
    folder = small_disk / "recordings"
    earlier = LiveRecording(store, isolated_dirs, SyntheticCamera((1280, 720)), pupil,
                            folder=folder).record(3)
    assert earlier.state == "complete"
    live = LiveRecording(store, isolated_dirs, SyntheticCamera((1280, 720)), pupil,
                         folder=folder)
    live.start()
    try:
        time.sleep(1.5)
        # Another program fills the disk until about 300 kB are left.
        import os
        import shutil

        free = shutil.disk_usage(small_disk).free
        with (small_disk / "filler.bin").open("wb") as f:
            f.write(os.urandom(max(0, free - 300_000)))
        deadline = time.monotonic() + 20
        while live.session.final is None and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        live.close()
    final = live.session.final
    assert final is not None and final.state == "disk_full", final
    assert "disk is full" in (final.note or "") and "kept" in (final.note or "")
    recs = Recordings(store, isolated_dirs)
    for rec_id in (earlier.id, final.id):  # both verify: nothing already saved was lost
        report = recs.verify(rec_id)
        assert report.ok, (rec_id, report.problem)
    frames, *_ = decode_all(decrypt_to(recs, final.id, tmp_path / "full.mp4"))
    assert frames and frames[-1][0] >= 1.0  # the part recorded before the disk filled


def test_a_folder_that_cannot_be_written_is_refused_plainly(store: Store, isolated_dirs: Path,
                                                            pulse: PulseServer,
                                                            tmp_path: Path) -> None:
    """The recordings folder is on a read-only filesystem: nothing records, the window's
    badge stays off, and the catalogue says why."""
    from app.errors import LessonGuardError

    folder = tmp_path / "read-only"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64m", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    assert done.returncode == 0, f"cannot mount a tmpfs (root is needed): {done.stderr}"
    pupil = consenting_family(store)
    live = LiveRecording(store, isolated_dirs, SyntheticCamera((320, 240)), pupil,
                         folder=folder)
    try:
        with pytest.raises(LessonGuardError, match="could not be created"):
            live.start()
        assert live.pipeline.badge == ""
    finally:
        live.close()
        subprocess.run(["umount", "-l", str(folder)], check=False)
    (info,) = Recordings(store, isolated_dirs).list()
    assert info.state == "failed" and "Read-only file system" in (info.note or "")
