"""Linking the source and translation panes sentence by sentence.

Sentence *i* of the source is paragraph *i* of the translation, so hovering or
clicking a sentence on either side highlights its counterpart, and scrolls the other
pane so the two sentences sit at the same height -- except that hovering the
translation never scrolls the source: the mouse passing over the translation on its
way somewhere must not move the text the annotator is reading (a click there does).
"""

from __future__ import annotations

from workbench.gui.document.text_pane import TextPane


def link_panes(one: TextPane, other: TextPane) -> None:
    """Hovering or clicking a sentence in either pane highlights it in the other and
    scrolls the other so the two sentences sit at the same height; hovering ``other``
    (the translation) does not scroll ``one`` (the source)."""
    one.sentenceHovered.connect(lambda i: _follow(one, other, "hover", i))
    other.sentenceHovered.connect(lambda i: _follow(other, one, "hover", i, scroll=False))
    one.sentenceActivated.connect(lambda i: _follow(one, other, "current", i))
    other.sentenceActivated.connect(lambda i: _follow(other, one, "current", i))


def _follow(
    origin: TextPane, other: TextPane, layer: str, index: int, *, scroll: bool = True
) -> None:
    if index >= other.sentence_count():
        index = -1
    if layer == "current":
        other.set_current_sentence(index)
    else:
        other.highlight_sentence(layer, index)
    if scroll and index >= 0 and other.isVisible():
        other.scroll_to_sentence(index, max(0.0, origin.sentence_top(index)))
