"""The project file's tables, as named migrations applied in order.

Each migration is a function recorded by name in the ``migrations`` table and run in
its own transaction; ``PRAGMA user_version`` holds how many have run, so a file written
by a newer workbench (a higher number) is refused instead of being misread. Column
names are plain and documented in the README so sqlite-utils and Datasette users can
query a project directly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from workbench.storage.document_list_migration import migrate_document_list
from workbench.storage.sql import statements as _statements

APPLICATION_ID = 0x5742504A  # "WBPJ": marks a SQLite file as a workbench project


def _m001_initial(conn: sqlite3.Connection) -> None:
    _statements(
        conn,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,              -- file name (or name:line for JSONL input)
            content_hash TEXT NOT NULL,        -- sha256 of the canonical text, hex
            lang TEXT,                         -- ISO 639-1 code, NULL if unknown
            lang_confidence REAL,              -- 0..1 from the detector; 1 when set by hand
            lang_source TEXT NOT NULL DEFAULT 'detected',  -- detected | user | imported
            text TEXT NOT NULL,                -- canonical text: offsets point into it
            status TEXT NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'done')),
            imported_at TEXT NOT NULL,
            UNIQUE (source, content_hash)
        );
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,              -- 0-based order within the document
            start INTEGER NOT NULL,            -- code points, end exclusive
            "end" INTEGER NOT NULL,
            UNIQUE (document_id, seq)
        );
        CREATE TABLE translations (
            sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
            text TEXT,                         -- NULL when the model could not read it
            status TEXT NOT NULL CHECK (status IN ('ok', 'untranslatable')),
            model TEXT NOT NULL,               -- e.g. argos:tr-en
            model_version TEXT NOT NULL,
            translated_at TEXT NOT NULL
        );
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('entity', 'event', 'role')),
            name TEXT NOT NULL,
            parent TEXT NOT NULL DEFAULT '',   -- for a role: its event type
            color TEXT NOT NULL,               -- #rrggbb
            shortcut TEXT,                     -- a single key, or NULL
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (kind, parent, name)
        );
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            kb_id TEXT,
            annotator TEXT,
            created_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            annotator TEXT,
            created_at TEXT NOT NULL,
            CHECK (trigger_start >= 0 AND trigger_end > trigger_start)
        );
        CREATE TABLE event_arguments (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
            UNIQUE (event_id, role, mention_id)
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE INDEX sentences_by_document ON sentences(document_id, seq);
        CREATE INDEX mentions_by_document ON mentions(document_id, start);
        CREATE INDEX events_by_document ON events(document_id, trigger_start);
        CREATE INDEX arguments_by_mention ON event_arguments(mention_id);
        """,
    )


def _m002_ids_never_reused(conn: sqlite3.Connection) -> None:
    """Mention, event and argument ids never come back; annotations get a stable uid.

    Without AUTOINCREMENT SQLite hands a deleted top id to the next insert, so an undo
    or redo that refers to a row by id could meet another program's new row under it.
    The tables are rebuilt (SQLite cannot add AUTOINCREMENT in place), keeping every id,
    and ``sqlite_sequence`` starts above the highest id present. ``uid`` identifies an
    annotation across files (export, import, merge), where ids mean nothing. Runs with
    foreign keys off (see ``Project._migrate``), checked before it commits.
    """
    _statements(
        conn,
        """
        CREATE TABLE new_mentions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            kb_id TEXT,
            annotator TEXT,
            created_at TEXT NOT NULL,
            uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
            CHECK (start >= 0 AND "end" > start)
        );
        INSERT INTO new_mentions (id, document_id, start, "end", label, kb_id, annotator,
                                  created_at)
            SELECT id, document_id, start, "end", label, kb_id, annotator, created_at
            FROM mentions;
        CREATE TABLE new_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            annotator TEXT,
            created_at TEXT NOT NULL,
            uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
            CHECK (trigger_start >= 0 AND trigger_end > trigger_start)
        );
        INSERT INTO new_events (id, document_id, type, trigger_start, trigger_end, annotator,
                                created_at)
            SELECT id, document_id, type, trigger_start, trigger_end, annotator, created_at
            FROM events;
        CREATE TABLE new_event_arguments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
            UNIQUE (event_id, role, mention_id)
        );
        INSERT INTO new_event_arguments (id, event_id, role, mention_id)
            SELECT id, event_id, role, mention_id FROM event_arguments;
        DROP TABLE event_arguments;
        DROP TABLE events;
        DROP TABLE mentions;
        ALTER TABLE new_mentions RENAME TO mentions;
        ALTER TABLE new_events RENAME TO events;
        ALTER TABLE new_event_arguments RENAME TO event_arguments;
        CREATE INDEX mentions_by_document ON mentions(document_id, start);
        CREATE INDEX events_by_document ON events(document_id, trigger_start);
        CREATE INDEX arguments_by_mention ON event_arguments(mention_id)
        """,
    )


def _m003_paragraph_directions(conn: sqlite3.Connection) -> None:
    """Paragraph directions set by hand (display only: text and offsets unchanged)."""
    _statements(
        conn,
        """
        CREATE TABLE paragraph_directions (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,            -- the paragraph's code points, end exclusive
            "end" INTEGER NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('rtl', 'ltr')),
            PRIMARY KEY (document_id, start),
            CHECK (start >= 0 AND "end" >= start)
        )
        """,
    )


def _m004_knowledge_base(conn: sqlite3.Connection) -> None:
    """The project knowledge base, mentions linked to it, and the search index.

    ``entities`` (type, preferred name, optional external id such as a Wikidata QID,
    note) and ``entity_aliases`` (a name in any script with its language and its
    normalized matching key, :mod:`workbench.text.normalize`) get AUTOINCREMENT ids and
    a ``uid``, as in 002: a merge's undo brings an entity back under its id, and a
    gazetteer travels between projects by uid. ``mentions.entity_id`` links a mention;
    each distinct free-text ``kb_id`` becomes an entity with that external id and the
    mentions move to it (their ``kb_id`` is cleared: the entity now holds it).
    ``entity_aliases_fts`` (trigram, kept by triggers) serves fuzzy candidate ranking.
    ``search_index`` holds each document's normalized word forms (our own keys: FTS5's
    tokenizers fold no Arabic script), filled on import and rebuilt when missing.
    """
    import sqlite_utils

    from workbench.storage.entities import adopt_kb_ids

    _statements(
        conn,
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
            type TEXT NOT NULL,                -- an entity label: PER, ORG, LOC ...
            name TEXT NOT NULL,                -- the preferred name
            external_id TEXT UNIQUE,           -- Wikidata QID, registry number, or NULL
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE entity_aliases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,               -- a name in any script
            lang TEXT,                         -- ISO 639-1, NULL if unknown
            key TEXT NOT NULL,                 -- its normalized matching key
            UNIQUE (entity_id, alias)
        );
        CREATE INDEX aliases_by_key ON entity_aliases(key);
        CREATE INDEX aliases_by_entity ON entity_aliases(entity_id);
        ALTER TABLE mentions ADD COLUMN entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL;
        CREATE INDEX mentions_by_entity ON mentions(entity_id);
        CREATE VIRTUAL TABLE search_index USING fts5(
            forms, detail = none, tokenize = "unicode61 remove_diacritics 0"
        );
        CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row');
        CREATE TRIGGER documents_leave_search_index AFTER DELETE ON documents
            BEGIN DELETE FROM search_index WHERE rowid = old.id; END
        """,
    )
    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    db.table("entity_aliases").enable_fts(["key"], tokenize="trigram", create_triggers=True)
    adopt_kb_ids(conn, None)


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("001_initial", _m001_initial),
    ("002_ids_never_reused", _m002_ids_never_reused),
    ("003_paragraph_directions", _m003_paragraph_directions),
    ("004_knowledge_base", _m004_knowledge_base),
    ("005_document_list", migrate_document_list),
]
SCHEMA_VERSION = len(MIGRATIONS)
