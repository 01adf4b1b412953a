"""Migration 005: documents' text moved to the end of the row, counts in a list table.

Kept apart from :mod:`workbench.storage.schema` for its size; named there, in order,
like every other migration.
"""

from __future__ import annotations

import sqlite3

from workbench.storage.listing import sort_source

_LIST_KEYS = "sort_source, lang, status"
_DOCUMENT_COLUMNS = (
    "id",
    "source",
    "content_hash",
    "lang",
    "lang_confidence",
    "lang_source",
    "status",
    "imported_at",
    "text",
)  # what a filter reads: indexes carry it along


def _unique_names(conn: sqlite3.Connection) -> None:
    """Give a second document of an existing name the name with " (2)" (then 3...)."""
    taken: set[str] = set()
    renames: list[tuple[str, int]] = []
    for doc_id, source in conn.execute("SELECT id, source FROM documents ORDER BY id"):
        name, n = source, 1
        while name in taken:
            n += 1
            name = f"{source} ({n})"
        taken.add(name)
        if name != source:
            renames.append((name, doc_id))
    conn.executemany("UPDATE documents SET source = ? WHERE id = ?", renames)


def migrate_document_list(conn: sqlite3.Connection) -> None:
    """Lists read no text: the text moves to the end of its row, counts get a table.

    SQLite stores a row's columns in order, spilling what does not fit into overflow
    pages; with ``text`` before ``status``, reading a document's status walked its whole
    text. ``documents`` is rebuilt with ``text`` last (every id kept; AUTOINCREMENT, so a
    document id never comes back). ``document_list`` is one narrow row per document with
    what the document list shows and sorts by, its counts kept by triggers on every
    write (a count on the wide row would rewrite the whole text each time), and one
    index per sortable column (:mod:`workbench.storage.listing`). Source names become
    unique (a later duplicate is renamed "name (2)"), so a name always means one
    document; imports recognise documents by content (``documents_by_hash``). Runs with
    foreign keys off (see ``Project._migrate``), checked before it commits.
    """
    _unique_names(conn)
    # What earlier migrations hung on documents goes with it: the rebuild re-creates
    # its triggers and indexes, and keeps any column added to it (before text).
    kept = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'documents'"
            " AND type IN ('trigger', 'index') AND sql IS NOT NULL"
        )
    ]
    extra = [
        (name, kind, notnull, default)
        for _, name, kind, notnull, default, _ in conn.execute("PRAGMA table_info(documents)")
        if name not in _DOCUMENT_COLUMNS
    ]
    added = "".join(
        f'"{name}" {kind}'
        + (" NOT NULL" if notnull else "")
        + (f" DEFAULT {default}" if default is not None else "")
        + ",\n"
        for name, kind, notnull, default in extra
    )
    copied = ", ".join([*_DOCUMENT_COLUMNS[:-1], *(f'"{name}"' for name, *_ in extra), "text"])
    for statement in (
        f"""CREATE TABLE new_documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL UNIQUE,       -- file name (or name:line for JSONL input)
            content_hash TEXT NOT NULL,        -- sha256 of the canonical text, hex
            lang TEXT,                         -- ISO 639-1 code, NULL if unknown
            lang_confidence REAL,              -- 0..1 from the detector; 1 when set by hand
            lang_source TEXT NOT NULL DEFAULT 'detected',  -- detected | user | imported
            status TEXT NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'done')),
            imported_at TEXT NOT NULL,
            {added}text TEXT NOT NULL                 -- canonical text, last: offsets point into it
        )""",
        f"INSERT INTO new_documents ({copied}) SELECT {copied} FROM documents",
        "DROP TABLE documents",
        "ALTER TABLE new_documents RENAME TO documents",
        *kept,
        "CREATE INDEX documents_by_hash ON documents(content_hash)",
        """CREATE TABLE document_list (
            id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            sort_source TEXT NOT NULL,         -- source.casefold(): the list sorts by it
            lang TEXT,
            lang_confidence REAL,
            status TEXT NOT NULL,
            sentences INTEGER NOT NULL DEFAULT 0,
            translated INTEGER NOT NULL DEFAULT 0,  -- sentences with a stored translation
            mentions INTEGER NOT NULL DEFAULT 0,
            events INTEGER NOT NULL DEFAULT 0
        )""",
        """INSERT INTO document_list (id, source, sort_source, lang, lang_confidence, status,
            sentences, translated, mentions, events)
            SELECT d.id, d.source, d.source, d.lang, d.lang_confidence, d.status,
            coalesce(s.n, 0), coalesce(t.n, 0), coalesce(m.n, 0), coalesce(e.n, 0)
            FROM documents d
            LEFT JOIN (SELECT document_id, count(*) AS n FROM sentences GROUP BY document_id)
                s ON s.document_id = d.id
            LEFT JOIN (SELECT s.document_id, count(*) AS n FROM translations t
                JOIN sentences s ON s.id = t.sentence_id GROUP BY s.document_id)
                t ON t.document_id = d.id
            LEFT JOIN (SELECT document_id, count(*) AS n FROM mentions GROUP BY document_id)
                m ON m.document_id = d.id
            LEFT JOIN (SELECT document_id, count(*) AS n FROM events GROUP BY document_id)
                e ON e.document_id = d.id""",
        # The row a new document gets when written by hand; insert_documents writes the
        # rows itself, with their casefolded key, and a bulk import counts once a batch:
        # while settings holds 'document_list.bulk' (only ever inside that writer's
        # transaction) the triggers adding to the counts stand aside.
        """CREATE TRIGGER document_list_insert AFTER INSERT ON documents
            WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'document_list.bulk') BEGIN
            INSERT INTO document_list (id, source, sort_source, lang, lang_confidence, status)
            VALUES (NEW.id, NEW.source, NEW.source, NEW.lang, NEW.lang_confidence,
                    NEW.status);
        END""",
        """CREATE TRIGGER document_list_update
            AFTER UPDATE OF source, lang, lang_confidence, status ON documents BEGIN
            UPDATE document_list SET source = NEW.source,
                sort_source = CASE WHEN NEW.source = OLD.source THEN sort_source
                                   ELSE NEW.source END,
                lang = NEW.lang, lang_confidence = NEW.lang_confidence, status = NEW.status
            WHERE id = NEW.id;
        END""",
        # No trigger adds sentences: they are written only with their document, by
        # insert_documents, which counts them (a trigger there cost a third of an import).
        # The unique (document_id, seq) index already serves what this one did.
        "DROP INDEX sentences_by_document",
        # BEFORE: the translation it takes along (ON DELETE CASCADE) can still be seen.
        """CREATE TRIGGER document_list_sentence_removed BEFORE DELETE ON sentences BEGIN
            UPDATE document_list SET sentences = sentences - 1,
                translated = translated
                    - EXISTS (SELECT 1 FROM translations WHERE sentence_id = OLD.id)
            WHERE id = OLD.document_id;
        END""",
        """CREATE TRIGGER document_list_translation_added AFTER INSERT ON translations
            WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'document_list.bulk') BEGIN
            UPDATE document_list SET translated = translated + 1
            WHERE id = (SELECT document_id FROM sentences WHERE id = NEW.sentence_id);
        END""",
        """CREATE TRIGGER document_list_translation_removed AFTER DELETE ON translations
        BEGIN
            UPDATE document_list SET translated = translated - 1
            WHERE id = (SELECT document_id FROM sentences WHERE id = OLD.sentence_id);
        END""",
        # A number that moves whenever a document comes, goes, or changes name, language
        # or status: the window's watch reads it instead of summing 100,000 rows.
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('document_list.version', 0)",
        """CREATE TRIGGER document_list_version_insert AFTER INSERT ON document_list BEGIN
            UPDATE settings SET value = value + 1 WHERE key = 'document_list.version';
        END""",
        """CREATE TRIGGER document_list_version_delete AFTER DELETE ON document_list BEGIN
            UPDATE settings SET value = value + 1 WHERE key = 'document_list.version';
        END""",
        """CREATE TRIGGER document_list_version_update
            AFTER UPDATE OF source, lang, status ON document_list BEGIN
            UPDATE settings SET value = value + 1 WHERE key = 'document_list.version';
        END""",
        """CREATE TRIGGER document_list_mention_added AFTER INSERT ON mentions
            WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'document_list.bulk') BEGIN
            UPDATE document_list SET mentions = mentions + 1 WHERE id = NEW.document_id;
        END""",
        """CREATE TRIGGER document_list_mention_removed AFTER DELETE ON mentions BEGIN
            UPDATE document_list SET mentions = mentions - 1 WHERE id = OLD.document_id;
        END""",
        """CREATE TRIGGER document_list_event_added AFTER INSERT ON events
            WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'document_list.bulk') BEGIN
            UPDATE document_list SET events = events + 1 WHERE id = NEW.document_id;
        END""",
        """CREATE TRIGGER document_list_event_removed AFTER DELETE ON events BEGIN
            UPDATE document_list SET events = events - 1 WHERE id = OLD.document_id;
        END""",
    ):
        conn.execute(statement)
    conn.executemany(
        "UPDATE document_list SET sort_source = ? WHERE id = ?",
        [
            (sort_source(source), doc_id)
            for doc_id, source in conn.execute("SELECT id, source FROM document_list").fetchall()
        ],
    )
    # One index per sortable column, each carrying what a filter reads, so a filtered
    # and sorted walk never leaves the index (the expressions are listing.SORT_SQL's).
    for name, key in (
        ("source", "sort_source"),
        ("lang", "coalesce(lang, '')"),
        ("status", "(CASE status WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END)"),
        ("sentences", "sentences"),
        (
            "translated",
            "(CASE WHEN sentences > 0 THEN CAST(translated AS REAL) / sentences ELSE 0.0 END)"
            ", id, sentences, translated",
        ),
        ("annotations", "(mentions + events), id, mentions, events"),
    ):
        columns = key if ", id" in key else f"{key}, id"
        conn.execute(
            f"CREATE INDEX document_list_by_{name} ON document_list({columns}, {_LIST_KEYS})"
        )
