"""Every check by id, in the order a person reads them."""

from __future__ import annotations

from app.texts import _
from checks.base import Check, CheckContext, CheckResult

CHECK_ORDER = [
    "camera", "lesson_camera", "microphone", "bandwidth", "background",
    "personal_information", "people", "room", "apps", "do_not_disturb", "power",
    "supervision", "scheduling", "equipment",
]

TITLES = {
    "bandwidth": _("Internet speed"),
    "background": _("Background"),
    "personal_information": _("Personal information in view"),
    "people": _("People in view"),
}


class NotYetAvailable(Check):
    """A check the pack asks for that this version of LessonGuard cannot do yet. It says so
    plainly rather than pretending to pass."""

    timeout_s = 1.0

    def __init__(self, check_id: str) -> None:
        self.id = check_id
        self.title = TITLES.get(check_id, check_id)

    def run(self, ctx: CheckContext) -> CheckResult:
        return CheckResult(self.id, self.title, "skipped",
                           _("This version of LessonGuard cannot check this yet."),
                           [_("Check it yourself before the lesson.")])


def make_check(check_id: str) -> Check:
    from checks.bandwidth_check import BandwidthCheck
    from checks.camera_check import CameraCheck
    from checks.camera_holder import CameraHolderCheck
    from checks.image_checks import BackgroundCheck, PeopleCheck
    from checks.microphone_check import MicrophoneCheck
    from checks.people_checks import RoomCheck, SchedulingCheck, SupervisionCheck
    from checks.personal_info import PersonalInformationCheck
    from checks.system_checks import AppsCheck, DoNotDisturbCheck, EquipmentCheck, PowerCheck

    known: dict[str, type[Check]] = {
        c.id: c for c in (BandwidthCheck, BackgroundCheck, PeopleCheck,
                          PersonalInformationCheck, CameraCheck, CameraHolderCheck,
                          MicrophoneCheck, AppsCheck,
                          DoNotDisturbCheck, PowerCheck, EquipmentCheck, SupervisionCheck,
                          SchedulingCheck, RoomCheck)
    }
    if check_id in known:
        return known[check_id]()
    if check_id in CHECK_ORDER:
        return NotYetAvailable(check_id)
    raise KeyError(check_id)
