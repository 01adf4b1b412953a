"""Running one Argos package: its CTranslate2 model and its own tokenizer, driven directly.

``argostranslate.translate`` is never used: its sentence splitter downloads a model on
first use (so it fails offline) and it feeds CTranslate2 one sentence at a time. Here the
caller hands over many sentences; they are sorted by token length and sent in chunks of
similar lengths, each chunk one ``translate_batch`` call that CTranslate2 splits further
into batches of at most :data:`MAX_BATCH_TOKENS` tokens. Sorting first keeps padding low
and lets each chunk's decoding limit follow its own source length, so a model that loops
stops after about twice the source instead of running to the global limit.

A :class:`PackageTranslator` loads nothing until first used, and :func:`translator_for`
keeps it loaded between documents and jobs (loading a real model takes about a second).
CTranslate2, SentencePiece and the BPE tokenizer are imported inside the functions that
need them, so importing this module costs nothing at start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.translation.packages import InstalledPackage

# CTranslate2 batches, counted in tokens (batch_type="tokens"): large enough to keep
# both cores busy, small enough that one padded batch stays in cache.
MAX_BATCH_TOKENS = 2048
# A job's unit of work between progress reports, commits and cancel points.
CHUNK_TOKENS = 3072
# Longer pieces (a table or a list with no sentence punctuation) are cut at word
# starts: models are trained on sentences and degrade, or truncate, beyond this.
MAX_SOURCE_TOKENS = 200
# Decoding limit for a chunk whose longest source has n tokens: RATIO * n + EXTRA.
DECODE_RATIO = 2.0
DECODE_EXTRA = 10
# The length penalty argostranslate uses, so translations match Argos and LibreTranslate.
LENGTH_PENALTY = 0.2


@lru_cache(maxsize=1)
def physical_cores() -> int:
    """Physical cores this process may run on: CTranslate2 gains nothing from SMT siblings."""
    try:
        allowed: set[int] | None = os.sched_getaffinity(0)
    except AttributeError:  # macOS, Windows
        allowed = None
    logical = len(allowed) if allowed else (os.cpu_count() or 1)
    if sys.platform.startswith("linux"):
        try:
            text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return logical
        cores = set()
        for block in text.split("\n\n"):
            fields = dict(
                (k.strip(), v.strip())
                for k, _, v in (ln.partition(":") for ln in block.splitlines())
            )
            if "processor" not in fields or not fields["processor"].isdigit():
                continue
            if allowed is not None and int(fields["processor"]) not in allowed:
                continue
            cores.add((fields.get("physical id", "0"), fields.get("core id", fields["processor"])))
        return max(1, min(len(cores) or logical, logical))
    if sys.platform == "darwin":
        try:
            out = subprocess.run(
                ["sysctl", "-n", "hw.physicalcpu"], capture_output=True, text=True, timeout=2
            ).stdout.strip()
            return max(1, int(out))
        except (OSError, ValueError, subprocess.SubprocessError):
            return logical
    return logical


def decoding_limit(longest_source: int) -> int:
    return int(DECODE_RATIO * longest_source) + DECODE_EXTRA


def chunk_by_length(lengths: Sequence[int], budget: int | None = None) -> list[list[int]]:
    """Indices of ``lengths`` sorted by length and grouped into chunks of at most ``budget``
    tokens (default :data:`CHUNK_TOKENS`; a longer item makes a chunk of its own)."""
    budget = CHUNK_TOKENS if budget is None else budget
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    chunks: list[list[int]] = []
    current: list[int] = []
    used = 0
    for i in order:
        if current and used + lengths[i] > budget:
            chunks.append(current)
            current, used = [], 0
        current.append(i)
        used += lengths[i]
    if current:
        chunks.append(current)
    return chunks


class PackageTranslator:
    """Translate token sequences with one package; loads the model on first use."""

    def __init__(self, package: InstalledPackage, threads: int | None = None) -> None:
        self.package = package
        self.threads = threads or physical_cores()
        self._model: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    # -- loading -----------------------------------------------------------------------
    def _load_tokenizer(self) -> Any:
        if self._tokenizer is None:
            path = self.package.tokenizer_path
            if self.package.tokenizer == "bpe":
                from argostranslate.tokenizer import BPETokenizer

                self._tokenizer = BPETokenizer(path, self.package.from_code, self.package.to_code)
            else:
                import sentencepiece

                self._tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(path))
        return self._tokenizer

    def _load_model(self) -> Any:
        with self._lock:
            if self._model is None:
                import ctranslate2

                supported = ctranslate2.get_supported_compute_types("cpu")
                self._model = ctranslate2.Translator(
                    str(self.package.model_path),
                    device="cpu",
                    # int8 weights: about 3x faster than float32 on CPU, same output quality.
                    compute_type="int8" if "int8" in supported else "default",
                    inter_threads=1,
                    intra_threads=self.threads,
                )
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def unload(self) -> None:
        with self._lock:
            model, self._model = self._model, None
        if model is not None:
            model.unload_model()

    # -- tokens ------------------------------------------------------------------------
    def _is_word_start(self, tokens: Sequence[str], i: int) -> bool:
        if self.package.tokenizer == "bpe":
            return i == 0 or not tokens[i - 1].endswith("@@")
        return tokens[i].startswith("\u2581")

    def encode(self, text: str) -> list[list[str]]:
        """Source tokens of ``text``, cut at word starts into windows of at most
        :data:`MAX_SOURCE_TOKENS` tokens (one window for any ordinary sentence)."""
        tokenizer = self._load_tokenizer()
        if self.package.tokenizer == "bpe":
            tokens = list(tokenizer.encode(text))
        else:
            tokens = tokenizer.encode(text, out_type=str)
        if len(tokens) <= MAX_SOURCE_TOKENS:
            return [tokens] if tokens else []
        windows: list[list[str]] = []
        start = 0
        while start < len(tokens):
            end = min(start + MAX_SOURCE_TOKENS, len(tokens))
            if end < len(tokens):
                cut = next(
                    (
                        i
                        for i in range(end, start + MAX_SOURCE_TOKENS // 2, -1)
                        if self._is_word_start(tokens, i)
                    ),
                    end,
                )
                end = cut
            windows.append(tokens[start:end])
            start = end
        return windows

    def decode(self, tokens: Sequence[str]) -> str:
        # SentencePiece's decode also restores byte-fallback pieces, which argostranslate's
        # own "▁" replacement leaves as raw tokens.
        return str(self._load_tokenizer().decode(list(tokens))).strip()

    # -- translating -------------------------------------------------------------------
    def translate_tokens(
        self, sources: Sequence[Sequence[str]], *, beam_size: int = 4
    ) -> list[str]:
        """Translate token sequences (best of similar lengths: one chunk) to text."""
        if not sources:
            return []
        model = self._load_model()
        prefix = self.package.target_prefix
        results = model.translate_batch(
            [list(s) for s in sources],
            target_prefix=[[prefix]] * len(sources) if prefix else None,
            beam_size=beam_size,
            num_hypotheses=1,
            max_batch_size=MAX_BATCH_TOKENS,
            batch_type="tokens",
            max_decoding_length=decoding_limit(max(map(len, sources))) + (1 if prefix else 0),
            length_penalty=LENGTH_PENALTY,
            # An unknown source word (a rare name) is copied instead of printed as <unk>.
            replace_unknowns=True,
        )
        out = []
        for result in results:
            tokens = result.hypotheses[0]
            if prefix and tokens[:1] == [prefix]:
                tokens = tokens[1:]  # the prefix names the target language; not text
            out.append(self.decode(tokens))
        return out

    def translate(self, texts: Sequence[str], *, beam_size: int = 4) -> list[str]:
        """Translate whole texts (sentences), batched by length; results in input order."""
        windows = [self.encode(" ".join(t.split())) for t in texts]
        flat = [(i, w) for i, ws in enumerate(windows) for w in ws]
        outputs = [""] * len(flat)
        for chunk in chunk_by_length([len(w) for _, w in flat]):
            texts_out = self.translate_tokens([flat[j][1] for j in chunk], beam_size=beam_size)
            for j, text in zip(chunk, texts_out, strict=True):
                outputs[j] = text
        joined: list[list[str]] = [[] for _ in texts]
        for (i, _), text in zip(flat, outputs, strict=True):
            joined[i].append(text)
        return [" ".join(parts) for parts in joined]


_cache: dict[Path, PackageTranslator] = {}
_cache_lock = threading.Lock()


def translator_for(package: InstalledPackage) -> PackageTranslator:
    """The process-wide translator of ``package``: loaded once, kept between documents."""
    with _cache_lock:
        current = _cache.get(package.path)
        if current is None or current.package != package:
            if current is not None:
                current.unload()
            current = _cache[package.path] = PackageTranslator(package)
        return current


def forget(path: Path | None = None) -> None:
    """Unload the translator of the package at ``path`` (all when None): it was removed
    or replaced on disk."""
    with _cache_lock:
        doomed = list(_cache) if path is None else [p for p in _cache if p == path]
        translators = [_cache.pop(p) for p in doomed]
    for translator in translators:
        translator.unload()
