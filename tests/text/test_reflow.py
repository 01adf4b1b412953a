"""Joining soft-wrapped lines for display keeps every offset in place."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from workbench.text.reflow import join_soft_wraps
from workbench.text.segment import split_sentences

SEED_000 = Path(__file__).resolve().parents[2] / "seeds" / "000_7d63036d73f712df.txt"


def test_the_pdf_seed_reads_as_paragraphs() -> None:
    text = SEED_000.read_text(encoding="utf-8")
    joined = join_soft_wraps(text, split_sentences(text))
    assert len(joined) == len(text)
    assert joined.count("\n") < text.count("\n") / 2
    assert "söyledi: “Bu, genel olarak  bir hazırlık zirvesi olacak..." in joined
    # Blank lines and headlines stay where they were.
    assert joined.startswith(" Trump'ın Putin ile Görüşmesinin Hedefi Nedir? \n")
    for i, (a, b) in enumerate(zip(text, joined, strict=True)):
        assert a == b or (a == "\n" and b == " "), i


def test_text_whose_lines_are_sentences_is_unchanged() -> None:
    text = "Başlık\n\nBirinci cümle.\nİkinci satır"
    assert join_soft_wraps(text, split_sentences(text)) == text


@given(st.text(alphabet=st.sampled_from(list("ab .\n\u200cت😀")), max_size=80))
def test_only_newlines_inside_sentences_change(text: str) -> None:
    spans = split_sentences(text)
    joined = join_soft_wraps(text, spans)
    assert len(joined) == len(text)
    inside = {i for s, e in spans for i in range(s, e)}
    for i, (a, b) in enumerate(zip(text, joined, strict=True)):
        if a != b:
            assert (a, b) == ("\n", " ") and i in inside
