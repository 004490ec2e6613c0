"""Typed names meet the plan's units on their kind of organ (plan/data/organs.yaml), their level and their place:
a formal name with the plan's place, a Party organ's formal name, a short form the plan does not write, a name
written in a variant no list holds, pinyin and English of the kind, and a national plan's ministries. The traps name
nothing: another place's or a parent level's organ of the same kind, a town's office, a kind the plan lacks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from plan.directory import load_directory
from plan.model import Plan
from plan.parser import parse_file, parse_text
from plan.places import plan_places
from plan.resolver import Resolver, load_kinds

DATA = Path(__file__).parent / "data"

# A county's plan whose units are written in forms of their own (县发改局, 县人力社保局, 县住房和城建局).
COUNTY = """金乡县人民政府办公室
金乡县2024年优化营商环境重点任务分工方案
1.深化投资审批改革。（牵头单位：县发改局；配合单位：县人力社保局、县住房和城建局、县自然资源和规划局）
2.加强干部队伍建设。（牵头单位：县委组织部；配合单位：县卫健委、县文化和广电旅游体育局、县农业农村局）
3.推进市场准入。（牵头单位：县市场监管局；配合单位：县财政局、县司法局）
"""

# A district's plan that names its place nowhere but in a city bureau's branch among its units.
BRANCH = """2023年区《政府工作报告》确定的重点工作任务责任分解方案
1.打好污染防治攻坚战。（牵头单位：市生态环境局咸安分局；责任单位：区财政局、区发改局）
2.稳就业。（牵头单位：区人社局；责任单位：区财政局）
"""

# A national plan: ministries and national administrations, no place, no level.
NATIONAL = """国务院关于落实《政府工作报告》重点工作部门分工的意见
1.推进乡村振兴。（农业农村部、国家发展改革委牵头，财政部、人力资源社会保障部、退役军人事务部按职责分工负责）
2.保障粮食安全。（国家粮食和物资储备局、国家林业和草原局、工业和信息化部按职责分工负责）
"""


def _resolver(text: str) -> Resolver:
    plan: Plan = parse_text(text)
    return Resolver(plan.units, load_directory(), places=plan_places(plan.issuer, plan.title, plan.units))


def _answers(resolver: Resolver, typed: list[str]) -> dict[str, str | None]:
    return {name: resolver.resolve(name).unit for name in typed}


def test_formal_and_short_names_of_each_kind_find_the_plans_own_form_of_it() -> None:
    resolver = _resolver(COUNTY)
    assert resolver.places.chain[-1] == "金乡县"
    want = {
        "金乡县发展和改革局": "县发改局",
        "济宁市金乡县发展和改革委员会": "县发改局",
        "发展改革委": "县发改局",
        "发改委": "县发改局",
        "人社局": "县人力社保局",
        "金乡县人力资源和社会保障局": "县人力社保局",
        "住建局": "县住房和城建局",
        "县住房和城乡建设局": "县住房和城建局",
        "资规局": "县自然资源和规划局",
        "中共金乡县委组织部": "县委组织部",
        "中国共产党金乡县委员会组织部": "县委组织部",
        "卫健局": "县卫健委",
        "金乡县卫生健康局": "县卫健委",
        "文旅局": "县文化和广电旅游体育局",
        "农委": "县农业农村局",
        "农业局": "县农业农村局",
        "市监局": "县市场监管局",
        "weijianju": "县卫健委",
        "Human Resources and Social Security Bureau": "县人力社保局",
    }
    assert _answers(resolver, list(want)) == want


def test_the_same_kind_of_another_place_or_level_or_absent_from_the_plan_names_nothing() -> None:
    resolver = _resolver(COUNTY)
    traps = [
        "嘉祥县发展和改革局",  # a sibling county's
        "济宁市发展和改革委员会",  # the parent city's
        "市人社局",
        "山东省人力资源和社会保障厅",  # a province's 厅 of the same kind, never a look-alike of the county's 局
        "中共济宁市委组织部",
        "羊山镇财政所",  # a town's office is not the county's bureau
        "县统计局",  # a kind the plan does not hold
        "县委宣传部",
        "国家发展和改革委员会",
        "Statistics Bureau",
    ]
    assert _answers(resolver, traps) == dict.fromkeys(traps)


def test_a_plan_naming_its_place_only_in_a_branch_of_a_city_bureau_is_of_that_place() -> None:
    resolver = _resolver(BRANCH)
    assert resolver.places.chain[-1] == "咸安区"
    want = {
        "咸安区财政局": "区财政局",
        "咸宁市咸安区人力资源和社会保障局": "区人社局",
        "区生态环境局": "市生态环境局咸安分局",
        "嘉鱼县财政局": None,
        "咸宁市财政局": None,
    }
    assert _answers(resolver, list(want)) == want


def test_a_national_plans_ministries_by_their_short_names_and_english() -> None:
    resolver = _resolver(NATIONAL)
    assert resolver.national
    want = {
        "国家发展和改革委员会": "国家发展改革委",
        "发改委": "国家发展改革委",
        "人社部": "人力资源社会保障部",
        "工信部": "工业和信息化部",
        "国家粮食局": "国家粮食和物资储备局",
        "国家林草局": "国家林业和草原局",
        "中华人民共和国财政部": "财政部",
        "Ministry of Finance": "财政部",
        "教育部": None,
        "省财政厅": None,
        "市发改委": None,
    }
    assert _answers(resolver, list(want)) == want
    # On a county's plan a ministry's English is no county bureau's.
    assert _resolver(COUNTY).resolve("Ministry of Finance").unit is None


def test_two_units_of_one_kind_are_asked_never_one_picked() -> None:
    resolver = Resolver(["区人社局", "区人力资源和社会保障局", "区财政局"], load_directory())
    found = resolver.resolve("人力社保局")
    assert found.unit is None and found.candidates == ["区人社局", "区人力资源和社会保障局"]


def test_each_kind_is_data_with_its_names_english_and_party_mark() -> None:
    kinds = load_kinds()
    assert "人力资源和社会保障局" in kinds.names["人社局"]
    assert "Organization Department" in kinds.english["组织部"] and "组织部" in kinds.party
    assert "Ministry of Finance" in kinds.ministry["财政局"]
    every = [name for key, names in kinds.names.items() for name in [key, *names]]
    assert len(every) == len(set(every))  # a name belongs to one kind only


def test_the_organ_kinds_set_labeled_before_the_change_is_all_right(seed_path: Path) -> None:
    """tests/data/resolve_kinds.tsv, written before the kinds table (189 of 206 right, one false match, as found):
    every line right, and a name not in the plan neither matched nor offered as a candidate."""
    lines = (DATA / "resolve_kinds.tsv").read_text(encoding="utf-8").splitlines()
    cases = [line.split("\t") for line in lines if line and not line.startswith("#")]
    resolvers: dict[str, Resolver] = {}
    wrong = []
    for plan, query, kind, expected in cases:
        if plan not in resolvers:
            parsed = parse_file(seed_path if plan == "bundled" else DATA / "plans" / plan)
            places = plan_places(parsed.issuer, parsed.title, parsed.units)
            resolvers[plan] = Resolver(parsed.units, load_directory(), places=places)
        match = resolvers[plan].resolve(query)
        if (match.unit or "-") != expected or (expected == "-" and match.candidates):
            wrong.append((plan, query, kind, expected, match.unit, match.candidates, match.reason))
    assert len(cases) >= 200 and sum(expected == "-" for *_, expected in cases) >= 60
    assert wrong == []


# A province's plan with vertical organs named by the city they serve; a city's plan naming its place only in short
# before one of its bureaus.
PROVINCE = """安徽省人民政府关于2022年重点工作及责任分解的通知
1.稳外贸。（牵头单位：省商务厅；协同单位：合肥海关、省外汇管理局、人行合肥中心支行、省财政厅）
"""
CITY = """关于做好市场价格调控工作的意见
1.保障粮油供应。（市商务局、财政局、粮食局负责）
2.加强价格监测。（市物价局、国家统计局镇江调查队、镇江工商局负责）
"""


def test_vertical_organs_and_a_national_bureaus_branch_answer_to_their_kind() -> None:
    resolver = _resolver(PROVINCE)
    want = {
        "海关": "合肥海关",
        "国家外汇管理局安徽省分局": "省外汇管理局",
        "芜湖海关": None,  # another city's customs
        "国家外汇管理局江苏省分局": None,
    }
    assert _answers(resolver, list(want)) == want


def test_a_city_named_in_short_before_a_unit_places_the_plan_and_other_short_names_are_other_places() -> None:
    resolver = _resolver(CITY)
    assert resolver.places.chain[-1] == "镇江市"
    want = {
        "镇江市粮食局": "粮食局",
        "市工商局": "镇江工商局",
        "镇江调查队": "国家统计局镇江调查队",
        "南京调查队": None,
        "南京财政局": None,
        "丹阳市财政局": None,
    }
    assert _answers(resolver, list(want)) == want


# A county's plan naming the Party's offices and bodies by their short names (the kinds added for the resolver brief).
PARTY_OFFICES = """某县2024年重点工作任务分工
1.加强保密管理。（牵头单位：县委保密办；配合单位：县委巡察办、县委国安办）
2.繁荣社会科学。（牵头单位：县社科联；配合单位：县关工委、县文体广电和旅游局）
3.提升城市管理和政务服务。（牵头单位：县城市管理和综合执法局；配合单位：县政务服务管理办公室）
"""


def test_party_offices_mass_bodies_and_merged_bureaus_are_found_by_their_formal_names() -> None:
    resolver = _resolver(PARTY_OFFICES)
    want = {
        "县委保密委员会办公室": "县委保密办",
        "保密局": "县委保密办",
        "县委巡察工作办公室": "县委巡察办",
        "巡察工作领导小组办公室": "县委巡察办",
        "县委国家安全委员会办公室": "县委国安办",
        "国安办": "县委国安办",
        "县社会科学界联合会": "县社科联",
        "关心下一代工作委员会": "县关工委",
        "县文化广电和旅游局": "县文体广电和旅游局",
        "文旅局": "县文体广电和旅游局",
        "县城管局": "县城市管理和综合执法局",
        "县综合行政执法局": "县城市管理和综合执法局",
        "县政务服务管理局": "县政务服务管理办公室",
        "政务服务局": "县政务服务管理办公室",
    }
    assert _answers(resolver, list(want)) == want
    traps = ["县委组织部", "市社科联", "县国家安全局", "县统计局"]
    assert _answers(resolver, traps) == dict.fromkeys(traps)


# A city's plan of 2006, before the tax offices merged: both of them among its units.
BEFORE_MERGER = """2006年市政府工作报告目标任务分解
1.加强税源管理。（牵头单位：市财政局；配合单位：市国税局、市地税局、人民银行市中心支行）
2.加快信用体系建设。（牵头单位：市金融办；配合单位：市银监分局）
"""

# A district's plan of 2021, after: one 税务局.
AFTER_MERGER = """2021年区重点工作任务分工
1.落实减税降费。（牵头单位：区税务局；配合单位：区财政局）
"""


def test_near_kinds_are_distinct_organs_never_one_another() -> None:
    before = _resolver(BEFORE_MERGER)
    assert before.resolve("市地方税务局").unit == "市地税局"
    assert before.resolve("国税局").unit == "市国税局"
    assert before.resolve("市税务局").candidates == ["市国税局", "市地税局"]  # the merged organ: asked, never guessed
    assert before.resolve("人民银行").unit == "人民银行市中心支行"
    after = _resolver(AFTER_MERGER)
    assert after.resolve("国家税务总局区税务局").unit == "区税务局"
    for other in ("区地税局", "区国税局", "区地方税务局"):
        assert after.resolve(other).unit is None, other
    only_one = _resolver("1.加强税源管理。（牵头单位：省国税局；配合单位：省财政厅）\n")
    assert only_one.resolve("省地税局").unit is None  # one character apart, another organ


def test_a_higher_bureaus_branch_in_the_plans_place_is_the_plans_organ_of_that_kind() -> None:
    text = """华容县2021年重点项目建设工作方案
1.抓好环境保护。（牵头单位：县生态环境分局；配合单位：县财政局）
2.做好统计调查。（牵头单位：县统计局）
"""
    resolver = _resolver(text)
    assert resolver.resolve("岳阳市生态环境局华容分局").unit == "县生态环境分局"
    assert resolver.resolve("岳阳市生态环境局君山分局").unit is None
    assert resolver.resolve("岳阳市生态环境局").unit is None


def test_one_organs_names_within_a_plan_fold_into_the_first_written() -> None:
    from plan.resolver import one_organ_each

    city = one_organ_each(["市农委", "农委", "市国税局", "市地税局", "区农委", "各区政府", "市级有关部门"])
    assert city["农委"] == "市农委"  # one kind, level and place: one organ
    assert city["市地税局"] == "市地税局" and city["区农委"] == "区农委"  # another organ, another level
    assert city["各区政府"] == "各区政府" and city["市级有关部门"] == "市级有关部门"  # groups stay as they are
    national = one_organ_each(["工业和信息化部", "公安部", "工信部", "国家林草局", "国家林业和草原局"])
    assert national["工信部"] == "工业和信息化部" and national["国家林业和草原局"] == "国家林草局"
    assert national["公安部"] == "公安部"
    county = one_organ_each(["县发改局", "县发展和改革局", "县委组织部", "县组织部", "县文化和旅游局", "县旅游局"])
    assert county["县发展和改革局"] == "县发改局" and county["县组织部"] == "县委组织部"
    assert county["县旅游局"] == "县旅游局"  # a merged bureau and one of its halves are not folded by their kinds


def test_a_unit_with_a_role_word_glued_on_is_matched_whole_never_on_its_parts() -> None:
    """省财政厅主办 is the parser's slip for 省财政厅 (lead): the plan's labels say 省财政厅, so neither its organ's name nor a
    pinyin that starts its name gives it (a false match by them), nor does the role word."""
    units = ["省财政厅主办", "省发展改革委协办", "省教育厅", "省统计局"]
    resolver = Resolver(units, load_directory(), places=plan_places(None, "某省2024年工作要点", units))
    assert resolver.resolve("省财政厅主办").unit == "省财政厅主办"
    for other in ("caizhengting", "caizheng", "财政厅", "主办", "协办", "省人社厅"):
        assert resolver.resolve(other).unit is None, other
    assert resolver.resolve("tongji").unit == "省统计局"  # all but the organ's ending


def test_offices_of_committees_and_leading_groups_are_found_by_their_formal_names() -> None:
    text = """某市2024年安全生产和人才工作要点
1.开展安全生产大检查。（牵头单位：市安委办；配合单位：市委人才办、市文明办）
"""
    resolver = _resolver(text)
    for typed, unit in (
        ("市安全生产委员会办公室", "市安委办"),
        ("市安委会办公室", "市安委办"),
        ("市委人才工作领导小组办公室", "市委人才办"),
        ("市人才办", "市委人才办"),
        ("市精神文明建设委员会办公室", "市文明办"),
    ):
        assert resolver.resolve(typed).unit == unit, typed
    for other in ("市食安办", "市食品安全委员会办公室", "区安委办"):
        assert resolver.resolve(other).unit is None, other


def test_new_party_organs_and_zones_are_found_by_their_formal_names() -> None:
    text = """某市2024年社会工作要点
1.加强社区工作者队伍建设。（牵头单位：市委社会工作部；配合单位：东湖高新区管委会、市审改办）
"""
    resolver = _resolver(text)
    assert resolver.resolve("社工部有什么任务").unit == "市委社会工作部"
    assert resolver.resolve("东湖新技术开发区管委会").unit == "东湖高新区管委会"
    assert resolver.resolve("市行政审批制度改革工作领导小组办公室").unit == "市审改办"
    assert resolver.resolve("市委宣传部").unit is None


def test_the_resolver_briefs_own_sets_give_no_false_match(seed_path: Path) -> None:
    """tests/data/resolve_own.tsv (labeled before the brief's changes: 243/271, 6 false matches) and
    resolve_own_second.tsv (labeled after the first of them, read once: 65/72, 1 false): no unit given where another or
    none is right, and at least 97% right (a name two units answer to, jiaowei, is asked)."""

    def parsed_resolver(plan: str) -> Resolver:
        parsed = parse_file(seed_path if plan == "bundled" else DATA / "plans" / plan)
        return Resolver(parsed.units, load_directory(), places=plan_places(parsed.issuer, parsed.title, parsed.units))

    right = total = 0
    false: list[tuple[str, str, str, str]] = []
    for name in ("resolve_own.tsv", "resolve_own_second.tsv"):
        got = _score_labeled(DATA / name, parsed_resolver)
        right, total, false = right + got[0], total + got[1], false + got[2]
    assert false == []
    assert right / total >= 0.97


def test_another_places_organ_typed_in_a_sentence_is_never_the_plans() -> None:
    text = """成都市2024年城市更新工作方案
1.推进城市更新。（牵头单位：市住建局；配合单位：市规划和自然资源局、市财政局）
"""
    resolver = _resolver(text)
    assert resolver.resolve("我是成都市规划和自然资源局的").unit == "市规划和自然资源局"
    for other in ("我是咸阳市自然资源和规划局的", "杭州市市规划和自然资源局", "汉阳区区财政局", "我在遂宁市财政局"):
        assert resolver.resolve(other).unit is None, other


def test_a_character_mistaken_for_a_look_alike_still_finds_the_unit() -> None:
    text = """某区2024年工作要点
1.加强预算管理。（牵头单位：区财政局；配合单位：区审计局、区统计局、区国税局、区地税局）
"""
    resolver = _resolver(text)
    for typed, unit in (
        ("区财攻局", "区财政局"),
        ("财攻局", "区财政局"),
        ("區財攻局", "区财政局"),
        ("区审汁局", "区审计局"),
    ):
        assert resolver.resolve(typed).unit == unit, typed
    assert resolver.resolve("区审记局有什么任务").unit == "区审计局"  # by its sound
    assert resolver.resolve("区土商局").unit is None  # a look-alike of 工商局, which the plan lacks
    assert resolver.resolve("区国税局").unit == "区国税局" and resolver.resolve("区地税局").unit == "区地税局"


def test_a_look_alike_of_an_organ_the_plan_lacks_is_none_of_its_units() -> None:
    text = """某区2024年工作要点
1.加强统计工作。（牵头单位：区统计局；配合单位：区财政局）
"""
    resolver = _resolver(text)
    for typed in ("区审汁局", "区审记局", "审计局", "区宙计局"):
        assert resolver.resolve(typed).unit is None, typed


def test_the_names_set_labeled_before_issue_26s_name_work_reads_right_with_no_false_match(
    tmp_path: Path, seed_path: Path
) -> None:
    """tests/data/resolve_names.tsv, labeled before the changes (125/134, 3 false matches as found: one organ written
    two ways, 财攻局): each plan imported into a store, as the office's docket resolves names."""
    from core.settings import Settings
    from core.store import open_store

    def stored_resolver(plan: str) -> Resolver:
        path = seed_path if plan == "bundled" else DATA / "plans" / plan
        settings = Settings(_env_file=None, data_dir=tmp_path / plan.replace("/", "_"), plan_file=path)  # type: ignore[call-arg]
        view = open_store(settings).view()
        assert view is not None
        return view.resolver

    right, total, false = _score_labeled(DATA / "resolve_names.tsv", stored_resolver)
    assert false == []
    assert right / total >= 0.97


def test_a_part_of_a_name_never_gives_a_group_for_one_organ() -> None:
    text = """某市2024年政府工作报告任务分解
1.地区生产总值增长6%。（牵头单位：市发展改革委；责任单位：各县（市）区政府、相关乡镇办）
"""
    resolver = _resolver(text)
    for typed in ("市政府", "政府", "乡镇办", "县政府"):
        assert resolver.resolve(typed).unit is None, typed
    assert resolver.resolve("各县（市）区政府").unit == "各县（市）区政府"
    assert resolver.resolve("相关乡镇办").unit == "相关乡镇办"


def test_a_merged_bureau_answers_to_each_kind_it_joins() -> None:
    text = """某区2023年工作要点
1.规上工业增加值增长10%以上。（牵头单位：区科经局；责任单位：区财政局）
"""
    resolver = _resolver(text)
    for typed in ("区科技局", "区经信局", "科学技术和经济信息化局"):
        assert resolver.resolve(typed).unit == "区科经局", typed
    assert resolver.resolve("区发展和改革局").unit is None


def test_a_plain_bureau_does_not_answer_for_the_other_half_of_a_wider_merged_one() -> None:
    # Some places merge 农业农村和水利局; a plan's plain 农业农村局 is not that organ, so 水利局 is not in this plan.
    text = """某市2024年工作要点
1.稳定粮食生产。（牵头单位：市农业农村局；责任单位：市水务局）
"""
    resolver = _resolver(text)
    for typed in ("市水利局", "水利局"):
        assert resolver.resolve(typed).unit is None, typed
    assert resolver.resolve("农业农村局").unit == "市农业农村局"


def test_a_ministry_or_a_provinces_department_is_not_a_citys_bureau() -> None:
    text = """某市2024年工作要点
1.稳定粮食生产。（牵头单位：市农业农村局；责任单位：市财政局）
"""
    resolver = _resolver(text)
    for typed in ("农业农村部", "财政部", "财政厅", "农业农村厅"):
        assert resolver.resolve(typed).unit is None, typed
    assert resolver.resolve("农业农村局").unit == "市农业农村局"


def test_a_place_spelled_with_an_apostrophe_is_the_plans_own_in_english() -> None:
    text = """咸宁市咸安区2023年工作要点
1.组织财政收入。（牵头单位：区财政局；责任单位：区税务局）
"""
    resolver = _resolver(text)
    assert resolver.resolve("Xian'an District Finance Bureau").unit == "区财政局"
    assert resolver.resolve("Xianning Finance Bureau").unit is None


def test_english_names_with_the_party_or_the_peoples_government_and_pinyin_with_tones(seed_path: Path) -> None:
    parsed = parse_file(seed_path)
    resolver = Resolver(parsed.units, load_directory(), places=plan_places(parsed.issuer, parsed.title, parsed.units))
    for typed, unit in (
        ("Publicity Department of the CPC Donghe District Committee", "区委宣传部"),
        ("CPC Donghe District Committee Organization Department", "区委组织部"),
        ("Office of the District People's Government", "区政府办公室"),
        ("fā gǎi wěi", "区发改委"),
        ("tǒng jì jú", "区统计局"),
    ):
        assert resolver.resolve(typed).unit == unit, typed
    for other in (
        "Kundulun District Finance Bureau",
        "Ministry of Finance",
        "CPC Baotou Municipal Committee Publicity Department",
    ):
        assert resolver.resolve(other).unit is None, other


def test_a_short_name_said_only_after_its_level_is_no_name_alone(seed_path: Path) -> None:
    parsed = parse_file(seed_path)
    resolver = Resolver(parsed.units, load_directory(), places=plan_places(parsed.issuer, parsed.title, parsed.units))
    for typed in ("府办", "我是府办的", "公厅"):
        assert resolver.resolve(typed).unit is None, typed
    for typed in ("区府办", "东河区府办", "我是区府办的", "政府办"):
        assert resolver.resolve(typed).unit == "区政府办公室", typed


def test_two_names_typed_together_are_asked_never_one_guessed() -> None:
    text = """某市2024年工作要点
1.组织财政收入。（牵头单位：市财政局；责任单位：市商务局、市税务局）
"""
    resolver = _resolver(text)
    for typed in ("市财政局和市商务局", "财政局、商务局", "财政局 商务局"):
        match = resolver.resolve(typed)
        assert match.unit is None and sorted(match.candidates) == ["市商务局", "市财政局"], typed
    assert resolver.resolve("市财政局和财政局").unit == "市财政局"


def _score_labeled(
    path: Path, resolver_of: Callable[[str], Resolver]
) -> tuple[int, int, list[tuple[str, str, str, str]]]:
    """A labeled set's names (plan, query, kind, expected: a unit, `-`, or units to ask between joined by |) resolved
    on each plan's resolver, made once a plan: right, total, and the false matches."""
    resolvers: dict[str, Resolver] = {}
    right = total = 0
    false: list[tuple[str, str, str, str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for plan, query, _kind, expected in (line.split("\t") for line in lines if line and not line.startswith("#")):
        if plan not in resolvers:
            resolvers[plan] = resolver_of(plan)
        match = resolvers[plan].resolve(query)
        if "|" in expected:
            ok = match.unit is None and sorted(match.candidates) == sorted(expected.split("|"))
        else:
            ok = (match.unit or "-") == expected
        right += ok
        total += 1
        if match.unit is not None and not ok:
            false.append((plan, query, expected, match.unit))
    return right, total, false


def test_a_citys_management_committee_and_an_economy_commission_are_found_by_their_full_names() -> None:
    """城市管理委员会 is the 城管委 and 经济信息委 (as Chongqing's districts write 经济和信息化委员会) the 经信委; a province's
    工业和信息化委 its 工信委: names of their kinds, typed in full or short. The 城管委 is not the 城管(执法)局, an organ
    of its own where a city has both (北京's districts), so a plan with only the committee has no 城管局."""
    text = """某市2024年工作要点
1.整治背街小巷。（牵头单位：市城管委；责任单位：市经济信息委、市工业和信息化委、市资源规划局、市物价监管局）
"""
    resolver = _resolver(text)
    assert _answers(
        resolver,
        ["市城市管理委员会", "城管委", "市经信委", "经济和信息化委员会", "工信委", "自然资源和规划局", "物价局"],
    ) == {
        "市城市管理委员会": "市城管委",
        "城管委": "市城管委",
        "市经信委": "市经济信息委",
        "经济和信息化委员会": "市经济信息委",
        "工信委": "市工业和信息化委",
        "自然资源和规划局": "市资源规划局",
        "物价局": "市物价监管局",
    }
    assert resolver.resolve("市城市管理综合行政执法局").unit is None
    assert resolver.resolve("城管执法局").unit is None


def test_a_provinces_department_is_found_by_its_short_name_in_pinyin_with_its_own_ending() -> None:
    text = """河南省2023年重点工作责任单位
1.稳住房地产。（牵头单位：省住房城乡建设厅；责任单位：省财政厅、省卫生健康委）
"""
    resolver = _resolver(text)
    assert _answers(resolver, ["zhujianting", "zhujianju", "caizhengting", "weijianwei"]) == {
        "zhujianting": "省住房城乡建设厅",
        "zhujianju": "省住房城乡建设厅",
        "caizhengting": "省财政厅",
        "weijianwei": "省卫生健康委",
    }
    assert resolver.resolve("jiaoyuting").unit is None  # a department the plan lacks


def test_an_organ_named_as_the_governments_is_the_plans_organ_of_that_kind() -> None:
    """省政府金融工作办公室 is the province's 金融办 (an office of the government); 政府 before a kind the plan lacks, or the
    government's own general office, is none of its units."""
    text = """某省2014年工作要点
1.防范金融风险。（牵头单位：省金融办；责任单位：省财政厅）
"""
    resolver = _resolver(text)
    assert resolver.resolve("省政府金融工作办公室").unit == "省金融办"
    assert resolver.resolve("省人民政府金融办").unit == "省金融办"
    for typed in ("省政府办公厅", "省政府统计局", "省政府办公室"):
        assert resolver.resolve(typed).unit is None, typed


def test_two_organs_of_one_kind_a_plan_prints_with_other_endings_stay_two_units() -> None:
    """A plan of 2009 prints 市建委 and 市建设局, both of the 住建局 kind by the table: two organs of that time, never folded
    into one unit. A name with one's ending finds it; the kind's own later name (住建局) is asked, never one guessed."""
    from plan.resolver import one_organ_each

    units = ["市发改委", "市建委", "市建设局", "市环保局"]
    places = plan_places("兰州市人民政府办公厅", None, units)
    folded = one_organ_each(units, places)
    assert folded["市建委"] == "市建委" and folded["市建设局"] == "市建设局"
    resolver = Resolver(units, load_directory(), places=places)
    assert resolver.resolve("市城乡建设委员会").unit == "市建委"
    assert resolver.resolve("建设局").unit == "市建设局"
    found = resolver.resolve("住建局")
    assert found.unit is None and found.candidates == ["市建委", "市建设局"]


def test_the_plans_own_name_ending_in_what_was_typed_beats_another_unit_of_its_kind() -> None:
    """A district's plan of 2006 holds 卫生局 and 人口计生委: 计生委 is the plan's 人口计生委, not the 卫生局 the organ-kinds table
    files under the same later kind (卫健委)."""
    units = ["教育局", "人口计生委", "民政局", "卫生局", "财政局"]
    resolver = Resolver(units, load_directory(), places=plan_places("上海市徐汇区人民政府", None, units))
    assert resolver.resolve("计生委").unit == "人口计生委"
    assert resolver.resolve("卫生局").unit == "卫生局"


def test_a_customs_office_named_by_its_district_in_short_is_the_plans_customs_and_another_name_is_not() -> None:
    units = ["区发改委", "吴江海关", "区财政局"]
    resolver = Resolver(units, load_directory(), places=plan_places("苏州市吴江区人民政府", None, units))
    assert _answers(resolver, ["海关", "吴江海关", "我是海关的"]) == {
        "海关": "吴江海关",
        "吴江海关": "吴江海关",
        "我是海关的": "吴江海关",
    }
    assert _answers(resolver, ["苏州海关", "金陵海关", "黄山海关"]) == {
        "苏州海关": None,
        "金陵海关": None,
        "黄山海关": None,
    }


def test_a_zones_own_plan_reads_its_zone_word_before_a_unit_as_its_own() -> None:
    """A development zone's plan, its units speaking no level: 开发区改革办 is its 改革办; on a county's plan the zone's office
    is another body's, never the county's 改革办."""
    zone = ["招商工作部", "安商工作部", "改革办", "规划建设局"]
    resolver = Resolver(zone, load_directory(), places=plan_places(None, "2025年开发区重点工作及责任清单", zone))
    assert _answers(resolver, ["开发区改革办", "开发区规划建设局", "某某区改革办"]) == {
        "开发区改革办": "改革办",
        "开发区规划建设局": "规划建设局",
        "某某区改革办": None,
    }
    county = ["县改革办", "县财政局"]
    resolver = Resolver(county, load_directory(), places=plan_places("霍山县人民政府", None, county))
    assert resolver.resolve("开发区改革办").unit is None
    assert resolver.resolve("改革办").unit == "县改革办"


def test_a_name_that_shortens_only_its_ending_is_an_abbreviation_of_it() -> None:
    units = ["县发改局", "新材料产业园", "高端装备产业园", "县交通运输局"]
    resolver = Resolver(units, load_directory(), places=plan_places("金乡县人民政府办公室", None, units))
    assert _answers(resolver, ["新材料园", "高端装备园", "新能源园"]) == {
        "新材料园": "新材料产业园",
        "高端装备园": "高端装备产业园",
        "新能源园": None,
    }


def test_a_group_answers_to_its_name_without_the_places_it_lists_and_its_fillers() -> None:
    units = ["市应急局", "市直各有关单位", "各县(市、区)人民政府", "市财政局"]
    resolver = Resolver(units, load_directory(), places=plan_places("运城市人民政府办公厅", None, units))
    assert _answers(resolver, ["市直单位", "各县政府", "各县市区政府"]) == {
        "市直单位": "市直各有关单位",
        "各县政府": "各县(市、区)人民政府",
        "各县市区政府": "各县(市、区)人民政府",
    }
    assert _answers(resolver, ["县政府", "市政府", "县直单位"]) == {"县政府": None, "市政府": None, "县直单位": None}


def test_a_province_named_with_a_bureaus_ending_it_gives_that_kind_is_none_of_its_departments() -> None:
    """A province names these departments 厅: 海南省教育局 and 省住建局 are no organs it has (typed alone, 教育局 is still the
    kind, and the department's own name finds it)."""
    units = ["海南省卫健委", "海南省教育厅", "海南省住建厅", "海南省地方金融监督管理局"]
    resolver = Resolver(units, load_directory(), places=plan_places("海南省人民政府办公厅", None, units))
    assert _answers(resolver, ["海南省教育局", "省住建局", "我是省住建局的"]) == {
        "海南省教育局": None,
        "省住建局": None,
        "我是省住建局的": None,
    }
    assert _answers(resolver, ["教育局", "省住建厅", "海南省住房和城乡建设厅", "我是住建厅的"]) == {
        "教育局": "海南省教育厅",
        "省住建厅": "海南省住建厅",
        "海南省住房和城乡建设厅": "海南省住建厅",
        "我是住建厅的": "海南省住建厅",
    }
