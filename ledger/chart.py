"""The completion chart beside the ledger: share of reports 已完成 by section and by unit, as a PNG
with Chinese labels drawn in an openly licensed CJK font (Noto Sans CJK), never as boxes."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen: draw to files only

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from ledger.standing import Standing  # noqa: E402

# Openly licensed CJK fonts, in order of preference (SIL OFL); the first one installed is used.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei")


class FontMissing(RuntimeError):
    """No CJK font is installed: the chart would show boxes instead of Chinese."""


def cjk_font() -> str:
    """The family name of an installed CJK font."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FONTS:
        if family in installed:
            return family
    font_manager.fontManager.__init__()  # fonts installed after matplotlib built its cache
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FONTS:
        if family in installed:
            return family
    raise FontMissing("no CJK font found; install fonts-noto-cjk (Debian) or Noto Sans CJK SC")


def _shares(rows: list[Standing], key: str) -> tuple[list[str], list[float], list[int]]:
    done: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for row in rows:
        name = (row.task.section or "—") if key == "section" else row.unit
        total[name] += 1
        done[name] += bool(row.report and row.report.status == "done")
    names = list(total)
    return names, [100 * done[n] / total[n] for n in names], [total[n] for n in names]


def draw_chart(rows: list[Standing], path: Path, title: str) -> Path:
    """Two bar charts, by section and by unit, saved as PNG."""
    family = cjk_font()
    plt.rcParams["font.family"] = family
    plt.rcParams["axes.unicode_minus"] = False
    sections = _shares(rows, "section")
    units = _shares(rows, "unit")
    height = 2 + 0.32 * (len(sections[0]) + len(units[0]))
    figure, (top, bottom) = plt.subplots(
        2,
        1,
        figsize=(10, max(6.0, height)),
        gridspec_kw={"height_ratios": [max(1, len(sections[0])), max(1, len(units[0]))]},
    )
    for axes, (names, shares, totals), label in ((top, sections, "按部分"), (bottom, units, "按单位")):
        bars = axes.barh(names, shares, color="#2f6db5")
        axes.set_xlim(0, 100)
        axes.invert_yaxis()
        axes.set_title(f"{label}：已完成占比（%）", loc="left")
        for bar, share, total in zip(bars, shares, totals, strict=True):
            axes.text(
                min(share + 1, 92),
                bar.get_y() + bar.get_height() / 2,
                f"{share:.0f}%（{total}）",
                va="center",
                fontsize=8,
            )
        axes.tick_params(axis="y", labelsize=8)
    figure.suptitle(f"{title} 完成情况", fontsize=12)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
