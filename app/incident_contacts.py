"""Who to tell: the organisation's own contacts from its pack, and the national services every
UK reporter can turn to, each with why and how.

Why kept as data next to the pack's contacts: the wizard, the PDF report and the prepared
email must all list the same people with the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.policy.engine import IncidentGuidance
from app.policy.schema import PolicyPack


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
        "police_999", "Police (emergency): 999",
        "A child is in immediate danger, or a crime is happening now.",
        "Call 999 now and say a child is at risk.", urgent=True),
    "police_101": Route(
        "police_101", "Police (non-emergency): 101",
        "A crime to report when no one is in immediate danger.",
        "Call 101, or report online to your local police force."),
    "ceop": Route(
        "ceop", "CEOP (National Crime Agency)",
        "Online sexual abuse, grooming, or indecent images of a child.",
        "Report at www.ceop.police.uk/ceop-reporting"),
    "childline": Route(
        "childline", "Childline: 0800 1111",
        "For the child: free, confidential help, any time.",
        "Call 0800 1111 or visit www.childline.org.uk"),
    "uk_safer_internet_centre": Route(
        "uk_safer_internet_centre", "UK Safer Internet Centre",
        "Harmful content online; advice for professionals working with children.",
        "Report harmful content at reportharmfulcontent.com; Professionals Online Safety "
        "Helpline 0344 381 4772, helpline@saferinternet.org.uk",
        email="helpline@saferinternet.org.uk"),
    "childnet": Route(
        "childnet", "Childnet", "Non-urgent questions about keeping children safe online.",
        "www.childnet.com"),
}
TARGET_WHY = {
    "dsl": "The organisation's designated safeguarding lead must be told about every concern.",
    "organisation": "The organisation keeps the recordings and acts on the report.",
    "parent_carer": "The child's parent or carer should know, unless that would put the "
                    "child at risk (ask the safeguarding lead first if unsure).",
    "school_child_protection_officer": "The school's child protection officer, for a "
                                       "lesson taken at school.",
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
                   else f"Contact {org.name} by the route they gave you; this policy names "
                        "no phone or email.")
        if not how and route.target == "parent_carer":
            how = "By phone, after the lesson has been stopped."
        email = next((c.email for c in people if c.email), pack.organisation.help_email)
        name = {"dsl": "Designated safeguarding lead", "organisation": pack.organisation.name,
                "parent_carer": "The child's parent or carer",
                "school_child_protection_officer": "The school's child protection officer",
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
