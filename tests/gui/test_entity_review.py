"""The Entities panel's review list: namesakes that a merge brought in side by side."""

from __future__ import annotations

from pathlib import Path

from tests.ops.test_entity_merge import _laptop, merge_projects_into


def test_the_entities_panel_lists_namesakes_for_review(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from workbench.gui.window.main_window import MainWindow

    a, b = tmp_path / "a.wbproj", tmp_path / "b.wbproj"
    _laptop(a, None, "ayşe")
    _laptop(b, a.with_suffix(".kb.jsonl"), "mehmet")
    team = tmp_path / "team.wbproj"
    merge_projects_into(team, [a, b])
    window = MainWindow(team, online=False)
    qtbot.addWidget(window)
    panel = window.knowledge.entities
    panel.refresh()
    assert panel.tree.topLevelItemCount() == 4
    panel.review_box.setChecked(True)
    shown = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    assert [item.text(0) for item in shown] == ["Ali Demir", "Ali Demir"]
    assert all("review" in item.toolTip(0) and item.font(0).italic() for item in shown)
    window.close()
