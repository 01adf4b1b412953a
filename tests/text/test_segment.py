"""Tests of workbench.text.segment.split_sentences: rules, seed documents, gold, properties."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.text.segment import BULLETS, split_sentences

REPO = Path(__file__).resolve().parents[2]


def _load_report():
    path = REPO / "benchmarks" / "segmentation_report.py"
    spec = importlib.util.spec_from_file_location("segmentation_report", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


report = _load_report()


def sents(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


# --- basics ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n", " \n\t\n \u00a0\u3000 "])
def test_whitespace_only_gives_nothing(text: str) -> None:
    assert split_sentences(text) == []


def test_single_sentence_is_trimmed() -> None:
    assert split_sentences("  Merhaba dünya.  ") == [(2, 16)]


# --- terminal punctuation, closers, what may start a sentence --------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Geldi. Gitti.", ["Geldi.", "Gitti."]),
        ("Geldi mi? Evet! Tamam.", ["Geldi mi?", "Evet!", "Tamam."]),
        (
            "Gerçekten mi?! Evet... Tamam…  Bitti.",
            ["Gerçekten mi?!", "Evet...", "Tamam…", "Bitti."],
        ),
        ("او آمد. سپس رفت؟ بله!", ["او آمد.", "سپس رفت؟", "بله!"]),
        ("جاء الرئيس. ثم غادر؟ نعم!", ["جاء الرئيس.", "ثم غادر؟", "نعم!"]),
        ("یہ آیا۔ وہ گیا۔", ["یہ آیا۔", "وہ گیا۔"]),
        ("Yok… Var.", ["Yok…", "Var."]),
    ],
)
def test_terminal_punctuation_in_three_scripts(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Bu bir zirve olacak.” Sonra gitti.", ["“Bu bir zirve olacak.”", "Sonra gitti."]),
        ('"Hazırım." Putin böyle dedi.', ['"Hazırım."', "Putin böyle dedi."]),
        ("او گفت: «ما می‌رویم.» سپس رفت.", ["او گفت: «ما می‌رویم.»", "سپس رفت."]),
        ("قال: «سنذهب.» ثم غادر.", ["قال: «سنذهب.»", "ثم غادر."]),
        ("(Kaynak: AA.) Sonra [bkz. ek.] Bitti.", ["(Kaynak: AA.)", "Sonra [bkz. ek.]", "Bitti."]),
        ("Dedi ki 'Tamam.' Sonra.", ["Dedi ki 'Tamam.'", "Sonra."]),
        (
            "koymuştur.” [Talak 3] Dolayısıyla zafer.",
            ["koymuştur.” [Talak 3]", "Dolayısıyla zafer."],
        ),
    ],
)
def test_closing_quotes_and_brackets_stay_with_their_sentence(
    text: str, expected: list[str]
) -> None:
    assert sents(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bu iş bitti... ve sonra gitti.",
        "Olacak… belki de olmayacak.",
        "Ne dedin? dedi Ali.",
        "Yaşasın! diye bağırdı.",
        '"Geldim." dedi.',
        "“Bu bir zirve olacak.” dedi ve gitti.",
        "Sonuç.bitti değil.",  # no whitespace after the dot
        "Bitti.Sonra yok.",
    ],
)
def test_no_break_before_lowercase_or_without_whitespace(text: str) -> None:
    assert sents(text) == [text]


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("Bitti. 2025 yılında başladı.", "2025 yılında başladı."),
        ("Bitti. “Yeni” bir dönem.", "“Yeni” bir dönem."),
        ("Bitti. «Yeni» dönem.", "«Yeni» dönem."),
        ("Bitti. İstanbul güzel.", "İstanbul güzel."),
        ("Bitti... Toplantıdan önce konuştu.", "Toplantıdan önce konuştu."),
        ("جالب است... شاید بیاید.", "شاید بیاید."),
        ("انتهى. ۲۰۲۵ بدأ.", "۲۰۲۵ بدأ."),
    ],
)
def test_break_before_capital_digit_opening_quote_or_caseless_letter(
    text: str, second: str
) -> None:
    assert sents(text)[1:] == [second]


# --- abbreviations, initials, numerals ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Ahmet geldi.",
        "Prof. Dr. Ayşe Yılmaz konuştu.",
        "Doç. Dr. Mehmet ve Yrd. Doç. Ali geldi.",
        "Sn. Başkan ile Av. Kaya görüştü.",
        "Alb. Demir, Gen. Öz ve Org. Kara katıldı.",
        "Kalem, defter vb. malzemeler alındı.",
        "Bu konuda bkz. Tablo 3 ve Ek 2.",
        "Adres: Atatürk Cad. No. 5 Kat 2.",
        "Bkz. s. 45 ve S. 12 sayfaları.",
        "St. Petersburg güzeldir.",
        "G. W. Bush geldi.",
        "Mr. Smith and Mrs. Jones visited the U.S. Army base.",
        "Rusya İmparatoru II. Alexander geldi.",
        "XIV. Louis döneminde oldu.",
        "15. yüzyılda oldu.",
        "2. Dünya Savaşı bitti.",
        "T.C. Dışişleri Bakanlığı açıkladı.",
        "ABC A.Ş. Genel Müdürü konuştu.",
        "التقى د. محمد بالوزير.",
    ],
)
def test_abbreviations_initials_and_ordinals_do_not_break(text: str) -> None:
    assert sents(text) == [text]


def test_sentence_final_vb_before_a_capital_breaks() -> None:
    assert sents("Kalem, defter vb. Öğrenciler geldi.") == [
        "Kalem, defter vb.",
        "Öğrenciler geldi.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Irak'a. Sonra döndü.", ["Irak'a.", "Sonra döndü."]),  # suffix is not an initial
        ("Yıl 2025'e. Sonra geldi.", ["Yıl 2025'e.", "Sonra geldi."]),
        ("Fiyat 1500. Sonra düştü.", ["Fiyat 1500.", "Sonra düştü."]),
        ("كان جيدًا. ثم عاد.", ["كان جيدًا.", "ثم عاد."]),  # tanween: not a 1-letter token
        ("Saat 10.30. Sonra gitti.", ["Saat 10.30.", "Sonra gitti."]),
    ],
)
def test_ordinary_words_before_a_dot_still_break(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


@pytest.mark.parametrize("prefix", ["", "Bu: "])
def test_overlong_dotted_token_is_not_an_initialism(prefix: str) -> None:
    token = ".".join("abcdefghijklmnopq") + "."  # 33 characters before the final dot
    assert sents(prefix + token + " Sonra geldi.") == [prefix + token, "Sonra geldi."]


@pytest.mark.parametrize(
    "text",
    [
        "Saat 10.30 itibarıyla toplantı başladı.",
        "ساعت ۱۰.۳۰ جلسه آغاز شد.",
        "GİRİŞ 24.01.2026 16:07 GÜNCELLEME 24.01.2026 17:58 DÜNYA",
        "Oran 3.5 puan arttı.",
        "ارتفعت النسبة 3.5 بالمئة.",
        "Sitesi haber7.com adresinde.",
    ],
)
def test_decimals_dates_and_times_do_not_break(text: str) -> None:
    assert sents(text) == [text]


# --- line structure ----------------------------------------------------------------------


def test_blank_line_is_a_hard_break_even_mid_sentence() -> None:
    assert sents("Kuzey Kutbu'nda ortak olan bir \n\n\nbölgedir.") == [
        "Kuzey Kutbu'nda ortak olan bir",
        "bölgedir.",
    ]
    assert sents("پوتین گفت\n \t\nکه می‌آید.") == ["پوتین گفت", "که می‌آید."]


def test_every_line_end_breaks_in_ordinary_text() -> None:
    text = (
        "PUTİN'İN ABD'DEN TALEPLERİ\n"
        "Sızan bilgilere göre şunlar istendi:\n"
        "07.11.2025 04:12\n"
        "بار دیگر در مسکو\n"
        "قمة بوتين وترامب في ألاسكا\n"
        "Haber Merkezi"
    )
    assert sents(text) == text.split("\n")


def test_line_ends_in_a_short_document_with_one_lowercase_continuation_still_break() -> None:
    # one line end is too little evidence for "hard-wrapped" without trailing spaces
    assert sents("Kenan Yusuf 1 ay önce\nsabatay yazdı") == [
        "Kenan Yusuf 1 ay önce",
        "sabatay yazdı",
    ]


PDF = (
    "11/8/2025 tarihli basın toplantısında Trump şunları söyledi: “Bu, genel olarak \n"
    "bir hazırlık zirvesi olacak. Toplantıdan önce Putin'e bu savaşı bitirmesi \n"
    "gerektiğini söyleyeceğim” dedi. Trump, Beyaz Saray'da düzenlediği basın \n"
    "toplantısında konuştu ve Rusya İmparatoru II. Alexander'ın durumunu \n"
    "hatırlattı; zira Alaska, 1867 yılında Rusya'dan satın alınmıştır ve Steve \n"
    "Witkoff da aynı görüşte olduğunu belirterek açıklamasını tamamladı. \n"
)


def test_soft_wraps_in_pdf_text_do_not_break() -> None:
    assert sents(PDF) == [
        "11/8/2025 tarihli basın toplantısında Trump şunları söyledi: “Bu, genel olarak \n"
        "bir hazırlık zirvesi olacak.",
        "Toplantıdan önce Putin'e bu savaşı bitirmesi \ngerektiğini söyleyeceğim” dedi.",
        "Trump, Beyaz Saray'da düzenlediği basın \n"
        "toplantısında konuştu ve Rusya İmparatoru II. Alexander'ın durumunu \n"
        "hatırlattı; zira Alaska, 1867 yılında Rusya'dan satın alınmıştır ve Steve \n"
        "Witkoff da aynı görüşte olduğunu belirterek açıklamasını tamamladı.",
    ]


def test_headline_and_short_lines_in_pdf_text_stay_their_own_sentences() -> None:
    text = " Trump'ın Putin ile Görüşmesinin Hedefi Nedir? \n\n \n\n" + PDF
    assert sents(text)[0] == "Trump'ın Putin ile Görüşmesinin Hedefi Nedir?"
    # a headline without punctuation directly above a wrapped paragraph: shorter line, hard
    text = "Zirvenin Gerçek Hedefi \n" + PDF
    assert sents(text)[0] == "Zirvenin Gerçek Hedefi"


def test_line_without_trailing_space_in_pdf_text_stays_hard() -> None:
    verse = "Biz ise diyoruz ki: إِنَّ اللَّهَ بَالِغُ أَمْرِهِ قَدْ جَعَلَ اللَّهُ لِكُلِّ شَيْءٍ قَدْرًا"
    text = PDF + verse + "\nyerine getirendir. \n"
    assert sents(text)[-2:] == [verse, "yerine getirendir."]


def test_bullet_line_in_pdf_text_stays_hard() -> None:
    text = PDF + "  • birinci madde olarak bunu yazıyoruz burada ve devam ediyoruz \n"
    assert sents(text)[-1] == "birinci madde olarak bunu yazıyoruz burada ve devam ediyoruz"


def test_plain_hard_wrapped_text_with_lowercase_continuations_is_joined() -> None:
    text = (
        "The meeting in Alaska was described\n"
        "as a preparation summit by the\n"
        "president, who said that he would\n"
        "call the other leaders afterwards. Then he left.\n"
    )
    assert sents(text) == [text[: text.index(" Then")], "Then he left."]


# --- bullets -------------------------------------------------------------------------


def test_leading_bullets_are_excluded_from_spans() -> None:
    text = "Putin şunları istedi:\n\n  • Füze savunması\n\n  • İstihbarat iş birliği\n"
    assert sents(text) == ["Putin şunları istedi:", "Füze savunması", "İstihbarat iş birliği"]
    arabic = "  • تعزيز بوتين لنفوذه السياسي\n  • القمة لم تنتج اتفاقًا"
    assert sents(arabic) == ["تعزيز بوتين لنفوذه السياسي", "القمة لم تنتج اتفاقًا"]


def test_bullet_after_a_sentence_end_starts_a_new_span() -> None:
    assert sents("Maddeler şunlar. • Birinci. ◦ İkinci.") == [
        "Maddeler şunlar.",
        "Birinci.",
        "İkinci.",
    ]


def test_bullet_not_followed_by_space_is_kept() -> None:
    assert sents("•Madde") == ["•Madde"]
    assert sents("•") == ["•"]
    assert sents("• ") == []


# --- seeds and gold ----------------------------------------------------------------------

SEEDS = report.find_seeds_dir()
needs_seeds = pytest.mark.skipif(SEEDS is None, reason="seed documents not found")


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(prefix + "_*.txt")
    return report.canonical(path.read_bytes())


@needs_seeds
def test_seed_000_pdf_shape() -> None:
    text = seed_text("000")
    found = sents(text)
    assert found[0] == "Trump'ın Putin ile Görüşmesinin Hedefi Nedir?"
    assert found[1].endswith("“Bu, genel olarak \nbir hazırlık zirvesi olacak...")
    assert any(s.startswith("Birincisi:") and "II. Alexander'ın \nİngiltere" in s for s in found)
    verse = [s for s in found if s.startswith("ِ شَهِيداً")]
    assert len(verse) == 1 and "\n" not in verse[0]
    assert "Allah her şey için bir ölçü koymuştur.” [Talak 3]" in found


@needs_seeds
def test_seed_001_bullets_and_headlines() -> None:
    found = sents(seed_text("001"))
    assert "ABD'yi Avrupa'ya füze savunma sistemi konuşlandırmaktan caydırmak" in found
    assert "PUTİN'İN ABD'DEN TALEPLERİ" in found
    assert "moskoftan.ne.beklenir" in found
    assert not any("\n" in s for s in found)


def test_gold_files_are_well_formed() -> None:
    gold = report.load_gold()
    seeds = {record["seed"][:3] for record in gold}
    assert {"000", "002"} <= seeds
    for record in gold:
        spans = record["sentences"]
        assert record["notes"]
        assert spans == sorted(spans)
        assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:], strict=False))
        if SEEDS is not None:
            text = seed_text(record["seed"][:3])
            for a, b in spans:
                assert 0 <= a < b <= len(text)
                assert text[a:b] == text[a:b].strip()


@needs_seeds
@pytest.mark.parametrize("record", report.load_gold(), ids=lambda r: r["seed"][:3])
def test_gold_boundary_precision_and_recall(record: dict) -> None:
    text = seed_text(record["seed"][:3])
    scores = report.boundary_scores(record["sentences"], split_sentences(text))
    assert scores.precision >= 0.95, scores
    assert scores.recall >= 0.95, scores


def test_boundary_scores_can_fail() -> None:
    scores = report.boundary_scores([[0, 5], [6, 10], [11, 15]], [[0, 10], [11, 13], [14, 15]])
    assert (scores.tp, scores.fp, scores.fn) == (1, 1, 1)
    assert scores.precision == scores.recall == 0.5


@pytest.mark.parametrize(
    "text",
    [
        "." * 200_000 + " a",
        "?!" * 100_000,
        " " * 200_000 + "x",
        "\n" * 200_000,
        "a" * 200_000 + ". B",
        "a.a" * 70_000 + ". B",
        ".” [x] " * 30_000,
        "Dr. " * 50_000,
        "a \n" * 60_000,
    ],
    ids=lambda t: repr(t[:8]),
)
def test_pathological_inputs_stay_fast(text: str) -> None:
    # Every scan must be linear; a quadratic one would take minutes on these.
    start = time.perf_counter()
    split_sentences(text)
    assert time.perf_counter() - start < 2.0


# --- properties ----------------------------------------------------------------------

ALPHABET = (
    "aAbBıİçÇşŞğĞöÖüÜ xyz XYZ 0123456789 ۱۲۳ "
    "سلامبرای کتاب الرئيس جاء "
    ".!?؟۔…,;:'\"“”‘’«»()[]-–/ "
    "\n\n\n   \t\u00a0"
    + BULLETS
    + "\u200c\u200d\u200e\u200f\u202b\u202c\u2067\u2069\ufeff\x00\x1c\u2028\u0651\u064b"
    + "\U0001f600\U00010400\U00020000"
)
# Pieces of text that exercise the rules, separated by "|".
FRAGMENTS = (
    "Dr.|II.|15.|vb.|U.S.|G.|Bitti.|bitti|...|…|?!|؟|۔|“|”|«|»| | |\n| \n|\n\n|  • |•|Sonra|"
    "sonra|پوتین|بوتين|10.30|[Talak 3]|\u200c|\u200f|\U0001f600"
)
texts = st.one_of(
    st.text(),
    st.text(alphabet=ALPHABET, max_size=300),
    st.lists(
        st.sampled_from(FRAGMENTS.split("|")),
        max_size=60,
    ).map("".join),
)


def _check_invariants(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    covered = bytearray(len(text))
    for start, end in spans:
        assert isinstance(start, int) and isinstance(end, int)
        assert previous_end <= start < end <= len(text)  # sorted, non-overlapping, non-empty
        assert not text[start].isspace() and not text[end - 1].isspace()  # trimmed
        assert "\n\n" not in "\n".join(line.strip() for line in text[start:end].split("\n"))
        covered[start:end] = b"\x01" * (end - start)
        previous_end = end
    # The only visible characters left out of every span are leading bullets: a character
    # from BULLETS that is immediately followed by whitespace.
    for i, ch in enumerate(text):
        if not covered[i] and not ch.isspace():
            assert ch in BULLETS and i + 1 < len(text) and text[i + 1].isspace(), (i, ch)


@settings(max_examples=600, deadline=None)
@given(texts)
@example("")
@example("\x00\u200c\u200f\U0001f600. A")
@example("a. \u200fB")
@example("•\n• \n• x")
def test_invariants_on_arbitrary_text(text: str) -> None:
    _check_invariants(text, split_sentences(text))


@settings(max_examples=400, deadline=None)
@given(texts.map(lambda t: t.replace("\n", " ")))
@example("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p. Q")
def test_each_span_of_single_line_text_is_one_sentence_on_its_own(text: str) -> None:
    # Without line ends every decision is local, so a span segmented alone stays whole.
    for start, end in split_sentences(text):
        assert split_sentences(text[start:end]) == [(0, end - start)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET.replace("\n", ""), max_size=40), max_size=12))
def test_ordinary_line_ends_always_break(lines: list[str]) -> None:
    # No trailing spaces and no lowercase line starts: the text is not hard-wrapped, so no
    # sentence may run across a line end.
    lines = [line.rstrip() for line in lines]
    lines = [line for line in lines if not line.lstrip()[:1].islower()]
    text = "\n".join(lines)
    for start, end in split_sentences(text):
        assert "\n" not in text[start:end]
