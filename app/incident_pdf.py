"""The incident report as a PDF a safeguarding lead can read and print.

Why fpdf2 and not Qt: `lessonguard incident export` must work headless and the domain layer
never imports Qt. The DejaVu font in resources/fonts covers every character the policies and
reports use (quotation marks, dashes, "●", accented names).
"""

from __future__ import annotations

from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from app.resources import resources_dir
from app.times import day_time

STATUS_TEXT = {"open": "Open", "reported_to_dsl": "Reported to the safeguarding lead",
               "police_informed": "Police informed", "closed": "Closed"}


def _when(iso: str | None) -> str:
    if not iso:
        return "—"
    return day_time(iso, seconds=True, zone=True, padded=True)


class _Report(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self.footer_text = footer_text
        fonts = resources_dir() / "fonts"
        self.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{self.footer_text} · page {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font("DejaVu", "B", 13)
        self.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("DejaVu", "", 10.5)

    def para(self, text: str, bold: bool = False) -> None:
        self.set_font("DejaVu", "B" if bold else "", 10.5)
        self.multi_cell(0, 5.6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.set_font("DejaVu", "", 10.5)

    def field(self, label: str, value: str) -> None:
        self.set_font("DejaVu", "B", 10.5)
        self.multi_cell(0, 5.6, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("DejaVu", "", 10.5)
        self.multi_cell(0, 5.6, value or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.ln(1)


def report_pdf(doc: dict[str, Any]) -> bytes:
    """The report as PDF bytes, in memory: a package sealed with a passphrase encrypts them
    before anything reaches the disk."""
    inc = doc["incident"]
    pdf = _Report(f"LessonGuard incident {inc['id']} · {doc['organisation']['name']} · "
                  f"signed by {doc['signer_fingerprint']}")
    pdf.set_title(f"Incident report {inc['id']}")
    pdf.set_creator(f"LessonGuard {doc['lessonguard']}")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 9, f"Incident report {inc['id']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 10.5)
    pdf.para(f"{doc['organisation']['name']} (policy pack “{doc['organisation']['pack_id']}”)"
             f" · exported {_when(doc['exported_at'])}")
    if inc["child_in_danger"]:
        pdf.set_text_color(176, 0, 32)
        pdf.para("A child may be in immediate danger: call 999.", bold=True)
        pdf.set_text_color(0, 0, 0)
    pdf.heading("What happened")
    pdf.field("Category", inc["category_title"] or inc["category"] or "not given")
    pdf.field("Status", STATUS_TEXT.get(inc["status"], inc["status"]))
    reporter = inc["reporter"]
    pdf.field("Reported by", f"{reporter['name'] or '—'} "
                             f"({(reporter['role'] or 'role not given').replace('_', ' ')})")
    pdf.field("Panic pressed", _when(inc["panic_at"]))
    details = inc["details"]
    pdf.field("When it happened", details.get("happened_at", ""))
    pdf.field("Who was involved", details.get("people_involved", ""))
    pdf.field("What happened, in the reporter's words", details.get("narrative", ""))
    pdf.field("The child's own words", details.get("child_words", ""))
    pdf.field("Actions taken", details.get("actions_taken", ""))

    pdf.heading("The organisation's procedure")
    if inc["procedure_basis"]:
        pdf.para(f"From: {inc['procedure_basis']}")
    for step in inc["steps"]:
        done = (f"done {_when(step['done_at'])} by {step['done_by']}" if step["done_at"]
                else "not done")
        pdf.para(f"{step['position']}. {step['text']}  [{done}]")

    pdf.heading("Who to tell")
    for route in doc["who_to_tell"]:
        pdf.para(route["name"], bold=True)
        if route["why"]:
            pdf.para(f"Why: {route['why']}")
        pdf.para(f"How: {route['how']}")
    if inc["contacted"]:
        pdf.heading("Who was told")
        for c in inc["contacted"]:
            pdf.para(f"{c['target']}: {c['how']} ({_when(c['at'])}, by {c['by']})")
    if inc["requests"]:
        pdf.heading("Requests to the organisation")
        for r in inc["requests"]:
            pdf.para(f"{r['description']} (asked {_when(r['at'])} by {r['by']})")
    if inc["follow_ups"]:
        pdf.heading("Follow-up")
        for f in inc["follow_ups"]:
            state = f"done {_when(f['done_at'])}" if f["done_at"] else "to do"
            pdf.para(f"{f['task']} Due {_when(f['due_at'])[:11]}. [{state}]")

    pdf.heading("Evidence")
    if inc["sealed"]:
        pdf.para("Indecent images of a child: no screenshot was taken or kept, and the "
                 "recording is sealed for the police. Do not replay it.", bold=True)
    for e in inc["evidence"]:
        pdf.para(f"{e['file']} — {e['note']} (SHA-256 {e['sha256'] or 'in the manifest'})")
    if not inc["evidence"]:
        pdf.para("None.")
    pdf.heading("Record of actions (from the audit log)")
    for a in doc["audit_trail"]:
        pdf.para(f"{_when(a['ts'])} · {a['actor']} · {a['action']}")
    return bytes(pdf.output())
