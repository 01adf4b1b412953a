"""Language identification on the seeds: accuracy per sentence and per document, speed.

Compares our lingua set-up with langid.py (if installed: ``pip install langid``), the
small pure-Python alternative whose model also ships in its package. Each seed's
sentences (from our segmenter, 20+ characters) are labelled with the seed's language;
seed 000's Arabic verse lines are excluded because they are not Turkish.

    python benchmarks/language_report.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from workbench.text.direction import is_rtl
from workbench.text.language import LANGUAGES, detect_many
from workbench.text.segment import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOLD = ["tr", "tr", "fa", "tr", "ar"]


def _sentences() -> list[tuple[str, str]]:
    out = []
    for path, lang in zip(sorted(SEEDS.glob("*.txt")), GOLD, strict=True):
        text = path.read_text(encoding="utf-8")
        for s, e in split_sentences(text):
            sentence = text[s:e]
            if len(sentence) >= 20 and not (lang == "tr" and is_rtl(sentence)):
                out.append((sentence, lang))
    return out


def _timed(fn, items, runs=5):  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(items)
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def main() -> None:
    sentences = _sentences()
    texts = [s for s, _ in sentences]
    docs = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    detect_many(texts[:5])  # load the models outside the timing
    results, seconds = _timed(detect_many, texts)
    ours = sum(r[0] == g for r, (_, g) in zip(results, sentences, strict=True)) / len(sentences)
    doc_ok = [r[0] for r in detect_many(docs)] == GOLD
    print(f"{len(sentences)} seed sentences; candidate languages: {', '.join(LANGUAGES)}")
    print(
        f"lingua (ours): sentence accuracy {ours:.3f}, documents right: {doc_ok}, "
        f"{seconds / len(texts) * 1000:.3f} ms/sentence (median of 5)"
    )
    try:
        import langid
    except ImportError:
        print("langid.py not installed: pip install langid to compare")
        return
    langid.set_languages(list(LANGUAGES))

    def by_langid(items: list[str]) -> list[str]:
        return [langid.classify(t)[0] for t in items]

    by_langid(texts[:5])
    lresults, lseconds = _timed(by_langid, texts)
    lacc = sum(r == g for r, (_, g) in zip(lresults, sentences, strict=True)) / len(sentences)
    ldocs = by_langid(docs) == GOLD
    print(
        f"langid.py:     sentence accuracy {lacc:.3f}, documents right: {ldocs}, "
        f"{lseconds / len(texts) * 1000:.3f} ms/sentence; ours/langid time ratio "
        f"{seconds / lseconds:.2f}"
    )
    persian_arabic_letters = "اين يك متن فارسي است كه با حروف عربي تايپ شده و ما مي خواهيم"
    print(
        f"Persian typed with Arabic ي/ك: lingua {detect_many([persian_arabic_letters])[0][0]}, "
        f"langid {langid.classify(persian_arabic_letters)[0]}"
    )


if __name__ == "__main__":
    main()
