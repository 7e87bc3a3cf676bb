"""Who to tell: the organisation's own contacts from its pack, and the national services every
UK reporter can turn to, each with why and how.

Why kept as data next to the pack's contacts: the wizard, the PDF report and the prepared
email must all list the same people with the same numbers. Why ordered: a person who has just
pressed panic reads from the top, so the list follows what to do now: 999 first when a child
is in danger, then the organisation's safeguarding lead, then CEOP, Childline and the UK Safer
Internet Centre, then the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.incidents import Incident
from app.policy.engine import ROLE_WORDS, IncidentGuidance
from app.policy.schema import PolicyPack
from app.settings import SafeguardingLead
from app.texts import _


@dataclass(frozen=True)
class Phone:
    number: str
    who: str = ""  # whose number, when a route has several people


@dataclass(frozen=True)
class Route:
    key: str
    name: str
    why: str
    how: str  # phone numbers, email, web address: what to do
    email: str = ""
    urgent: bool = False
    phones: tuple[Phone, ...] = ()  # shown large, each with a copy button


NATIONAL: dict[str, Route] = {
    "police_999": Route(
        "police_999", _("Police (emergency): 999"),
        _("A child is in immediate danger, or a crime is happening now."),
        _("Call 999 now and say a child is at risk."), urgent=True, phones=(Phone("999"),)),
    "police_101": Route(
        "police_101", _("Police (non-emergency): 101"),
        _("A crime to report when no one is in immediate danger."),
        _("Call 101, or report online to your local police force."), phones=(Phone("101"),)),
    "ceop": Route(
        "ceop", _("CEOP (National Crime Agency)"),
        _("Online sexual abuse, grooming, or indecent images of a child."),
        _("Report at www.ceop.police.uk/ceop-reporting")),
    "childline": Route(
        "childline", _("Childline: 0800 1111"),
        _("For the child: free, confidential help, any time."),
        _("Call 0800 1111 or visit www.childline.org.uk"), phones=(Phone("0800 1111"),)),
    "uk_safer_internet_centre": Route(
        "uk_safer_internet_centre", _("UK Safer Internet Centre"),
        _("Harmful content online; advice for professionals working with children."),
        _("Report harmful content at reportharmfulcontent.com; Professionals Online Safety "
          "Helpline 0344 381 4772, helpline@saferinternet.org.uk"),
        email="helpline@saferinternet.org.uk", phones=(Phone("0344 381 4772"),)),
    "childnet": Route(
        "childnet", _("Childnet"), _("Non-urgent questions about keeping children safe online."),
        "www.childnet.com"),
}
TARGET_WHY = {
    "dsl": _("The organisation's designated safeguarding lead must be told about every "
             "concern."),
    "organisation": _("The organisation keeps the recordings and acts on the report."),
    "parent_carer": _("The child's parent or carer should know, unless that would put the "
                      "child at risk (ask the safeguarding lead first if unsure)."),
    "school_child_protection_officer": _("The school's child protection officer, for a "
                                         "lesson taken at school."),
}
ALWAYS_OFFERED = ("police_999", "police_101", "ceop", "childline", "uk_safer_internet_centre")


# What to do now, top first (999 goes first only when a child may be in danger).
ORDER = ("dsl", "organisation", "ceop", "childline", "uk_safer_internet_centre",
         "parent_carer", "school_child_protection_officer", "police_101", "childnet",
         "police_999")
LEAD_KEYS = ("dsl", "organisation")


def _lead_route(pack: PolicyPack, lead: SafeguardingLead) -> Route:
    """The lead entered on this computer: named as entered here, not as the policy's."""
    how = ", ".join(p for p in (lead.name, lead.phone, lead.email) if p)
    return Route("dsl", _("Designated safeguarding lead"), TARGET_WHY["dsl"],
                 _("{how} (entered in LessonGuard's settings; {org}'s policy names no phone "
                   "or email)", how=how, org=pack.organisation.name),
                 email=lead.email, phones=(Phone(lead.phone, lead.name),) if lead.phone else ())


def routes_for(pack: PolicyPack, guidance: IncidentGuidance,
               lead: SafeguardingLead | None = None) -> list[Route]:
    """The pack's routes for this incident (with its named people) and the national services,
    each once, in the order of what to do now. The safeguarding lead is always offered: from
    the pack, or as entered on this computer when the pack names no phone or email."""
    out: list[Route] = []
    seen: set[str] = set()
    for route in guidance.notify:
        if route.target in seen:
            continue
        seen.add(route.target)
        if route.target in NATIONAL:
            out.append(NATIONAL[route.target])
            continue
        people = route.contacts or tuple(
            c for c in pack.organisation.contacts if route.target == "organisation")
        how = "; ".join(
            ", ".join(p for p in (c.name + (f" ({c.title})" if c.title else ""),
                                  " / ".join(c.phones), c.email) if p)
            for c in people)
        phones = tuple(dict.fromkeys(Phone(p, c.name) for c in people for p in c.phones))
        reachable = bool(phones) or any(c.email for c in people)
        if route.target in LEAD_KEYS and not reachable and lead is not None and lead.given:
            out.append(_lead_route(pack, lead))
            continue
        how = how or route.how  # the pack's own route, in its words (HMS: by email)
        if not how and route.target in LEAD_KEYS:
            org = pack.organisation
            how = (f"{org.name}: {org.help_email}" if org.help_email
                   else _("Contact {org} by the route they gave you; this policy names no "
                          "phone or email.", org=org.name))
        if not how and route.target == "parent_carer":
            # The policy's own words on how (HMS: by email), else LessonGuard's, named.
            how = route.how or _("Once the lesson has stopped (LessonGuard's default: the "
                                 "policy does not say how).")
        email = next((c.email for c in people if c.email), pack.organisation.help_email)
        name = {"dsl": _("Designated safeguarding lead"),
                "organisation": pack.organisation.name,
                "parent_carer": _("The child's parent or carer"),
                "school_child_protection_officer": _("The school's child protection officer"),
                }.get(route.target, route.target.replace("_", " "))
        out.append(Route(route.target, name, TARGET_WHY.get(route.target, ""), how or "—",
                         email=email if route.target in LEAD_KEYS else "", phones=phones))
    if not seen & set(LEAD_KEYS) and lead is not None and lead.given:
        out.append(_lead_route(pack, lead))
        seen.add("dsl")
    for key in ALWAYS_OFFERED:
        if key not in seen:
            out.append(NATIONAL[key])
            seen.add(key)
    danger = guidance.call_999_first

    def rank(route: Route) -> int:
        if route.key == "police_999" and danger:
            return -1
        return ORDER.index(route.key) if route.key in ORDER else len(ORDER) - 1

    return sorted(out, key=rank)  # stable: the pack's own order within a rank


@dataclass(frozen=True)
class ReportEmail:
    """The email to the safeguarding lead: text only, never an image or a recording."""

    to: str
    subject: str
    body: str

    def as_text(self) -> str:
        """For the clipboard, when no mail program is set up."""
        head = [f"To: {self.to}"] if self.to else []
        return "\n".join([*head, f"Subject: {self.subject}", "", self.body])

    def as_eml(self) -> bytes:
        """An .eml file any mail program opens as a draft (RFC 5322, UTF-8)."""
        from email.message import EmailMessage
        from email.policy import SMTP

        message = EmailMessage(policy=SMTP)
        if self.to:
            message["To"] = self.to
        message["Subject"] = self.subject
        message["X-Unsent"] = "1"  # opened as a draft to send, not a received mail
        message.set_content(self.body)
        return message.as_bytes()


def report_email(incident: Incident, guidance: IncidentGuidance,
                 routes: list[Route]) -> ReportEmail:
    to = next((r.email for r in routes if r.key in LEAD_KEYS and r.email), "")
    title = guidance.title
    role = ROLE_WORDS.get(incident.reporter_role or "", (incident.reporter_role or "")
                          .replace("_", " "))
    body = "\n".join([
        f"Safeguarding concern: {title}",
        f"Reported by: {incident.reporter_name or ''} ({role})",
        f"When: {incident.details.get('happened_at', '')}",
        f"Who was involved: {incident.details.get('people_involved', '')}",
        f"What happened: {incident.details.get('narrative', '')}",
        f"The child's own words: {incident.details.get('child_words', '')}",
        f"Actions taken: {incident.details.get('actions_taken', '')}",
        "",
        f"LessonGuard incident {incident.id}. The evidence is kept on this computer; "
        "I can send the sealed package.",
    ])
    return ReportEmail(to, f"Safeguarding concern: {title}", body)


def pack_names_lead(pack: PolicyPack) -> bool:
    """Whether the pack gives a phone or an email for its safeguarding lead (or a help
    email): when not, LessonGuard asks for the lead at setup and in Settings."""
    roles = ("dsl", "deputy_dsl", "safeguarding_team", "organisation", "coordinator")
    return bool(pack.organisation.help_email) or any(
        c.phones or c.email for c in pack.organisation.contacts if c.role in roles)
