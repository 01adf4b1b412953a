"""Paragraph direction by the prose, against the seeds and a corpus of realistic paragraphs.

The corpus (tests/data/direction_corpus.jsonl) holds news items, social posts,
bulletins, table rows and technical notes in Persian, Arabic, Turkish and English, each
with the direction its writer meant; paragraphs of one ``doc`` follow each other, so a
prose-less line inherits as it would in a document. ``benchmarks/direction_report.py``
prints the scores of the three rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.model import DirectionOverride
from workbench.text.canonical import decode_bytes
from workbench.text.direction import (
    first_strong_direction,
    majority_direction,
    paragraph_at,
    paragraphs,
    prose_direction,
    shown_paragraphs,
)
from workbench.text.segment import split_sentences

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "direction_corpus.jsonl"
Rule = Callable[[str], bool | None]


def corpus() -> list[dict[str, object]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def decided(rule: Rule, texts: list[str]) -> list[bool]:
    """Each paragraph's direction by ``rule``, prose-less ones inheriting (LTR first)."""
    out, previous = [], False
    for text in texts:
        found = rule(text)
        previous = previous if found is None else found
        out.append(previous)
    return out


def misses(rule: Rule) -> set[str]:
    wrong = set()
    for _, group in groupby(corpus(), key=lambda r: r["doc"]):
        records = list(group)
        got = decided(rule, [str(r["text"]) for r in records])
        wrong |= {str(r["id"]) for r, g in zip(records, got, strict=True) if g != r["rtl"]}
    return wrong


def seed_texts() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = decode_bytes(path.read_bytes(), path.name)
        out.append((path.name, text))
    return out


@pytest.mark.parametrize("name, text", seed_texts(), ids=lambda x: x[:3])
def test_no_seed_paragraph_changes_direction(name: str, text: str) -> None:
    # The majority rule (every strong character counted) is what the window used
    # before; on the seeds the prose rule must agree paragraph by paragraph, as the
    # window shows them (PDF wraps joined) and line by line.
    for shown in (text, shown_text(text)):
        lines = shown.split("\n")
        before = decided(majority_direction, lines)
        assert [p.rtl for p in paragraphs(shown)] == before, name


def shown_text(text: str) -> str:
    from workbench.text.reflow import join_soft_wraps

    return join_soft_wraps(text, split_sentences(text))


def test_seed_002_opens_with_a_latin_date_and_stays_right_to_left() -> None:
    text = dict(seed_texts())["002_cd534f5e258f1d2c.txt"]
    assert text.lstrip().startswith("date 2025-08-16")
    assert paragraphs(text)[0].rtl
    assert first_strong_direction(text.split("\n")[0]) is False  # what Qt alone would do


@pytest.mark.parametrize(
    "text, rtl",
    [
        ("نسخهٔ جدید را از https://example.org/releases/workbench-2.0/download دریافت کنید.", True),
        ("للتواصل راسلوا فريق الدعم على support-team@news-example.org", True),
        ("لتثبيت المكتبة نفّذ الأمر pip install arabic-reshaper python-bidi", True),
        (
            "İmam hutbesinde «إِنَّ اللَّهَ مَعَ الصَّابِرِينَ وَبَشِّرِ الصَّابِرِينَ الَّذِينَ "
            "إِذَا أَصَابَتْهُمْ مُصِيبَةٌ» ayetini okudu.",
            False,
        ),
    ],
)
def test_the_issue_examples_go_by_their_prose(text: str, rtl: bool) -> None:
    assert prose_direction(text) is rtl
    assert majority_direction(text) is not rtl  # the old rule got each of them wrong


def test_the_corpus_scores_and_its_known_misses() -> None:
    # Latin names outweighing short RTL prose, a code line (nothing left: it inherits,
    # as the issue asks), and an English attribution outside a Persian quote.
    assert misses(prose_direction) == {
        "fa-news-8",
        "fa-post-5",
        "ar-tech-7",
        "ar-table-5",
        "fa-lead-4",
    }
    total = len(corpus())
    assert total >= 70
    assert len(misses(majority_direction)) >= 3 * len(misses(prose_direction))
    assert len(misses(first_strong_direction)) > len(misses(prose_direction))


def test_quotes_count_only_when_nothing_is_outside_them() -> None:
    assert prose_direction("«ما تسلیم نمی‌شویم»") is True
    assert prose_direction('"We will not surrender"') is False
    assert prose_direction('گفت "We will not surrender at any price, ever"') is True


def test_isolates_are_left_out_nested_or_left_open() -> None:
    lri, rli, pdi = "\u2066", "\u2067", "\u2069"
    assert prose_direction(f"خبر {lri}a long English title {rli}ب{pdi} here{pdi}") is True
    assert prose_direction(f"خبر {lri}an isolate that is never closed") is True
    assert prose_direction(f"{lri}only isolated{pdi}") is None
    assert first_strong_direction(f"{lri}abc{pdi} خبر") is True


def test_english_words_that_name_programs_stay_prose() -> None:
    # Were "brew" a command, its ASCII "arguments" would go too and the Persian win.
    assert prose_direction("Workers brew tea and coffee near دبیرستان") is False
    assert prose_direction("Workers git add files in دبیرستانها") is False
    assert prose_direction("برای نصب python -m pip install requests را اجرا کنید") is True


def test_a_prose_less_paragraph_inherits() -> None:
    text = "خبر فوری\nhttps://example.org/a/b\n\nBreaking news\n@handle"
    assert [p.rtl for p in paragraphs(text)] == [True, True, True, False, False]


def test_overrides_win_and_apply_to_every_paragraph_they_meet() -> None:
    text = "خبر اول\nsecond line\nخبر سوم"
    set_ltr = DirectionOverride(0, 7, False)
    assert [p.rtl for p in paragraphs(text, [set_ltr])] == [False, False, True]
    assert [p.overridden for p in paragraphs(text, [set_ltr])] == [True, False, False]
    # Set on the joined paragraph (the window's default), it holds for each line too.
    whole = DirectionOverride(0, len(text), True)
    assert all(p.rtl and p.overridden for p in paragraphs(text, [whole]))
    assert paragraph_at(paragraphs(text), 8).start == 8
    assert paragraph_at(paragraphs(text), 7).start == 0  # a line end belongs to its line


def test_shown_paragraphs_join_pdf_wraps_as_the_window_does() -> None:
    text = "Bir cümle\nburada bitiyor.\nİkinci"
    first = (0, text.index(".") + 1)
    second = (first[1] + 1, len(text))
    assert [(p.start, p.end) for p in shown_paragraphs(text, [first, second])] == [first, second]


PIECES = [*'ab خبرمی«»"/@.:`$-~ \u2066\u2067\u2069\u200c', "pip ", "https://", "www."]
LINE = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@given(st.lists(LINE, max_size=6))
def test_each_paragraph_is_decided_on_its_own_line(lines: list[str]) -> None:
    text = "\n".join(lines)
    found = paragraphs(text)
    assert [text[p.start : p.end] for p in found] == text.split("\n")
    assert [p.rtl for p in found] == decided(prose_direction, text.split("\n"))
