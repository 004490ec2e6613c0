"""Places from the gazetteer of China's divisions: a plan's place chain completed upwards, any place
recognised as a place (not only those the plan names), and a plan without a named place placed by its
own units' level and the places they name."""

from __future__ import annotations

from plan.directory import load_directory
from plan.gazetteer import gazetteer
from plan.parser import parse_file, parse_text
from plan.places import leading_places, plan_places
from plan.resolver import Resolver


def _resolver(plan):  # type: ignore[no-untyped-def]
    return Resolver(plan.units, load_directory(), places=plan_places(plan.issuer, plan.title, plan.units))


def test_the_bundled_plans_place_is_completed_and_its_full_names_are_its_own(seed_path) -> None:  # type: ignore[no-untyped-def]
    plan = parse_file(seed_path)
    places = plan_places(plan.issuer, plan.title, plan.units)
    assert places.chain == ("内蒙古自治区", "包头市", "东河区")
    resolver = _resolver(plan)
    assert resolver.resolve("内蒙古包头市东河区统计局").unit == "区统计局"
    assert resolver.resolve("帮我查区统计局的任务").unit == "区统计局"  # 帮我查区 is no place
    assert resolver.resolve("铁西区商务局").reason == "other-place"
    assert resolver.resolve("包头市统计局").unit is None  # the city's bureau is not the district's


def test_places_of_every_level_are_known() -> None:
    book = gazetteer()
    assert book.is_place("东华门街道") and book.is_place("城关镇") and book.is_place("立山区")
    assert leading_places("广西南宁市青秀区人民政府") == ["广西", "南宁市", "青秀区"]
    assert book.complete(["南宁市", "青秀区"]) == ["广西壮族自治区", "南宁市", "青秀区"]
    assert book.complete(["鼓楼区"]) == ["鼓楼区"]  # several districts of that name: left as it is


def test_a_city_plan_that_names_no_place_is_read_at_its_units_level() -> None:
    text = """2023年重点工作任务分工
1.推进项目建设。(牵头单位:市发改委;配合单位:市财政局、东河区人民政府、昆都仑区人民政府、青山区人民政府)
2.做好医疗保障。(牵头单位:市卫健委;配合单位:市医保局)
"""
    plan = parse_text(text)
    places = plan_places(plan.issuer, plan.title, plan.units)
    # Its cooperating districts all lie in one city: that city is the plan's place, not one of them.
    assert (places.chain, places.level) == (("内蒙古自治区", "包头市"), "市")
    resolver = _resolver(plan)
    for typed, unit in (
        ("发改委", "市发改委"),
        ("卫健委", "市卫健委"),
        ("fagaiwei", "市发改委"),
        ("市卫健委", "市卫健委"),
    ):
        assert resolver.resolve(typed).unit == unit, typed


def test_autonomous_prefectures_and_counties_are_known_by_what_they_are_called() -> None:
    book = gazetteer()
    assert leading_places("伊犁州财政局") == ["伊犁州"]
    assert leading_places("黔东南州大数据局") == ["黔东南州"]
    assert leading_places("长阳县教育局") == ["长阳县"]
    assert book.complete(["楚雄州"]) == ["云南省", "楚雄彝族自治州"]
    assert not book.is_place("鄂伦春旗")  # named by its people alone: no shorter name


def test_a_prefectures_plan_refuses_another_prefectures_and_its_own_citys_bureaus() -> None:
    text = """昌吉回族自治州人民政府办公室关于印发社区工作者队伍建设实施方案的通知
1.建立岗位等级序列。（牵头单位：州民政局；配合单位：州人力资源和社会保障局、州财政局）
"""
    plan = parse_text(text)
    resolver = _resolver(plan)
    assert resolver.places.chain == ("新疆维吾尔自治区", "昌吉回族自治州")
    assert resolver.resolve("昌吉州民政局").unit == "州民政局"
    assert resolver.resolve("州人社局").unit == "州人力资源和社会保障局"
    for other in ("伊犁州财政局", "昌吉市民政局", "阜康市财政局", "自治区财政厅", "某某州财政局"):
        assert resolver.resolve(other).unit is None, other


def test_a_provinces_plan_gives_no_prefectures_bureau_to_its_own_department() -> None:
    text = """某省2024年数字经济工作要点
1.发展算力产业。（责任单位：省大数据局、省财政厅）
"""
    resolver = _resolver(parse_text(text))
    assert resolver.resolve("省大数据局").unit == "省大数据局"
    for other in ("楚雄州财政局", "黔南州大数据局", "锡林郭勒盟财政局", "阿克苏地区财政局", "仙桃财政局"):
        assert resolver.resolve(other).unit is None, other


def test_a_title_naming_a_higher_place_inside_it_keeps_the_issuers_place() -> None:
    places = plan_places(None, "西安市贯彻落实陕西省《2022年深化放管服改革工作要点》分工方案", ["市司法局", "市财政局"])
    assert places.chain == ("陕西省", "西安市")


def test_a_plan_naming_its_place_only_in_short_in_its_title_or_in_its_text_is_placed_there() -> None:
    units = ["省大数据局", "省工业和信息化厅"]
    assert plan_places(None, "数智贵州建设2026年工作要点", units).chain == ("贵州省",)
    said = "全县上下……西平县人民医院扩建……驻马店市下达的任务……西平县工业园区"
    places = plan_places(None, "2024年县政府重点工作任务分解", ["县发改局", "县财政局"], said)
    assert places.chain == ("河南省", "驻马店市", "西平县")
    # A word that is the name of several districts (城区) names none; a place said once in a long text is not enough.
    assert plan_places(None, "2023年城区环境综合整治工作方案", ["区城管局"], "整治城区背街小巷").chain == ()
    assert plan_places(None, "2024年县政府重点工作", ["县发改局"], "学习西平县经验").chain == ()


def test_a_place_named_without_its_ending_before_a_kind_is_another_place_at_any_level() -> None:
    text = """安徽省2022年重点工作
1.加强财政管理。（牵头单位：省财政厅；配合单位：省税务局）
"""
    resolver = _resolver(parse_text(text))
    assert resolver.resolve("安徽财政厅").unit == "省财政厅"
    for other in ("巢湖财政局", "我是金寨财政局的", "宿州市地税局"):  # a county-level city, a county, a city
        assert resolver.resolve(other).unit is None, other


def test_the_plans_place_after_a_sentences_first_words_and_a_place_begun_like_it() -> None:
    text = """华容县2021年重点项目建设工作方案
1.做好统计调查。（牵头单位：县统计局；配合单位：县财政局）
"""
    resolver = _resolver(parse_text(text))
    assert resolver.places.chain == ("湖南省", "岳阳市", "华容县")
    assert resolver.resolve("我在华容县统计局").unit == "县统计局"
    assert resolver.resolve("我在岳阳市华容县财政局").unit == "县财政局"
    # 岳阳县 begins as the plan's city is called (岳阳) but is another county.
    for other in ("岳阳县统计局", "我是岳阳县统计局的", "我在岳阳市统计局"):
        assert resolver.resolve(other).unit is None, other


def test_a_prefecture_called_by_one_character_is_another_place() -> None:
    text = """昌吉回族自治州社区工作者队伍建设实施方案
1.建立岗位等级序列。（牵头单位：州民政局；配合单位：州财政局）
"""
    resolver = _resolver(parse_text(text))
    assert resolver.resolve("请问州民政局有什么任务").unit == "州民政局"
    for other in ("博州民政局", "巴州财政局"):
        assert resolver.resolve(other).unit is None, other


def test_a_banners_and_a_leagues_plan_answer_to_the_names_they_are_called_by() -> None:
    banner = _resolver(
        parse_text(
            "达拉特旗人民政府办公室关于印发2023年重点工作任务分解方案的通知\n"
            "1.推进项目建设。（牵头单位：旗发改委；配合单位：旗财政局、旗委组织部）\n"
        )
    )
    assert banner.places.chain == ("内蒙古自治区", "鄂尔多斯市", "达拉特旗")
    for typed in ("达拉特旗财政局", "达旗财政局", "鄂尔多斯市达拉特旗财政局"):
        assert banner.resolve(typed).unit == "旗财政局", typed
    assert banner.resolve("中共达拉特旗委组织部").unit == "旗委组织部"
    for other in ("准格尔旗财政局", "准旗财政局", "鄂尔多斯市财政局", "盟财政局"):
        assert banner.resolve(other).unit is None, other
    league = _resolver(
        parse_text(
            "锡林郭勒盟行政公署办公室关于印发重点工作分工方案的通知\n1.推进项目建设。（牵头单位：盟发改委；配合单位：盟财政局）\n"
        )
    )
    assert league.resolve("锡盟财政局").unit == "盟财政局"
    assert league.resolve("兴安盟财政局").unit is None


def test_a_towns_own_plan_is_placed_in_that_town() -> None:
    places = plan_places(None, "泗洲头镇2024年度重点工作计划二季度执行情况", ["乡村振兴办", "综合办"])
    assert places.chain == ("浙江省", "宁波市", "象山县", "泗洲头镇")
    resolver = Resolver(["乡村振兴办", "综合办"], load_directory(), places=places)
    assert resolver.resolve("泗洲头镇乡村振兴办").unit == "乡村振兴办"
    for other in ("西周镇乡村振兴办", "象山县乡村振兴局"):
        assert resolver.resolve(other).unit is None, other


def test_an_autonomous_regions_short_name_before_the_plans_places_is_its_own() -> None:
    places = plan_places("银川市兴庆区人民政府办公室", "兴庆区2018年重点工作", ["区教育局", "区财政局"])
    resolver = Resolver(["区教育局", "区财政局"], load_directory(), places=places)
    assert resolver.resolve("宁夏银川市兴庆区教育局").unit == "区教育局"
    assert resolver.resolve("宁夏教育厅").unit is None


def test_a_prefecture_called_a_region_speaks_as_its_region() -> None:
    resolver = _resolver(
        parse_text(
            "阿克苏地区行政公署办公室关于印发重点工作的通知\n"
            "1.推进项目建设。（牵头单位：地区发改委；配合单位：地区财政局、地委组织部）\n"
        )
    )
    for typed in ("阿克苏地区财政局", "财政局", "新疆阿克苏地区财政局"):
        assert resolver.resolve(typed).unit == "地区财政局", typed
    for other in ("喀什地区财政局", "阿克苏市财政局"):
        assert resolver.resolve(other).unit is None, other


# A district's notice with its numbered paragraphs first and its signature after them, then the attachment's tasks:
# its place is named only in the signature.
SIGNED_LATE = """区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知
各街道办事处、乡人民政府，区人民政府各部门：
2023年区《政府工作报告》确定的主要目标任务责任分解方案已报经区人民政府同意，现印发给你们，并就有关事项通知如下：
一、各责任单位要高度重视，切实加强领导。
二、区绩效考评机构要将主要目标任务纳入年度考核。
蔡甸区人民政府办公室
2023年1月3日
附件
2023年区《政府工作报告》确定的主要目标任务责任分解方案
一、2023年全区经济社会发展的主要预期目标
（一）地区生产总值增长7%以上
责任单位：区发展和改革局
（二）规上工业增加值增长12%以上
责任单位：区科技和经信局
"""


def test_a_notice_signed_after_its_numbered_paragraphs_names_the_plans_place() -> None:
    plan = parse_text(SIGNED_LATE)
    assert plan.issuer == "蔡甸区人民政府办公室"
    assert plan_places(plan.issuer, plan.title, plan.units).chain == ("湖北省", "武汉市", "蔡甸区")
    resolver = _resolver(plan)
    assert resolver.resolve("蔡甸区发展和改革局").unit == "区发展和改革局"
    assert resolver.resolve("蔡甸区科技和经济信息化局").unit == "区科技和经信局"
    assert resolver.resolve("黄陂区发改局").unit is None  # a sibling district's
    assert resolver.resolve("武汉市发展和改革委员会").unit is None  # the city's


def test_a_development_zone_named_by_its_city_in_short_places_a_plan_that_names_no_place() -> None:
    units = ["市发改委", "市财政局", "市经信局", "各县（市、区）政府", "丽水开发区管委会"]
    places = plan_places(None, "市政府工作报告重点工作责任分解（2023年）", units)
    assert places.chain == ("浙江省", "丽水市")
    resolver = Resolver(units, load_directory(), places=places)
    assert resolver.resolve("丽水市发展和改革委员会").unit == "市发改委"
    assert resolver.resolve("衢州市财政局").unit is None
    assert resolver.resolve("莲都区发改委").unit is None


def test_a_zone_the_gazetteer_lists_under_the_plans_city_is_the_plans_own() -> None:
    """The gazetteer lists 滁州经济技术开发区 as a division under 滁州市: its 管委会 typed in full is the plan's 滁州经开区管委会,
    while a county of that city, and an organ inside the zone, are none of the plan's units."""
    units = ["市发展改革委", "市经信局", "滁州经开区管委会", "各县、市、区政府", "市财政局"]
    resolver = Resolver(units, load_directory(), places=plan_places("滁州市人民政府", None, units))
    assert resolver.resolve("滁州经济技术开发区管委会").unit == "滁州经开区管委会"
    assert resolver.resolve("滁州经开区财政局").unit is None
    assert resolver.resolve("来安县发改委").unit is None


def test_a_town_among_a_countys_units_places_a_plan_that_names_no_place() -> None:
    """A county's notice names no place but lists one of its towns (隽水镇) among its units: the plan is of the county the
    gazetteer puts that town in; a bare 开发区 (a township's name somewhere too) says nothing."""
    units = ["开发区", "城管执法局", "市场监督管理局", "商务局", "隽水镇", "教育局", "县融媒体中心"]
    places = plan_places(None, "关于开展2020年度文明城市创建氛围宣传的紧急通知", units)
    assert places.chain == ("湖北省", "咸宁市", "通城县")
    resolver = Resolver(units, load_directory(), places=places)
    assert resolver.resolve("通城县城管执法局").unit == "城管执法局"
    assert resolver.resolve("崇阳县教育局").unit is None


def test_a_news_pages_sentence_naming_who_issued_the_plan_places_it_and_a_cited_office_does_not() -> None:
    said = """2024年政府工作报告重点工作责任分解
近日，浙江省人民政府办公厅印发2024年政府工作报告重点工作责任分解的通知。
1.扩大有效投资。（牵头单位：省发展改革委；责任单位：省财政厅、省经信厅）
2.稳外贸。（牵头单位：省商务厅）
"""
    plan = parse_text(said)
    assert plan.issuer == "浙江省人民政府办公厅"
    resolver = _resolver(plan)
    assert resolver.resolve("浙江省财政厅").unit == "省财政厅"
    assert resolver.resolve("浙江省经济和信息化厅").unit == "省经信厅"
    assert resolver.resolve("江苏省财政厅").unit is None
    cited = said.replace("近日，浙江省人民政府办公厅印发", "根据浙江省人民政府办公厅印发的")
    assert parse_text(cited).issuer is None


def test_a_countys_zone_named_by_the_county_in_short_places_a_plan_that_names_no_place() -> None:
    units = ["县发改局", "各镇人民政府", "县财政局", "县税务局", "嘉鱼经济开发区", "县科经局"]
    places = plan_places(None, "县《政府工作报告》确定的2021年重点工作责任分解", units)
    assert places.chain == ("湖北省", "咸宁市", "嘉鱼县")
    resolver = Resolver(units, load_directory(), places=places)
    assert resolver.resolve("嘉鱼县税务局").unit == "县税务局"
    assert resolver.resolve("赤壁市发改局").unit is None
    assert resolver.resolve("咸宁市财政局").unit is None
