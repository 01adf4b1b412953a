"""What the window remembers between sessions, in QSettings.

Geometry, the splitters' sizes, the docks' places, whether the panes are swapped,
which panes are shown, and the text size; and for each project, the document last shown
and where its caret was, so reopening a project puts the annotator back where they
stopped. Values are read defensively: a settings file from another version, or edited
by hand, must never stop the window from opening.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from workbench.gui.common import app as gui_app

if TYPE_CHECKING:
    from workbench.gui.window.main_window import MainWindow


def _truthy(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "1")


def restore(window: MainWindow) -> None:
    store = gui_app.settings()
    geometry = store.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    docks = store.value("window/docks")
    if isinstance(docks, QByteArray):
        window.restoreState(docks)
    for key, splitter in (("window/splitter", window.splitter), ("window/panes", window.panes)):
        state = store.value(key)
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
    if _truthy(store.value("window/swapped", False)) != window.panes_swapped:
        window.swap_panes()
    window.menu_actions.show_translation.setChecked(
        _truthy(store.value("window/translation", True))
    )
    window.menu_actions.show_list.setChecked(_truthy(store.value("window/list", True)))
    window.menu_actions.join_wrapped.setChecked(_truthy(store.value("view/join_wrapped", True)))
    window.set_join_wrapped(window.menu_actions.join_wrapped.isChecked())
    window.set_translation_visible(window.menu_actions.show_translation.isChecked())
    window.set_list_visible(window.menu_actions.show_list.isChecked())
    size = store.value("view/point_size")
    if size is not None:
        try:
            points = float(str(size))
        except ValueError:
            return
        for pane in (window.source, window.translation.view):
            pane.set_point_size(points)


def _place_key(window: MainWindow) -> str | None:
    if window.project is None:
        return None
    path = str(window.project.path.resolve())
    return "places/" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


def remember_place(window: MainWindow) -> None:
    """Note the shown document and the caret's offset, for this project."""
    key, doc = _place_key(window), window.document
    if key is None or doc is None:
        return
    view = window.source
    offset = view.offsets.from_qt(view.textCursor().position())
    gui_app.settings().setValue(key, f"{doc.id},{offset}")


def restore_place(window: MainWindow) -> bool:
    """Show the document last shown in this project, the caret where it was; False if
    there is none (or it is gone)."""
    key = _place_key(window)
    value = gui_app.settings().value(key) if key is not None else None
    try:
        doc_id, offset = (int(x) for x in str(value).split(","))
    except ValueError:
        return False
    if not window.documents.select(doc_id):
        return False
    if window.document is None:  # the list kept that row (same id): no signal
        window.show_document(doc_id)
    view = window.source
    if window.document is None or window.document.id != doc_id:
        return False
    offset = max(0, min(offset, len(view.text)))
    view.setTextCursor(view.cursor_for(offset))
    view.scroll_offset_to(offset)
    return True


def save(window: MainWindow) -> None:
    remember_place(window)
    store = gui_app.settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/docks", window.saveState())
    store.setValue("window/splitter", window.splitter.saveState())
    store.setValue("window/panes", window.panes.saveState())
    store.setValue("window/swapped", window.panes_swapped)
    store.setValue("window/translation", window.menu_actions.show_translation.isChecked())
    store.setValue("window/list", window.menu_actions.show_list.isChecked())
    store.setValue("view/join_wrapped", window.menu_actions.join_wrapped.isChecked())
    store.setValue("view/point_size", window.source.point_size())
    store.sync()
