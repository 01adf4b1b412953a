"""What Qt needs from a Linux system, checked before Qt is imported.

Qt 6.5+ draws on X11 through its xcb platform plugin, which links a dozen xcb
libraries that desktop systems usually have and minimal installs often lack (above all
``libxcb-cursor0``). When one is missing, creating the QApplication aborts the process
with Qt's "could not load the Qt platform plugin" message, which names neither the
library nor the fix; a missing library of Qt's own (EGL, fontconfig) fails the import
with a traceback. So before any Qt import, :func:`library_problem` asks the dynamic loader
for each library (as Qt would, honouring ``LD_LIBRARY_PATH``) and returns one line
naming the missing ones and the command that installs them on Debian/Ubuntu and on
Fedora. The xcb libraries are checked only when Qt would pick xcb: on Linux, with
``QT_QPA_PLATFORM`` unset or ``xcb``, outside a Wayland session (where Qt uses its
Wayland plugin); Qt's own libraries on Linux whatever the platform.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SystemLibrary:
    soname: str  # what the xcb plugin links
    debian: str  # the package holding it on Debian and Ubuntu
    fedora: str  # ... and on Fedora


# What PySide6's QtCore, QtGui, QtWidgets and QtDBus link outside the wheel (ldd on
# PySide6 6.11), the C and C++ runtimes and their own dependencies aside.
QT_LIBRARIES = (
    SystemLibrary("libEGL.so.1", "libegl1", "libglvnd-egl"),
    SystemLibrary("libGL.so.1", "libgl1", "libglvnd-glx"),
    SystemLibrary("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
    SystemLibrary("libfreetype.so.6", "libfreetype6", "freetype"),
    SystemLibrary("libglib-2.0.so.0", "libglib2.0-0", "glib2"),
    SystemLibrary("libdbus-1.so.3", "libdbus-1-3", "dbus-libs"),
    SystemLibrary("libX11.so.6", "libx11-6", "libX11"),
)
# The libraries libqxcb.so and libQt6XcbQpa.so.6 link (ldd on PySide6 6.11).
XCB_LIBRARIES = (
    SystemLibrary("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    SystemLibrary("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    SystemLibrary("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    SystemLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    SystemLibrary("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    SystemLibrary("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    SystemLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    SystemLibrary("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    SystemLibrary("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    SystemLibrary("libxcb.so.1", "libxcb1", "libxcb"),
    SystemLibrary("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    SystemLibrary("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    SystemLibrary("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    SystemLibrary("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    SystemLibrary("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    SystemLibrary("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    SystemLibrary("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
)


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname``, as it would for Qt's plugin."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(env: Mapping[str, str], platform: str) -> bool:
    """Whether Qt would start its xcb plugin in this environment."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":", 1)[0] == "xcb"
    wayland = env.get("XDG_SESSION_TYPE") == "wayland" and bool(env.get("WAYLAND_DISPLAY"))
    return not wayland


def missing_libraries(
    libraries: tuple[SystemLibrary, ...], found: Callable[[str], bool] | None = None
) -> list[SystemLibrary]:
    """The ``libraries`` that ``found`` (by default the dynamic loader) does not find."""
    found = found or loadable
    return [lib for lib in libraries if not found(lib.soname)]


def library_problem(
    env: Mapping[str, str], platform: str, found: Callable[[str], bool] | None = None
) -> str | None:
    """One line naming the missing libraries and how to install them; None if fine."""
    if not platform.startswith("linux"):
        return None
    wanted = QT_LIBRARIES + (XCB_LIBRARIES if uses_xcb(env, platform) else ())
    missing = missing_libraries(wanted, found)
    if not missing:
        return None
    names = ", ".join(lib.soname for lib in missing)
    debian = " ".join(dict.fromkeys(lib.debian for lib in missing))
    fedora = " ".join(dict.fromkeys(lib.fedora for lib in missing))
    what = "Qt's X11 (xcb) support" if set(missing) <= set(XCB_LIBRARIES) else "Qt"
    return (
        f"Qt cannot start: {what} needs {names}, not installed; "
        f"install with `sudo apt install {debian}` (Debian/Ubuntu) or "
        f"`sudo dnf install {fedora}` (Fedora)"
    )
