"""The ledger chart draws its Chinese labels in a real CJK font, not as boxes."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

from bot.settings import Settings
from bot.store import open_store
from ledger.chart import cjk_font, draw_chart
from ledger.standing import standings


def test_chart_is_a_png_with_every_chinese_glyph(tmp_path: Path) -> None:
    store = open_store(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    view = store.view()
    assert view is not None
    rows = standings(view, [], date(2022, 1, 1))
    assert "Noto Sans CJK" in cjk_font()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = draw_chart(rows, tmp_path / "chart.png", view.title)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []  # matplotlib warns "Glyph … missing from font(s)" when it draws boxes
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert all(r.late for r in rows)  # 2022: everything of the 2021 plan unreported is late
