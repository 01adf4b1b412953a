"""Errors a user can cause and act on.

A :class:`KnownError` carries a one-line message meant for the user (bad file, missing
model, locked project). The CLI prints it on stderr and exits non-zero; the GUI shows it
in a dialog. Every other exception is a bug and is left to be loud.
"""

from __future__ import annotations


class KnownError(Exception):
    """A problem the user caused or can fix; ``str(error)`` is the whole message."""


class ProjectError(KnownError):
    """The project file cannot be opened or written."""


class ImportRefused(KnownError):
    """An input file was refused; nothing from it was imported."""
