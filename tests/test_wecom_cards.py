"""WeCom as a first-class platform (issue 16): choices as template cards whose clicks come back as
template_card_event callbacks, numbered text only where no card can be sent; the address book followed
(departments mapped to units by the office, change_contact events, the daily sync); unit group chats
(appchat) for reminders and broadcasts. Real wechatpy crypto against the fake WeCom server."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlmodel import Session, select

from bot.adapters.wecom import AddressBook, WeComMessenger, build_wecom, create_group
from schedules.outbox import Sender, enqueue
from storage import address_book, dialogs, members
from storage.models import ChatBinding, Member, OfficeAction, Report, Unit
from tests.fakes.wecom_api import contact_xml
from tests.test_wecom import OFFICE, STAFF, WeComRun, context, join, wecom_duban


async def card(run: WeComRun, user: str, count: int, timeout: float = 10) -> dict:  # type: ignore[type-arg]
    """Wait for the `count`-th template card to a user."""
    for _ in range(int(timeout / 0.05)):
        cards = [m for m in run.fake.sent if m.get("touser") == user and m.get("msgtype") == "template_card"]
        if len(cards) >= count:
            return cards[count - 1]["template_card"]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no card {count} for {user}; sent: {run.fake.sent[-3:]}")


def count_cards(run: WeComRun, user: str) -> int:
    return len([m for m in run.fake.sent if m.get("touser") == user and m.get("msgtype") == "template_card"])


async def test_a_guided_report_by_pressing_card_buttons(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        await join(run, STAFF, "统计局")
        await run.say(STAFF, "汇报进展")  # a task is chosen by its number: words, not a card
        await run.post(STAFF, "19")
        asked = await card(run, STAFF, 1)
        assert asked["main_title"]["title"] == "第19条 加强行政监督" and "进展" in asked["sub_title_text"]
        assert [b["text"] for b in asked["button_list"]] == ["未开始", "推进中", "已完成", "遇到困难", "取消"]
        before = len(run.fake.texts(STAFF))
        assert await run.post_xml(run.fake.click(STAFF, asked, "推进中")) == 200
        assert "说明进展" in await run.answer(STAFF, before)
        assert run.fake.updates[-1]["button"]["replace_name"] == "已选择：推进中"  # pressed once, settled
        await run.post(STAFF, "健全了统计监督制度")  # typed, though the card offers 跳过
        evidence = await card(run, STAFF, 3)
        assert "照片或文件" in evidence["main_title"]["title"] + evidence.get("sub_title_text", "")
        await run.post_xml(run.fake.click(STAFF, evidence, "跳过"))
        confirm = await card(run, STAFF, 4)
        assert "确认提交" in [b["text"] for b in confirm["button_list"]]
        before = len(run.fake.texts(STAFF))
        await run.post_xml(run.fake.click(STAFF, confirm, "确认提交"))
        assert "已保存" in await run.answer(STAFF, before)
        with Session(context(run).store.engine) as session:
            [report] = session.exec(select(Report)).all()
        assert (report.status, report.text) == ("in_progress", "健全了统计监督制度")
        assert len({(await card(run, STAFF, i))["task_id"] for i in (1, 2, 3, 4)}) == 4  # never reused


async def test_no_card_where_none_can_be_sent(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        run.fake.refuse_cards = True  # a private deployment without template cards
        await run.say(OFFICE, "/whoami")  # the office has written to the app: requests can reach it
        asked = await run.say("lisi", "我是统计局的")
        assert "您是指“区统计局”吗？" in asked and "1. 是" in asked  # the refused card's choices, numbered
        assert count_cards(run, "lisi") == 0
        await run.say("lisi", "1")
        await wait_until(lambda: any("申请绑定到“区统计局”" in t and "1. 通过" in t for t in run.fake.texts(OFFICE)))


async def test_seven_choices_go_as_numbered_text(tmp_path: Path) -> None:
    from core.messages import Button, Reply

    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        ctx = context(run)
        messenger = ctx.delivery.messengers["wecom"]  # type: ignore[attr-defined]
        assert isinstance(messenger, WeComMessenger)
        many = Reply("选一个", buttons=Reply.rows([Button(str(i), f"x:{i}") for i in range(7)]))
        await messenger.send("lisi", many)
        assert "7. 6" in run.fake.texts("lisi")[-1] and count_cards(run, "lisi") == 0


async def wait_until(check, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(timeout / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


def unit_of(run: WeComRun, user: str) -> str | None:
    with Session(context(run).store.engine) as session:
        person = session.exec(select(Member).where(Member.platform == "wecom", Member.user_id == user)).first()
        unit = session.get(Unit, person.unit_id) if person and person.unit_id else None
        return unit.name if unit else None


def map_department(run: WeComRun, department: int, unit: str) -> None:
    with Session(context(run).store.engine) as session:
        found = members.unit_by_name(session, unit)
        address_book.set_mapping(session, "wecom", str(department), run.fake.department_names[department], found, "t")
        session.commit()


async def test_members_follow_the_address_book(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        run.fake.department_names.update({7: "统计科", 8: "审计科", 9: "食堂"})
        map_department(run, 7, "区统计局")
        map_department(run, 8, "区审计局")
        await run.post_xml(contact_xml("create_user", "lisi", [7]))
        await wait_until(lambda: unit_of(run, "lisi") == "区统计局")
        await wait_until(lambda: any("通讯录" in t and "区统计局" in t for t in run.fake.texts("lisi")))
        await run.post_xml(contact_xml("update_user", "lisi", [8]))  # moved to another department
        await wait_until(lambda: unit_of(run, "lisi") == "区审计局")
        await wait_until(lambda: any("区审计局" in t for t in run.fake.texts("lisi")))  # its notice has gone out
        await run.post_xml(contact_xml("update_user", "lisi", [9]))  # an unmapped department says nothing
        await run.post_xml(contact_xml("update_user", "lisi", [7, 8]))  # two units: never guessed
        await wait_until(lambda: len(run.fake.texts("lisi")) == 2)  # told of the move to 区审计局
        await asyncio.sleep(0.5)
        assert unit_of(run, "lisi") == "区审计局"
        told = len(run.fake.texts("lisi"))
        await run.post_xml(contact_xml("delete_user", "lisi"))
        await wait_until(lambda: unit_of(run, "lisi") is None)
        await asyncio.sleep(0.3)
        assert len(run.fake.texts("lisi")) == told, run.fake.texts("lisi")  # nobody writes to a member who has left
        with Session(context(run).store.engine) as session:
            traced = session.exec(select(OfficeAction).where(OfficeAction.action == "address_book")).all()
        assert len(traced) == 3  # bound, moved, left


async def test_the_daily_sync_catches_missed_changes(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        run.fake.department_names.update({7: "统计科"})
        run.fake.members.update({"wang": [7], "zhao": [7]})
        map_department(run, 7, "区统计局")
        ctx = context(run)
        with Session(ctx.store.engine) as session:  # bound long ago, since gone from the address book
            unit = members.unit_by_name(session, "区司法局")
            session.add(Member(platform="wecom", user_id="gone", chat_id="gone", unit_id=unit.id))  # type: ignore[union-attr]
            session.commit()
        book = AddressBook(ctx, ctx.delivery.messengers["wecom"])  # type: ignore[attr-defined]
        moved, left = await asyncio.to_thread(book.sync)
        assert (moved, left) == (2, 1)
        assert unit_of(run, "wang") == unit_of(run, "zhao") == "区统计局" and unit_of(run, "gone") is None
        assert await asyncio.to_thread(book.sync) == (0, 0)  # nothing new the second time


async def test_a_units_group_gets_its_reminders_and_broadcasts(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        ctx = context(run)
        callback = build_wecom(ctx)
        with Session(ctx.store.engine) as session:
            unit = members.unit_by_name(session, "区统计局")
        chat = await asyncio.to_thread(create_group, ctx, callback.messenger.client, unit, "wang", ["zhao", "qian"])
        assert run.fake.chats[chat.removeprefix("appchat:")]["userlist"] == ["wang", "zhao", "qian"]
        with Session(ctx.store.engine) as session:
            assert session.exec(select(ChatBinding).where(ChatBinding.chat_id == chat)).one().unit_id == unit.id  # type: ignore[union-attr]
        from handlers.common import forget_people
        from schedules.broadcasts import recipients

        forget_people(ctx)
        view = ctx.store.view()
        with Session(ctx.store.engine) as session:
            to = recipients(view, session, ["区统计局"])  # type: ignore[arg-type]
            assert ("wecom", chat) in to
            enqueue(session, text="周五前报送年度报告", recipients=to)
            session.commit()
        await Sender(ctx).drain(timeout=30)
        [sent] = run.fake.chat_sent
        assert sent["chatid"] == chat.removeprefix("appchat:") and sent["text"]["content"] == "周五前报送年度报告"


async def test_a_reply_to_the_office_goes_through_the_outbox(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        await run.say(OFFICE, "/whoami")
        await run.say("lisi", "我是统计局的")
        await run.say("lisi", "1")
        await wait_until(lambda: any("申请绑定到“区统计局”" in t for t in run.fake.texts(OFFICE)))
        with Session(context(run).store.engine) as session:
            from storage.models import Delivery

            queued = session.exec(select(Delivery).where(Delivery.chat_id == OFFICE)).all()
        assert queued and all(d.status == "sent" for d in queued)  # through the outbox, delivered


async def test_the_office_maps_departments_in_the_console(tmp_path: Path) -> None:
    import re as regex

    import aiohttp

    from core.signin import Holder, make_link
    from storage.keyvalue import SharedValues

    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        run.fake.department_names.update({7: "统计科", 8: "区审计局"})
        run.fake.members.update({"wang": [7]})
        ctx = context(run)
        link = make_link(SharedValues(ctx.store.engine), run.settings, Holder("督查室"))
        base = run.url.split("/wecom/")[0]
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(link) as response:
                assert response.status == 200
            async with http.get(f"{base}/desk/address-book") as response:
                listing = await response.text()
            assert "统计科" in listing and "区审计局" in listing
            token = regex.search(r'name="csrf" value="([^"]+)"', listing).group(1)  # type: ignore[union-attr]
            form = {"csrf": token, "department": "7", "name": "统计科", "unit": "区统计局"}
            async with http.post(f"{base}/desk/address-book/map", data=form) as response:
                assert "统计科 → 区统计局" in await response.text()
            async with http.post(f"{base}/desk/address-book/sync", data={"csrf": token}) as response:
                assert "1 人按部门绑定" in await response.text()
        assert unit_of(run, "wang") == "区统计局"
        with Session(ctx.store.engine) as session:
            traced = session.exec(select(OfficeAction).where(OfficeAction.action == "department")).one()
        assert traced.via == "web" and "统计科" in traced.detail


async def test_a_card_wecom_refuses_for_now_follows_its_text_without_repeating_it(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path, wecom_cards=True, outbox_backoff_seconds=0.2) as run:
        await join(run, STAFF, "统计局")
        run.fake.busy_cards = 1  # the card after the summary is answered 45009 once
        account = "健全了统计监督制度，开展了执法检查。" * 8  # too long for the card: the summary goes before it
        await run.post(STAFF, f"19 推进中 {account}")
        confirm = await card(run, STAFF, 1)  # sent again through the outbox, without the text before it
        assert "确认提交" in [b["text"] for b in confirm["button_list"]]
        await asyncio.sleep(0.5)
        summaries = [t for t in run.fake.texts(STAFF) if account in t]
        assert len(summaries) == 1, summaries


async def test_one_malformed_card_does_not_turn_cards_off_for_everyone(tmp_path: Path) -> None:
    from core.messages import Button, Reply

    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        ctx = context(run)
        messenger = ctx.delivery.messengers["wecom"]  # type: ignore[attr-defined]
        twice = Reply("选一个", buttons=Reply.rows([Button("是", "x:1"), Button("对", "x:1")]))  # one key twice
        await messenger.send("lisi", twice)
        assert "1. 是" in run.fake.texts("lisi")[-1] and count_cards(run, "lisi") == 0  # numbered, this once
        await messenger.send("wangwu", Reply("选一个", buttons=Reply.rows([Button("是", "y:1"), Button("否", "y:0")])))
        assert count_cards(run, "wangwu") == 1  # the next member still gets a card


def _sent_code(run: WeComRun, card: dict) -> str:  # type: ignore[type-arg]
    """The response_code WeCom answered the card's send with (the fake keeps every code it issued)."""
    return next(
        code
        for code, (task, users, _) in run.fake.response_codes.items()
        if task == card["task_id"] and users == run.fake.recipients[task]
    )


async def _binding_request(run: WeComRun, user: str, count: int) -> dict:  # type: ignore[type-arg]
    """A member asks to join 区统计局 by pressing 是: the office's `count`-th card, 通过 / 拒绝, once Duban
    has kept it with the code WeCom sent it with (a person sees a card only after its send is answered; a
    test could otherwise press it in between)."""
    await run.say(user, "我是统计局的")
    await run.post_xml(run.fake.click(user, await card(run, user, 1), "是"))
    request = await card(run, OFFICE, count)
    await wait_until(lambda: _kept_code(run, OFFICE, request["task_id"]) == _sent_code(run, request))
    return request


def _kept_code(run: WeComRun, user: str, task_id: str) -> str | None:
    """The code Duban keeps for a member's card, to update it when the click's own code is refused."""
    with Session(context(run).store.engine) as session:
        kept = dialogs.pressed_card(session, "wecom", user, user, task_id, context(run).now())
        return kept.code if kept else None


async def test_a_pressed_card_says_what_was_done_with_the_clicks_own_code(tmp_path: Path) -> None:
    from tests.fakes.wecom_api import AGENT_ID

    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        await run.say(OFFICE, "/whoami")
        request = await _binding_request(run, "lisi", 1)
        assert [b["text"] for b in request["button_list"]] == ["通过", "拒绝"]
        sent = _sent_code(run, request)
        await run.post_xml(run.fake.click(OFFICE, request, "通过"))
        await wait_until(lambda: any("管理员已确认" in t for t in run.fake.texts("lisi")))
        await wait_until(lambda: any(u["button"]["replace_name"] == "已通过" for u in run.fake.updates))
        [update] = [u for u in run.fake.updates if u["button"]["replace_name"] == "已通过"]
        assert update["userids"] == [OFFICE] and update["agentid"] == AGENT_ID
        assert update["response_code"] != sent and sent in run.fake.response_codes  # the click's, once
        assert run.fake.refused_updates == []


async def test_a_card_update_wecom_refuses_falls_back_once_and_never_stops_the_answer(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path, wecom_cards=True) as run:
        await run.say(OFFICE, "/whoami")
        first = await _binding_request(run, "lisi", 1)
        sent = _sent_code(run, first)
        click = run.fake.click(OFFICE, first, "通过")
        spent = max(run.fake.response_codes, key=lambda c: run.fake.response_codes[c][2])
        run.fake.response_codes.pop(spent)  # the click's code is refused (used, say): the send's code is left
        await run.post_xml(click)
        await wait_until(lambda: any("管理员已确认" in t for t in run.fake.texts("lisi")))
        await wait_until(lambda: len(run.fake.updates) == 2)  # lisi's 是, then the office's card
        assert (
            run.fake.updates[-1]["response_code"] == sent and run.fake.updates[-1]["button"]["replace_name"] == "已通过"
        )

        second = await _binding_request(run, "wangwu", 2)
        run.fake.later = 73 * 3600  # three days on: the send's code is past its 72 hours
        click = run.fake.click(OFFICE, second, "拒绝")
        spent = max(run.fake.response_codes, key=lambda c: run.fake.response_codes[c][2])
        run.fake.response_codes.pop(spent)
        updates = len(run.fake.updates)
        await run.post_xml(click)
        await wait_until(lambda: any("拒绝" in t or "未通过" in t for t in run.fake.texts("wangwu")[1:]))
        await asyncio.sleep(0.3)
        assert len(run.fake.updates) == updates  # nothing WeCom would take: no update, and the answer went out
        refused = [why.split(": ")[-1] for _, why in run.fake.refused_updates]
        assert refused == ["unknown or used", "unknown or used", "older than 72 hours"]  # each code tried once


async def test_the_fake_refuses_what_wecoms_documentation_says_wecom_refuses() -> None:
    """The fake these tests press cards on keeps WeCom's documented rules (tests/fakes/wecom_api.py)."""
    import aiohttp

    from tests.fakes.wecom_api import AGENT_ID, CORP_ID, SECRET, FakeWeCom

    fake = FakeWeCom()
    await fake.start()
    try:
        async with aiohttp.ClientSession() as http:
            got = await http.get(fake.url + "gettoken", params={"corpid": CORP_ID, "corpsecret": SECRET})
            token = (await got.json())["access_token"]

            async def call(path: str, body: dict) -> dict:  # type: ignore[type-arg]
                async with http.post(fake.url + path, params={"access_token": token}, json=body) as response:
                    return await response.json()  # type: ignore[no-any-return]

            def card(task: str, keys: list[str]) -> dict:  # type: ignore[type-arg]
                buttons = [{"text": f"选项{i}", "key": key} for i, key in enumerate(keys)]
                body = {"card_type": "button_interaction", "task_id": task, "main_title": {"title": "请选择"}}
                return {"touser": "a|b", "msgtype": "template_card", "agentid": AGENT_ID,
                        "template_card": {**body, "button_list": buttons}}  # fmt: skip

            assert (await call("message/send", card("t1", ["k" * 1025])))["errcode"] == 40058  # key over 1,024 bytes
            assert (await call("message/send", card("t1", ["a", "a"])))["errcode"] == 40058  # keys unique
            assert (await call("message/send", card("t1", [str(i) for i in range(7)])))["errcode"] == 40058  # 1-6
            assert (await call("message/send", {**card("t1", ["a"]), "agentid": 7}))["errcode"] == 40056
            sent = await call("message/send", card("t1", ["键" * 341, "b"]))  # 1,023 bytes: taken
            assert sent["errcode"] == 0 and sent["response_code"]
            assert (await call("message/send", card("t1", ["c"])))["errcode"] == 40058  # a task_id is never reused

            update = {"userids": ["a"], "agentid": AGENT_ID, "response_code": sent["response_code"]}
            update["button"] = {"replace_name": "已处理"}
            path = "message/update_template_card"
            assert (await call(path, {**update, "agentid": 7}))["errcode"] == 40056
            assert (await call(path, {**update, "userids": ["c"]}))["errcode"] == 81013  # not a recipient
            fake.later = 72 * 3600 + 1
            assert (await call(path, update))["errcode"] == 40058  # past its 72 hours
            fake.later = 0
            assert (await call(path, update))["errcode"] == 0
            assert (await call(path, update))["errcode"] == 40058  # once only
    finally:
        await fake.stop()
