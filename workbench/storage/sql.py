"""Running a migration's SQL script inside the migration's own transaction."""

from __future__ import annotations

import sqlite3


def statements(conn: sqlite3.Connection, script: str) -> None:
    """Run the ``;``-separated statements of ``script`` one by one.

    Not ``executescript()``: it commits first, and a migration must be one transaction.
    """
    for statement in script.split(";\n"):
        if statement.strip():
            conn.execute(statement)
