"""Running a package: tokens, batching by length, decoding limits, target prefixes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.argos_model import build_package
from workbench.translation import translator as tr_mod
from workbench.translation.packages import find_package, install_package
from workbench.translation.translator import PackageTranslator, chunk_by_length, physical_cores

SENTENCES = [
    "Trump'ın Putin ile Görüşmesinin Hedefi Nedir?",
    "Rusya Devlet Başkanı Yardımcısı Yuri Ushakov, görüşmelerin yapılacağı yerle ilgili konuştu.",
    "Kazakistan katılıyor.",
]


@given(st.lists(st.integers(1, 400), max_size=60), st.integers(1, 1000))
def test_chunks_are_sorted_by_length_and_within_budget(lengths: list[int], budget: int) -> None:
    chunks = chunk_by_length(lengths, budget)
    flat = [i for chunk in chunks for i in chunk]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths)
    for chunk in chunks:
        assert len(chunk) == 1 or sum(lengths[i] for i in chunk) <= budget


def test_physical_cores() -> None:
    import os

    assert 1 <= physical_cores() <= (os.cpu_count() or 1)


def _counting(translator: PackageTranslator, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Make ``translator`` return token counts, recording what it would decode."""
    decoded: list[list[str]] = []

    def decode(tokens: list[str]) -> str:
        decoded.append(list(tokens))
        return str(len(tokens))

    monkeypatch.setattr(translator, "decode", decode)
    return decoded


def test_translations_come_back_in_input_order(
    all_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = find_package("tr", "en", all_models)
    assert package is not None
    translator = PackageTranslator(package)
    assert all(translator.translate(SENTENCES, beam_size=2))
    # An echoing model shows that sorting by length is undone, even across windows.
    monkeypatch.setattr(tr_mod, "MAX_SOURCE_TOKENS", 8)
    monkeypatch.setattr(
        translator,
        "translate_tokens",
        lambda sources, beam_size: [translator.decode(s) for s in sources],
    )
    echoed = translator.translate(SENTENCES, beam_size=2)
    # (A word longer than half a window may be cut inside; spaces aside, all is back.)
    assert ["".join(e.split()) for e in echoed] == ["".join(s.split()) for s in SENTENCES]


def test_a_looping_model_stops_at_the_decoding_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A model that never emits </s>: without a cap every sentence would decode to the
    # global limit; with it, each chunk stops at twice its longest source plus a margin.
    archive = build_package(tmp_path, "tr", eos_bias=-100.0, eos_after=1e9)
    package = install_package(archive, tmp_path / "p").package
    translator = PackageTranslator(package)
    decoded = _counting(translator, monkeypatch)
    sources = [w for s in SENTENCES for w in translator.encode(s)]
    counts = [int(x) for x in translator.translate_tokens(sources, beam_size=2)]
    limit = tr_mod.decoding_limit(max(map(len, sources)))
    assert counts == [limit] * len(sources)
    assert "</s>" not in {t for d in decoded for t in d}


def test_target_prefix_is_given_and_stripped(
    all_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = find_package("fa", "en", all_models)
    assert package is not None and package.target_prefix == "__en__"
    translator = PackageTranslator(package)
    decoded = _counting(translator, monkeypatch)
    translator.translate(["ترامپ گفت که نقاط بسیاری وجود داشت."], beam_size=2)
    assert decoded and decoded[0][:1] != ["__en__"]
    # The prefix was really forced: the raw hypothesis starts with it.
    model = translator._load_model()
    raw = model.translate_batch([["▁ترامپ"]], target_prefix=[["__en__"]], max_decoding_length=5)
    assert raw[0].hypotheses[0][0] == "__en__"


def test_long_pieces_are_cut_at_word_starts(
    all_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tr_mod, "MAX_SOURCE_TOKENS", 20)
    package = find_package("tr", "en", all_models)
    assert package is not None
    translator = PackageTranslator(package)
    text = " ".join(SENTENCES * 4)
    windows = translator.encode(text)
    whole = translator._load_tokenizer().encode(text, out_type=str)
    assert len(windows) > 1 and [t for w in windows for t in w] == whole
    assert all(len(w) <= 20 and w[0].startswith("\u2581") for w in windows)
    assert len(translator.translate([text], beam_size=1)) == 1


def test_model_loads_lazily_and_stays_loaded(all_models: Path) -> None:
    package = find_package("ar", "en", all_models)
    assert package is not None
    translator = tr_mod.translator_for(package)
    translator.encode("نص قصير")
    assert tr_mod.translator_for(package) is translator
    translator.translate(["نص قصير"], beam_size=1)
    assert translator.loaded and tr_mod.translator_for(package) is translator
    tr_mod.forget(package.path)
    assert not translator.loaded and tr_mod.translator_for(package) is not translator
