"""The bundled plan is read exactly: 8 sections, 26 tasks, every unit list, deadlines and targets."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from plan.parser import parse_file, parse_text

ALL = ["区政府各部门"]
# number: (lead, responsible), exactly as the plan writes them.
EXPECTED_UNITS: dict[int, tuple[list[str], list[str]]] = {
    1: (["区发改委", "区商务局", "区政务服务局"], ALL),
    2: (["区政务服务局", "区司法局"], ALL),
    3: (["区政务服务局", "区发改委", "区民政局"], ALL),
    4: (["区财政局", "区发改委", "区工科局", "区市场监督管理局"], ALL),
    5: (["区人大常委会法工委", "区政府办公室", "区司法局", "区市场监督管理局"], ALL),
    6: (["区市场监督管理局", "区司法局"], ALL),
    7: (["区政务服务局"], ALL),
    8: (["区政府办公室", "区纪委监委机关", "区发改委"], ALL),
    9: (["区政府办公室"], ["区政府办公室"]),
    10: (["区政府办公室", "区司法局"], ALL),
    11: (["区政府办公室", "区司法局"], ALL),
    12: (["区政府办公室"], ALL),
    13: (["区委编办", "区司法局", "区政府各相关行政执法部门"], []),
    14: (["区政府各相关行政执法部门"], []),
    15: (["区司法局"], ["区政府各行政执法部门"]),
    16: (["区司法局"], ["区政府各行政执法部门"]),
    17: (["区司法局"], ["区政府各行政执法部门"]),
    18: ([], ALL),
    19: (["区审计局", "区统计局", "区财政局", "区司法局"], ALL),
    20: (["区政府办公室", "区应急管理局", "区卫健委"], ALL),
    21: (["区政府办公室", "区应急管理局", "区卫健委"], ALL),
    22: (["区司法局"], ALL),
    23: (["区司法局", "区信访局"], ALL),
    24: (["区委依法治区办", "区委办公室", "区政府办公室", "区委组织部"], ALL),
    25: (["区委办公室", "区政府办公室", "区委宣传部", "区司法局"], ALL),
    26: (["区司法局", "区委宣传部"], ALL),
}
SECTIONS = [
    "深入推进法治化营商环境建设",
    "完善依法行政制度体系",
    "强化科学民主依法决策",
    "严格规范公正文明执法",
    "加强行政权力制约和监督",
    "强化重大突发事件依法处置",
    "依法化解社会矛盾纠纷",
    "夯实法治政府建设保障",
]


def assert_seed(plan) -> None:  # type: ignore[no-untyped-def]
    """Everything a reader of the bundled plan can check by eye."""
    assert plan.sections == SECTIONS
    assert [t.number for t in plan.tasks] == list(range(1, 27))
    for task in plan.tasks:
        lead, responsible = EXPECTED_UNITS[task.number]
        assert (task.lead, task.responsible, task.cooperating) == (lead, responsible, []), task.number
    assert [t.section for t in plan.tasks].count(SECTIONS[3]) == 5  # tasks 13-17


def test_seed_sections_tasks_and_every_unit_list(seed_path: Path) -> None:
    assert_seed(parse_file(seed_path))


def test_seed_front_matter(seed_path: Path) -> None:
    plan = parse_file(seed_path)
    assert plan.title == "东河区2021年度法治政府建设工作计划"
    assert plan.year == 2021
    assert plan.issuer == "包头市东河区人民政府办公室"
    assert plan.doc_number == "包东政办发〔2021〕48号"
    assert plan.issued == date(2021, 8, 9)
    assert plan.default_deadline is not None and plan.default_deadline.due == date(2021, 12, 31)


def test_seed_titles_and_bodies(seed_path: Path) -> None:
    plan = parse_file(seed_path)
    assert plan.task(1).title == "实施统一的市场准入负面清单制度"
    assert plan.task(26).title == "全力争创全国法治政府建设示范区"
    assert plan.task(9).body.startswith("严格落实《内蒙古自治区规范性文件制定和备案监督办法》")  # stray space gone
    assert "牵头单位" not in plan.task(9).body and "(" not in plan.task(9).body
    # Task 5 has no 。 after its title: the title runs to the first 。 and the plan is warned about.
    assert plan.task(5).title.startswith("营造公平竞争的法治环境全面清理规范性文件")
    assert any("task 5" in w and "title" in w for w in plan.warnings)
    # The closing paragraph and the download link belong to no task.
    assert "各部门要加强组织领导" not in plan.task(26).body
    assert "下载" not in plan.task(26).body


def test_seed_typo_in_role_label_is_read_and_warned(seed_path: Path) -> None:
    plan = parse_file(seed_path)
    assert plan.task(19).responsible == ["区政府各部门"]
    assert "task 19: 责任单住 read as 责任单位" in plan.warnings


def test_seed_deadlines(seed_path: Path) -> None:
    plan = parse_file(seed_path)
    by_task = {t.number: {(d.text, d.due) for d in t.deadlines} for t in plan.tasks}
    assert ("2021年底前", date(2021, 12, 31)) in by_task[10]
    assert ("公布之日起30日内", None) in by_task[11]
    assert ("有效期届满前6个月", None) in by_task[9]
    assert ("年内", date(2021, 12, 31)) in by_task[17]
    assert ("月通报", None) in by_task[18]
    assert ("全年不少于2次", None) in by_task[25]
    assert by_task[1] == set()
    # Years that are not deadlines (2019年示范创建, 2021年度…目录清单) are not read as ones.
    assert by_task[26] == set()
    assert all("年度" not in text for text, _ in by_task[11])


def test_seed_targets(seed_path: Path) -> None:
    plan = parse_file(seed_path)
    targets = {t.number: [(x.text, x.value, x.unit) for x in t.targets] for t in plan.tasks}
    assert ("不少于60学时", 60.0, "学时") in targets[17]
    assert ("出庭应诉率达到100%", 100.0, "%") in targets[18]
    assert any(unit == "%" and value == 100 and "法制审核比率" in text for text, value, unit in targets[15])
    assert [x[:2] for x in targets[25]] == [("不少于2次", 2.0), ("不少于2次", 2.0)]
    assert [x.context for x in plan.task(25).targets] == ["全年不少于2次", "年内举办法治专题讲座不少于2次"]


def test_seed_units_in_plan_order(seed_path: Path) -> None:
    plan = parse_file(seed_path)
    assert len(plan.units) == 24
    assert plan.units[:3] == ["区发改委", "区商务局", "区政务服务局"]
    assert "区政府各部门" in plan.units and "区政府各行政执法部门" in plan.units


def test_parse_json_shape(seed_path: Path) -> None:
    data = json.loads(json.dumps(parse_file(seed_path).to_json(), ensure_ascii=False))
    assert set(data) >= {"title", "year", "sections", "tasks", "warnings"}
    task = data["tasks"][9]
    assert set(task) >= {
        "number",
        "section",
        "title",
        "body",
        "lead",
        "responsible",
        "cooperating",
        "deadlines",
        "targets",
    }
    assert task["number"] == 10
    assert {"text": "2021年底前", "due": "2021-12-31", "kind": "fixed"} in task["deadlines"]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"], ids=lambda e: e.replace("-", "")
)
def test_seed_in_every_encoding_plans_come_in(seed_text: str, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    # GBK has no no-break space (the web copy has some); a real GBK file has plain ones.
    path.write_bytes(seed_text.replace("\xa0", " ").encode(encoding))
    assert_seed(parse_file(path))


def test_full_width_punctuation_reads_the_same(seed_text: str) -> None:
    table = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"})
    full = "\n".join(line.translate(table) if not line.startswith("解读") else line for line in seed_text.splitlines())
    assert "（牵头单位：区发改委、区商务局、区政务服务局；责任单位：区政府各部门）" in full
    plan = parse_text(full)
    assert_seed(plan)
    assert plan.doc_number == "包东政办发〔2021〕48号"


def test_windows_line_endings_and_hard_wrapped_lines(seed_text: str) -> None:
    # A copy wrapped at 60 characters with CRLF, as e-mail and OCR tools leave them.
    wrapped: list[str] = []
    for line in seed_text.splitlines():
        wrapped.extend([line[i : i + 60] for i in range(0, len(line), 60)] or [""])
    assert_seed(parse_text("\r\n".join(wrapped)))
