"""What the checks use from outside themselves: the camera and microphone, the speed-test
server, the models, and the readers of this computer's state.

Why: the app, the command line and the tests each hand the checks their own camera, their own
microphone or a stand-in reading. Every service is a named, typed field: a misspelt name is an
error where it is written, never a service silently missing. A field left at None means "the
real one": the check opens or loads it itself, only when it runs, so building CheckServices()
opens no device and loads no model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

    from capture.compositor import Look
    from capture.vision import Face
    from checks.probes import CameraSample, SoundSample
    from checks.system_checks import DndState, Screen


class CameraProbe(Protocol):
    """A few seconds of pictures from the camera (checks.probes: own, shared, or one sample
    shared by the whole run)."""

    def sample(self, seconds: float, cancel: threading.Event,
               deadline: float) -> CameraSample: ...


class MicProbe(Protocol):
    """A few seconds of sound from the microphone (checks.probes); sooner when `stop_when`,
    given the blocks so far, says enough was heard."""

    def sample(self, seconds: float, cancel: threading.Event, deadline: float,
               stop_when: Callable[[list[np.ndarray]], bool] | None = None
               ) -> SoundSample: ...


class Segmenter(Protocol):
    """Where the person is in a picture: 1.0 on the person, 0.0 on the background."""

    def mask(self, bgr: np.ndarray) -> np.ndarray: ...


class FaceFinder(Protocol):
    """The faces in a picture."""

    def faces(self, bgr: np.ndarray) -> Sequence[Face]: ...


class BatteryReading(Protocol):
    """The battery as psutil.sensors_battery() describes it."""

    @property
    def percent(self) -> float: ...

    @property
    def power_plugged(self) -> bool | None: ...

    @property
    def secsleft(self) -> float: ...


LookReader = Callable[[], "Look"]  # the look the preview applies now
SpeedProgress = Callable[[str, float, float], None]  # direction, seconds, Mbit/s
ProcessLister = Callable[[], list[dict[str, Any]]]  # pid, name, exe of every process
DndReader = Callable[[], "DndState"]
BatteryReader = Callable[[], "BatteryReading | None"]  # None: no battery
ScreenReader = Callable[[], "Screen | None"]  # None: the screen cannot be read
ChassisReader = Callable[[], str]  # the SMBIOS chassis type, "" when unknown
CameraLister = Callable[[], list[str]]  # the cameras that look present


@dataclass(frozen=True, kw_only=True, slots=True)
class CheckServices:
    """Everything a check may be handed; None means the check uses the real one."""

    camera_probe: CameraProbe | None = None  # default: OwnCameraProbe("auto")
    mic_probe: MicProbe | None = None  # default: OwnMicProbe(None), the default microphone
    speed_url: str | None = None  # default: bandwidth_check.DEFAULT_SPEED_URL
    speed_progress: SpeedProgress | None = None  # default: no progress reported
    look: LookReader | None = None  # default: LessonGuard applies no effect
    segmenter: Segmenter | None = None  # default: capture.vision.PersonSegmenter()
    face_finder: FaceFinder | None = None  # default: capture.vision.FaceFinder()
    process_lister: ProcessLister | None = None  # default: psutil.process_iter
    dnd_reader: DndReader | None = None  # default: system_checks.read_dnd
    battery_reader: BatteryReader | None = None  # default: psutil.sensors_battery
    screen_reader: ScreenReader | None = None  # default: system_checks.read_screen
    chassis_reader: ChassisReader | None = None  # default: system_checks.read_chassis
    camera_lister: CameraLister | None = None  # default: capture.camera.list_cameras
