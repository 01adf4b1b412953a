"""Project search on the seeds: one entity found in all five documents in three scripts,
each hit proposed without its affix; substring; the index kept by import and delete."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from workbench.cli.main import cli
from workbench.ops import knowledge, searching
from workbench.storage import search_index
from workbench.storage.project import Project
from workbench.text.normalize import key_of, normalize, query_words


def _trump(project: Project) -> int:
    return knowledge.create_entity(
        project, "PER", "Trump", lang="en", aliases=[("ترامپ", "fa"), ("ترامب", "ar")]
    ).id


def test_an_entity_is_found_in_every_seed_that_names_it_without_affixes(seeded: Project) -> None:
    hits = searching.search(seeded, entity_id=_trump(seeded))
    sources = {h.source[:3] for h in hits}
    assert sources == {"000", "002", "003", "004"}  # 001 names Putin and Bush, not Trump
    putin = knowledge.create_entity(
        seeded, "PER", "Putin", aliases=[("پوتین", "fa"), ("بوتين", "ar")]
    )
    sources |= {h.source[:3] for h in searching.search(seeded, entity_id=putin.id)}
    assert sources == {"000", "001", "002", "003", "004"}
    assert {h.text for h in hits} == {"Trump", "ترامپ", "ترامب"}
    texts = {h.document: seeded.conn.execute(
        "SELECT text FROM documents WHERE id = ?", (h.document,)).fetchone()[0] for h in hits}  # fmt: skip
    around = {texts[h.document][h.start - 1 : h.end + 3] for h in hits}
    assert "وترامب " in around or any(a.startswith("وترامب") for a in around)
    assert any(texts[h.document][h.end : h.end + 3] == "'ın" for h in hits)
    assert any(texts[h.document][h.end : h.end + 3] == "’ın" for h in hits)
    conj = [h for h in hits if texts[h.document][h.start - 1] == "و"]
    assert conj and all(h.affix == "proclitic" for h in conj)


def test_a_string_query_folds_apostrophes_and_case(seeded: Project) -> None:
    curly = searching.search(seeded, "TRUMP’IN")
    straight = searching.search(seeded, "trump'ın")
    assert curly == straight and len(curly) > 10
    assert {h.text for h in curly} == {"Trump"}
    persian = searching.search(seeded, "پوتين")  # Arabic yeh finds the Persian spelling
    assert {h.source[:3] for h in persian} == {"002"}


def test_whole_word_and_substring(seeded: Project) -> None:
    assert searching.search(seeded, "Trum") == []
    part = searching.search(seeded, "Trum", whole_word=False)
    assert part and {h.text for h in part} == {"Trum"}


def test_lang_and_done_filters(seeded: Project) -> None:
    entity = _trump(seeded)
    arabic = searching.search(seeded, entity_id=entity, lang="ar")
    assert {h.source[:3] for h in arabic} == {"004"}
    seeded.conn.execute("UPDATE documents SET status = 'done' WHERE id = 5")
    kept = searching.search(seeded, entity_id=entity, include_done=False)
    assert "004" not in {h.source[:3] for h in kept}


def test_the_index_follows_imports_and_deletes_and_rebuilds(seeded: Project) -> None:
    assert search_index.unindexed(seeded.conn) == []  # the import indexed them
    with seeded.transaction() as conn:
        conn.execute("DELETE FROM documents WHERE id = 5")
    assert 5 not in list(search_index.candidates(seeded.conn, '"ترامب"'))
    with seeded.transaction() as conn:
        conn.execute("DELETE FROM search_index")
    assert searching.search(seeded, "ترامپ")  # rebuilt when missing
    assert search_index.unindexed(seeded.conn) == []


def test_cli_json_one_object_per_hit(seeded: Project) -> None:
    entity = _trump(seeded)
    result = CliRunner().invoke(
        cli, ["search", str(seeded.path), "--entity", str(entity), "--json"]
    )
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"document", "source", "start", "end", "text"} <= set(hits[0])
    assert {h["text"] for h in hits} == {"Trump", "ترامپ", "ترامب"}
    plain = CliRunner().invoke(cli, ["search", str(seeded.path), "وترامب", "--lang", "ar"])
    assert plain.exit_code == 0 and "[ترامب]" in plain.stdout
    empty = CliRunner().invoke(cli, ["search", str(seeded.path), "  "])
    assert empty.exit_code == 1 and "no word" in empty.output
    rebuilt = CliRunner().invoke(cli, ["search", str(seeded.path), "--reindex"])
    assert rebuilt.exit_code == 0


NAMES = ["Trump", "Trump'ın", "Trump’ın", "ترامپ", "ترامب", "وترامب", "بالترامب", "ترامـب",
         "ترامپ\u200cها", "TRUMP'IN", "Trumpet", "ترامبي"]  # fmt: skip
FILLER = ["ve", "و", "در", "في", " ", "\n", "،", ", ", "«", "»", "\u200f", "İSTANBUL", "ılık"]


@given(st.lists(st.sampled_from(NAMES + FILLER), max_size=30))
def test_every_hit_is_a_form_of_the_query_inside_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    norm = normalize(text)
    for query in ("Trump", "ترامب", "ترامپ"):
        phrase = query_words(query)
        wanted = {f.key for w in phrase for f in w.forms}
        for start, end, _affix in searching.places(norm, phrase):
            assert 0 <= start < end <= len(text)
            assert key_of(text[start:end]) in wanted
            before = text[start - 1] if start else " "
            # Whole words: the hit starts a word or follows a proclitic, never mid-name.
            assert not before.isalnum() or key_of(text[:start]).endswith(("و", "ب", "ال"))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_index_holds_every_form_of_every_word_and_no_other(data) -> None:  # type: ignore[no-untyped-def]
    """The import's fast path (one translate, stems) equals the full word analysis."""
    from workbench.storage.search_index import document_forms
    from workbench.text.normalize import normalize, words

    seed = data.draw(st.sampled_from(sorted(SEEDS.glob("*.txt")))).read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(seed) - 1))
    text = seed[start : start + data.draw(st.integers(1, 600))]
    text += data.draw(st.sampled_from(["", "\u200cها", " e\u0301", " ا\u0654حمد"]))
    expected = {f.key for w in words(normalize(text)) for f in w.forms}
    assert document_forms(text) == expected
