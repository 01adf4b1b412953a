"""The label schema: shipped presets, and every change undoable without losing annotations."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from workbench.core.model import Argument, Label, Schema
from workbench.errors import KnownError
from workbench.ops import annotating
from workbench.ops import schema as ops
from workbench.storage import documents as store_docs
from workbench.storage.annotations import load_schema
from workbench.storage.project import Project
from workbench.text.canonical import content_hash
from workbench.text.segment import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

ACE_EVENTS = """Life.Be-Born Life.Marry Life.Divorce Life.Injure Life.Die Movement.Transport
Transaction.Transfer-Ownership Transaction.Transfer-Money Business.Start-Org
Business.Merge-Org Business.Declare-Bankruptcy Business.End-Org Conflict.Attack
Conflict.Demonstrate Contact.Meet Contact.Phone-Write Personnel.Start-Position
Personnel.End-Position Personnel.Nominate Personnel.Elect Justice.Arrest-Jail
Justice.Release-Parole Justice.Trial-Hearing Justice.Charge-Indict Justice.Sue
Justice.Convict Justice.Sentence Justice.Fine Justice.Execute Justice.Extradite
Justice.Acquit Justice.Appeal Justice.Pardon""".split()
PLOVER_EVENTS = """AGREE CONSULT SUPPORT COOPERATE AID CONCEDE RETREAT INVESTIGATE DEMAND
DISAPPROVE REJECT THREATEN SANCTION PROTEST CRIME MOBILIZE COERCE ASSAULT""".split()


def add_seed(project: Project, prefix: str = "002") -> int:
    """Store a seed directly (language detection is not what these tests are about)."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    with project.transaction() as conn:
        doc_id = store_docs.insert_document(
            conn, source=path.name, content_hash=content_hash(text), text=text,
            lang="fa", lang_confidence=1.0, sentences=split_sentences(text),
        )  # fmt: skip
    return doc_id


@pytest.fixture
def ace(project: Project) -> Project:
    """The conftest project with the Persian seed and the ACE 2005 schema."""
    add_seed(project)
    ops.apply_preset(project, "ace2005")
    return project


def names(labels: tuple[Label, ...] | list[Label]) -> list[str]:
    return [x.name for x in labels]


# -- presets -------------------------------------------------------------------------
def test_presets_are_listed() -> None:
    assert ops.preset_names() == ["ace2005", "plover"]
    assert ops.preset_info("ace2005").title == "ACE 2005"


def test_ace2005_preset() -> None:
    schema = ops.load_preset("ace2005")
    assert names(schema.entities)[:7] == ["PER", "ORG", "GPE", "LOC", "FAC", "VEH", "WEA"]
    assert [e.shortcut for e in schema.entities[:7]] == list("poglfvw")
    assert names(schema.events) == ACE_EVENTS
    roles = {e: names(schema.roles_of(e)) for e in ACE_EVENTS}
    assert roles["Conflict.Attack"] == ["Attacker", "Target", "Instrument", "Time", "Place"]
    assert roles["Transaction.Transfer-Ownership"][:4] == [
        "Buyer",
        "Seller",
        "Beneficiary",
        "Artifact",
    ]
    assert roles["Contact.Phone-Write"] == ["Entity", "Time"]
    assert roles["Justice.Sue"][:3] == ["Plaintiff", "Defendant", "Adjudicator"]
    assert "Sentence" in roles["Justice.Sentence"] and "Position" in roles["Personnel.Elect"]
    assert {"Destination", "Origin", "Vehicle"} <= set(roles["Movement.Transport"])
    assert all(roles.values())
    # Role colours follow their event, so a trigger and its roles read as one.
    meet = schema.events[ACE_EVENTS.index("Contact.Meet")]
    assert {r.color for r in schema.roles_of("Contact.Meet")} == {meet.color}


def test_plover_preset() -> None:
    schema = ops.load_preset("plover")
    assert names(schema.events) == PLOVER_EVENTS
    assert all(names(schema.roles_of(e)) == ["source", "target"] for e in PLOVER_EVENTS)
    assert {"PER", "ORG", "GPE"} <= set(names(schema.entities))


def _lab(color: str) -> tuple[float, float, float]:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(int(color[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x, y, z = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _distance(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


@pytest.mark.parametrize("name", ["ace2005", "plover"])
def test_preset_colours_are_readable_and_distinct(name: str) -> None:
    schema = ops.load_preset(name)
    labels = [*schema.entities, *schema.events]
    for x in labels:
        lightness = _lab(x.color)[0]
        # Translucent on white: a near-white colour vanishes, a near-black one hides text.
        assert 40 <= lightness <= 85, (x.name, x.color, lightness)
    entities = [x.color for x in schema.entities]
    assert min(_distance(a, b) for i, a in enumerate(entities) for b in entities[i + 1 :]) > 20
    colors = [x.color for x in labels]
    assert min(_distance(a, b) for i, a in enumerate(colors) for b in colors[i + 1 :]) > 5


@pytest.mark.parametrize("name", ["ace2005", "plover"])
def test_preset_shortcuts_are_unique_single_keys(name: str) -> None:
    schema = ops.load_preset(name)
    keys = [x.shortcut for x in (*schema.entities, *schema.events) if x.shortcut]
    assert all(len(k) == 1 for k in keys)
    assert len({k.casefold() for k in keys}) == len(keys)
    assert all(x.shortcut for x in schema.entities)


def test_unknown_and_broken_presets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="ace2005, plover"):
        ops.load_preset("ace2004")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"entities": [{"name": "PER", "color": "red"}]}))
    with pytest.raises(KnownError, match="#rrggbb"):
        ops.load_preset(str(bad))
    bad.write_text(json.dumps({"entities": [
        {"name": "PER", "color": "#ff0000", "shortcut": "p"},
        {"name": "ORG", "color": "#00ff00", "shortcut": "P"},
    ]}))  # fmt: skip
    with pytest.raises(KnownError, match="taken by PER"):
        ops.load_preset(str(bad))


def test_schema_json_round_trips(ace: Project, tmp_path: Path) -> None:
    project = ace
    ops.recolour(project, "role", "Place", "#123456", parent="Contact.Meet")
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(ops.schema_to_json(ops.get_schema(project))), encoding="utf-8")
    assert ops.load_preset(str(path)) == ops.get_schema(project)


# -- whole schemas -------------------------------------------------------------------
def test_default_schema_only_for_a_project_without_labels(project: Project) -> None:
    proj = project
    add_seed(proj)
    change = ops.ensure_default_schema(proj)
    assert change is not None and change.before == Schema()
    assert names(ops.get_schema(proj).events) == ACE_EVENTS
    ops.apply_preset(proj, "plover")
    assert ops.ensure_default_schema(proj) is None
    assert names(ops.get_schema(proj).events) == PLOVER_EVENTS


def test_applying_a_preset_keeps_labels_in_use_and_undoes(project: Project) -> None:
    proj, doc = project, add_seed(project)
    ops.apply_preset(proj, "ace2005")
    ops.rekey(proj, "entity", "PER", "k")
    before = ops.get_schema(proj)
    text = store_docs.document_text(proj.conn, doc)
    at = text.index("ترامپ")
    trump = annotating.add_mention(proj, doc, at, at + 5, "PER")
    thing = annotating.add_mention(proj, doc, 0, 5, "WEA")
    annotating.add_mention(proj, doc, 6, 10, "Kişi")  # imported: in no schema
    annotating.add_event(proj, doc, "Contact.Meet", at, at + 5, (Argument("Entity", trump.id),))

    change = ops.apply_preset(proj, "plover")
    kept = {(x.kind, x.parent, x.name) for x in change.kept}
    assert kept == {("entity", "", "Kişi"), ("entity", "", "WEA"),
                    ("event", "", "Contact.Meet"), ("role", "Contact.Meet", "Entity")}  # fmt: skip
    after = ops.get_schema(proj)
    assert "WEA" in names(after.entities) and "Contact.Meet" in names(after.events)
    # PER is in PLOVER too, with its preset key; WEA keeps its colour and key "w".
    assert [x for x in after.entities if x.name == "WEA"][0].shortcut == "w"
    assert [x for x in after.entities if x.name == "PER"][0].shortcut == "p"
    assert annotating.events_using(proj, trump.id)[0].type == "Contact.Meet"
    assert thing.id in {m.id for m in store_docs.get_document(proj.conn, doc).mentions}

    ops.restore_schema(proj, change.before)  # undo: exactly as before, "Kişi" not added
    assert ops.get_schema(proj) == before


def test_a_schema_change_is_saved_in_the_file(project: Project) -> None:
    ops.apply_preset(project, "plover")
    ops.add_label(project, Label("entity", "MIL", "#445566", "m"))
    # A second connection sees it: committed, not waiting in an open transaction.
    with closing(sqlite3.connect(project.path)) as again:
        assert names(load_schema(again).entities)[-1] == "MIL"


# -- single labels -------------------------------------------------------------------
def test_add_label_and_undo(ace: Project) -> None:
    project = ace
    before = ops.get_schema(project)
    added = ops.add_label(project, Label("entity", " NORP ", "#ABC", "N"))
    assert added == Label("entity", "NORP", "#aabbcc", "N")
    assert ops.get_schema(project).entities[-1] == added
    ops.add_label(project, Label("role", "Witness", "#aabbcc", "w", parent="Contact.Meet"))
    assert "Witness" in names(ops.get_schema(project).roles_of("Contact.Meet"))
    ops.remove_label(project, "role", "Witness", parent="Contact.Meet")
    ops.remove_label(project, "entity", "NORP")
    assert ops.get_schema(project) == before


@pytest.mark.parametrize(
    ("label", "message"),
    [
        (Label("entity", "PER", "#000000"), "already in the schema"),
        (Label("entity", "X", "#00000"), "#rrggbb"),
        (Label("entity", "X", "#000000", "P"), "taken by PER"),
        (Label("event", "X", "#000000", "o"), "taken by ORG"),
        (Label("entity", "X", "#000000", "ab"), "single printable key"),
        (Label("entity", "X", "#000000", " "), "single printable key"),
        (Label("entity", "X", "#000000", "\u0651"), "single printable key"),
        (Label("entity", "  ", "#000000"), "empty"),
        (Label("role", "Judge", "#000000", parent="Nope.Event"), "no event type"),
        (Label("thing", "X", "#000000"), "kind"),
    ],
)
def test_add_label_refusals(ace: Project, label: Label, message: str) -> None:
    project = ace
    before = ops.get_schema(project)
    with pytest.raises(KnownError, match=message):
        ops.add_label(project, label)
    assert ops.get_schema(project) == before


def test_rename_renames_annotations_and_undoes(ace: Project) -> None:
    proj, doc = ace, store_docs.document_ids(ace.conn)[0]
    text = store_docs.document_text(proj.conn, doc)
    at = text.index("ترامپ")
    trump = annotating.add_mention(proj, doc, at, at + 5, "PER")
    event = annotating.add_event(
        proj, doc, "Contact.Meet", at, at + 5, (Argument("Entity", trump.id),)
    )

    done = ops.rename_label(proj, "entity", "PER", "PERSON")
    assert done.annotations == 1
    ops.rename_label(proj, "event", "Contact.Meet", "Contact.Summit")
    ops.rename_label(proj, "role", "Entity", "Participant", parent="Contact.Summit")
    got = store_docs.get_document(proj.conn, doc)
    assert [m.label for m in got.mentions] == ["PERSON"]
    assert got.events[0].type == "Contact.Summit"
    assert got.events[0].arguments == (Argument("Participant", trump.id),)
    assert "Participant" in names(ops.get_schema(proj).roles_of("Contact.Summit"))
    # Another event type's "Entity" role is not touched.
    assert "Entity" in names(ops.get_schema(proj).roles_of("Contact.Phone-Write"))

    ops.rename_label(proj, "role", "Participant", "Entity", parent="Contact.Summit")
    ops.rename_label(proj, "event", "Contact.Summit", "Contact.Meet")
    ops.rename_label(proj, "entity", done.new, done.old)
    assert annotating.events_using(proj, trump.id) == [event]
    assert ops.get_schema(proj) == ops.load_preset("ace2005")


def test_rename_refuses_to_merge(ace: Project) -> None:
    project = ace
    with pytest.raises(KnownError, match="already in the schema"):
        ops.rename_label(project, "entity", "PER", "ORG")
    doc = store_docs.document_ids(project.conn)[0]
    annotating.add_mention(project, doc, 7, 12, "Person")  # imported, not in the schema
    with pytest.raises(KnownError, match="1 mention"):
        ops.rename_label(project, "entity", "PER", "Person")
    with pytest.raises(KnownError, match="no entity type 'NOPE'"):
        ops.rename_label(project, "entity", "NOPE", "X")


def test_recolour_and_rekey_return_the_old_value(ace: Project) -> None:
    project = ace
    assert ops.recolour(project, "entity", "PER", "#010203") == "#e15759"
    assert ops.get_schema(project).entities[0].color == "#010203"
    with pytest.raises(KnownError, match="#rrggbb"):
        ops.recolour(project, "entity", "PER", "blue")
    assert ops.rekey(project, "entity", "PER", "ş") == "p"
    assert ops.rekey(project, "event", "Contact.Meet", "p") is None  # "p" is free now
    with pytest.raises(KnownError, match="taken by Contact.Meet"):
        ops.rekey(project, "entity", "ORG", "P")
    assert ops.rekey(project, "event", "Contact.Meet", None) == "p"
    # Role keys only need to be unique within their event type's picker.
    ops.rekey(project, "role", "Entity", "e", parent="Contact.Meet")
    ops.rekey(project, "role", "Entity", "e", parent="Contact.Phone-Write")
    with pytest.raises(KnownError, match="taken by Entity"):
        ops.rekey(project, "role", "Place", "E", parent="Contact.Meet")


def test_remove_refuses_while_used_and_restores_in_place(ace: Project) -> None:
    project = ace
    doc = store_docs.document_ids(project.conn)[0]
    m = annotating.add_mention(project, doc, 7, 12, "GPE")
    annotating.add_mention(project, doc, 13, 18, "GPE")
    with pytest.raises(KnownError, match="2 mention"):
        ops.remove_label(project, "entity", "GPE")
    e = annotating.add_event(project, doc, "Conflict.Attack", 0, 4, (Argument("Target", m.id),))
    with pytest.raises(KnownError, match="1 argument"):
        ops.remove_label(project, "role", "Target", parent="Conflict.Attack")
    with pytest.raises(KnownError, match="1 event"):
        ops.remove_label(project, "event", "Conflict.Attack")
    annotating.delete_event(project, e.id)

    before = ops.get_schema(project)
    removed = ops.remove_label(project, "event", "Conflict.Attack")
    assert len(removed.labels) == 1 + len(before.roles_of("Conflict.Attack"))
    assert ops.get_schema(project).roles_of("Conflict.Attack") == []
    removed_too = ops.remove_label(project, "entity", "LOC")
    ops.restore_labels(project, removed_too)
    ops.restore_labels(project, removed)
    assert ops.get_schema(project) == before
