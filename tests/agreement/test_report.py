"""The agreement report on two laptops' merged seeds, against figures worked out by hand.

The annotations are tabled in :mod:`tests.support.team`; B (mehmet) is scored against
A (ayşe). Ayşe has 7 mentions, Mehmet 8; 4 match exactly with their label, a fifth
(George Bush) by its span only, and Mehmet's "Putin" inside Ayşe's "Vladimir Putin"
overlaps it by 5 of 14 characters.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.team import SEED_001, SEED_002, A, B, build_laptops
from workbench.agreement.report import agreement_report
from workbench.cli.main import cli
from workbench.errors import KnownError
from workbench.io.tokens import tokenize
from workbench.ops import annotating
from workbench.ops.merging import merge_projects
from workbench.ops.projects import open_project
from workbench.storage import documents as store_docs


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    laptops = build_laptops(tmp_path_factory.mktemp("agree"))
    with open_project(laptops.a) as p:
        merge_projects(p, [laptops.b])
    return laptops.a


def _report(path: Path, **kw):  # type: ignore[no-untyped-def]
    with open_project(path) as p:
        return agreement_report(p.conn, **kw)


def test_mention_f_scores_by_hand(merged: Path) -> None:
    r = _report(merged)
    assert r["annotators"] == [A, B] and r["labels"] == ["GPE", "MEDIA", "ORG", "PER"]
    (pair,) = r["pairs"]
    assert pair["annotators"] == [A, B] and pair["documents"] == 2
    ex, ov = pair["exact"], pair["overlap"]
    assert ex["overall"]["precision"] == pytest.approx(4 / 8, abs=1e-6)
    assert ex["overall"]["recall"] == pytest.approx(4 / 7, abs=1e-6)
    assert ex["overall"]["f1"] == pytest.approx(8 / 15, abs=1e-6)
    assert ex["unlabelled"]["f1"] == pytest.approx(10 / 15, abs=1e-6)
    credit = 4 + 5 / 14
    assert ov["overall"]["precision"] == pytest.approx(credit / 8, abs=1e-6)
    assert ov["overall"]["recall"] == pytest.approx(credit / 7, abs=1e-6)
    assert ov["overall"]["f1"] == pytest.approx(2 * credit / 15, abs=1e-6)
    assert ov["unlabelled"]["f1"] == pytest.approx(2 * (credit + 1) / 15, abs=1e-6)
    assert ex["per_label"]["PER"]["f1"] == pytest.approx(8 / 11, abs=1e-6)
    assert ov["per_label"]["PER"]["f1"] == pytest.approx(2 * credit / 11, abs=1e-6)
    assert ex["per_label"]["ORG"] == {
        "precision": 0.0, "recall": None, "f1": 0.0, "matched": 0.0, "a": 0, "b": 1
    }  # fmt: skip
    assert ex["per_label"]["GPE"]["f1"] == 0.0 and ex["per_label"]["MEDIA"]["f1"] == 0.0
    docs = {d["source"]: d for d in pair["per_document"]}
    assert docs[SEED_001]["exact"]["f1"] == pytest.approx(4 / 11, abs=1e-6)
    assert docs[SEED_002]["exact"]["f1"] == 1.0


def test_events_and_kb_links_by_hand(merged: Path) -> None:
    (pair,) = _report(merged)["pairs"]
    ev = pair["events"]
    assert ev["trigger_identification"]["f1"] == 1.0  # both triggers, same spans
    assert ev["trigger_classification"]["f1"] == 0.5  # نشست: Contact.Meet vs Conflict.Attack
    assert ev["argument_identification"]["f1"] == 1.0  # Putin and Bush in both
    assert ev["argument_classification"]["f1"] == 0.5  # Bush: Entity vs Time
    assert pair["kb"] == {"matched": 2, "agreed": 1, "agreement": 0.5}  # Q7747 vs Q7747X


def test_token_kappa_and_alpha_by_hand(merged: Path) -> None:
    # PER tokens: Ayşe 8 (Putin, Bush, Vladimir Putin, George Bush, ترامپ, پوتین), Mehmet
    # 5, all among Ayşe's: 3 tokens disagree, the other N - 3 agree.
    with open_project(merged) as p:
        n = 0
        for source in (SEED_001, SEED_002):
            doc = store_docs.get_document(p.conn, store_docs.find_document(p.conn, source))
            text = doc.text
            tokens = tokenize(text, [(m.start, m.end) for m in doc.mentions])
            n += sum(not text[t.start].isspace() for t in tokens)
    p_o = (n - 3) / n
    p_e = (8 * 5 + (n - 8) * (n - 5)) / n**2
    (pair,) = _report(merged)["pairs"]
    assert pair["kappa"]["per_label"]["PER"]["kappa"] == pytest.approx(
        (p_o - p_e) / (1 - p_e), abs=1e-6
    )
    # Two coders, binary: alpha = 1 - (2N - 1) * d / (n_0 * n_1), n_1 = 8 + 5.
    alpha = 1 - (2 * n - 1) * 3 / (13 * (2 * n - 13))
    assert pair["alpha"]["per_label"]["PER"]["alpha"] == pytest.approx(alpha, abs=1e-6)
    assert _report(merged)["alpha"]["per_label"]["PER"]["alpha"] == pytest.approx(alpha, abs=1e-6)


def test_annotators_and_labels_can_be_chosen(merged: Path, tmp_path: Path) -> None:
    only = _report(merged, labels=["PER"])
    assert only["labels"] == ["PER"]
    assert only["pairs"][0]["exact"]["overall"]["f1"] == pytest.approx(8 / 11, abs=1e-6)
    with pytest.raises(KnownError, match="no annotations by zeynep"):
        _report(merged, annotators=[A, "zeynep"])
    with pytest.raises(KnownError, match="at least two annotators"):
        _report(merged, annotators=[A])


def test_the_curated_layer_is_no_annotator_unless_named(merged: Path, tmp_path: Path) -> None:
    copy = tmp_path / "c.wbproj"
    with open_project(merged) as p, open_project(copy, create=True) as c:
        merge_projects(c, [merged])
        doc = store_docs.find_document(p.conn, SEED_002)
    with open_project(copy) as c:
        doc = store_docs.find_document(c.conn, SEED_002)
        annotating.add_mention(c, doc, 0, 4, "ORG", annotator="curated")
    assert _report(copy)["annotators"] == [A, B]
    assert len(_report(copy, annotators=[A, B, "curated"])["pairs"]) == 3


def test_the_command_prints_json_named_after_the_measures(merged: Path) -> None:
    out = CliRunner().invoke(cli, ["agreement", str(merged), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    pair = data["pairs"][0]
    assert set(pair["exact"]["overall"]) >= {"precision", "recall", "f1"}
    assert set(pair["overlap"]["per_label"]["PER"]) >= {"precision", "recall", "f1"}
    assert "kappa" in pair["kappa"]["per_label"]["PER"]
    assert "alpha" in data["alpha"]["overall"]
    text = CliRunner().invoke(cli, ["agreement", str(merged), "--labels", "PER,GPE"])
    assert text.exit_code == 0, text.output
    assert "mehmet against ayşe (2 documents both annotated)" in text.output
    assert "exact span and label" in text.output
