"""Tokens cut at every span edge: they rebuild the text and every span is whole tokens."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.io.tokens import tokenize

_text = st.text(alphabet=list("ab 1.,'’\n\t  و ترامپ\u200c\u064e😀-()"), min_size=1, max_size=40)


@st.composite
def _doc(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(_text)
    spans = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text) - 1))
        spans.append((start, draw(st.integers(start + 1, len(text)))))
    return text, spans


@given(_doc())
def test_tokens_rebuild_the_text_and_align_every_span(
    doc: tuple[str, list[tuple[int, int]]],
) -> None:
    text, spans = doc
    tokens = tokenize(text, spans)
    rebuilt = "".join(text[t.start : t.end] + (" " if t.ws else "") for t in tokens)
    assert rebuilt == text  # what spaCy's Doc(words, spaces) does
    assert all(t.start < t.end for t in tokens)
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    for start, end in spans:
        assert start in starts and end in ends
    for t in tokens:  # a token is all whitespace or has none
        piece = text[t.start : t.end]
        assert piece.isspace() or not any(ch.isspace() for ch in piece)


def test_turkish_suffix_and_arabic_conjunction_are_cut_at_the_span() -> None:
    text = "Trump'ın ve Putin’e göre وترامب 3.5 e-posta."
    arabic = text.index("ترامب")
    spans = [(0, 5), (12, 17), (arabic, arabic + 5)]
    words = [text[t.start : t.end] for t in tokenize(text, spans)]
    assert words[:6] == ["Trump", "'ın", "ve", "Putin", "’e", "göre"]
    assert words[6:] == ["و", "ترامب", "3.5", "e-posta", "."]
    assert [text[t.start : t.end] for t in tokenize(text)][0] == "Trump'ın"


def test_space_is_a_token_when_a_span_starts_or_ends_on_it() -> None:
    text = "ab cd"
    assert [(t.start, t.end, t.ws) for t in tokenize(text)] == [(0, 2, True), (3, 5, False)]
    assert [(t.start, t.end) for t in tokenize(text, [(2, 5)])] == [(0, 2), (2, 3), (3, 5)]
