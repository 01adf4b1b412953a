"""Project search: a string or an entity, normalized, whole word or substring.

The FTS5 index (:mod:`workbench.storage.search_index`) names the documents that hold
every word of the query in some form; each of them is then read and its words compared
with the query's (:mod:`workbench.text.normalize`), so a hit knows its place: ``start``
and ``end`` are code points into the document text, of the name itself -- "ترامب" in
"وترامب", "Trump" in "Trump’ın", "ترامپ" in "ترامپ‌ها" -- the span annotate-all
proposes. An entity is searched under its preferred name and every alias.

Whole word: a document word matches a query word when one of its forms (the whole word
or a stem without a proclitic or a Persian ending) is one of the query word's forms; a
query of several words matches consecutive words. Substring: the query's key anywhere
in a document's key (the index narrows to documents with a word containing each query
word); the hit is exactly what matched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from workbench.errors import KnownError
from workbench.storage import entities as store_entities
from workbench.storage import search_index as index
from workbench.storage.project import Project
from workbench.text.normalize import (
    WORD,
    Normalized,
    Word,
    normalize,
    query_words,
    stems,
    word_at,
)

CONTEXT = 40


@dataclass(frozen=True, slots=True)
class Hit:
    document: int
    source: str
    start: int  # the proposed span, code points, end exclusive
    end: int
    text: str
    before: str  # context, newlines as spaces
    after: str
    affix: str  # "" or what was left out: "proclitic", "ending", "suffix"

    def as_json(self) -> dict[str, object]:
        return {
            "document": self.document,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "before": self.before,
            "after": self.after,
        }


def documents_added(conn: sqlite3.Connection, doc_ids: Sequence[int]) -> None:
    """Call in the transaction that writes new documents (the import does): their
    free-text ``kb_id`` values become entity links, and the search index learns them."""
    store_entities.adopt_kb_ids(conn, doc_ids)
    index.index_documents(conn, doc_ids)


def ensure_indexed(project: Project) -> int:
    """Index the documents the index lacks; returns how many."""
    missing = index.unindexed(project.conn)
    if missing:
        with project.transaction() as conn:
            index.index_documents(conn, missing)
    return len(missing)


def reindex(project: Project) -> Iterator[tuple[int, int]]:
    with project.transaction() as conn:
        yield from index.reindex_all(conn)


def _phrases(project: Project, query: str | None, entity_id: int | None) -> list[list[Word]]:
    names: list[str] = []
    if query is not None and query.strip():
        names.append(query)
    if entity_id is not None:
        entity = store_entities.get_entity(project.conn, entity_id)
        if entity is None:
            raise KnownError(f"no entity with id {entity_id}")
        names.append(entity.name)
        names += [a.alias for a in store_entities.aliases_of(project.conn, entity_id)]
    phrases, seen = [], set()
    for name in names:
        qw = query_words(name)
        key = tuple(w.key for w in qw)
        if qw and key not in seen:
            seen.add(key)
            phrases.append(qw)
    if not phrases:
        raise KnownError("the search holds no word: type a name or a word")
    return phrases


def _match_expression(project: Project, phrase: list[Word], whole_word: bool) -> str | None:
    groups = []
    for w in phrase:
        if whole_word:
            forms = {f.key for f in w.forms}
        else:
            forms = set(index.vocabulary_containing(project.conn, w.key))
            if not forms:
                return None
        groups.append("(" + " OR ".join(index.quote(f) for f in sorted(forms)) + ")")
    return " AND ".join(groups)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - CONTEXT) : start].replace("\n", " ")
    after = text[end : end + CONTEXT].replace("\n", " ")
    return before, after


def _word_around(key: str, at: int) -> tuple[int, int]:
    """The key range of the word holding ``key[at]``."""
    a = b = at
    while a > 0 and key[a - 1].isalnum():
        a -= 1
    while b < len(key) and key[b].isalnum():
        b += 1
    return a, b


def _whole_word_spans(norm: Normalized, phrase: list[Word]) -> Iterator[tuple[int, int, str]]:
    wanted = [{f.key for f in w.forms} for w in phrase]
    key = norm.key

    def matches(span: tuple[int, int], j: int) -> bool:
        a, b = span
        k = key[a:b]
        return (
            k in wanted[j]
            or any(s in wanted[j] for s in stems(k))
            or (
                "\u200c" in norm.text[norm.start(a) : norm.end(b - 1)]
                and any(f.key in wanted[j] for f in word_at(norm, a, b).forms)
            )
        )

    def following(span: tuple[int, int]) -> tuple[int, int] | None:
        m = WORD.search(key, span[1])
        return None if m is None else (m.start(), m.end())

    # Only the words holding a form of the first query word are looked at, found with
    # str.find (in C): comparing every word of a long document in Python would not be.
    anchors: set[tuple[int, int]] = set()
    for form in wanted[0]:
        at = key.find(form)
        while at >= 0:
            if key[at].isalnum():
                anchors.add(_word_around(key, at))
            at = key.find(form, at + 1)
    n = len(phrase)
    for anchor in sorted(anchors):
        words: list[tuple[int, int]] = [anchor]
        while len(words) < n:
            nxt = following(words[-1])
            if nxt is None:
                break
            words.append(nxt)
        if len(words) < n or not all(matches(words[j], j) for j in range(n)):
            continue
        first = word_at(norm, *words[0])
        last = first if n == 1 else word_at(norm, *words[-1])
        head = next(f for f in first.forms if f.key in wanted[0])
        tail = next(f for f in last.forms if f.key in wanted[-1])
        if n == 1:
            start, end, affix = head.start, head.end, head.affix
        else:
            start = head.start if head.affix == "proclitic" else first.start
            end = tail.end if tail.affix == "ending" else last.end
            affix = head.affix or tail.affix
        after = following(words[-1])
        if (
            not affix
            and after is not None
            and norm.text[end : end + 1] in ("'", "\u2019", "\u02bc")
            and norm.start(after[0]) == end + 1
        ):
            affix = "suffix"  # Trump'ın: the name ends at the apostrophe
        yield start, end, affix


def _substring_spans(norm: Normalized, phrase: list[Word]) -> Iterator[tuple[int, int, str]]:
    needle = " ".join(w.key for w in phrase)
    at = norm.key.find(needle)
    while at >= 0:
        start, end = norm.span(at, at + len(needle))
        yield start, end, ""
        at = norm.key.find(needle, at + len(needle))


def places(
    norm: Normalized, phrase: list[Word], whole_word: bool = True
) -> Iterator[tuple[int, int, str]]:
    """(start, end, affix left out) of each place ``phrase`` occurs in a normalized text."""
    return _whole_word_spans(norm, phrase) if whole_word else _substring_spans(norm, phrase)


def search(
    project: Project,
    query: str | None = None,
    *,
    entity_id: int | None = None,
    whole_word: bool = True,
    lang: str | None = None,
    include_done: bool = True,
    documents: list[int] | None = None,
    limit: int = 1000,
) -> list[Hit]:
    """Every place ``query`` (or the entity ``entity_id``, under all its names) occurs.

    Hits come by document id, then position; at most ``limit`` of them.
    """
    ensure_indexed(project)
    conn = project.conn
    wanted_docs = set(documents) if documents is not None else None
    found: dict[tuple[int, int, int], Hit] = {}
    for phrase in _phrases(project, query, entity_id):
        match = _match_expression(project, phrase, whole_word)
        if match is None:
            continue
        for doc_id in index.candidates(conn, match):
            if wanted_docs is not None and doc_id not in wanted_docs:
                continue
            row = conn.execute(
                "SELECT source, text, lang, status FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            if row is None:
                continue
            source, text, doc_lang, status = row
            if (lang and doc_lang != lang) or (not include_done and status == "done"):
                continue
            norm = normalize(text)
            for start, end, affix in places(norm, phrase, whole_word):
                before, after = _context(text, start, end)
                found.setdefault(
                    (doc_id, start, end),
                    Hit(doc_id, source, start, end, text[start:end], before, after, affix),
                )
            if len(found) >= limit:
                break
    return [found[k] for k in sorted(found)][:limit]
