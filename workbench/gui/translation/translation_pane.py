"""The translation pane: the stored translation of each source sentence, in order.

Sentence *i* of the source is paragraph *i* here, so hovering or clicking a sentence on
either side can highlight and scroll to its counterpart (the main window wires the two
panes together). A sentence without a translation is shown as a grey placeholder that
says why. Above the text a banner says what to do next: install a model for the
document's language (from a file, or downloaded once the user agrees to connect), or
translate the document; it follows installs at once. Translations are text from a model and, like document text, always plain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workbench.core.model import Document
from workbench.gui.common.dialogs import plain_label
from workbench.gui.document.offsets import OffsetMap
from workbench.gui.document.text_pane import TextPane, apply_directions, batched, runs
from workbench.text.direction import paragraphs
from workbench.text.language import LANGUAGES

NOT_YET = "(not translated yet)"
UNTRANSLATED_SHADE = QColor(240, 240, 240)
UNTRANSLATABLE = "(not translated: the model cannot read this sentence)"
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_BREAKS = re.compile("[\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")


def language_name(code: str | None) -> str:
    if not code:
        return "an unknown language"
    return LANGUAGES.get(code, code).title()


@dataclass(frozen=True, slots=True)
class ModelState:
    """What the pane knows about translating the shown document."""

    available: bool | None  # a model for the document's language: yes, no, unknown
    # Offer "Download..." beside "Install model from file...": it opens the Download
    # models dialog, which names the host and connects only when asked.
    can_download: bool = False
    problem: str | None = None  # translation cannot work at all here, in words


class TranslationView(TextPane):
    """The translations as text, one paragraph per source sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translationView")
        self.untranslated: list[int] = []

    def show_document(self, doc: Document) -> None:
        self.clear_content()
        pieces: list[str] = []
        spans: list[tuple[int, int]] = []
        self.untranslated = []
        breaks: list[int] = []  # sentences that open a new source paragraph
        position = 0
        previous_end = 0
        for i, sentence in enumerate(doc.sentences):
            if sentence.translation is not None:
                # One paragraph per sentence: line breaks inside a translation would
                # shift every paragraph after it.
                piece = _BREAKS.sub(" ", sentence.translation)
            else:
                piece = (
                    UNTRANSLATABLE if sentence.translation_status == "untranslatable" else NOT_YET
                )
                self.untranslated.append(i)
            if i and _PARAGRAPH_BREAK.search(doc.text, previous_end, sentence.start):
                breaks.append(i)
            previous_end = sentence.end
            pieces.append(piece)
            spans.append((position, position + len(piece)))
            position += len(piece) + 1
        text = "\n".join(pieces)
        self._text = text
        self.offsets = OffsetMap(text)
        self.setPlainText(text)
        apply_directions(self.document(), paragraphs(text), self.offsets)
        self._style(breaks)
        self.set_sentences(spans)
        self.shade_paragraphs([spans[i][0] for i in self.untranslated], UNTRANSLATED_SHADE)
        self.verticalScrollBar().setValue(0)

    def _style(self, breaks: list[int]) -> None:
        document = self.document()
        spacing = QTextBlockFormat()
        spacing.setBottomMargin(4)
        gap = QTextBlockFormat()
        gap.setTopMargin(14)
        # The placeholders are our own words, whole paragraphs: a character format
        # here cannot split a word of the translation.
        grey = QTextCharFormat()
        grey.setForeground(QColor(120, 120, 120))
        grey.setFontItalic(True)
        with batched(document) as cursor:
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.mergeBlockFormat(spacing)
            for index in breaks:
                cursor.setPosition(document.findBlockByNumber(index).position())
                cursor.mergeBlockFormat(gap)
            for first, last in runs(self.untranslated):  # one call per run, not per line
                cursor.setPosition(document.findBlockByNumber(first).position())
                block = document.findBlockByNumber(last)
                cursor.setPosition(
                    block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.setCharFormat(grey)


class TranslationPane(QWidget):
    """Banner (model missing / not translated yet) above the translation text."""

    installFromFileRequested = Signal()
    downloadRequested = Signal(str)  # the language code
    translateRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translationPane")
        self.view = TranslationView(self)
        self.banner = QFrame(self)
        self.banner.setObjectName("translationBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet(
            "#translationBanner { background: #fff4d6; border: 1px solid #e0c36a; border-radius: 4px; }"
        )
        self.message = plain_label("", self.banner)
        self.message.setWordWrap(True)
        self.install_button = QPushButton("Install model from file...", self.banner)
        self.download_button = QPushButton("Download...", self.banner)
        self.translate_button = QPushButton("Translate document", self.banner)
        self.install_button.clicked.connect(self.installFromFileRequested)
        self.download_button.clicked.connect(lambda: self.downloadRequested.emit(self._lang or ""))
        self.translate_button.clicked.connect(self.translateRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.install_button)
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.translate_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(self.banner)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        self._lang: str | None = None
        self.banner.hide()

    def show_document(self, doc: Document, state: ModelState) -> None:
        self._lang = doc.lang
        self.view.show_document(doc)
        self.update_banner(doc, state)

    def clear_document(self) -> None:
        self._lang = None
        self.view.clear_content()
        self.banner.hide()

    def update_banner(self, doc: Document, state: ModelState) -> None:
        missing = len(self.view.untranslated)
        name = language_name(doc.lang)
        show_install = show_download = show_translate = False
        if doc.lang == "en":
            text = ""
        elif missing == 0:
            text = ""
        elif state.problem:
            text = f"Translation is not available: {state.problem}"
        elif state.available is False:
            text = (
                f"No translation model for {name} → English is installed, so "
                f"{missing} of {len(doc.sentences)} sentences are not translated."
            )
            show_install = True
            show_download = state.can_download
        else:
            text = f"{missing} of {len(doc.sentences)} sentences are not translated yet."
            show_translate = state.available is True
        self.message.setText(text)
        self.install_button.setVisible(show_install)
        self.download_button.setVisible(show_download)
        self.translate_button.setVisible(show_translate)
        self.banner.setVisible(bool(text))
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft)
