"""Builds the fresh3-2 set: table classes of fresh3 in other shapes, written and labeled after the parsetab
changes and before the changed parser read them, to see whether the changes hold beyond the documents they
were made for. Run once by hand: `python tests/data/plans/fresh3-2/build.py`. Rows, wording and units are
the real pages' (addresses in SOURCES.md in the folder above)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from tests.documents import PlanLabels  # noqa: E402

LABELS = PlanLabels(HERE)


# 1. sichuan-5jjq-2015-spaces.txt: a table pasted with one space between its cells (the header too), the
# units a list in the last cell, a province's organs named without 省 (科技厅).
SICHUAN = [
    (
        "1",
        "加强技术创新平台建设。积极构建创新创业孵化体系，营造“大众创业、万众创新”的良好氛围。",
        "省发展改革委、科技厅",
    ),
    ("2", "实施“互联网+”行动。加快实施我省2015年“互联网+”重点工作方案。", "省发展改革委"),
    (
        "3",
        "加快天府新区创新驱动改革试验区建设。重点打造天府创新中心、“天府金融谷”。",
        "省天府新区管委会办公室",
    ),
    (
        "4",
        "推进成都国家创新型城市试点。加快建设成都高新区国家自主创新示范区。",
        "成都市人民政府",
    ),
    (
        "5",
        "加快绵阳科技城建设。加强协调统筹和支撑保障，积极推进建设军转民高技术产业链。",
        "绵阳市人民政府、省国防科工办",
    ),
]


def sichuan() -> None:
    lines = ["成都经济区2015年重点工作方案", "", "序号 重点工作 责任单位"]
    lines += [" ".join(row) for row in SICHUAN]
    (HERE / "sichuan-5jjq-2015-spaces.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    LABELS.label(
        "sichuan-5jjq-2015-spaces",
        "成都经济区2015年重点工作方案",
        [
            (1, [], ["省发展改革委", "科技厅"], []),
            (2, [], ["省发展改革委"], []),
            (3, [], ["省天府新区管委会办公室"], []),
            (4, [], ["成都市人民政府"], []),
            (5, [], ["绵阳市人民政府", "省国防科工办"], []),
        ],
    )


# 2. cqspb-2021-mubiao.txt: the page's text as copied, a cell a line, each ending in ` |`, with a column of
# progress notes (进展情况) beside the units.
def cqspb() -> None:
    rows = [
        ("序号", "预期目标", "责任单位", "进展情况"),
        ("1", "地区生产总值增长6%以上", "区发展改革委", "预计一季度GDP增长20%左右。"),
        ("2", "固定资产投资总额增长8%", "区发展改革委", "预计一季度投资增速20%左右。"),
        ("3", "工业增加值增长8%", "区经济信息委", "预计一季度增长30%左右。"),
    ]
    lines = ["附件1", "经济社会发展10项预期目标任务进展情况表"]
    for row in rows:
        lines += [f"{cell} |" for cell in row]
    (HERE / "cqspb-2021-mubiao.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    LABELS.label(
        "cqspb-2021-mubiao",
        "经济社会发展10项预期目标任务进展情况表",
        [(1, [], ["区发展改革委"], []), (2, [], ["区发展改革委"], []), (3, [], ["区经济信息委"], [])],
    )


def main() -> None:
    for build in (sichuan, cqspb):
        build()
    LABELS.write()


if __name__ == "__main__":
    main()
