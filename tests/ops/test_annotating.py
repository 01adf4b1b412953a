"""Mentions and events: every change is stored at once, undoes exactly, and exports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from workbench.core.model import Argument, Event, Mention
from workbench.errors import KnownError
from workbench.io.formats import to_workbench
from workbench.ops import annotating as ops
from workbench.storage import annotations as store
from workbench.storage import documents as store_docs
from workbench.storage.project import Project
from workbench.text.canonical import content_hash
from workbench.text.segment import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def add_seed(project: Project, prefix: str) -> int:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    with project.transaction() as conn:
        return store_docs.insert_document(
            conn, source=path.name, content_hash=content_hash(text), text=text,
            lang=None, lang_confidence=None, sentences=split_sentences(text),
        )  # fmt: skip


@pytest.fixture
def persian(project: Project) -> tuple[Project, int, str]:
    doc = add_seed(project, "002")
    return project, doc, store_docs.document_text(project.conn, doc)


def stored(project: Project, doc: int) -> tuple[tuple[Mention, ...], tuple[Event, ...]]:
    got = store_docs.get_document(project.conn, doc)
    return got.mentions, got.events


def test_mention_is_stored_with_its_offsets(persian: tuple[Project, int, str]) -> None:
    project, doc, text = persian
    at = text.index("ترامپ")
    made = ops.add_mention(project, doc, at, at + 5, " PER ", annotator="leyla")
    assert made.id > 0 and made.label == "PER"
    (m,), _ = stored(project, doc)
    assert m == made and text[m.start : m.end] == "ترامپ" and m.annotator == "leyla"


@pytest.mark.parametrize(
    ("start", "end", "label", "message"),
    [(5, 5, "PER", "outside"), (-1, 3, "PER", "outside"), (0, 10**6, "PER", "outside"),
     (0, 5, "  ", "needs a label")],
)  # fmt: skip
def test_bad_mentions_are_refused_and_nothing_is_stored(
    persian: tuple[Project, int, str], start: int, end: int, label: str, message: str
) -> None:
    project, doc, _ = persian
    with pytest.raises(KnownError, match=message):
        ops.add_mention(project, doc, start, end, label)
    assert stored(project, doc) == ((), ())


def test_update_mention_returns_the_old_value_for_undo(persian: tuple[Project, int, str]) -> None:
    project, doc, text = persian
    at = text.index("پوتین")
    made = ops.add_mention(project, doc, at, at + 5, "PER")
    old = ops.update_mention(project, replace(made, label="GPE", end=at + 4))
    assert old == made
    assert stored(project, doc)[0][0].label == "GPE"
    ops.update_mention(project, old)  # undo
    assert stored(project, doc)[0] == (made,)
    with pytest.raises(KnownError, match="outside"):
        ops.update_mention(project, replace(made, end=len(text) + 1))
    with pytest.raises(KnownError, match="no mention"):
        ops.update_mention(project, replace(made, id=made.id + 99))


def two_argument_event(project: Project, doc: int, text: str) -> tuple[Mention, Mention, Event]:
    trump_at, putin_at = text.index("ترامپ"), text.index("پوتین")
    trump = ops.add_mention(project, doc, trump_at, trump_at + 5, "PER")
    putin = ops.add_mention(project, doc, putin_at, putin_at + 5, "PER")
    meet_at = text.index("نشست")
    event = ops.add_event(
        project, doc, "Contact.Meet", meet_at, meet_at + 4,
        (Argument("Entity", trump.id), Argument("Entity", putin.id)), annotator="leyla",
    )  # fmt: skip
    return trump, putin, event


def test_event_with_two_arguments_undo_redo(persian: tuple[Project, int, str]) -> None:
    project, doc, text = persian
    trump, putin, event = two_argument_event(project, doc, text)
    assert stored(project, doc)[1] == (event,)
    assert text[event.trigger_start : event.trigger_end] == "نشست"

    removed = ops.delete_event(project, event.id)  # undo of "add event"
    assert stored(project, doc)[1] == ()
    ops.restore_event(project, removed)  # redo: the same row comes back
    assert stored(project, doc)[1] == (event,)

    changed = replace(event, type="Conflict.Attack", arguments=(Argument("Attacker", putin.id),))
    old = ops.update_event(project, changed)
    assert old == event and stored(project, doc)[1] == (changed,)
    ops.update_event(project, old)
    assert stored(project, doc)[1] == (event,)


def test_deleting_a_mention_takes_its_argument_and_undelete_restores_it(
    persian: tuple[Project, int, str],
) -> None:
    project, doc, text = persian
    trump, putin, event = two_argument_event(project, doc, text)
    assert [e.id for e in ops.events_using(project, trump.id)] == [event.id]

    removed = ops.delete_mention(project, trump.id)
    assert removed.mention == trump and removed.events_before == (event,)
    mentions, (after,) = stored(project, doc)
    assert mentions == (putin,)
    assert after.arguments == (Argument("Entity", putin.id),)

    ops.undelete_mention(project, removed)
    mentions, events = stored(project, doc)
    assert set(mentions) == {trump, putin}
    assert events == (event,)  # the argument is back, pointing at the same id


def test_arguments_must_point_at_mentions_of_the_same_document(project: Project) -> None:
    fa, ar = add_seed(project, "002"), add_seed(project, "004")
    other = ops.add_mention(project, ar, 0, 5, "PER")
    with pytest.raises(KnownError, match="no mention of this document"):
        ops.add_event(project, fa, "Contact.Meet", 0, 4, (Argument("Entity", other.id),))
    with pytest.raises(KnownError, match="no mention"):
        ops.add_event(project, fa, "Contact.Meet", 0, 4, (Argument("Entity", 12345),))
    assert stored(project, fa) == ((), ())


def test_restore_mention_brings_back_the_same_id(persian: tuple[Project, int, str]) -> None:
    project, doc, text = persian
    made = ops.add_mention(project, doc, 0, 4, "ORG")
    ops.delete_mention(project, made.id)
    assert ops.restore_mention(project, made) == made
    assert stored(project, doc)[0] == (made,)


def test_export_contains_mentions_and_events(persian: tuple[Project, int, str]) -> None:
    project, doc, text = persian
    trump, putin, event = two_argument_event(project, doc, text)
    out = to_workbench(store_docs.get_document(project.conn, doc))
    by_key = {e["id"]: e for e in out["entities"]}
    assert sorted(e["text"] for e in out["entities"]) == ["ترامپ", "پوتین"]
    assert all(e["label"] == "PER" for e in out["entities"])
    (ev,) = out["events"]
    assert ev["type"] == "Contact.Meet" and ev["trigger"]["text"] == "نشست"
    assert ev["annotator"] == "leyla"
    assert sorted(by_key[a["entity"]]["text"] for a in ev["arguments"]) == ["ترامپ", "پوتین"]
    assert {a["role"] for a in ev["arguments"]} == {"Entity"}
    # Offsets are code points into the text that is exported alongside them.
    for e in out["entities"]:
        assert out["text"][e["start"] : e["end"]] == e["text"]


def test_inverses_refuse_a_row_another_program_changed(seeded) -> None:  # type: ignore[no-untyped-def]
    from workbench.ops.annotating import StaleChange

    made = ops.add_mention(seeded, 1, 0, 5, "PER")
    assert made.uid and len(made.uid) == 32
    seeded.conn.execute("UPDATE mentions SET label = 'ORG' WHERE id = ?", (made.id,))
    with pytest.raises(StaleChange, match="changed by another program"):
        ops.delete_mention(seeded, made.id, expected=made)
    assert store.get_mention(seeded.conn, made.id) is not None  # nothing written
    with pytest.raises(StaleChange):
        ops.restore_mention(seeded, made)  # its id is taken (by itself, changed)
    with pytest.raises(StaleChange):
        ops.update_mention(seeded, replace(made, label="GPE"), expected=made)
    gone = ops.delete_mention(seeded, made.id)  # no expectation: a plain delete
    again = ops.add_mention(seeded, 1, 0, 5, "PER")
    assert again.id > gone.mention.id and again.uid != made.uid  # ids never come back
    ops.restore_mention(seeded, gone.mention)
    assert store.get_mention(seeded.conn, made.id).uid == made.uid  # same row, same uid
