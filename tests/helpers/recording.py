"""Recording in tests with the real parts: a camera source through the real pipeline, the
PulseAudio null sink's monitor as microphone, and ffprobe/PyAV on what was written."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from app.consent import Consents
from app.people import People
from app.policy.loader import load_pack
from app.recordings import RecordingInfo, Recordings
from app.store import Store
from capture.camera import CameraSource
from capture.compositor import Look
from capture.microphone import Microphone
from capture.pipeline import Pipeline, PipelineWorker
from capture.recording_session import RecordingSession
from capture.worker import CameraWorker
from tests.helpers.tools import require_tool


def consenting_family(store: Store, pack_id: str = "tutorninjas") -> int:
    """A pupil whose responsible adult has consented under this pack; returns the pupil id."""
    people = People(store)
    pupil = people.add("pupil", "Amy Lee", date_of_birth="2014-06-01", today=date(2026, 1, 1))
    adult = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
    Consents(store).grant(load_pack(pack_id), pupil.id, adult.id, "Jo Lee")
    return pupil.id


class LiveRecording:
    """Camera → pipeline → recorder, with the real microphone, started through the gate."""

    def __init__(self, store: Store, data_dir: Path, source: CameraSource, pupil: int,
                 folder: Path | None = None, pack_id: str = "tutorninjas",
                 look: Look | None = None) -> None:
        self.camera = CameraWorker(source)
        self.pipeline = Pipeline(look=look or Look(mode="off"))
        self.worker = PipelineWorker(self.camera, self.pipeline)
        self.mic = Microphone()
        self.session = RecordingSession(store, data_dir, load_pack(pack_id), pupil,
                                        folder or data_dir / "recordings")
        self.source = source

    def start(self) -> RecordingInfo:
        self.mic.start()
        assert self.mic.wait_until_listening(), "the null sink's monitor sends no sound"
        self.camera.start()
        first = self.camera.subscribe(1)
        frame = first.get(10)
        self.camera.unsubscribe(first)
        assert frame is not None, "the camera sent no picture"
        self.worker.start()
        h, w = frame.image.shape[:2]
        return self.session.start(self.worker, self.mic, width=w, height=h,
                                  fps=self.source.nominal_fps or 30.0)

    def stop(self) -> RecordingInfo:
        final = self.session.stop()
        self.close()
        assert final is not None
        return final

    def close(self) -> None:
        if self.session.running:
            self.session.stop()
        self.worker.stop()
        self.camera.stop()
        self.mic.stop()

    def record(self, seconds: float) -> RecordingInfo:
        self.start()
        time.sleep(seconds)
        return self.stop()


def decrypt_to(recs: Recordings, rec_id: str, out: Path) -> Path:
    """The plain MP4, for ffprobe to read (only ever inside a test's temporary folder)."""
    reader = recs.open_reader(rec_id)
    try:
        out.write_bytes(reader.read())
    finally:
        reader.close()
    return out


def ffprobe(path: Path) -> dict[str, Any]:
    tool = require_tool("ffprobe")
    done = subprocess.run([tool, "-v", "error", "-show_format", "-show_streams", "-of", "json",
                           str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def decode_all(path: Path) -> tuple[list[tuple[float, float]], np.ndarray, int, float]:
    """Every video frame's (time, mean brightness), the audio as one array, its rate and the
    time of its first sample, decoded with PyAV; raises if any packet cannot be decoded."""
    import av

    video: list[tuple[float, float]] = []
    audio: list[np.ndarray] = []
    rate, audio_start = 48_000, 0.0
    with av.open(str(path)) as container:
        for frame in container.decode(*container.streams):
            if isinstance(frame, av.VideoFrame):
                gray = frame.to_ndarray(format="gray")
                video.append((float(frame.time), float(gray.mean())))
            else:
                rate = frame.sample_rate
                if not audio:
                    audio_start = float(frame.time or 0.0)
                samples = frame.to_ndarray()
                audio.append(samples.reshape(-1) if samples.shape[0] == 1 else samples[0])
    samples = np.concatenate(audio) if audio else np.zeros(0, np.float32)
    return video, samples, rate, audio_start
