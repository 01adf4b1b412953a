"""The document list in SQL: sort orders equal to Python's, filters, pages, rows, counts."""

from __future__ import annotations

import random

import pytest

from workbench.core.model import Argument, DocumentInfo, Event, Mention
from workbench.storage import annotations as store_ann
from workbench.storage import documents as store_docs
from workbench.storage import listing
from workbench.storage.project import Project

# Names whose order depends on the collation: Turkish dotted and dotless i, Ç and Ş,
# ß (folds to "ss"), Persian and Arabic letters, digits, and case variants.
NAMES = [
    "İstanbul.txt",
    "istanbul.txt",
    "Istanbul.txt",
    "ırak.txt",
    "Irak.txt",
    "Çanakkale.txt",
    "çay.txt",
    "şehir.txt",
    "Sehir.txt",
    "straße.txt",
    "strasse.txt",
    "ترامپ.txt",
    "تهران.txt",
    "بوتين.txt",
    "الخبر.txt",
    "ا.txt",
    "پوتین.txt",
    "10.txt",
    "9.txt",
    "Zeta.txt",
    "alpha.txt",
    "feed.jsonl:12",
    "feed.jsonl:2",
]


def _fill(project: Project, seed: int = 3) -> None:
    rng = random.Random(seed)
    conn = project.conn
    with project.transaction():
        docs = []
        for i, name in enumerate(NAMES):
            n = rng.randint(0, 6)
            text = " ".join(f"Cümle {i}.{k}." for k in range(max(n, 1)))
            spans = [(0, len(text))] if n else []
            lang = rng.choice(["tr", "fa", "ar", None, "en"])
            docs.append(store_docs.NewDocument(name, f"h{i}", text, lang, 0.9, sentences=spans))
        ids = store_docs.insert_documents(conn, docs)
        for doc_id in ids:
            conn.execute(
                "UPDATE documents SET status = ? WHERE id = ?",
                (rng.choice(["todo", "in_progress", "done"]), doc_id),
            )
            sentences = store_docs.sentences_of(conn, doc_id)
            if sentences and rng.random() < 0.5:
                store_docs.store_translations(conn, [(sentences[0].id, "x", "ok")], "m", "1")
            mentions = [
                store_ann.insert_mention(conn, Mention(0, doc_id, k, k + 1, "PER"))
                for k in range(rng.randint(0, 3))
            ]
            for _ in range(rng.randint(0, 2)):
                args = (Argument("Agent", mentions[0]),) if mentions else ()
                store_ann.insert_event(conn, Event(0, doc_id, "Meet", 0, 1, args))


@pytest.fixture
def listed(project: Project) -> Project:
    _fill(project)
    return project


def _all(project: Project, query: listing.ListQuery) -> list[DocumentInfo]:
    return listing.page(project.conn, query, 0, 10_000)


@pytest.mark.parametrize("column", listing.SORT_COLUMNS)
@pytest.mark.parametrize("descending", [False, True])
def test_sql_order_is_pythons_order(listed: Project, column: str, descending: bool) -> None:
    every = listing.infos(listed.conn)
    expected = sorted(every, key=lambda info: listing.python_key(info, column), reverse=descending)
    query = listing.ListQuery(column=column, descending=descending)
    assert [i.id for i in _all(listed, query)] == [i.id for i in expected]


def test_source_names_sort_casefolded_in_code_point_order(listed: Project) -> None:
    names = [i.source for i in _all(listed, listing.ListQuery(column="source"))]
    assert names.index("alpha.txt") < names.index("Zeta.txt")  # case does not count
    assert names.index("9.txt") > names.index("10.txt")  # characters, not numbers
    # Turkish: İ folds to i + combining dot, after plain i; ı and ç after every Latin letter
    assert names.index("istanbul.txt") < names.index("İstanbul.txt") < names.index("ırak.txt")
    assert names.index("Irak.txt") < names.index("istanbul.txt")
    assert names.index("Zeta.txt") < names.index("çay.txt")
    # ß folds to ss: a tie with "strasse", broken by id (insertion order)
    assert names.index("straße.txt") + 1 == names.index("strasse.txt")
    # Arabic script after Latin, in code point order (ا U+0627 first, پ U+067E last)
    arabic = [n for n in names if n[0] > "\u0600"]
    assert arabic == ["ا.txt", "الخبر.txt", "بوتين.txt", "ترامپ.txt", "تهران.txt", "پوتین.txt"]


def test_pages_join_into_the_whole_list_and_rows_are_found(listed: Project) -> None:
    for column in listing.SORT_COLUMNS:
        query = listing.ListQuery(column=column, descending=column == "status")
        whole = _all(listed, query)
        pages = [listing.page(listed.conn, query, first, 5) for first in range(0, len(whole), 5)]
        assert [i for p in pages for i in p] == whole
        assert listing.count(listed.conn, query) == len(whole)
        for row, info in enumerate(whole):
            assert listing.row_of(listed.conn, query, info.id) == row


def _words(project: Project, text: str) -> tuple[listing.Word, ...]:
    names = {"tr": "Turkish", "fa": "Persian", "ar": "Arabic", "en": "English", None: "unknown"}
    return listing.filter_words(text, listing.languages(project.conn), names)


@pytest.mark.parametrize("text", ["txt", "İSTANBUL", "persian", "in progress", "jsonl done", "تر"])
def test_filter_is_every_word_in_name_language_or_status(listed: Project, text: str) -> None:
    names = {"tr": "Turkish", "fa": "Persian", "ar": "Arabic", "en": "English", None: "unknown"}
    titles = {"todo": "to do", "in_progress": "in progress", "done": "done"}
    words = [w.casefold() for w in text.split()]

    def shown(info: DocumentInfo) -> bool:
        fields = [info.source, info.lang or "", names[info.lang], titles[info.status], info.status]
        return all(any(w in f.casefold() for f in fields) for w in words)

    expected = [i.id for i in listing.infos(listed.conn) if shown(i)]
    query = listing.ListQuery(words=_words(listed, text))
    assert [i.id for i in _all(listed, query)] == expected
    assert listing.count(listed.conn, query) == len(expected)
    hidden = next((i.id for i in listing.infos(listed.conn) if not shown(i)), None)
    if hidden is not None:
        assert listing.row_of(listed.conn, query, hidden) == -1


def _recount(project: Project) -> list[tuple[int, int, int, int, int]]:
    return project.conn.execute(
        "SELECT d.id,"
        " (SELECT count(*) FROM sentences s WHERE s.document_id = d.id),"
        " (SELECT count(*) FROM sentences s JOIN translations t ON t.sentence_id = s.id"
        "   WHERE s.document_id = d.id),"
        " (SELECT count(*) FROM mentions m WHERE m.document_id = d.id),"
        " (SELECT count(*) FROM events e WHERE e.document_id = d.id)"
        " FROM documents d ORDER BY d.id"
    ).fetchall()


def _kept(project: Project) -> list[tuple[int, int, int, int, int]]:
    return project.conn.execute(
        "SELECT id, sentences, translated, mentions, events FROM document_list ORDER BY id"
    ).fetchall()


def test_counts_follow_every_write(listed: Project) -> None:
    conn = listed.conn
    assert _kept(listed) == _recount(listed)
    with listed.transaction():
        first = conn.execute("SELECT min(id) FROM mentions").fetchone()[0]
        store_ann.delete_mention(conn, first)
        conn.execute("DELETE FROM events WHERE id = (SELECT max(id) FROM events)")
        conn.execute(
            "DELETE FROM translations WHERE sentence_id = (SELECT max(sentence_id) FROM translations)"
        )
        # a sentence with a translation goes, and takes its translation with it
        sid = conn.execute("SELECT min(sentence_id) FROM translations").fetchone()[0]
        conn.execute("DELETE FROM sentences WHERE id = ?", (sid,))
        conn.execute("UPDATE documents SET status = 'done', lang = 'fa' WHERE id = 2")
    assert _kept(listed) == _recount(listed)
    info = listing.infos(conn, [2])[0]
    assert (info.status, info.lang) == ("done", "fa")
    with listed.transaction():
        conn.execute("DELETE FROM documents WHERE id = 3")
    assert 3 not in [i.id for i in listing.infos(conn)]
    assert _kept(listed) == _recount(listed)


def test_an_import_counts_what_it_stored(project: Project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from workbench.ops.importing import ImportJob

    text = "Ali geldi. Ayşe gitti."
    rows = [
        {
            "text": text,
            "sentences": [
                {"start": 0, "end": 10, "translation": "Ali came.", "model": "argos:tr-en@1"},
                {"start": 11, "end": 22},
            ],
            "entities": [{"id": "T1", "start": 0, "end": 3, "label": "PER"}],
            "events": [
                {"type": "Move", "trigger": {"start": 4, "end": 9}, "arguments": []},
                {"type": "Move", "trigger": {"start": 16, "end": 21}, "arguments": []},
            ],
        },
        {"text": "Veli kaldı. Bir cümle daha.", "label": [[0, 4, "PER"], [5, 10, "X"]]},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    for _ in ImportJob(project, [path]).run():
        pass
    assert _kept(project) == _recount(project)
    first, second = listing.infos(project.conn)
    assert (first.sentences, first.translated, first.mentions, first.events) == (2, 1, 1, 2)
    assert (second.translated, second.mentions, second.events) == (0, 2, 0)
    assert project.conn.execute(
        "SELECT count(*) FROM settings WHERE key = ?", (listing.BULK_KEY,)
    ).fetchone() == (0,)
