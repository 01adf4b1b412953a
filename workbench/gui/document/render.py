"""Drawing a document view to an image, without a screen (``workbench render``).

The image is made by the same :class:`~.document_view.SourceView` the window shows --
same fonts, paragraph directions, broken-line marks and highlight layers -- laid out at
the requested width and painted through the document layout with the view's extra
selections, so what the image shows is what an analyst would see.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QTextEdit

from workbench.core.model import Document
from workbench.gui.document.document_view import GUTTER_WIDTH, SourceView, paint_marks

MAX_HEIGHT = 32_000  # beyond this an image is hundreds of megabytes in memory


def render_document(
    doc: Document, width: int = 900, *, max_height: int = MAX_HEIGHT
) -> tuple[QImage, bool]:
    """The document drawn ``width`` pixels wide; True as well when it was cut at ``max_height``."""
    view = SourceView()
    try:
        view.show_document(doc)
        # The view owns its document's width (it follows the viewport): fix it instead.
        view.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        view.setLineWrapColumnOrWidth(max(50, width - GUTTER_WIDTH))
        document = view.document()
        full_height = math.ceil(document.size().height())
        height = min(full_height, max_height)
        image = QImage(width, max(1, height), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            painter.fillRect(QRectF(0, 0, GUTTER_WIDTH, height), view.palette().window())
            rects = [rect for rect, _ in view.broken_rects()]
            paint_marks(painter, rects, 0, GUTTER_WIDTH)
            painter.translate(GUTTER_WIDTH, 0)
            painter.setClipRect(QRectF(0, 0, width - GUTTER_WIDTH, height))
            context = QAbstractTextDocumentLayout.PaintContext()
            palette = QPalette(view.palette())
            palette.setColor(QPalette.ColorRole.Text, QColor("black"))
            context.palette = palette
            context.clip = QRectF(0, 0, width - GUTTER_WIDTH, height)
            selections = []
            for extra in view.extraSelections():
                selection = QAbstractTextDocumentLayout.Selection()
                selection.cursor = extra.cursor
                selection.format = extra.format
                selections.append(selection)
            context.selections = selections
            document.documentLayout().draw(painter, context)
        finally:
            painter.end()
        return image, full_height > max_height
    finally:
        view.deleteLater()
