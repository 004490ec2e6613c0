"""The unit reader (plan/unit_model.py) where role lists are split: role words glued onto units, persons and notes
inside a list's parenthesis, a first-listed rule glued onto the last unit, groups written across a 、, places
sharing one organ's name. Each case is a shape seen in real plans (tests/data/units/fresh-lines.jsonl holds the
labeled lines, read by bench/role_lines.py)."""

from __future__ import annotations

import time

from plan.directory import load_directory
from plan.parser import parse_text
from plan.roles import extract_roles
from plan.text import halfwidth
from plan.unit_model import MODEL, UnitModel, sources_hash


def roles_of(line: str) -> tuple[list[str], list[str], list[str]]:
    roles = extract_roles(halfwidth(line))[1]
    return roles.lead, roles.responsible, roles.cooperating


def task_of(line: str) -> tuple[list[str], list[str], list[str]]:
    task = parse_text(f"工作方案\n{line}\n").tasks[0]
    return task.lead, task.responsible, task.cooperating


def test_the_shipped_model_is_the_one_its_sources_make() -> None:
    assert UnitModel.load().trained_from == sources_hash(), "retrain: python -m plan.train_units"


def test_the_model_loads_fast_and_is_small() -> None:
    started = time.perf_counter()
    model = UnitModel.load()
    assert time.perf_counter() - started < 0.5
    assert MODEL.stat().st_size < 400_000
    assert model.kind("市级有关部门")[0] == "collective"


def test_role_words_glued_onto_units() -> None:
    assert roles_of("推进项目建设。（省财政厅主办，省发展改革委、省商务厅协办）") == (
        ["省财政厅"],
        [],
        ["省发展改革委", "省商务厅"],
    )
    assert roles_of("推进项目建设。（省财政厅主办、省商务厅协办）") == (["省财政厅"], [], ["省商务厅"])
    assert roles_of("一、扩大有效投资政策(由县发改局牵头实施)") == (["县发改局"], [], [])


def test_persons_in_a_parenthesis_are_left_out_and_the_units_kept() -> None:
    assert roles_of("推进项目建设。（分管副市长、市发改委、市财政局）") == ([], ["市发改委", "市财政局"], [])
    assert roles_of("推进项目建设。（张伟同志、市发改委、市财政局）") == ([], ["市发改委", "市财政局"], [])
    assert roles_of("加快建设(试行)") == ([], [], [])


def test_a_first_listed_rule_glued_onto_the_last_unit() -> None:
    assert task_of("1.推进项目建设。（市发改委、市财政局、市商务局排名第一的为牵头单位）") == (
        ["市发改委"],
        ["市财政局", "市商务局"],
        [],
    )


def test_a_list_running_on_past_a_comma_to_its_verb() -> None:
    line = "4.加强项目谋划储备。（区发改局牵头，区财政局、区水务局等部门，区国投公司、各街道办事处配合）"
    assert task_of(line) == (["区发改局"], [], ["区财政局", "区水务局", "区国投公司", "各街道办事处"])


def test_a_note_after_the_list_is_no_part_of_it() -> None:
    line = (
        "1.健全清单制度。（市民政局牵头，各区、市政府负责落实。以下各项工作均需各区、市政府负责落实，不再一一列出。）"
    )
    assert task_of(line) == (["市民政局"], ["各区、市政府"], [])


def test_groups_written_across_a_separator_stay_one() -> None:
    assert task_of("1.加快建设。（省发改委、交通运输厅、相关市、县政府负责）")[1] == [
        "省发改委",
        "交通运输厅",
        "相关市、县政府",
    ]
    line = "1.摸清底数。（责任单位：县宅改办、县农业农村局；配合单位：各试点乡镇、街道）"
    assert task_of(line) == ([], ["县宅改办", "县农业农村局"], ["各试点乡镇、街道"])


def test_places_named_bare_share_the_organ_after_them() -> None:
    line = "3.推进民航基础设施建设。（哈尔滨机场扩建指挥部、哈尔滨、黑河、绥芬河市政府、省农垦总局负责）"
    assert task_of(line)[1] == ["哈尔滨机场扩建指挥部", "哈尔滨市政府", "黑河市政府", "绥芬河市政府", "省农垦总局"]


def test_places_named_with_their_level_share_the_organ_after_them_and_the_list_keeps_its_role() -> None:
    """洛阳市、开封市、郑州市人民政府配合: the shared 人民政府 written once; before, the bare 洛阳市 made the whole list
    unreadable and the task, the plan's only one, was dropped with it."""
    line = "（一）畅通道路。加快建设快速通道。（省交通运输厅牵头，省发展改革委、洛阳市、开封市、郑州市人民政府配合）"
    assert task_of(line) == (
        ["省交通运输厅"],
        [],
        ["省发展改革委", "洛阳市人民政府", "开封市人民政府", "郑州市人民政府"],
    )


def test_others_named_by_their_level_after_a_unit() -> None:
    assert roles_of("推进建设。（区经信局、区财政局等区政府有关部门，谯城经开区管委会配合）")[2] == [
        "区经信局",
        "区财政局",
        "区政府有关部门",
        "谯城经开区管委会",
    ]
    assert roles_of("推进建设。（区发改委、区农业农村局、等区政府有关部门，区农投公司配合）")[2] == [
        "区发改委",
        "区农业农村局",
        "区政府有关部门",
        "区农投公司",
    ]


def test_a_lead_section_labeled_by_its_office() -> None:
    line = (
        "1.加快孵化基地建设。\n责任领导：李建雄\n牵头科室（单位）：计划科、科技资源统筹中心基建办\n完成时限：2018年12月"
    )
    assert task_of(line) == (["计划科", "科技资源统筹中心基建办"], [], [])


def test_groups_the_shapes_miss_are_collectives_not_departments_that_owe_reports() -> None:
    directory = load_directory()
    assert directory.kind("相关乡镇办") == "collective"
    assert directory.kind("相关市、县政府") == "collective"
    assert directory.kind("市级有关部门") == "collective"
    assert directory.kind("区财政局") == "department"
