"""An incident in plain words, wherever it is listed: the lesson record, the incidents page,
the command line.

Why: a record that reads "inappropriate_language, reported to dsl" is a code for a program, not
words for a parent or a safeguarding lead; and a panic pressed and then resumed without a report
is a fact worth keeping as such ("panic pressed at 14:02, no report made"), not an empty form.
"""

from __future__ import annotations

from app.texts import Text, _
from app.times import clock, day

CATEGORY_WORDS: dict[str, Text] = {
    "inappropriate_language": _("inappropriate language"),
    "inappropriate_behaviour": _("inappropriate behaviour"),
    "adult_images": _("adult images"),
    "indecent_images_of_child": _("indecent images of a child"),
    "disclosure_of_abuse": _("a disclosure of abuse"),
    "sensitive_information": _("sensitive information shared"),
    "unsolicited_contact": _("unsolicited contact"),
    "other": _("another concern"),
}
STATUS_WORDS: dict[str, Text] = {
    "open": _("still open"), "reported_to_dsl": _("reported to the safeguarding lead"),
    "police_informed": _("police informed"), "closed": _("closed"),
}


def what_happened(category: str | None, panic_at: str | None, created_at: str = "",
                  title: str = "") -> Text | str:
    """What the incident was about: the pack's title when given, LessonGuard's words for
    the category, or, when no report was made, that the panic was pressed and when."""
    if category:
        return title or CATEGORY_WORDS.get(category, category.replace("_", " "))
    at = panic_at or created_at
    if panic_at and at:
        return _("panic pressed at {time} on {day}, no report made", time=clock(at),
                 day=day(at))
    return _("no report made yet")


def incident_line(incident: dict[str, object]) -> Text:
    """One incident of a lesson's record, in words."""
    category = incident.get("category")
    status = str(incident.get("status") or "open")
    return _("Incident {id}: {what}; {status}", id=incident.get("id"),
             what=what_happened(str(category) if category else None,
                                str(incident["panic_at"]) if incident.get("panic_at") else None,
                                str(incident.get("created_at") or "")),
             status=STATUS_WORDS.get(status, status.replace("_", " ")))
