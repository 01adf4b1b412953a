"""The QApplication: names, bundled fonts, settings and the default project location.

Every laptop must draw Persian, Arabic and Turkish the same way, so the OFL Noto fonts
in ``resources/fonts`` are registered with ``QFontDatabase.addApplicationFont`` and the
text panes use a family list: Noto Sans first (Latin, Turkish), then Noto Naskh Arabic
(Arabic script), Noto Sans Symbols2 and Noto Sans Math (bullets, arrows, − ≈), and Noto
Color Emoji. Qt then picks per character, never a system font that happens to be
installed. Settings (window layout, recent projects, zoom) live in an INI file under the
user's configuration folder.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import workbench
from workbench.resources import resources_dir

log = logging.getLogger(__name__)

ORGANIZATION = "workbench"
APPLICATION = "workbench"
# Latin first, then Arabic script, then symbols the text fonts lack (bullets, arrows,
# pictographs in their text presentation: drawn in one colour like the text), then math
# signs (− ≈ ≤), then the colour emoji font, last: Qt gives emoji sequences (flags,
# ZWJ families, skin tones, ❤️ with its variation selector) to the emoji family itself.
TEXT_FAMILIES = [
    "Noto Sans",
    "Noto Naskh Arabic",
    "Noto Sans Symbols2",
    "Noto Sans Math",
    "Noto Color Emoji",
]
EMOJI_FAMILY = "Noto Color Emoji"
FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSansSymbols2-Regular.ttf",
    "NotoSansMath-Regular.ttf",
    "NotoColorEmoji.ttf",
)
DEFAULT_POINT_SIZE = 12
DEFAULT_PROJECT_NAME = "workbench.wbproj"

_fonts_loaded: list[str] | None = None


def load_fonts() -> list[str]:
    """Register the bundled fonts once; returns the families that loaded.

    A missing font is not fatal (the system's fonts still draw the text) but it is
    reported once on stderr, because rendering will then differ between machines.
    """
    global _fonts_loaded
    if _fonts_loaded is not None:
        return _fonts_loaded
    families: list[str] = []
    missing: list[str] = []
    folder = resources_dir() / "fonts"
    for name in FONT_FILES:
        path = folder / name
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
        if font_id < 0:
            missing.append(name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    add_emoji_family = getattr(QFontDatabase, "addApplicationEmojiFontFamily", None)
    if EMOJI_FAMILY in families and add_emoji_family is not None:  # Qt 6.9 and later
        # Else Qt prefers the system's emoji font for emoji, whatever the family list says.
        add_emoji_family(EMOJI_FAMILY)
    if missing:
        print(
            f"workbench: bundled fonts not found in {folder} ({', '.join(missing)}); "
            "text is drawn with system fonts and may look different (reinstall workbench)",
            file=sys.stderr,
        )
    _fonts_loaded = families
    return families


def text_font(point_size: float = DEFAULT_POINT_SIZE) -> QFont:
    """The font of document and translation text: the bundled families, in order."""
    font = QFont()
    font.setFamilies(TEXT_FAMILIES)
    font.setPointSizeF(point_size)
    # Kerning on, letter spacing never: spacing inserted between Arabic letters
    # breaks the joins between them.
    font.setKerning(True)
    return font


def make_app(argv: list[str] | None = None) -> QApplication:
    """The application object (created once), with names and fonts set up."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Workbench")
    app.setApplicationVersion(workbench.__version__)
    load_fonts()
    ui_font = QFont(app.font())
    ui_font.setFamilies([*TEXT_FAMILIES, *ui_font.families()])
    app.setFont(ui_font)
    return app


def settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def default_project_path() -> Path:
    """Where ``workbench`` with no arguments keeps its project when none was opened yet."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:
        base = str(Path.home() / ".local" / "share" / APPLICATION)
    folder = Path(base)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / DEFAULT_PROJECT_NAME


MAX_RECENT = 8


def recent_projects() -> list[Path]:
    value = settings().value("recent", [])
    if isinstance(value, str):  # QSettings returns a bare string for a one-item list
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(str(v)) for v in value if v]


def remember_project(path: Path) -> None:
    paths = [str(path.resolve())]
    paths += [str(p) for p in recent_projects() if str(p) != paths[0]]
    store = settings()
    store.setValue("recent", paths[:MAX_RECENT])
    store.setValue("last_project", paths[0])


def last_project() -> Path | None:
    value = settings().value("last_project", "")
    return Path(str(value)) if value else None
