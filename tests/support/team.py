"""Two analysts' laptops: two project files made from the seeds, annotated differently.

Ayşe imports all five seeds, Mehmet three of them (001, 002, 003), each into a project
file of their own. On seed 001 (Turkish) and 002 (Persian) they agree on some mentions
and differ on others, each tags an event, and Mehmet adds an entity type of his own
(MEDIA). The figures the agreement tests expect were worked out by hand from this
table (B = Mehmet scored against A = Ayşe):

=========================  ==========================  ==========================
text (seed)                Ayşe                        Mehmet
=========================  ==========================  ==========================
Putin (001, 0-5)           PER                         PER                 exact
Bush (001, 9-13)           PER                         PER                 exact
Vladimir Putin (001)       PER 72-86                   PER 81-86 (Putin)   overlap 5/14
George Bush (001)          PER 90-101                  ORG 90-101          span only
Londra (001)               GPE                         --
Rusya (001)                --                          GPE
Majalla (001)              --                          MEDIA
ترامپ (002)                 PER kb Q22686               PER kb Q22686       exact, kb same
پوتین (002)                 PER kb Q7747                PER kb Q7747X       exact, kb differs
görüşmeleri (001)          Contact.Phone-Write:        Contact.Phone-Write:
                           Entity=Putin, Entity=Bush   Entity=Putin, Time=Bush
نشست (002)                  Contact.Meet                Conflict.Attack
=========================  ==========================  ==========================
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SEEDS
from workbench.core.model import Argument, Label
from workbench.ops import annotating
from workbench.ops.importing import ImportJob
from workbench.ops.projects import open_project
from workbench.ops.schema import add_label
from workbench.storage import documents as store_docs
from workbench.storage.project import Project, sqlite_uri

A, B = "ayşe", "mehmet"
SEED_001 = "001_d5152aefd5127724.txt"
SEED_002 = "002_cd534f5e258f1d2c.txt"
SEED_003 = "003_2bccc7ab1963331b.txt"


@dataclass
class Laptops:
    a: Path
    b: Path


def _doc(project: Project, source: str) -> tuple[int, str]:
    doc_id = store_docs.find_document(project.conn, source)
    return doc_id, store_docs.document_text(project.conn, doc_id)


def _at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def _mention(
    project: Project, doc: int, span: tuple[int, int], label: str, who: str, kb: str | None = None
) -> int:
    return annotating.add_mention(project, doc, *span, label, annotator=who, kb_id=kb).id


def build_a(path: Path) -> None:
    with open_project(path, create=True) as p:
        list(ImportJob(p, [SEEDS]).run())
        doc, text = _doc(p, SEED_001)
        putin = _mention(p, doc, _at(text, "Putin"), "PER", A)
        bush = _mention(p, doc, _at(text, "Bush"), "PER", A)
        _mention(p, doc, _at(text, "Vladimir Putin"), "PER", A)
        _mention(p, doc, _at(text, "George Bush"), "PER", A)
        _mention(p, doc, _at(text, "Londra"), "GPE", A)
        trigger = _at(text, "görüşmeleri")
        args = (Argument("Entity", putin), Argument("Entity", bush))
        annotating.add_event(p, doc, "Contact.Phone-Write", *trigger, args, annotator=A)
        doc, text = _doc(p, SEED_002)
        _mention(p, doc, _at(text, "ترامپ"), "PER", A, "Q22686")
        _mention(p, doc, _at(text, "پوتین"), "PER", A, "Q7747")
        annotating.add_event(p, doc, "Contact.Meet", *_at(text, "نشست"), annotator=A)
        # A translation, as Translation › Translate document would store it.
        doc, _ = _doc(p, SEED_001)
        first = store_docs.sentences_of(p.conn, doc)[0]
        with p.transaction() as conn:
            rows = [(first.id, "Putin and Bush's phone calls revealed!", "ok")]
            store_docs.store_translations(conn, rows, "argos:tr-en", "1.9")


def build_b(path: Path) -> None:
    with open_project(path, create=True) as p:
        list(ImportJob(p, [SEEDS / SEED_001, SEEDS / SEED_002, SEEDS / SEED_003]).run())
        add_label(p, Label("entity", "MEDIA", "#8c564b", "z"))
        doc, text = _doc(p, SEED_001)
        putin = _mention(p, doc, _at(text, "Putin"), "PER", B)
        bush = _mention(p, doc, _at(text, "Bush"), "PER", B)
        start = text.index("Vladimir Putin") + len("Vladimir ")
        _mention(p, doc, (start, start + 5), "PER", B)
        _mention(p, doc, _at(text, "George Bush"), "ORG", B)
        _mention(p, doc, _at(text, "Rusya"), "GPE", B)
        _mention(p, doc, _at(text, "Majalla"), "MEDIA", B)
        trigger = _at(text, "görüşmeleri")
        args = (Argument("Entity", putin), Argument("Time", bush))
        annotating.add_event(p, doc, "Contact.Phone-Write", *trigger, args, annotator=B)
        doc, text = _doc(p, SEED_002)
        _mention(p, doc, _at(text, "ترامپ"), "PER", B, "Q22686")
        _mention(p, doc, _at(text, "پوتین"), "PER", B, "Q7747X")
        annotating.add_event(p, doc, "Conflict.Attack", *_at(text, "نشست"), annotator=B)


def build_laptops(folder: Path) -> Laptops:
    laptops = Laptops(folder / "ayse.wbproj", folder / "mehmet.wbproj")
    build_a(laptops.a)
    build_b(laptops.b)
    return laptops


def content(path: Path) -> dict[str, set[tuple[object, ...]]]:
    """Everything a merge must keep, keyed by identity (ids differ between files)."""
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        q = conn.execute
        return {
            "documents": set(q("SELECT content_hash, text FROM documents")),
            "mentions": set(
                q(
                    'SELECT m.uid, d.content_hash, m.start, m."end", m.label, m.kb_id, m.annotator,'
                    " m.created_at FROM mentions m JOIN documents d ON d.id = m.document_id"
                )
            ),
            "events": set(
                q(
                    "SELECT e.uid, d.content_hash, e.type, e.trigger_start, e.trigger_end,"
                    " e.annotator FROM events e JOIN documents d ON d.id = e.document_id"
                )
            ),
            "arguments": set(
                q(
                    "SELECT e.uid, a.role, m.uid FROM event_arguments a"
                    " JOIN events e ON e.id = a.event_id JOIN mentions m ON m.id = a.mention_id"
                )
            ),
            "labels": set(q("SELECT kind, parent, name FROM labels")),
            "translations": set(
                q(
                    'SELECT d.content_hash, s.start, s."end", t.text, t.model FROM translations t'
                    " JOIN sentences s ON s.id = t.sentence_id"
                    " JOIN documents d ON d.id = s.document_id"
                )
            ),
        }
    finally:
        conn.close()


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (
                "documents",
                "mentions",
                "events",
                "event_arguments",
                "labels",
                "translations",
            )
        }
    finally:
        conn.close()
