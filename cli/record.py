"""`lessonguard record`: a headless recording through exactly the same gate as the window.

Exit codes: 0 recorded (the recording is in the catalogue), 1 refused by the gate or the
disk, or the recording ended in trouble (disk full, error), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import signal
import threading
import time
from pathlib import Path
from typing import Any

from app.consent import decide
from app.errors import ConfigurationError, LessonGuardError
from app.policy.loader import load_pack
from app.recordings import Recordings, default_folder
from app.settings import AppSettings, load_settings
from app.store import Store
from capture.camera import make_camera
from capture.look import look_from_settings
from capture.microphone import Microphone
from capture.pipeline import Pipeline, PipelineWorker
from capture.recording_session import GateRefused, RecordingSession, free_space
from capture.recording_upkeep import upkeep
from capture.status import SourceError
from capture.worker import CameraWorker
from cli import argtypes


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy", metavar="ORG|FILE", dest="rec_policy",
                        type=argtypes.pack_choice("The policy pack"),
                        help="policy pack (default: the one chosen in the app)")
    parser.add_argument("--pupil", metavar="ID", type=argtypes.record_id("The pupil id"),
                        required=True,
                        help="the pupil being recorded (see `lessonguard people list`)")
    parser.add_argument("--camera", metavar="SRC", dest="rec_camera",
                        type=argtypes.source("The camera"),
                        help="a camera number, a video file, 'synthetic' or 'auto'")
    parser.add_argument("--mic", metavar="DEV", dest="rec_mic",
                        help="microphone: a number, a name or 'default'")
    parser.add_argument("--seconds", metavar="N", type=float,
                        help="stop after N seconds (default: until Ctrl+C)")
    parser.add_argument("--kind", default="lesson", metavar="NAME",
                        help="'lesson', or an exception the pack names (e.g. "
                        "ensemble_performance)")
    parser.add_argument("--broker", metavar="URL", dest="rec_broker",
                        type=_broker_url,
                        help="the broker linking this computer with the family's (default: "
                             "the setting); a withdrawal or panic there reaches this "
                             "recording at once")
    parser.add_argument("--recordings-dir", metavar="DIR",
                        type=argtypes.folder("The recordings folder"),
                        help="where to keep the recording (default: the app's setting)")


def _broker_url(text: str) -> str:
    from cli.link import broker_url

    return broker_url(text)


def _link_session(store: Store, data_dir: Path, broker: str, pupil: int,
                  say: Any) -> Any | None:
    """While recording a linked pupil, stay connected to the family's computer: a consent
    withdrawn there is taken in at once (the gate, asked every second, then stops the
    recording) and a panic there holds it. Without a broker or a link: nothing connects."""
    if not broker:
        return None
    from app.linking.service import Linking

    linking = Linking(store, data_dir)
    if not any(link.pupil_id == pupil and link.active for link in linking.links()):
        return None
    return linking.session(broker, lambda event: say(event.words))


def recordings_folder(settings: AppSettings, data_dir: Path, override: str | None) -> Path:
    chosen = override or settings.recordings_dir
    return Path(chosen).expanduser() if chosen else default_folder(data_dir)


def run_record_command(args: argparse.Namespace, data_dir: Path) -> int:
    if args.seconds is not None and not 1 <= args.seconds <= 6 * 3600:
        raise ConfigurationError("--seconds must be between 1 and 21600 (six hours).")
    store = Store(data_dir)
    try:
        return _record(args, data_dir, store)
    finally:
        store.close()


def _record(args: argparse.Namespace, data_dir: Path, store: Store) -> int:
    settings = load_settings(store)
    pack_spec = args.rec_policy or settings.policy
    pack = load_pack(pack_spec)
    folder = recordings_folder(settings, data_dir, args.recordings_dir)
    catalogue = Recordings(store, data_dir)
    upkeep(catalogue)
    decision = decide(store, pack, args.pupil, args.kind)
    if not decision.may_record:
        raise GateRefused(decision)
    space = free_space(folder)
    say = (lambda text: None) if args.json else (lambda text: print(text, flush=True))
    say(f"{space.text()}")

    try:
        source = make_camera(args.rec_camera or settings.camera)
    except SourceError as exc:
        raise LessonGuardError(exc.status.text()) from exc
    camera = CameraWorker(source)
    choice = look_from_settings(settings)
    if choice.problem is not None:
        say(str(choice.problem))
    pipeline = Pipeline(look=choice.look, instrument_mode=choice.instrument_mode)
    worker = PipelineWorker(camera, pipeline)
    mic = Microphone(args.rec_mic or settings.microphone)
    session = RecordingSession(store, data_dir, pack, args.pupil, folder, kind=args.kind,
                               actor="lessonguard record",
                               pack_source=lambda: load_pack(pack_spec))
    stop = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stop.set())
                for s in (signal.SIGINT, signal.SIGTERM)}
    linked = None
    try:
        linked = _link_session(store, data_dir, args.rec_broker or settings.broker,
                               args.pupil, say)
        try:
            mic.start()
        except SourceError as exc:
            raise LessonGuardError(exc.status.message, exc.status.fix) from exc
        if not mic.wait_until_listening():
            raise LessonGuardError(f"The microphone {mic.device_name} sends no sound.",
                                   "Check it is plugged in and not used by another app.")
        camera.start()
        first = _first_frame(camera)
        pipeline.load(wait=True)
        worker.start()
        height, width = first.image.shape[:2]
        info = session.start(worker, mic, width=width, height=height,
                             fps=source.nominal_fps or 30.0)
        say(f"● Recording {info.id} for pupil {args.pupil} "
            f"(kept until {info.expires_at[:10]}). Press Ctrl+C to stop.")
        deadline = time.monotonic() + args.seconds if args.seconds else None
        while not stop.wait(0.2):
            if session.final is not None:
                break
            if deadline is not None and time.monotonic() >= deadline:
                break
        final = session.stop() or session.final
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if session.running:
            session.stop("LessonGuard record ended", actor="system")
        if linked is not None:
            linked.close()
        worker.stop()
        camera.stop()
        mic.stop()
    assert final is not None
    payload: dict[str, Any] = final.to_json()
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(f"Recording {final.id}: {final.state}, {final.duration_s or 0:.1f} s, "
              f"{(final.size_bytes or 0) / 1e6:.1f} MB, kept until {final.expires_at[:10]}."
              + (f"\n{final.note}" if final.note else ""))
    return 0 if final.state == "complete" else 1


def _first_frame(camera: CameraWorker, timeout: float = 10.0) -> Any:
    queue = camera.subscribe(1)
    try:
        frame = queue.get(timeout)
    finally:
        camera.unsubscribe(queue)
    if frame is None:
        raise LessonGuardError(f"The camera sends no picture: {camera.status.text()}",
                               "Check it is connected and not used by another app.")
    return frame
