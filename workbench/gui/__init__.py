"""Qt widgets and the application; the only layer that imports PySide6.

Everything here reads through the storage layer and changes data only through the
operations layer (:mod:`workbench.ops`), in the GUI thread for small undoable changes
and through :mod:`.workers` for long jobs.
"""
