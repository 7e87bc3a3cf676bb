"""Who to tell: the organisation's own contacts from its pack, and the national services every
UK reporter can turn to, each with why and how.

Why kept as data next to the pack's contacts: the wizard, the PDF report and the prepared
email must all list the same people with the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.policy.engine import IncidentGuidance
from app.policy.schema import PolicyPack
from app.texts import _


@dataclass(frozen=True)
class Route:
    key: str
    name: str
    why: str
    how: str  # phone numbers, email, web address: what to do
    email: str = ""
    urgent: bool = False


NATIONAL: dict[str, Route] = {
    "police_999": Route(
        "police_999", _("Police (emergency): 999"),
        _("A child is in immediate danger, or a crime is happening now."),
        _("Call 999 now and say a child is at risk."), urgent=True),
    "police_101": Route(
        "police_101", _("Police (non-emergency): 101"),
        _("A crime to report when no one is in immediate danger."),
        _("Call 101, or report online to your local police force.")),
    "ceop": Route(
        "ceop", _("CEOP (National Crime Agency)"),
        _("Online sexual abuse, grooming, or indecent images of a child."),
        _("Report at www.ceop.police.uk/ceop-reporting")),
    "childline": Route(
        "childline", _("Childline: 0800 1111"),
        _("For the child: free, confidential help, any time."),
        _("Call 0800 1111 or visit www.childline.org.uk")),
    "uk_safer_internet_centre": Route(
        "uk_safer_internet_centre", _("UK Safer Internet Centre"),
        _("Harmful content online; advice for professionals working with children."),
        _("Report harmful content at reportharmfulcontent.com; Professionals Online Safety "
          "Helpline 0344 381 4772, helpline@saferinternet.org.uk"),
        email="helpline@saferinternet.org.uk"),
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


def routes_for(pack: PolicyPack, guidance: IncidentGuidance) -> list[Route]:
    """The pack's routes for this incident first (with its named people), then the national
    services; the police first when a child may be in danger. Each once."""
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
        if not how and route.target in ("dsl", "organisation"):
            org = pack.organisation
            how = (f"{org.name}: {org.help_email}" if org.help_email
                   else _("Contact {org} by the route they gave you; this policy names no "
                          "phone or email.", org=org.name))
        if not how and route.target == "parent_carer":
            how = _("By phone, after the lesson has been stopped.")
        email = next((c.email for c in people if c.email), pack.organisation.help_email)
        name = {"dsl": _("Designated safeguarding lead"),
                "organisation": pack.organisation.name,
                "parent_carer": _("The child's parent or carer"),
                "school_child_protection_officer": _("The school's child protection officer"),
                }.get(route.target, route.target.replace("_", " "))
        out.append(Route(route.target, name, TARGET_WHY.get(route.target, ""), how or "—",
                         email=email if route.target in ("dsl", "organisation") else ""))
    for key in ALWAYS_OFFERED:
        if key not in seen:
            out.append(NATIONAL[key])
            seen.add(key)
    if guidance.call_999_first:
        out.sort(key=lambda r: not r.urgent)  # the police first when a child is in danger
    return out
