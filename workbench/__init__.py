"""Annotation and translation workbench for Turkish, Persian and Arabic news.

The package is layered: ``core`` (domain values), ``text`` (decoding, segmentation,
language and direction), ``storage`` (the SQLite project file), ``io`` (JSONL formats),
``translation`` (Argos packages driven through CTranslate2), ``ops`` (the one layer that
changes data), ``cli`` and ``gui``. Only ``gui`` imports Qt.
"""

__version__ = "0.1.0"
