"""Language identification on the real seeds and on tricky short texts."""

from __future__ import annotations

from pathlib import Path

from workbench.text.language import detect, detect_many

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_the_five_seeds() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    results = detect_many(texts)
    assert [lang for lang, _ in results] == ["tr", "tr", "fa", "tr", "ar"]
    assert all(conf > 0.9 for _, conf in results)


def test_persian_typed_with_arabic_yeh_and_kaf_is_persian() -> None:
    text = "اين يك متن فارسي است كه با حروف عربي تايپ شده و ما مي خواهيم آن را بخوانيم"
    assert detect(text)[0] == "fa"


def test_arabic_and_turkish_sentences() -> None:
    assert detect("اجتمعت روسيا والولايات المتحدة في قمة ألاسكا")[0] == "ar"
    assert detect("Görüşmenin ilk dakikalarında Rusya ile barışa varılması")[0] == "tr"


def test_text_without_letters_has_no_language() -> None:
    assert detect("12.05.2025 — 14:30 !!!") == (None, 0.0)
