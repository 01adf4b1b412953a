"""Opening, creating and guarding the SQLite project file.

A project is any SQLite file whose ``application_id`` is ours. Before connecting, the
100-byte header is read: a file that is not SQLite, a SQLite file that is not a project,
or a project written by a newer version is refused with one line and never touched
(connecting and setting WAL would already write to it). Every change runs inside
:meth:`Project.transaction`, so a crash at any moment leaves the file valid, with each
document either whole or absent.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from workbench.errors import ProjectError
from workbench.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sqlite_uri(path: Path, mode: str) -> str:
    text = str(path.absolute()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{text}?mode={mode}"


def check_header(path: Path) -> None:
    """Refuse ``path`` unless it is a workbench project this version can read.

    The stamp is read through a read-only SQLite connection, never with ``open()``:
    closing any descriptor of a file drops every POSIX lock the process holds on it,
    SQLite's included, and another program closing its connection would then delete
    the WAL that this process's open connections still write into. SQLite shares its
    descriptors between the connections of one process and keeps them while locked.
    A read-only connection writes nothing, and it sees commits still in the WAL.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read the project file ({exc.strerror})") from None
    if size == 0:
        raise ProjectError(f"{path}: not a workbench project (not an SQLite database: empty)")
    try:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot read the project file ({exc})") from None
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if _code(exc) == SQLITE_NOTADB:
            raise ProjectError(
                f"{path}: not a workbench project (not an SQLite database)"
            ) from None
        raise _cannot_open(path, exc) from None
    finally:
        conn.close()
    if application_id != APPLICATION_ID:
        raise ProjectError(
            f"{path}: an SQLite database, but not a workbench project; "
            "choose another file name to create a new project"
        )
    if user_version > SCHEMA_VERSION:
        raise ProjectError(
            f"{path}: written by a newer version of the workbench (schema {user_version}, "
            f"this version reads up to {SCHEMA_VERSION}); update the workbench to open it"
        )


class Project:
    """An open project file: one connection, used by the thread that opened it.

    ``check_same_thread`` is off only so that a connection may be closed from another
    thread (a window closing while a job's thread ends); it is never shared for work.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        # Background work (a command, a job of the window) may wait longer for the
        # write lock than a keypress should: see transaction().
        self.patient = False

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Project:
        path = Path(path)
        exists = path.exists()
        if exists and path.is_dir():
            raise ProjectError(f"{path}: is a folder, not a project file")
        if exists:
            check_header(path)
        elif not create:
            raise ProjectError(f"{path}: no such project file")
        elif not path.parent.exists():
            raise ProjectError(f"{path}: the folder {path.parent} does not exist")
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProjectError(f"{path}: cannot open the project file ({exc})") from None
        project = cls(path, conn)
        try:
            project._configure()
            project._migrate()
            project._use_wal()
        except sqlite3.Error as exc:
            conn.close()
            raise _cannot_open(path, exc) from None
        except BaseException:
            conn.close()
            raise
        return project

    def _configure(self) -> None:
        c = self.conn
        # Another program (the CLI beside the window, a script) may hold the write lock
        # for one batch of its work; a write here waits for it rather than failing.
        c.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        c.execute("PRAGMA foreign_keys = ON")

    def _use_wal(self) -> None:
        # Switched on only after the migrations: a new file is stamped (application_id,
        # user_version) through the rollback journal, straight into the main file, so
        # the header check never meets a project whose stamp is still in a WAL.
        c = self.conn
        mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise ProjectError(f"{self.path}: cannot switch the project file to WAL mode")
        # NORMAL is durable across application crashes in WAL mode; only a power cut
        # can lose the last commits, never corrupt the file.
        c.execute("PRAGMA synchronous = NORMAL")

    def _migrate(self) -> None:
        c = self.conn
        version = c.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        # Migrations may rebuild tables (SQLite's way to change a column), which needs
        # foreign keys off; each is checked with foreign_key_check before it commits.
        c.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.transaction():
                c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                c.execute(
                    "CREATE TABLE IF NOT EXISTS migrations "
                    "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
            for number, (name, migration) in enumerate(MIGRATIONS, start=1):
                if number <= version:
                    continue
                with self.transaction():
                    # Another process may have run it while this one waited for the lock.
                    if c.execute("PRAGMA user_version").fetchone()[0] >= number:
                        continue
                    migration(c)
                    broken = c.execute("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise ProjectError(
                            f"{self.path}: migration {name} would break references "
                            f"({len(broken)} rows); the file was left as it was"
                        )
                    c.execute(
                        "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now())
                    )
                    c.execute(f"PRAGMA user_version = {number}")
        finally:
            c.execute("PRAGMA foreign_keys = ON")

    # -- lifetime --------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: committed when the block ends, rolled back on any error.

        A failure SQLite reports (a full disk, a read-only file, a lock held too long)
        becomes a :class:`ProjectError` that says what happened and that nothing of the
        change was kept. SQLite may already have rolled the transaction back itself (it
        does on a full disk): ``ROLLBACK`` is sent only while one is still open, so its
        "no transaction is active" never replaces the real error.
        """
        c = self.conn
        if c.in_transaction:  # nested: the outer block owns commit and rollback
            yield c
            return
        self._begin()
        try:
            yield c
            c.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.Error) and _code(exc) in _USER_CAUSED:
                raise ProjectError(f"{self.path}: {describe(exc)}; {NOT_SAVED}") from exc
            raise

    def _begin(self) -> None:
        """Take the write lock, waiting ``busy_timeout`` for another program's write
        (SQLite's busy handler); a patient project keeps asking up to PATIENT_S."""
        deadline = time.monotonic() + (PATIENT_S if self.patient else 0)
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.Error as exc:
                if _code(exc) in (SQLITE_BUSY, SQLITE_LOCKED) and time.monotonic() < deadline:
                    continue
                raise ProjectError(f"{self.path}: {describe(exc)}") from None

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolls back by itself when the connection goes

    # -- settings --------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


BUSY_TIMEOUT_MS = 10_000  # a write of the window waits this long, at most
PATIENT_S = 120  # and a command's or a background job's this long
NOT_SAVED = "this change was not saved, and nothing saved before it was lost"

# SQLite's primary result codes for failures a user causes or can fix.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
_USER_CAUSED = {
    SQLITE_BUSY,
    SQLITE_LOCKED,
    SQLITE_READONLY,
    SQLITE_IOERR,
    SQLITE_CORRUPT,
    SQLITE_FULL,
    SQLITE_CANTOPEN,
    SQLITE_NOTADB,
}


def _cannot_open(path: Path, exc: sqlite3.Error) -> ProjectError:
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    if _code(exc) in (SQLITE_CANTOPEN, SQLITE_READONLY) and not writable:
        # WAL mode writes beside the file (-wal, -shm) even to read it.
        return ProjectError(
            f"{path}: the project file or its folder is read-only; the workbench needs "
            "to write beside it (copy it to a writable folder, or change its permissions)"
        )
    return ProjectError(f"{path}: {describe(exc)}")


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of ``exc`` (0 when the error did not come from it)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def is_user_caused(exc: BaseException) -> bool:
    """Whether ``exc`` is an SQLite failure of the machine or the file, not a bug."""
    return isinstance(exc, sqlite3.Error) and _code(exc) in _USER_CAUSED


def describe(exc: sqlite3.Error) -> str:
    """A known SQLite failure in words a user can act on, chosen by its result code."""
    code = _code(exc)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return (
            "the project is locked by another program that is writing to it (waited "
            f"{BUSY_TIMEOUT_MS // 1000} s); try again when it has finished"
        )
    if code == SQLITE_FULL:
        return "the disk is full; free some space and try again"
    if code == SQLITE_READONLY:
        return "the project file is read-only (check its permissions or the disk)"
    if code == SQLITE_IOERR:
        return f"the disk could not be read or written ({exc}); check the disk and try again"
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return f"the project file is damaged (SQLite says: {exc}); restore it from a backup"
    if code == SQLITE_CANTOPEN:
        return f"the project file cannot be opened ({exc})"
    return f"SQLite error: {exc}"
