"""Opening, creating and guarding the SQLite project file.

A project is any SQLite file whose ``application_id`` is ours. Before connecting, the
100-byte header is read: a file that is not SQLite, a SQLite file that is not a project,
or a project written by a newer version is refused with one line and never touched
(connecting and setting WAL would already write to it). Every change runs inside
:meth:`Project.transaction`, so a crash at any moment leaves the file valid, with each
document either whole or absent.
"""

from __future__ import annotations

import sqlite3
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from workbench.errors import ProjectError
from workbench.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

_MAGIC = b"SQLite format 3\x00"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_header(path: Path) -> None:
    """Refuse ``path`` unless it is a workbench project this version can read."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read the project file ({exc.strerror})") from None
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise ProjectError(f"{path}: not a workbench project (not an SQLite database)")
    user_version, application_id = struct.unpack(">I4xI", header[60:72])
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
    """An open project file. One connection, used by the thread that opened it."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._owner = threading.get_ident()

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
            if exists:
                project._check_stamp()
            project._configure()
            project._migrate()
            project._use_wal()
        except sqlite3.OperationalError as exc:
            conn.close()
            raise ProjectError(f"{path}: {_describe(exc)}") from None
        except BaseException:
            conn.close()
            raise
        return project

    def _check_stamp(self) -> None:
        """The header check again, through SQLite: it also sees commits still in the WAL."""
        c = self.conn
        application_id = c.execute("PRAGMA application_id").fetchone()[0]
        version = c.execute("PRAGMA user_version").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise ProjectError(f"{self.path}: an SQLite database, but not a workbench project")
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{self.path}: written by a newer version of the workbench (schema {version}, "
                f"this version reads up to {SCHEMA_VERSION}); update the workbench to open it"
            )

    def _configure(self) -> None:
        c = self.conn
        c.execute("PRAGMA busy_timeout = 10000")
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
                migration(c)
                c.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now()))
                c.execute(f"PRAGMA user_version = {number}")

    # -- lifetime --------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: committed when the block ends, rolled back on any error."""
        c = self.conn
        if c.in_transaction:  # nested: the outer block owns commit and rollback
            yield c
            return
        try:
            c.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ProjectError(f"{self.path}: {_describe(exc)}") from None
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        else:
            try:
                c.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                c.execute("ROLLBACK")
                raise ProjectError(f"{self.path}: {_describe(exc)}") from None

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


def _describe(exc: sqlite3.Error) -> str:
    """Known SQLite failures in words a user can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "the project is locked by another program; close it there and try again"
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full; free some space and try again"
    if "readonly" in text or "read-only" in text:
        return "the project file is read-only"
    if "malformed" in text or "not a database" in text:
        return "the project file is damaged (SQLite says: " + str(exc) + ")"
    return f"SQLite error: {exc}"
