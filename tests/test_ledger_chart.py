"""The ledger chart draws its Chinese labels in a real CJK font, not as boxes, and the ledger is
written whatever fonts the machine has."""

from __future__ import annotations

import warnings
import zipfile
from datetime import date
from pathlib import Path

import pytest
from matplotlib import font_manager

from core.settings import Settings
from core.store import open_store
from ledger import chart as chart_module
from ledger.chart import cjk_font, draw_chart
from ledger.export import write_ledger
from ledger.standing import standings


def _missing_glyphs(rows: list, path: Path, title: str) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw_chart(rows, path, title)
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


def test_chart_is_a_png_with_every_chinese_glyph(tmp_path: Path) -> None:
    store = open_store(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    view = store.view()
    assert view is not None
    rows = standings(view, [], date(2022, 1, 1))
    assert cjk_font() is not None
    assert _missing_glyphs(rows, tmp_path / "chart.png", view.title) == []  # matplotlib warns when it draws boxes
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert all(r.late for r in rows)  # 2022: everything of the 2021 plan unreported is late


def test_no_system_cjk_font_uses_the_shipped_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without fonts-noto-cjk: the chart uses the Noto Sans SC that a pip dependency ships."""
    monkeypatch.setattr(chart_module, "CJK_FONTS", ())  # as if no system CJK font were installed
    system = [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", system)
    store = open_store(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    view = store.view()
    assert view is not None
    rows = standings(view, [], date(2022, 1, 1))
    assert cjk_font() == "Noto Sans SC"
    assert _missing_glyphs(rows, tmp_path / "chart.png", view.title) == []


def test_ledger_written_with_a_native_chart_even_when_the_png_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> Path:
        raise RuntimeError("no font at all")

    monkeypatch.setattr("ledger.export.draw_chart", broken)
    store = open_store(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    written = write_ledger(store, tmp_path / "ledger.xlsx", today=date(2022, 1, 1))
    assert written.chart is None and written.rows > 0
    with zipfile.ZipFile(written.workbook) as book:
        charts = [n for n in book.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2  # by section and by unit, drawn by Excel or WPS in their own fonts
        xml = book.read(charts[0]).decode()
        assert "完成情况" in xml and "barChart" in xml


def test_the_chart_draws_without_findfont_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """QA finding 24: WenQuanYi Zen Hei exists only at 500; asked for at `normal`, matplotlib logged a
    findfont warning for the labels while duban check called the font fine. Drawn at a weight it has."""
    import logging

    import matplotlib

    store = open_store(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    view = store.view()
    assert view is not None
    rows = standings(view, [], date(2022, 1, 1))
    with matplotlib.rc_context(), caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"):
        draw_chart(rows, tmp_path / "chart.png", view.title)
    assert [r.message for r in caplog.records if "findfont" in r.message] == []
