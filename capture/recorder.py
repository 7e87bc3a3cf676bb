"""The recorder: the outgoing picture and the microphone, encoded as the lesson runs into a
crash-safe, encrypted file.

Why this shape: fragmented MP4 (H.264 + AAC) with a keyframe and a fragment every 2 s, each
fragment handed straight to the chunked AES-GCM writer and sealed, so a kill -9 or a power
cut loses at most the fragment being written. The picture comes from the pipeline (so it is
exactly what the lesson saw, blur and "● REC" badge included); the sound's timestamps come
from the moment each block was captured, so sound and picture stay in step.

Threads: `send()` is called on the pipeline thread and only queues the frame; one encoder
thread does all the encoding and writing. The recorder never blocks the camera.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import cv2
import numpy as np

from app.encrypted_file import EncryptedWriter
from capture.queues import DropOldestQueue

log = logging.getLogger(__name__)

FRAGMENT_SECONDS = 2
SAMPLE_RATE = 48_000
VIDEO_KBPS = 1800  # a 720p30 webcam picture of a music lesson; about 0.8 GB an hour
AUDIO_KBPS = 96
BYTES_PER_MINUTE = (VIDEO_KBPS + AUDIO_KBPS) * 1000 // 8 * 60
GAP_SECONDS = 0.06  # a hole in the sound longer than this is filled with silence

State = Literal["recording", "complete", "disk_full", "failed"]


@dataclass
class RecorderResult:
    state: State
    message: str = ""
    duration_s: float = 0.0
    frames: int = 0
    dropped_frames: int = 0
    audio_seconds: float = 0.0
    chunks: int = 0
    chunk_hashes: list[str] = field(default_factory=list)
    size_bytes: int = 0


class Recorder:
    """One recording. A VideoSink: attach it to the PipelineWorker's sinks."""

    survives_camera_change = True  # a new camera's pipeline takes it over (no new file)

    def __init__(self, path: Path, key: bytes, *, width: int, height: int, fps: float = 30.0,
                 audio: Any = None, on_stop: Callable[[RecorderResult], None] | None = None,
                 sync: bool = True) -> None:
        self.path = path
        self.width, self.height = width - width % 2, height - height % 2
        self.fps = max(1, round(fps))
        self._audio_source = audio
        self._audio_q: DropOldestQueue[tuple[float, np.ndarray]] | None = None
        self._video_q: DropOldestQueue[tuple[float, np.ndarray]] = DropOldestQueue(
            self.fps * 2)
        self._on_stop = on_stop
        # Sealed after each whole fragment (see _mux), never part-way through one, so every
        # chunk on disk ends on a fragment boundary and a crash never leaves half a fragment.
        self._writer = EncryptedWriter(path, key, seal_every=None, sync=sync)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="recorder", daemon=True)
        self._t0: float | None = None
        self._last_slot = -1
        self._audio_next: int | None = None  # the next audio sample's pts
        self.result = RecorderResult("recording")
        self._done = threading.Event()
        self.started_at = time.monotonic()

    # --- the VideoSink side (pipeline thread) ---

    def send(self, image: np.ndarray, timestamp: float) -> None:
        if not self._stop.is_set():
            self._video_q.put((timestamp, image))

    def close(self) -> None:
        self.stop()

    # --- control ---

    def start(self) -> None:
        if self._audio_source is not None:
            self._audio_q = self._audio_source.subscribe_timed()
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started_at

    def stop(self, timeout: float = 15.0) -> RecorderResult:
        """Finish: encode what is queued, write the last fragment and the final chunk."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        return self.result

    # --- the encoder thread ---

    def _open(self) -> Any:
        import av

        container = av.open(
            self._writer, "w", format="mp4",
            options={"movflags": "frag_keyframe+empty_moov+default_base_moof",
                     "frag_duration": str(FRAGMENT_SECONDS * 1_000_000),
                     "flush_packets": "1"},
        )
        video = container.add_stream("libx264", rate=self.fps)
        video.width, video.height, video.pix_fmt = self.width, self.height, "yuv420p"
        video.bit_rate = VIDEO_KBPS * 1000
        video.options = {
            "preset": "veryfast", "tune": "zerolatency", "g": str(self.fps * FRAGMENT_SECONDS),
            "keyint_min": str(self.fps * FRAGMENT_SECONDS), "sc_threshold": "0",
            "maxrate": f"{VIDEO_KBPS * 3 // 2}k", "bufsize": f"{VIDEO_KBPS * 2}k",
        }
        video.codec_context.time_base = Fraction(1, self.fps)
        audio = None
        if self._audio_q is not None:
            audio = container.add_stream("aac", rate=SAMPLE_RATE)
            audio.layout = "mono"
            audio.bit_rate = AUDIO_KBPS * 1000
        return container, video, audio

    def _run(self) -> None:
        try:
            container, video, audio = self._open()
        except Exception as exc:
            log.exception("the recorder could not start")
            self._finish("failed", f"The recording could not start: {exc}.")
            return
        state: State = "complete"
        message = ""
        try:
            while True:
                stopping = self._stop.is_set()
                item = self._video_q.get(0.05)
                if item is not None:
                    self._encode_video(container, video, *item)
                if audio is not None:
                    self._encode_audio(container, audio, until=self._video_time())
                if stopping and not len(self._video_q):
                    break
            for stream in (video, audio):
                if stream is not None:
                    for packet in stream.encode(None):
                        self._mux(container, packet)
            container.close()
        except OSError as exc:
            state, message = self._write_failed(exc)
        except Exception as exc:  # PyAV wraps the writer's OSError in its own errors
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, OSError):
                state, message = self._write_failed(cause)
            else:
                log.exception("the recorder failed")
                state, message = "failed", f"The recording stopped because of an error: {exc}."
        self._finish(state, message)

    def _mux(self, container: Any, packet: Any) -> None:
        """Mux, then seal at once whatever the muxer wrote: a fragment is written whole when
        it is complete, so each fragment becomes one sealed chunk on disk straight away."""
        container.mux(packet)
        if self._writer.buffered:
            self._writer.flush()

    def _write_failed(self, exc: OSError) -> tuple[State, str]:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            minutes = self._video_time() / 60
            return "disk_full", (
                f"The disk is full, so the recording stopped after {minutes:.1f} minutes. "
                "Everything recorded until then is kept. Free some space before recording "
                "again.")
        return "failed", f"The recording could not be written: {exc.strerror or exc}."

    def _video_time(self) -> float:
        return max(0, self._last_slot) / self.fps if self._t0 is not None else 0.0

    def _encode_video(self, container: Any, stream: Any, timestamp: float,
                      image: np.ndarray) -> None:
        import av

        if self._t0 is None:
            self._t0 = timestamp
        # The frame's slot on the 1/fps grid: late frames leave a gap (shown longer),
        # two frames in one slot keep the first.
        slot = round((timestamp - self._t0) * self.fps)
        if slot <= self._last_slot:
            self.result.dropped_frames += 1
            return
        self._last_slot = slot
        if image.shape[1] != self.width or image.shape[0] != self.height:
            image = cv2.resize(image, (self.width, self.height), interpolation=cv2.INTER_AREA)
        frame = av.VideoFrame.from_ndarray(image, format="bgr24")
        frame.pts = slot
        frame.time_base = Fraction(1, self.fps)
        for packet in stream.encode(frame):
            self._mux(container, packet)
        self.result.frames += 1

    def _encode_audio(self, container: Any, stream: Any, until: float) -> None:
        """Encode the sound captured up to the picture's time (keeps the two interleaved)."""
        import av

        assert self._audio_q is not None
        if self._t0 is None:
            self._audio_q.latest()  # sound from before the first picture is not recorded
            return
        while True:
            item = self._audio_q.get(0)
            if item is None:
                return
            start, block = item
            samples = np.ascontiguousarray(block[:, 0] if block.ndim == 2 else block,
                                           dtype=np.float32)
            pts = round((start - self._t0) * SAMPLE_RATE)
            if self._audio_next is None:
                if pts < 0:  # the part before the first picture is cut off
                    samples = samples[-pts:]
                    pts = 0
                self._audio_next = pts if pts > 0 else 0
                if self._audio_next > 0:
                    self._silence(container, stream, 0, self._audio_next)
            elif pts - self._audio_next > GAP_SECONDS * SAMPLE_RATE:
                self._silence(container, stream, self._audio_next, pts - self._audio_next)
                self._audio_next = pts
            if samples.size == 0:
                continue
            frame = av.AudioFrame.from_ndarray(samples[np.newaxis, :], format="flt",
                                               layout="mono")
            frame.sample_rate = SAMPLE_RATE
            frame.pts = self._audio_next
            frame.time_base = Fraction(1, SAMPLE_RATE)
            for packet in stream.encode(frame):
                self._mux(container, packet)
            self._audio_next += samples.size
            self.result.audio_seconds = self._audio_next / SAMPLE_RATE
            if start - self._t0 > until + 1.0:
                return  # keep sound from running far ahead of the picture

    def _silence(self, container: Any, stream: Any, pts: int, count: int) -> None:
        import av

        count = min(count, SAMPLE_RATE * 10)
        frame = av.AudioFrame.from_ndarray(np.zeros((1, count), np.float32), format="flt",
                                           layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = pts
        frame.time_base = Fraction(1, SAMPLE_RATE)
        for packet in stream.encode(frame):
            self._mux(container, packet)

    def _finish(self, state: State, message: str) -> None:
        if self._audio_q is not None and self._audio_source is not None:
            self._audio_source.unsubscribe(self._audio_q)
        try:
            self._writer.close()
        except OSError as exc:
            log.error("the recording's final chunk could not be written: %s", exc)
            self._writer.abandon()
            if state == "complete":
                state, message = self._write_failed(exc)
        self._stop.set()
        r = self.result
        r.state, r.message = state, message
        r.duration_s = (self._last_slot + 1) / self.fps if self._last_slot >= 0 else 0.0
        r.chunks, r.chunk_hashes = self._writer.index, list(self._writer.chunk_hashes)
        try:
            r.size_bytes = self.path.stat().st_size
        except OSError:
            r.size_bytes = 0
        log.info("recording %s ended: %s, %.1f s, %d frames (%d dropped), %d chunks",
                 self.path.name, state, r.duration_s, r.frames, r.dropped_frames, r.chunks)
        self._done.set()
        if self._on_stop is not None:
            self._on_stop(r)
