"""Plans Duban has never seen (issue 10): places read from the plan itself, organs of other places and
levels never taken for the plan's, naming that holds everywhere, and real plan shapes read whole."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from bench.fidelity import fidelity
from plan.directory import load_directory
from plan.parser import parse_file, parse_text
from plan.places import plan_places
from plan.resolver import NOT_IN_PLAN, Resolver
from tests.chat import Chat
from tests.conftest import DATA

# A district plan of another province, written for these tests in the shape of real ones.
LISHAN = """鞍山市立山区人民政府办公室
鞍山市立山区2023年政府工作报告重点工作
任务分解和责任分工方案

一、稳增长
1.推进重点项目建设。（牵头单位：区发改局；责任单位：区商务局、区市场局、税务局）
2.加强统计监测。（牵头单位：区统计局；责任单位：区财政局）
3.优化营商环境。（牵头单位：区政府办公室；责任单位：区政府各部门、区政府各相关行政执法部门、区政府各行政执法部门）
"""


@pytest.fixture(scope="module")
def lishan() -> Resolver:
    plan = parse_text(LISHAN, "附件1")
    return Resolver(plan.units, load_directory(), places=plan_places(plan.issuer, plan.title, plan.units))


def test_the_places_come_from_the_plan() -> None:
    plan = parse_text(LISHAN, "附件1")
    places = plan_places(plan.issuer, plan.title, plan.units)
    # The issuer names the city and the district; the gazetteer adds the province they lie in.
    assert places.chain == ("辽宁省", "鞍山市", "立山区") and places.level == "区"
    assert plan.title == "鞍山市立山区2023年政府工作报告重点工作任务分解和责任分工方案"  # across its line break


@pytest.mark.parametrize(
    ("query", "unit"),
    [
        ("区商务局", "区商务局"),
        ("立山区商务局", "区商务局"),
        ("鞍山市立山区商务局", "区商务局"),
        ("lsqswj", "区商务局"),
        ("市场监管局", "区市场局"),  # the plan's own short form of 市场监督管理局
        ("区市场监督管理局", "区市场局"),
        ("工商局", "区市场局"),  # the former name
        ("税务部门", "税务局"),  # a department named by its field
        ("统计部门", "区统计局"),
        ("财政口", "区财政局"),
        ("各相关行政执法部门", "区政府各相关行政执法部门"),  # the one of the plan's two collectives it names
    ],
)
def test_the_plans_own_units_by_any_name(lishan: Resolver, query: str, unit: str) -> None:
    match = lishan.resolve(query)
    assert match.unit == unit, match


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("铁西区商务局", "other-place"),
        ("鞍山市商务局", "higher"),
        ("鞍山市发改委", "higher"),
        ("市商务局", "other-level"),
        ("包头市东河区商务局", "other-place"),
        ("我是铁西区商务局的", "other-place"),
    ],
)
def test_organs_of_other_places_and_levels_are_not_the_plans(lishan: Resolver, query: str, reason: str) -> None:
    match = lishan.resolve(query)
    assert (match.unit, match.candidates) == (None, []) and match.reason == reason and reason in NOT_IN_PLAN


def test_one_character_between_organs_is_not_a_typo(lishan: Resolver) -> None:
    assert lishan.resolve("区政协办公室").unit is None
    assert lishan.resolve("区政府办公室").unit == "区政府办公室"


def test_collectives_stay_distinct(seed_path: Path) -> None:
    parsed = parse_file(seed_path)
    resolver = Resolver(parsed.units, load_directory(), places=plan_places(parsed.issuer, parsed.title, parsed.units))
    assert resolver.resolve("各相关行政执法部门").unit == "区政府各相关行政执法部门"
    assert resolver.resolve("各行政执法部门").unit == "区政府各行政执法部门"
    both = resolver.resolve("行政执法部门")
    assert both.unit is None and set(both.candidates) == {"区政府各相关行政执法部门", "区政府各行政执法部门"}


def test_traditional_characters_and_nested_lists_are_read() -> None:
    text = (
        "州人民政府辦公室關於印發2022年深化放管服改革優化營商環境工作要點的通知\n\n一、堅持系統集成\n"
        "1.全面實施行政許可事項清單管理。（牽頭單位：州行政審批服務局；責任單位：各縣(市、區)政府(管委會)）\n"
        "2.完善監管。（牽頭單位：州司法局；責任單位：各區、縣（市）政府，鄉鎮人民政府按職責分工分別負責）\n"
    )
    plan = parse_text(text, "附件")
    assert plan.title == "2022年深化放管服改革优化营商环境工作要点"
    first, second = plan.tasks
    assert first.lead == ["州行政审批服务局"] and first.responsible == ["各县（市、区）政府（管委会）"]
    assert second.lead == ["州司法局"] and "各区、县（市）政府" in second.responsible
    assert any("traditional" in w for w in plan.warnings)


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "plans").glob("*.expected.json")))
def test_the_real_plans_are_read_exactly(name: str) -> None:
    path = DATA / "plans" / name.replace(".expected.json", ".txt")
    exact, count, wrong = fidelity(path)
    assert exact == count and not wrong, wrong  # every task's units (and titles, where named) and the plan's title


def test_the_corpus_is_twenty_real_plans() -> None:
    sources = (DATA / "plans" / "SOURCES.md").read_text(encoding="utf-8")
    expected = sorted(p.name.removesuffix(".expected.json") for p in (DATA / "plans").glob("*.expected.json"))
    assert len(expected) >= 20
    assert all(f"{name}.txt" in sources for name in expected)  # each excerpt is kept with its source


def _more_cases() -> list[list[str]]:
    lines = (DATA / "resolve_cases_more.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def test_the_resolver_set_of_other_plans_has_no_wrong_unit(seed_path: Path) -> None:
    """Per plan: its units by their own names and with its places in order, and the traps of a higher
    place alone, another place and another level. Every line right, and so no unit ever wrong."""
    cases = _more_cases()
    resolvers: dict[str, Resolver] = {}
    wrong = []
    for plan, query, kind, expected in cases:
        if plan not in resolvers:
            parsed = parse_file(seed_path if plan == "bundled" else DATA / "plans" / plan)
            places = plan_places(parsed.issuer, parsed.title, parsed.units)
            resolvers[plan] = Resolver(parsed.units, load_directory(), places=places)
        match = resolvers[plan].resolve(query)
        if (match.unit or "-") != expected or (expected == "-" and match.candidates):
            wrong.append((plan, query, kind, expected, match.unit, match.reason))
    assert len(cases) + len((DATA / "resolve_cases.tsv").read_text(encoding="utf-8").splitlines()) >= 500
    assert {plan for plan, *_ in cases} >= {"bundled", "hanyang-2019.txt", "xialu-2020.txt", "lishan-2023-sample.txt"}
    assert wrong == []


@pytest.mark.parametrize("separator", ["\t", " | "])
def test_a_plain_text_table_is_a_table(separator: str) -> None:
    rows = [
        ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"],
        ["1", "推进项目建设", "区发改局", "区商务局、区财政局", "2023年6月底前"],
        ["2", "加强统计监测", "区统计局", "区财政局", "2023年底前"],
    ]
    text = "某区2023年重点工作任务清单\n\n" + "\n".join(separator.join(r) for r in rows) + "\n"
    plan = parse_text(text, "附件")
    assert [(t.number, t.title, t.lead, t.responsible) for t in plan.tasks] == [
        (1, "推进项目建设", ["区发改局"], ["区商务局", "区财政局"]),
        (2, "加强统计监测", ["区统计局"], ["区财政局"]),
    ]
    assert plan.tasks[0].deadlines[0].due is not None and plan.tasks[0].deadlines[0].due.month == 6


def test_sub_items_inside_a_paragraph_carry_their_own_roles() -> None:
    text = (
        "某区2023年优化营商环境工作要点\n\n一、深化改革\n"
        "1.深化商事制度改革。(1)全面落实企业开办一网通办。（牵头单位：区市场监管局；责任单位：区政务服务局）"
        "(2)推进证照分离改革。（牵头单位：区政务服务局；责任单位：区司法局）\n"
        "2.推进减税降费。（牵头单位：区财政局）\n"
    )
    tasks = parse_text(text, "附件").tasks
    assert [(t.title, t.lead, t.responsible) for t in tasks] == [
        ("全面落实企业开办一网通办", ["区市场监管局"], ["区政务服务局"]),
        ("推进证照分离改革", ["区政务服务局"], ["区司法局"]),
        ("推进减税降费", ["区财政局"], []),
    ]


def test_a_duty_phrase_is_not_part_of_a_unit() -> None:
    text = "某区2023年工作要点\n\n一、改革\n1.推进改革。（责任单位：各有关部门，乡镇人民政府按职责分工分别负责）\n"
    assert parse_text(text, "附件").tasks[0].responsible == ["各有关部门", "乡镇人民政府"]


def test_the_deadline_column_wins_over_words_in_the_text() -> None:
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        ["1", "年内兑现民生实事不少于30项", "区发改局", "2023年6月底前"],
    ]
    text = "某区2023年民生实事任务清单\n\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    [task] = parse_text(text, "附件").tasks
    assert [d.text for d in task.deadlines] == ["2023年6月底前"]


def test_the_plans_own_convention_first_listed_leads() -> None:
    rows = [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["1", "建设一网统管平台", "市数据资源局、市经信局、市财政局", "2023年底前"],
        ["2", "推进数据共享", "市数据资源局", "2023年底前"],
    ]
    text = "某市数字政府建设任务分解表\n\n说明：责任单位栏中排在第一位的为牵头单位。\n\n"
    plan = parse_text(text + "\n".join("\t".join(r) for r in rows) + "\n", "附件1")
    assert plan.title == "某市数字政府建设任务分解表"
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["市数据资源局"], ["市经信局", "市财政局"]),
        (["市数据资源局"], []),
    ]
    assert any("第一位的为牵头单位" in w for w in plan.warnings)  # the rule applied is named


async def test_a_traditional_plan_is_shown_as_it_was_written(tmp_path: Path) -> None:
    from tests.chat import Chat

    chat = Chat(tmp_path, plan_file=DATA / "plans" / "guangzhou-2006.txt")
    view = chat.ctx.store.view()
    assert view is not None
    first = view.task(1)
    assert first is not None and first.title == "加快建设东部、花都、南沙三大汽车产业基地"  # read simplified
    assert first.original == "加快建設東部、花都、南沙三大汽車產業基地"  # kept as written
    answer = await chat.text("office", "第1条")
    assert "原文：加快建設東部" in answer and "市经贸委" in answer
    assert view.resolver.resolve("市經貿委").unit == "市经贸委"  # typed in traditional characters too


COUNTY = """青禾县人民政府办公室关于印发青禾县2025年优化营商环境重点任务分工方案的通知
一、提升政务服务效能
1.推行“高效办成一件事”。（牵头单位：县政务服务中心；配合单位：县发改局，各乡镇人民政府；完成时限：2025年6月底前）
2.开展涉企行政执法专项检查。（牵头单位：县司法局；责任单位：县直各执法部门、县委编办、县工商联；完成时限：2025年9月）
3.推进镇村便民服务。（牵头单位：青禾镇；责任单位：各乡镇人民政府）
"""


async def test_a_county_plans_collectives_reach_its_own_kind_of_units(tmp_path: Path) -> None:
    plan = tmp_path / "county.txt"
    plan.write_text(COUNTY, encoding="utf-8")
    chat = Chat(tmp_path, plan_file=plan)
    view = chat.ctx.store.view()
    assert view is not None
    # The Party's and the people's organisations at the county level are no departments, as 区委 is not.
    assert view.kind("县委编办") == view.kind("县工商联") == "non-government"
    assert view.kind("青禾镇") == "local"
    # 各乡镇人民政府 reaches the towns; the law-enforcement departments never the town, the Party's organ
    # or another district's units from the bundled directory (区信访局 is 东河区's).
    assert view.members("各乡镇人民政府") == ["青禾镇"]
    enforcing = view.members("县直各执法部门")
    assert "县司法局" in enforcing and "县发改局" in enforcing
    assert not {"青禾镇", "县委编办", "县工商联"} & set(enforcing)
    assert not [u for u in enforcing if u.startswith("区")]
    await chat.join("staff", "工商联")
    mine = await chat.text("staff", "我的任务")
    assert "第2条" in mine and "第1条" not in mine and "第3条" not in mine  # not through 各乡镇人民政府
    await chat.join("town", "青禾镇")
    town = await chat.text("town", "我的任务")
    assert "第1条" in town and "第3条" in town and "第2条" not in town


def test_another_districts_collective_is_not_given_the_bundled_directorys_list() -> None:
    from core.settings import Settings
    from core.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "lishan.txt"
        plan.write_text(LISHAN, encoding="utf-8")
        view = open_store(Settings(_env_file=None, data_dir=Path(folder), plan_file=plan)).view()  # type: ignore[call-arg]
        assert view is not None
        reach = view.members("区政府各行政执法部门")
        assert set(reach) <= set(view.units) and "区商务局" in reach  # this plan's units only
        assert "区工科局" not in reach and "区卫健委" not in reach  # 东河区's, named in the bundled directory


def test_the_bundled_plans_directory_still_reaches_its_unnamed_units(seed_path: Path) -> None:
    from core.settings import Settings
    from core.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        view = open_store(Settings(_env_file=None, data_dir=Path(folder))).view()  # type: ignore[call-arg]
        assert view is not None
        assert "区信访局" in view.members("区政府各部门")  # listed in the directory, not in the plan
        assert "区卫健委" in view.members("区政府各行政执法部门")


async def test_a_task_the_unit_is_named_in_is_not_listed_again_through_a_collective(tmp_path: Path) -> None:
    chat = Chat(tmp_path, plan_file=DATA / "plans" / "lishan-2023.txt")  # 区发改局 leads task 3; 区直各部门 carry it
    await chat.join("staff", "发改局")
    mine = await chat.text("staff", "我的任务")
    assert mine.count("第3条 ") == 1 and "【责任】" not in mine


@pytest.mark.parametrize(
    ("plan", "collective", "reached", "bureau"),
    [
        ("taizhou-2019", "各市（区）人民政府", [], "市行政审批局"),  # a city's: its counties, never its bureaus
        ("guangzhou-talent-2012", "各区、县级市", ["越秀区"], "市财政局"),
        ("jingmen-2021", "各县市区", [], "市发改委"),
    ],
)
def test_a_city_plans_collective_of_counties_reaches_no_bureau(
    plan: str, collective: str, reached: list[str], bureau: str
) -> None:
    from core.settings import Settings
    from core.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, data_dir=Path(folder), plan_file=DATA / "plans" / f"{plan}.txt")  # type: ignore[call-arg]
        view = open_store(settings).view()
        assert view is not None and collective in view.units
        assert view.members(collective) == reached
        assert view.unit_tasks(bureau)  # the bureau has tasks of its own: the check below is not empty
        assert all(via != collective for item in view.unit_tasks(bureau) for _, via in item.roles)


# A county's plan whose issuer, title and units name no place; its tasks name it, twice.
SAID_ONLY = """2024年县政府重点工作任务分解
1.加快西平县工业园区建设，推进项目落地。（牵头单位：县发改局；配合单位：县财政局）
2.办好西平县第二届农民丰收节。（牵头单位：县农业农村局）
"""


def test_a_plan_whose_tasks_alone_name_its_place_is_placed_there_by_the_store() -> None:
    from core.settings import Settings
    from core.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "county.txt"
        plan.write_text(SAID_ONLY, encoding="utf-8")
        view = open_store(Settings(_env_file=None, data_dir=Path(folder), plan_file=plan)).view()  # type: ignore[call-arg]
        assert view is not None
        assert view.resolver.places.chain == ("河南省", "驻马店市", "西平县")
        assert view.resolver.resolve("西平县财政局").unit == "县财政局"
        assert view.resolver.resolve("上蔡县财政局").unit is None
