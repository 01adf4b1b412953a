"""Turning the bytes of an input file into the canonical text every offset points into.

Canonical text is the decoded file with a leading BOM removed and ``\\r\\n`` / ``\\r``
turned into ``\\n``; nothing else changes (no NFC, no trimming), so offsets stay
meaningful against the original. UTF-8 (with or without BOM) and UTF-16/32 with a BOM are
read directly; a file in the Turkish or Arabic Windows code page is accepted when its
decoded text is recognised as a language of that code page; anything else is refused. Binary files, NUL bytes and empty files are refused.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from workbench.errors import ImportRefused

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy code pages a Turkish, Persian or Arabic newsroom file may plausibly be in, with
# the languages whose text they can carry.
_LEGACY = {"cp1254": {"tr", "az"}, "cp1256": {"ar", "fa", "ur"}}
# C0 controls other than tab, newline, form feed and carriage return: a few happen in
# real text (a stray escape), many mean the file is binary.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def canonical_text(text: str) -> str:
    """Canonical form of text that is already decoded (JSONL input)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return normalize_newlines(text)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode_bytes(data: bytes, name: str) -> str:
    """Decode ``data`` (the file called ``name``) to canonical text, or refuse it."""
    if not data:
        raise ImportRefused(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ImportRefused(
                    f"{name}: starts with a {encoding.upper()} byte-order mark but is not "
                    f"valid {encoding.upper()} (byte {exc.start + len(bom)})"
                ) from None
            return _checked(normalize_newlines(text), name)
    if b"\x00" in data:
        raise ImportRefused(
            f"{name}: contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _detect_legacy(data, name, exc)
    return _checked(normalize_newlines(text), name)


def _detect_legacy(data: bytes, name: str, exc: UnicodeDecodeError) -> str:
    """Accept a legacy code page only when the decoded text reads as its language.

    Byte-frequency detectors cannot tell cp1252 from cp1254 (they differ only in the
    letters that make Turkish Turkish), so each candidate is decoded and the language
    identifier must recognise the result, with confidence, as a language written in it.
    """
    from workbench.text.language import detect

    best: tuple[float, str] | None = None
    for encoding, languages in _LEGACY.items():
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _plausible(text, encoding):
            continue
        lang, confidence = detect(text)
        if lang in languages and confidence >= 0.8 and (best is None or confidence > best[0]):
            best = (confidence, text)
    if best is not None:
        return best[1]
    raise ImportRefused(
        f"{name}: not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}) "
        "and no other encoding could be detected with confidence; save it as UTF-8"
    )


_TURKISH_EXTRA = set("çğıöşüÇĞİÖŞÜâîûÂÎÛ")


def _plausible(text: str, encoding: str) -> bool:
    """Mojibake check: the letters must be those the code page's languages use.

    Arabic decoded as cp1254 reads to lingua as confident Turkish, but it is full of
    letters Turkish never uses (Ì, æ, Ú); Turkish decoded as cp1256 mixes scripts.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 20:
        return False
    if encoding == "cp1254":
        odd = sum(1 for ch in letters if not ch.isascii() and ch not in _TURKISH_EXTRA)
        return odd <= len(letters) // 200
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    return arabic >= 0.95 * len(letters)


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise ImportRefused(f"{name}: the file has no text (empty or whitespace only)")
    controls = len(_CONTROL.findall(text)) if _CONTROL.search(text) else 0
    if "\x00" in text or controls > max(3, len(text) // 1000):
        raise ImportRefused(f"{name}: looks like a binary file (control characters in it)")
    return text
