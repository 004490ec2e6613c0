"""The completion chart beside the ledger: share of reports 已完成 by section and by unit, as a PNG
with Chinese labels drawn in an openly licensed CJK font (a system Noto Sans CJK, else the Noto Sans SC
that Duban's dependencies ship), never as boxes."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen: draw to files only

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from ledger.figures import Figures, behind_first  # noqa: E402
from ledger.standing import Standing  # noqa: E402

# Openly licensed CJK fonts, in order of preference (SIL OFL); the first one installed is used.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei")


def _shipped_font() -> str | None:
    """Noto Sans SC from the pylopdf-fonts-zh-cn wheel, a dependency: there whatever the system has."""
    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:
        return None
    path = sans_path()
    if not path.exists():
        return None
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def cjk_font() -> str | None:
    """The family name of a CJK font: a system one, else the one Duban ships; None when neither is there."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FONTS:
        if family in installed:
            return family
    return _shipped_font()


def use_cjk_font() -> str | None:
    """Draw in the CJK font (cjk_font), at a weight it has: a face made only at 500 (WenQuanYi Zen Hei) is
    asked for at 500, so matplotlib never warns that it has no `normal` one. The family, or None."""
    family = cjk_font()
    if family is not None:  # without one the labels show as boxes, but the chart is still drawn
        weights = [f.weight for f in font_manager.fontManager.ttflist if f.name == family]
        numeric = [w if isinstance(w, int) else font_manager.weight_dict.get(str(w), 400) for w in weights]
        plt.rcParams["font.family"] = family
        weight = min(numeric, key=lambda w: abs(w - 400)) if numeric else 400
        for key in ("font.weight", "axes.titleweight", "axes.labelweight", "figure.titleweight"):
            plt.rcParams[key] = weight
    plt.rcParams["axes.unicode_minus"] = False
    return family


def shares(rows: list[Standing], key: str) -> tuple[list[str], list[float], list[int]]:
    """Names (sections or units), the share of their rows reported 已完成 in %, and their row counts."""
    done: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for row in rows:
        name = (row.task.section or "—") if key == "section" else row.unit
        total[name] += 1
        done[name] += bool(row.report and row.report.state == "done")
    names = list(total)
    return names, [100 * done[n] / total[n] for n in names], [total[n] for n in names]


def draw_chart(rows: list[Standing], path: Path, title: str) -> Path:
    """Two bar charts, by section and by unit, saved as PNG."""
    use_cjk_font()
    sections = shares(rows, "section")
    units = shares(rows, "unit")
    height = 2 + 0.32 * (len(sections[0]) + len(units[0]))
    figure, (top, bottom) = plt.subplots(
        2,
        1,
        figsize=(10, max(6.0, height)),
        gridspec_kw={"height_ratios": [max(1, len(sections[0])), max(1, len(units[0]))]},
    )
    for axes, (names, percents, totals), label in ((top, sections, "按部分"), (bottom, units, "按单位")):
        bars = axes.barh(names, percents, color="#2f6db5")
        axes.set_xlim(0, 100)
        axes.invert_yaxis()
        axes.set_title(f"{label}：已完成占比（%）", loc="left")
        for bar, share, total in zip(bars, percents, totals, strict=True):
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


def draw_behind(by_unit: dict[str, Figures], path: Path, title: str, limit: int = 20) -> Path:
    """The bulletin's chart: the units most behind first (逾期, 未签收, 未汇报 stacked), at most `limit`."""
    use_cjk_font()
    names = [u for u in behind_first(by_unit) if by_unit[u].late + by_unit[u].unsigned + by_unit[u].unreported][:limit]
    figure, axes = plt.subplots(figsize=(9, max(2.5, 0.9 + 0.34 * max(1, len(names)))))
    left = [0] * len(names)
    for label, attribute, colour in (
        ("逾期", "late", "#c0392b"),
        ("未签收", "unsigned", "#e67e22"),
        ("未汇报", "unreported", "#f1c40f"),
    ):
        values = [getattr(by_unit[n], attribute) for n in names]
        axes.barh(names, values, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for index, total in enumerate(left):
        axes.text(total + 0.1, index, str(total), va="center", fontsize=8)
    if not names:
        axes.text(0.5, 0.5, "各单位均无逾期、未签收、未汇报", ha="center", va="center", transform=axes.transAxes)
        axes.set_yticks([])
    axes.invert_yaxis()
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(axis="y", labelsize=8)
    axes.legend(loc="lower right", fontsize=8)
    axes.set_title(title, loc="left", fontsize=11)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def draw_lights(lights: dict[str, dict[str, int]], path: Path, title: str) -> Path:
    """The leaders' digest chart: each unit's parts by light (red, yellow, green), the most red first."""
    use_cjk_font()
    names = sorted(lights, key=lambda u: (-lights[u].get("red", 0), -lights[u].get("yellow", 0), u))
    figure, axes = plt.subplots(figsize=(8, max(2.2, 0.9 + 0.4 * max(1, len(names)))))
    left = [0] * len(names)
    for light, label, colour in (
        ("red", "逾期", "#c0392b"),
        ("yellow", "临近", "#f1c40f"),
        ("green", "正常", "#27ae60"),
    ):
        values = [lights[n].get(light, 0) for n in names]
        axes.barh(names, values, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="lower right", fontsize=8)
    axes.set_title(title, loc="left", fontsize=11)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
