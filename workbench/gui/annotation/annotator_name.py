"""The annotator's name: asked for once, kept in the settings, stored on each annotation.

The first annotation of a session on a new machine asks for it (the login name is
offered); Annotation → Annotator Name... changes it. Without a name nothing is
annotated, so every stored mention and event says who made it.
"""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import QWidget

from workbench.gui.common import app as gui_app
from workbench.gui.common import dialogs

ANNOTATOR_KEY = "annotation/annotator"


def current_name() -> str:
    return str(gui_app.settings().value(ANNOTATOR_KEY, "") or "").strip()


def ask_name(parent: QWidget | None) -> str | None:
    """Ask for the name (the current one, or the login name, filled in); None if cancelled."""
    text, ok = dialogs.ask_text(
        parent,
        "Annotator",
        "Your name or initials, stored with each annotation you make:",
        text=current_name() or _login_name(),
    )
    name = text.strip() if ok else ""
    if name:
        gui_app.settings().setValue(ANNOTATOR_KEY, name)
    return name or None


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
