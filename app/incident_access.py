"""Who may see and take incident records: the person this computer was set up for, never a
role anyone can type or pick.

Why one place: `incident list` acted as the set-up role while `incident show` and `incident
export` asked nothing, and the window let anyone pick whom they were "viewing as". The rule is
the one playback and recordings export follow (`acting_role`): LessonGuard acts as the role
chosen at first run (`lessonguard setup --role`, audited); a role given on the command line
may only repeat it. Incident records are then shown to, and exported by, the people who
handle them (`VISIBLE_TO`: LessonGuard's rule, since no pack says who reads its incident
records).
"""

from __future__ import annotations

from pathlib import Path

from app.errors import ConfigurationError, LessonGuardError
from app.incident_package import export_incident
from app.incidents import VISIBLE_TO, Incident, Incidents
from app.policy.engine import ROLE_WORDS
from app.settings import load_settings
from app.store import Store
from app.texts import _


def acting_role(store: Store, claimed: str | None = None) -> str:
    """Who is watching, exporting or looking: the role chosen at first run on this computer,
    never a role typed on the command line (anyone can type --as organisation). Used by
    playback, recordings export and every incident record command, in the window too."""
    settings = load_settings(store)
    if settings.role is None or not settings.user_name.strip():
        raise ConfigurationError(
            _("LessonGuard does not know who uses this computer, so it cannot say what they "
              "may see or take."), _("Run `lessonguard setup --role ROLE --name NAME` first."))
    if claimed is not None and claimed != settings.role:
        hint = _("A person with another role uses LessonGuard on their own computer, or "
                 "receives an export from the safeguarding lead.")
        if claimed == "organisation":
            hint = _("No computer is set up as the organisation: its safeguarding lead "
                     "receives held recordings inside the incident's package, written on the "
                     "computer that holds them (`lessonguard incident export ID DIR "
                     "--passphrase-file FILE`).")
        raise ConfigurationError(
            _("This computer is set up for {name} ({role}); LessonGuard acts here as "
              "{role}, not as {claimed}.", name=settings.user_name,
              role=settings.role.replace("_", " "), claimed=claimed.replace("_", " ")), hint)
    return settings.role


class IncidentAccess:
    """The one gate in front of incident records (list, show, export), for the window and
    the command line."""

    def __init__(self, incidents: Incidents) -> None:
        self.incidents = incidents
        self.store = incidents.store

    def role(self, claimed: str | None = None) -> str:
        """The role acting here, if incident records may be shown to it; else raises."""
        role = acting_role(self.store, claimed)
        if role not in VISIBLE_TO:
            raise LessonGuardError(
                _("Incident records are not shown to the {role}.",
                  role=ROLE_WORDS.get(role, role.replace("_", " "))),
                _("Ask the organisation's safeguarding lead about an incident you reported."))
        return role

    def list(self, claimed: str | None = None) -> list[Incident]:
        return self.incidents.list(self.role(claimed))

    def show(self, incident_id: int, claimed: str | None = None) -> Incident:
        self.role(claimed)
        return self.incidents.get(incident_id)

    def export(self, incident_id: int, dest: Path, *, passphrase: str | None = None,
               claimed: str | None = None, how: str = "") -> Path:
        """The sealed package, written as the person set up here (named in the audit
        entry, with `how`: the command or the window)."""
        role = self.role(claimed)
        name = load_settings(self.store).user_name.strip()
        actor = f"{name} ({role.replace('_', ' ')})" + (f", {how}" if how else "")
        return export_incident(self.store, self.incidents.data_dir, incident_id, dest,
                               passphrase=passphrase, actor=actor)
