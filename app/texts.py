"""Words for people, written in English here and shown in the person's language by the window.

Why: the domain (checks, policy decisions, lessons) knows no Qt, yet what it says (a check's
verdict, the fix, why a step is needed) is what people read most. `_("…{name}…", name=…)` keeps
the English template and its values apart, so the window can look the template up in the
translation (ui/translations.say) and fill the values in afterwards. Everything else (the
terminal, the logs, what is stored) sees a plain English string.

scripts/translations.sh collects every `_()` template into the translators' catalogue, under
the context "LessonGuard"; a template must be a plain string literal (no f-string) for that.
"""

from __future__ import annotations

from typing import Any

CONTEXT = "LessonGuard"


class Text(str):
    """An English message that remembers its template and values (a list value is shown as
    its items separated by commas)."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Text:
        shown = {k: joined(v) for k, v in values.items()}
        made = super().__new__(cls, template.format(**shown) if values else template)
        made.template = template
        made.values = values
        return made


def joined(value: Any) -> Any:
    """A list of words as a person reads it: "a, b, c" (each item already shown as text)."""
    return ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else value


def _(template: str, /, **values: Any) -> Text:
    """Mark a message for translation; `{name}` fields are filled from `values`."""
    return Text(template, **values)
