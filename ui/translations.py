"""Install the translations for the person's language: LessonGuard's own (.qm files in
resources/translations/) and Qt's for its standard buttons and dialogs.

Why: a parent or a school may not read English; every window string goes through Qt's `tr()`,
so a translator only needs the catalogue (resources/translations/lessonguard.ts) and
`scripts/translations.sh`, not the code.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import resources_dir
from app.texts import CONTEXT as DOMAIN_CONTEXT
from app.texts import Text


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks `source` for the translators' catalogue (lupdate finds the call by this name) and
    returns it unchanged; `tr(source)` translates it where it is shown. Qt's own returns an
    untyped object."""
    return source

log = logging.getLogger(__name__)
LANG_ENV = "LESSONGUARD_LANG"  # e.g. cy_GB: a language other than the computer's
CATALOGUE = "lessonguard"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def install_translations(app: QCoreApplication, language: str = "",
                         folder: Path | None = None) -> list[QTranslator]:
    """Load the best translations for `language` (default: LESSONGUARD_LANG, else the
    computer's locale) and return those installed: none when LessonGuard stays in English."""
    name = language or os.environ.get(LANG_ENV, "") or QLocale.system().name()
    locale = QLocale(name)
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue, where in (("qtbase", qt_dir), (CATALOGUE, str(folder or translations_dir()))):
        translator = QTranslator(app)  # parented to the app, so it lives as long as the app
        if translator.load(locale, catalogue, "_", where):
            app.installTranslator(translator)
            installed.append(translator)
            log.info("translation: %s (%s)", translator.filePath(), name)
    if not any(t.filePath().startswith(str(folder or translations_dir())) for t in installed):
        log.info("translation: LessonGuard has none for %s yet; it stays in English", name)
    return installed


class Translatable:
    """`self.tr()` for plain Python classes (the wirings): it looks strings up under the
    class's own name, the context pyside6-lupdate files them under."""

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)


def say(text: object) -> str:
    """A message from the domain in the person's language: a `Text` is looked up by its
    English template and its values filled in (themselves translated); anything else is
    shown as it is."""
    if not isinstance(text, Text):
        return str(text)
    template = QCoreApplication.translate(DOMAIN_CONTEXT, text.template)
    if not text.values:
        return template
    values = {k: ", ".join(say(i) for i in v) if isinstance(v, list | tuple) else
              say(v) if isinstance(v, Text) else v for k, v in text.values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation with broken {fields}
        log.warning("translation of %r has broken fields; shown in English", text.template)
        return str(text)


def say_error(exc: BaseException) -> str:
    """An error for people: what went wrong and what to do, each in the person's language."""
    status = getattr(exc, "status", None)  # a camera or microphone error
    message = getattr(exc, "message", None) or getattr(status, "message", None)
    if message is None:
        return str(exc)
    return say_parts(message, getattr(exc, "fix", "") or getattr(status, "fix", ""))


def say_parts(*parts: object) -> str:
    """Messages side by side (what happened, what to do), each in the person's language."""
    return " ".join(text for text in (say(part) for part in parts if part) if text)
