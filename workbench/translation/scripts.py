"""Which model reads which part of a sentence: writing scripts and translation pieces.

A model only reads the script its source language is written in: a Turkish model fed the
Arabic verse quoted in a Turkish sermon produces confident nonsense. So before a sentence
is translated it is cut into *pieces* by script. Letters in the document model's script
stay with that model, as do short foreign runs (a name or an acronym, which models copy
well enough). A longer foreign run goes to an installed model of a language written in
its script (Arabic script: ``ar`` or ``fa``, chosen by language detection when both are
installed); Latin text inside an Arabic-script document may simply be English already and
is then kept as it is. A run no installed model can read is marked ``lang=None``: it is
kept verbatim inside a translated sentence, and a sentence made only of such runs is
stored as untranslatable. Pure Python over :mod:`unicodedata`; no model is loaded here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from workbench.text.language import LANGUAGES

TARGET = "en"
# A foreign-script run shorter than this (in letters) inside a sentence that the model
# can read is left to the model: names and acronyms, not quoted passages.
MIN_FOREIGN_LETTERS = 12

# Languages not written in Latin script; everything else (tr, az, en, de, ...) is Latin.
_SCRIPTS: dict[str, frozenset[str]] = {}
for _codes, _scripts in (
    ("ar fa ur ps ckb sd ug", "ARABIC"),
    ("he yi", "HEBREW"),
    ("ru uk bg mk be kk ky tg mn", "CYRILLIC"),
    ("el", "GREEK"),
    ("zh zt", "CJK"),
    ("ja", "CJK HIRAGANA KATAKANA"),
    ("ko", "HANGUL CJK"),
    ("hi mr ne", "DEVANAGARI"),
    ("bn", "BENGALI"),
    ("th", "THAI"),
    ("ka", "GEORGIAN"),
    ("hy", "ARMENIAN"),
    ("ta", "TAMIL"),
):
    for _code in _codes.split():
        _SCRIPTS[_code] = frozenset(_scripts.split())
_LATIN = frozenset({"LATIN"})
# When several installed models read a script, an undecided run goes to the first of
# these: Arabic is the language of quoted scripture across the region.
_PREFERENCE = ("ar", "fa", "en", "tr")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a sentence and who translates it.

    ``lang`` is the source language of the model to use, ``"en"`` when the text is
    already English (kept as is), or None when no installed model reads it.
    """

    text: str
    lang: str | None


def scripts_of(lang: str) -> frozenset[str]:
    return _SCRIPTS.get(lang.split("_")[0].split("-")[0].lower(), _LATIN)


@lru_cache(maxsize=8192)
def script_of(ch: str) -> str | None:
    """The script of a letter (``"LATIN"``, ``"ARABIC"``, ...); None for anything else."""
    if not ch.isalpha():
        return None  # digits, punctuation, spaces and combining marks go with their run
    name = unicodedata.name(ch, "")
    if not name:
        return None
    word = name.split(" ", 1)[0]
    if word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL"):
        return word
    if word in ("MODIFIER", "FULLWIDTH", "HALFWIDTH"):
        return None
    return word


def script_runs(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut where the script of its letters changes; neutral characters stay
    with the run they follow (leading ones with the first run)."""
    runs: list[tuple[str | None, str]] = []
    script: str | None = None
    start = 0
    for i, ch in enumerate(text):
        s = script_of(ch)
        if s is None or s == script:
            continue
        if script is None:
            script = s  # the first letter names the first run
            continue
        cut = i
        while cut > start and text[cut - 1].isspace():
            cut -= 1
        runs.append((script, text[start:cut]))
        start, script = cut, s
    runs.append((script, text[start:]))
    return [(s, t.strip()) for s, t in runs if t.strip()]


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _merge(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if out and out[-1].lang == piece.lang:
            out[-1] = Piece(f"{out[-1].text} {piece.text}", piece.lang)
        else:
            out.append(piece)
    return out


def default_choice(text: str, candidates: list[str]) -> str:
    """The candidate to use when detection cannot help: a fixed, sensible order."""
    ranked = sorted(candidates, key=lambda c: (_PREFERENCE.index(c) if c in _PREFERENCE else 99, c))
    return ranked[0]


@lru_cache(maxsize=16)
def _detector(codes: tuple[str, ...]) -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        *(getattr(Language, LANGUAGES[c]) for c in codes)
    ).build()


def detect_choice(text: str, candidates: list[str]) -> str:
    """The candidate lingua finds most likely, restricted to the candidates themselves:
    asked among all languages it might answer one with no model."""
    known = tuple(sorted(c for c in set(candidates) if c in LANGUAGES))
    if len(known) >= 2:
        found = _detector(known).detect_language_of(text)
        if found is not None:
            code = found.iso_code_639_1.name.lower()
            if code in candidates:
                return code
    return default_choice(text, candidates)


def plan_pieces(
    text: str,
    doc_lang: str,
    installed: Collection[str],
    choose: Callable[[str, list[str]], str] = detect_choice,
) -> list[Piece]:
    """Cut one sentence into pieces for the models of ``installed`` source languages.

    Line breaks and runs of spaces become single spaces: hard-wrapped lines were joined
    into one sentence by the segmenter, and a model must see them as running text.
    ``choose(run, candidates)`` picks a language when several models read a script.
    """
    norm = " ".join(text.split())
    if not norm:
        return []
    readable = scripts_of(doc_lang)
    runs = script_runs(norm)
    embedded = any(s is None or s in readable for s, _ in runs)
    pieces: list[Piece] = []
    for script, run in runs:
        if script is None or script in readable:
            pieces.append(Piece(run, doc_lang))
        elif embedded and _letters(run) < MIN_FOREIGN_LETTERS:
            pieces.append(Piece(run, doc_lang))
        else:
            candidates = [c for c in installed if c != TARGET and script in scripts_of(c)]
            if script in scripts_of(TARGET):
                candidates.append(TARGET)
            if not candidates:
                pieces.append(Piece(run, None))
            else:
                pieces.append(
                    Piece(run, candidates[0] if len(candidates) == 1 else choose(run, candidates))
                )
    return _merge(pieces)
